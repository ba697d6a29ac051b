"""Typed records produced by the index stage."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class SourceFile:
    """A source file as indexed: name, content hash and size in bytes."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` of an index folder records (see ``index.store``)."""

    format_version: int
    package_version: str
    embedder: str
    dim: int
    chunk_settings: dict  # dataclasses.asdict(ChunkSettings)
    sources: tuple[SourceFile, ...]
    counts: dict  # documents, pages, first_page, last_page, sections, figures, footnotes, chunks
    lexical: dict  # bm25 and tokenizer settings
    built_at: str  # UTC, ISO 8601

    def to_dict(self) -> dict:
        d = asdict(self)
        d["sources"] = [asdict(s) for s in self.sources]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Manifest":
        return cls(
            format_version=d["format_version"], package_version=d["package_version"],
            embedder=d["embedder"], dim=d["dim"], chunk_settings=dict(d["chunk_settings"]),
            sources=tuple(SourceFile(**s) for s in d["sources"]), counts=dict(d["counts"]),
            lexical=dict(d["lexical"]), built_at=d["built_at"],
        )


@dataclass(frozen=True)
class IngestReport:
    """What one ``index.ingest()`` run did. ``errors`` holds (file, reason) per failed file."""

    pages: int
    first_page: int
    last_page: int
    sections: int
    figures: int
    footnotes: int
    chunks: int
    embedder: str
    seconds: float
    skipped: bool
    embedded: int  # distinct texts newly embedded (not found in the cache)
    index_path: Path | str  # the folder, or the database (without its password)
    documents: int = 1
    errors: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        d["errors"] = [list(e) for e in self.errors]
        d["index_path"] = str(self.index_path)
        return d
