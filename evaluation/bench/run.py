"""`kunnskap bench`: measure ingest, load, cold start, warm latency, memory, scaling, the naive
stack and the UI on this machine, all inside a temporary KUNNSKAP_HOME.

Example:
    >>> from evaluation.bench.run import BenchSettings, run_bench
    >>> result = run_bench(BenchSettings.make(quick=True), out=Path("docs/BENCHMARKS.md"))
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from evaluation.bench import sections
from evaluation.bench.settings import BenchSettings
from evaluation.bench.stats import machine_info

__all__ = ["BenchSettings", "run_bench", "SECTIONS"]

SECTIONS = ("ingest", "load", "cold_start", "warm", "quality", "memory", "scaling", "naive",
            "ratios", "ui")


def run_bench(settings: BenchSettings, out: Path | None = None, json_path: Path | None = None,
              log: Callable[[str], None] | None = None) -> dict:
    """Run every section and write the Markdown report (``out``) and JSON (``json_path``).

    Returns the result dict that the JSON holds. The user's data folder is never touched: the
    bench works in a temporary KUNNSKAP_HOME that is removed afterwards.
    """
    from evaluation.bench.report import render_markdown, write_json

    log = log or (lambda msg: print(f"bench: {msg}", file=sys.stderr, flush=True))
    started = time.perf_counter()
    result = {"generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "settings": settings.to_dict(), "machine": machine_info()}
    work = Path(tempfile.mkdtemp(prefix="kunnskap-bench-"))
    old_home = os.environ.get("KUNNSKAP_HOME")
    try:
        ctx = sections.Context(settings=settings, work=work, log=log)
        result["ingest"] = sections.ingest(ctx)
        os.environ["KUNNSKAP_HOME"] = str(ctx.home)  # everything below reads the temp home
        sections.prepare_main_index(ctx)
        result["load"] = sections.load(ctx)
        result["cold_start"] = sections.cold_start(ctx)
        result["warm"] = sections.warm(ctx)
        result["quality"] = sections.quality(ctx)
        result["scaling"] = sections.scaling(ctx, result["warm"])
        result["naive"] = sections.naive(ctx)
        result["ui"] = sections.ui(ctx)
        result["memory"] = sections.memory(result)
        result["ratios"] = sections.ratios(result)
    finally:
        if old_home is None:
            os.environ.pop("KUNNSKAP_HOME", None)
        else:
            os.environ["KUNNSKAP_HOME"] = old_home
        shutil.rmtree(work, ignore_errors=True)
    result["machine"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    if json_path is not None:
        write_json(result, Path(json_path))
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(render_markdown(result), encoding="utf-8")
    log(f"done in {result['bench_seconds']:.0f} s")
    return result
