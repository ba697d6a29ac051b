"""Sentence vectors: every sentence of every chunk (text, caption, explaining note) embedded with
the index's embedder, so the answer stage can score sentences by meaning, not only by shared words.

Three plain files beside the chunk vectors: ``sentence_spans.npy`` (int32 rows: chunk row, start,
end; the offsets of ``ingest.sentences.split_sentences`` in the chunk text),
``sentence_vectors.npy`` (float32, one L2-normalised row per sentence, the sentence alone) and
``sentence_context_vectors.npy`` (the same sentence read in its passage, see ``in_passage``). All
are saved without pickle. Texts go through the embedding cache, so unchanged text is never embedded
again.

Two vectors because they answer two questions. Retrieval reranks a passage by its sentence nearest
the query, and there the sentence alone is what should match. The answer stage asks which sentence
answers, and a sentence often names its subject only in the heading or the passage's opening
(«Den regnes som en av verdens største fotballturneringer.»); read in its passage it means what it
says. That reading is the sentence's vector plus its passage's (as search embedded it, after its
heading), so ingest embeds no further text for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.cache import embed_cached
from index.embedders.base import Embedder, ProgressCallback
from ingest.records import Chunk
from ingest.sentences import split_sentences
from kunnskap.errors import IndexLoadError

SPANS, VECTORS, CONTEXT = "sentence_spans.npy", "sentence_vectors.npy", "sentence_context_vectors.npy"


PASSAGE_WEIGHT = 1.0  # the passage beside the sentence; chosen on tune and NorQuAD validation (0.5-2 flat,
# README «Measured choices», twenty-fifth round)


def in_passage(alone: np.ndarray, passages: np.ndarray) -> np.ndarray:
    """Sentences read in their passages: each sentence's vector plus its passage's (row for row) at
    ``PASSAGE_WEIGHT``, L2-normalised. The passage brings the subject a sentence names only in the
    heading or the passage's opening; the sentence keeps its own meaning first."""
    read = alone + PASSAGE_WEIGHT * passages
    norms = np.linalg.norm(read, axis=1, keepdims=True)
    return (read / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def sentence_spans(chunks: Sequence[Chunk]) -> tuple[np.ndarray, list[str]]:
    """Each chunk's sentences: an (n, 3) int32 array (chunk row, start, end) and their texts."""
    spans, texts = [], []
    for row, chunk in enumerate(chunks):
        for s in split_sentences(chunk.text):
            spans.append((row, s.start, s.start + len(s.text)))
            texts.append(s.text)
    return np.asarray(spans, dtype=np.int32).reshape(-1, 3), texts


class SentenceVectors:
    """The sentence vectors of an index, looked up by chunk row."""

    def __init__(self, spans: np.ndarray, vectors: np.ndarray, context: np.ndarray):
        self.spans, self.vectors, self.context = spans, vectors, context
        self._rows: dict[int, tuple[int, int]] = {}
        for i, chunk in enumerate(spans[:, 0].tolist()):
            first, _ = self._rows.get(chunk, (i, i))
            self._rows[chunk] = (first, i + 1)

    def __len__(self) -> int:
        return len(self.spans)

    def of_chunk(self, row: int, in_context: bool = False) -> tuple[tuple[int, ...], np.ndarray]:
        """Start offsets and vectors of the sentences of chunk ``row``, in passage order: each
        sentence alone, or read in its context."""
        a, b = self._rows.get(row, (0, 0))
        return tuple(int(s) for s in self.spans[a:b, 1]), (self.context if in_context else self.vectors)[a:b]

    @classmethod
    def build(cls, chunks: Sequence[Chunk], passages: np.ndarray, embedder: Embedder,
              progress: bool | ProgressCallback = False) -> tuple["SentenceVectors", int]:
        """Split and embed every chunk's sentences (through the cache) and read each in its passage
        (``passages``: the chunks' vectors, row for row); also returns how many distinct sentences
        were newly embedded."""
        spans, texts = sentence_spans(chunks)
        vectors, embedded = embed_cached(embedder, texts, progress=progress)
        vectors = vectors.reshape(-1, embedder.dim)
        return cls(spans, vectors, in_passage(vectors, passages[spans[:, 0]])), embedded

    def save(self, folder: Path) -> None:
        np.save(folder / SPANS, self.spans, allow_pickle=False)
        np.save(folder / VECTORS, self.vectors.astype(np.float32), allow_pickle=False)
        np.save(folder / CONTEXT, self.context.astype(np.float32), allow_pickle=False)

    @classmethod
    def load(cls, folder: Path, n_chunks: int, dim: int) -> "SentenceVectors":
        """Read and check the three files.

        Raises:
            IndexLoadError: a file is missing or unreadable, or they disagree with each other
                or with the chunks (the caller adds how to rebuild).
        """
        try:
            spans = np.load(folder / SPANS, allow_pickle=False)
            vectors = np.load(folder / VECTORS, allow_pickle=False)
            context = np.load(folder / CONTEXT, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise IndexLoadError(f"the sentence vectors are missing or unreadable ({exc})") from exc
        if spans.ndim != 2 or spans.shape[1] != 3 or any(v.ndim != 2 or v.shape[1] != dim
                                                         for v in (vectors, context)):
            raise IndexLoadError(f"the sentence files have shapes {spans.shape}, {vectors.shape} and "
                                 f"{context.shape}; expected (n, 3), (n, {dim}) and (n, {dim})")
        if not len(spans) == len(vectors) == len(context):
            raise IndexLoadError(f"{len(spans)} sentence spans but {len(vectors)} sentence vectors "
                                 f"and {len(context)} in context")
        if len(spans) and (spans[:, 0].min() < 0 or spans[:, 0].max() >= n_chunks
                           or np.any(np.diff(spans[:, 0]) < 0)):
            raise IndexLoadError(f"the sentence spans do not fit the {n_chunks} chunks")
        return cls(spans.astype(np.int32), vectors.astype(np.float32), context.astype(np.float32))
