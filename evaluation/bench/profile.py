"""Where the time of a call goes: cProfile over repeated calls, as rows for the bench report."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable, Sequence

from kunnskap.paths import REPO_ROOT

_OURS = tuple(str(REPO_ROOT / d) for d in ("assistant", "index", "ingest", "evaluation", "kunnskap"))


def _where(file: str, line: int, name: str) -> str:
    if "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    elif file.startswith(str(REPO_ROOT)):
        file = file[len(str(REPO_ROOT)) + 1:]
    return f"{file}:{line} {name}" if line else f"{name}"


def profile_calls(fn: Callable, items: Sequence, top: int = 12) -> dict:
    """Profile ``fn(item)`` for each item; per-call milliseconds of the costliest functions.

    Returns ``{"calls": n, "cumulative": [...], "self": [...]}``: our own functions by cumulative
    time (what each step of the answer costs, callees included), and any functions by self
    time (where the CPU actually is).
    """
    prof = cProfile.Profile()
    prof.enable()
    for item in items:
        fn(item)
    prof.disable()
    stats = pstats.Stats(prof).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    n = max(len(items), 1)
    rows = [{"function": _where(f, ln, name), "ours": f.startswith(_OURS),
             "calls_per_call": round(nc / n, 1), "self_ms": 1000 * tt / n,
             "cumulative_ms": 1000 * ct / n}
            for (f, ln, name), (_cc, nc, tt, ct, _callers) in stats.items()]
    cumulative = sorted((r for r in rows if r["ours"]), key=lambda r: -r["cumulative_ms"])[:top]
    self_time = sorted(rows, key=lambda r: -r["self_ms"])[:top]
    return {"calls": len(items), "cumulative": cumulative, "self": self_time}
