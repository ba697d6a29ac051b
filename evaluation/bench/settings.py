"""How much ``kunnskap bench`` measures: repeats, queries, scales, and the dev set and corpus it uses."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from kunnskap.errors import UsageError
from kunnskap.paths import DEFAULT_CORPUS, DEFAULT_TESTSET


@dataclass(frozen=True)
class BenchSettings:
    """How much to measure. ``make()`` fills in the full or the quick defaults."""

    repeats: int = 3  # runs per timed figure (processes, loads, query passes)
    ingest_repeats: int = 3  # cold/unchanged/changed ingest cycles (each ~20-40 s)
    queries: int = 200  # queries per warm-latency pass
    scales: tuple[int, ...] = (10, 100)
    postgres_scales: tuple[int, ...] = (1, 100, 1000)  # 171, 17,100 and 171,000 chunks, both stores
    database_url: str | None = None  # the PostgreSQL store's database (else a temporary pgserver)
    only: str | None = None  # "postgres": only the PostgreSQL section (and what it needs)
    changed_chunk_size: int = 600  # chunk size of the «after a chunk-size change» ingest
    quick: bool = False
    devset: Path = DEFAULT_TESTSET
    corpus: Path = DEFAULT_CORPUS
    ui_question: str = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
    ui_expect: str = "129 874"
    profile_asks: int = 40  # answers profiled when the p50 misses the 50 ms goal

    @classmethod
    def make(cls, quick: bool = False, repeats: int | None = None,
             queries: int | None = None, **kw) -> "BenchSettings":
        """Full defaults, or quick ones (fewer repeats and queries, no 100×) for tests."""
        base = dict(repeats=2, ingest_repeats=1, queries=40, scales=(10,), quick=True,
                    profile_asks=10, postgres_scales=(1, 10)) if quick else {}
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
                             "hit@5 (it ships as testsets/devset.jsonl).")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["devset"], d["corpus"] = str(self.devset), str(self.corpus)
        d["scales"] = list(self.scales)
        d["postgres_scales"] = list(self.postgres_scales)
        d["database_url"] = None if self.database_url is None else "(given)"
        return d
