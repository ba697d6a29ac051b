"""Embedding cache keyed by sha256(embedder id + text), as plain files.

Layout: ``embedding_cache_dir()/<embedder slug>/<shard>.npy`` (vectors, saved without pickle)
next to ``<shard>.json`` (the list of keys, row by row). Each ``put`` writes one new shard via
a temporary file and an atomic rename, so two processes can write at the same time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.embedders.base import Embedder, ProgressCallback
from kunnskap import paths


def text_key(embedder_id: str, text: str) -> str:
    """The cache key of ``text`` for one embedder."""
    return hashlib.sha256(f"{embedder_id}\0{text}".encode()).hexdigest()


def slug(embedder_id: str) -> str:
    """A folder name for an embedder id (readable part + short hash)."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id).strip("_")[-60:]
    return f"{readable}-{hashlib.sha256(embedder_id.encode()).hexdigest()[:8]}"


class EmbeddingCache:
    """Vectors of one embedder, read from and added to its cache folder."""

    def __init__(self, embedder_id: str, dim: int, root: Path | None = None):
        self.embedder_id, self.dim = embedder_id, dim
        self.folder = (root or paths.embedding_cache_dir()) / slug(embedder_id)
        self._vectors: dict[str, np.ndarray] = {}
        self._loaded: set[str] = set()

    def _refresh(self) -> None:
        """Read shards written since the last call (also by other processes)."""
        if not self.folder.is_dir():
            return
        for keys_file in sorted(self.folder.glob("*.json")):
            shard = keys_file.stem
            if shard in self._loaded:
                continue
            try:
                keys = json.loads(keys_file.read_text(encoding="utf-8"))
                vecs = np.load(keys_file.with_suffix(".npy"), allow_pickle=False)
            except (OSError, ValueError):
                continue  # a half-visible or damaged shard: ignore it, the texts get re-embedded
            if vecs.ndim == 2 and vecs.shape == (len(keys), self.dim):
                self._vectors.update(zip(keys, vecs.astype(np.float32)))
            self._loaded.add(shard)

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors of the given texts, by text (missing texts are left out)."""
        self._refresh()
        found = {}
        for t in texts:
            v = self._vectors.get(text_key(self.embedder_id, t))
            if v is not None:
                found[t] = v
        return found

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors of ``texts`` as one new shard."""
        if len(texts) == 0:
            return
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(texts), self.dim):
            raise ValueError(f"expected vectors of shape ({len(texts)}, {self.dim}), "
                             f"got {vectors.shape}")
        keys = [text_key(self.embedder_id, t) for t in texts]
        shard = hashlib.sha256("".join(keys).encode()).hexdigest()[:24]
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = f".tmp-{os.getpid()}-{uuid.uuid4().hex}"
        npy_tmp = self.folder / f"{shard}{tmp}.npy"
        json_tmp = self.folder / f"{shard}{tmp}.json.part"
        try:
            np.save(npy_tmp, vectors, allow_pickle=False)
            json_tmp.write_text(json.dumps(keys), encoding="utf-8")
            # vectors first: a reader only looks at shards whose .json exists
            os.replace(npy_tmp, self.folder / f"{shard}.npy")
            os.replace(json_tmp, self.folder / f"{shard}.json")
        finally:
            npy_tmp.unlink(missing_ok=True)
            json_tmp.unlink(missing_ok=True)
        self._vectors.update(zip(keys, vectors))
        self._loaded.add(shard)


def embed_cached(embedder: Embedder, texts: Sequence[str],
                 progress: bool | ProgressCallback = False,
                 cache: EmbeddingCache | None = None) -> tuple[np.ndarray, int]:
    """Embed passages through the cache.

    Returns the ``(n, dim)`` vectors and how many distinct texts were newly embedded.
    """
    cache = cache or EmbeddingCache(embedder.id, embedder.dim)
    texts = list(texts)
    known = cache.get(texts)
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        fresh = embedder.embed_passages(missing, progress=progress)
        cache.put(missing, fresh)
        known.update(zip(missing, fresh))
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = known[t]
    return out, len(missing)
