"""Dense index: FAISS inner product over L2-normalised vectors (= cosine similarity)."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from kunnskap.errors import IndexLoadError, UsageError


class DenseIndex:
    """An exact ``IndexFlatIP``; row i is chunk i."""

    def __init__(self, index: faiss.Index):
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> "DenseIndex":
        """Index an ``(n, dim)`` array of normalised vectors."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] == 0:
            raise UsageError(f"vectors must be a 2-D (n, dim) array, got shape {vectors.shape}")
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def vectors(self) -> np.ndarray:
        """All stored vectors as an ``(n, dim)`` array."""
        return self._index.reconstruct_n(0, len(self))

    def search(self, qvec: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (positions, cosine scores) of the ``k`` nearest rows, best first."""
        q = np.ascontiguousarray(qvec, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.dim:
            raise UsageError(f"query vector has dimension {q.shape[1]}, the index {self.dim}; "
                             "embed the query with the embedder the index was built with")
        k = min(k, len(self))
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores, ids = self._index.search(q, k)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        """Read a FAISS file; a missing, truncated or foreign file raises IndexLoadError."""
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
            raise IndexLoadError(f"the FAISS file {path} is unreadable or truncated "
                                 f"({first})") from exc
        return cls(index)
