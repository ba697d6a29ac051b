"""`kunnskap bench`: measure ingest, load, cold start, warm latency, memory, scaling, the naive
stack and the UI on this machine, all inside a temporary KUNNSKAP_HOME.

Example:
    >>> from evaluation.bench import BenchSettings, run_bench
    >>> result = run_bench(BenchSettings.make(quick=True), out=Path("docs/BENCHMARKS.md"))
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from evaluation import bench_sections as sections
from evaluation.bench_stats import machine_info
from kunnskap.errors import UsageError
from kunnskap.paths import DEFAULT_CORPUS, REPO_ROOT

DEVSET = REPO_ROOT / "eval" / "devset.jsonl"
SECTIONS = ("ingest", "load", "cold_start", "warm", "quality", "memory", "scaling", "naive",
            "ratios", "ui")


@dataclass(frozen=True)
class BenchSettings:
    """How much to measure. ``make()`` fills in the full or the quick defaults."""

    repeats: int = 3  # runs per timed figure (processes, loads, query passes)
    ingest_repeats: int = 3  # cold/unchanged/changed ingest cycles (each ~20-40 s)
    queries: int = 200  # queries per warm-latency pass
    scales: tuple[int, ...] = (10, 100)
    changed_chunk_size: int = 600  # chunk size of the «after a chunk-size change» ingest
    quick: bool = False
    devset: Path = DEVSET
    corpus: Path = DEFAULT_CORPUS
    ui_question: str = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
    ui_expect: str = "129 874"
    profile_asks: int = 40  # answers profiled when the p50 misses the 50 ms goal

    @classmethod
    def make(cls, quick: bool = False, repeats: int | None = None,
             queries: int | None = None, **kw) -> "BenchSettings":
        """Full defaults, or quick ones (fewer repeats and queries, no 100×) for tests."""
        base = dict(repeats=2, ingest_repeats=1, queries=40, scales=(10,), quick=True,
                    profile_asks=10) if quick else {}
        if repeats is not None:
            base["repeats"] = repeats
        if queries is not None:
            base["queries"] = queries
        settings = cls(**{**base, **kw})
        settings.check()
        return settings

    def check(self) -> None:
        if self.repeats < 1 or self.ingest_repeats < 1:
            raise UsageError(f"repeats must be at least 1, got {min(self.repeats, self.ingest_repeats)}; "
                             "pass --repeats 1 or more.")
        if self.queries < 1:
            raise UsageError(f"queries must be at least 1, got {self.queries}; pass --queries 200 "
                             "(the default) or more for stable percentiles.")
        if not Path(self.devset).is_file():
            raise UsageError(f"dev set {self.devset} not found; the bench needs it for queries and "
                             "hit@5 (it ships as eval/devset.jsonl).")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["devset"], d["corpus"] = str(self.devset), str(self.corpus)
        d["scales"] = list(self.scales)
        return d


def run_bench(settings: BenchSettings, out: Path | None = None, json_path: Path | None = None,
              log: Callable[[str], None] | None = None) -> dict:
    """Run every section and write the Markdown report (``out``) and JSON (``json_path``).

    Returns the result dict that the JSON holds. The user's data folder is never touched: the
    bench works in a temporary KUNNSKAP_HOME that is removed afterwards.
    """
    from evaluation.bench_report import render_markdown, write_json

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
