"""Helpers of the index tests: hand-made chunks and small indexes with real embeddings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from index import lexical
from index.embedders import get_embedder
from index.records import Manifest, SourceFile
from index.sentences import SentenceVectors, in_passage, sentence_spans
from index.store import FORMAT_VERSION, write_index
from ingest.records import Chunk, ChunkSettings, DocumentInfo
from kunnskap import __version__

REPORT = Path(__file__).resolve().parents[2] / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"

# Sentences copied from the report (pages 9, 12 and 29 of the printed report).
PASSAGES = (
    "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. 29 495 av disse er barn under 18 år.",
    "For de som blir rammet av mobbing er det et alvorlig problem, som kan ha store "
    "konsekvenser senere i livet.",
    "I Bærum bor det 31 050 innvandrere inkludert norskfødte med innvandrerforelder. "
    "Dette utgjør 23,9 prosent av befolkningen.",
    "I 2021 bodde 16,6 prosent av barn i Bærum under 18 år trangt mot 18,5 prosent på landsbasis.",
)


def make_chunks(texts, doc="rapport.txt") -> list[Chunk]:
    return [Chunk(id=f"{doc}#{i}", doc=doc, kind="text", section="4",
                  section_title="Befolkning, demografi og sammensetning", text=t,
                  page_starts=((0, 9 + i),)) for i, t in enumerate(texts)]


def write_small_index(path: Path, texts=PASSAGES, embedder: str = "e5-small", **overrides) -> Path:
    """Write an index of ``texts`` with real embeddings, bypassing the ingest stage."""
    emb = get_embedder(embedder)
    chunks = make_chunks(texts)
    vectors = emb.embed_passages([c.text for c in chunks])
    fields = dict(
        format_version=FORMAT_VERSION, package_version=__version__, embedder=emb.id,
        dim=emb.dim, chunk_settings=dataclasses.asdict(ChunkSettings()),
        sources=(SourceFile("rapport.txt", "0" * 64, 123),),
        counts={"documents": 1, "pages": len(texts), "first_page": 9,
                "last_page": 8 + len(texts), "sections": 1, "figures": 0, "footnotes": 0,
                "chunks": len(chunks)},
        lexical=lexical.settings(), built_at="2024-01-01T00:00:00+00:00")
    fields.update(overrides)
    doc = DocumentInfo("rapport.txt", "0" * 64, 9, 8 + len(texts))
    spans, texts = sentence_spans(chunks)
    alone = emb.embed_passages(texts)
    sentences = SentenceVectors(spans, alone, in_passage(alone, vectors[spans[:, 0]]))
    write_index(path, Manifest(**fields), chunks, [doc], vectors, sentences)
    return path
