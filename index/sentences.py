"""Sentence vectors: every sentence of every chunk (text, caption, explaining note) embedded with
the index's embedder, so the answer stage can score sentences by meaning, not only by shared words.

Two plain files beside the chunk vectors: ``sentence_spans.npy`` (int32 rows: chunk row, start,
end; the offsets of ``ingest.sentences.split_sentences`` in the chunk text) and
``sentence_vectors.npy`` (float32, one L2-normalised row per sentence). Both are saved without
pickle. Sentences go through the embedding cache, so unchanged text is never embedded again.
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

SPANS, VECTORS = "sentence_spans.npy", "sentence_vectors.npy"


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

    def __init__(self, spans: np.ndarray, vectors: np.ndarray):
        self.spans, self.vectors = spans, vectors
        self._rows: dict[int, tuple[int, int]] = {}
        for i, chunk in enumerate(spans[:, 0].tolist()):
            first, _ = self._rows.get(chunk, (i, i))
            self._rows[chunk] = (first, i + 1)

    def __len__(self) -> int:
        return len(self.spans)

    def of_chunk(self, row: int) -> tuple[tuple[int, ...], np.ndarray]:
        """Start offsets and vectors of the sentences of chunk ``row``, in passage order."""
        a, b = self._rows.get(row, (0, 0))
        return tuple(int(s) for s in self.spans[a:b, 1]), self.vectors[a:b]

    @classmethod
    def build(cls, chunks: Sequence[Chunk], embedder: Embedder,
              progress: bool | ProgressCallback = False) -> tuple["SentenceVectors", int]:
        """Split and embed every chunk's sentences (through the cache); also returns how many
        distinct sentences were newly embedded."""
        spans, texts = sentence_spans(chunks)
        vectors, embedded = embed_cached(embedder, texts, progress=progress)
        return cls(spans, vectors.reshape(-1, embedder.dim)), embedded

    def save(self, folder: Path) -> None:
        np.save(folder / SPANS, self.spans, allow_pickle=False)
        np.save(folder / VECTORS, self.vectors.astype(np.float32), allow_pickle=False)

    @classmethod
    def load(cls, folder: Path, n_chunks: int, dim: int) -> "SentenceVectors":
        """Read and check both files.

        Raises:
            IndexLoadError: a file is missing or unreadable, or the two disagree with each other
                or with the chunks (the caller adds how to rebuild).
        """
        try:
            spans = np.load(folder / SPANS, allow_pickle=False)
            vectors = np.load(folder / VECTORS, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise IndexLoadError(f"the sentence vectors are missing or unreadable ({exc})") from exc
        if spans.ndim != 2 or spans.shape[1] != 3 or vectors.ndim != 2 or vectors.shape[1] != dim:
            raise IndexLoadError(f"the sentence files have shapes {spans.shape} and {vectors.shape}; "
                                 f"expected (n, 3) and (n, {dim})")
        if len(spans) != len(vectors):
            raise IndexLoadError(f"{len(spans)} sentence spans but {len(vectors)} sentence vectors")
        if len(spans) and (spans[:, 0].min() < 0 or spans[:, 0].max() >= n_chunks
                           or np.any(np.diff(spans[:, 0]) < 0)):
            raise IndexLoadError(f"the sentence spans do not fit the {n_chunks} chunks")
        return cls(spans.astype(np.int32), vectors.astype(np.float32))
