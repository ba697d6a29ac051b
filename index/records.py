"""Typed records produced by the index stage."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.records import Chunk


@dataclass(frozen=True)
class Hit:
    """One ranked passage: the chunk, its final score and what each retriever said of it.

    ``rank`` is 1-based. ``bm25_rank``/``dense_rank`` are None when that retriever did not
    return the chunk in its candidate list (or was not run).
    """

    chunk: Chunk
    score: float
    rank: int
    bm25_rank: int | None = None
    bm25_score: float | None = None
    dense_rank: int | None = None
    dense_score: float | None = None
