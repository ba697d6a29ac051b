"""Grow a loaded index with synthetic chunks, to show how query cost scales with corpus size.

Synthetic texts are real chunk texts recombined: the words of two random real chunks, a window of
a real chunk's length, with about a tenth of the words dropped. So BM25 sees the report's
vocabulary and term statistics. Synthetic vectors are random unit vectors of the index's
dimension (nothing is embedded); a flat FAISS search costs the same whatever the vectors hold.
Queries are still embedded by the real model.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.store import Index

SEED = 20230101


def synthetic_texts(texts: list[str], count: int, rng: np.random.Generator,
                    pairs: list | None = None) -> list[str]:
    """``count`` texts recombined from ``texts`` (see the module docstring); the two source
    rows of each are appended to ``pairs`` when given."""
    words = [t.split() for t in texts]
    out = []
    for _ in range(count):
        a, b = rng.integers(len(words), size=2)
        if pairs is not None:
            pairs.append((int(a), int(b)))
        pool = words[a] + words[b]
        size = max(1, len(words[a]))
        start = int(rng.integers(max(1, len(pool) - size + 1)))
        window = pool[start:start + size]
        keep = rng.random(len(window)) > 0.1
        out.append(" ".join(w for w, k in zip(window, keep) if k) or window[0])
    return out


def random_unit_vectors(count: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` random float32 rows of norm 1."""
    v = rng.standard_normal((count, dim), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def mixed_vectors(real: np.ndarray, pairs: list, rng: np.random.Generator,
                  noise: float = 0.5) -> np.ndarray:
    """A vector per synthetic text: the mean of its two source chunks' vectors plus random noise,
    normalised. Unlike random vectors these cluster as real ones do, which an approximate index
    (HNSW) needs to be measured fairly."""
    if not pairs:
        return np.empty((0, real.shape[1]), dtype=np.float32)
    a = np.asarray([p[0] for p in pairs], dtype=np.int64)
    b = np.asarray([p[1] for p in pairs], dtype=np.int64)
    v = (real[a] + real[b]) / 2
    v += noise * random_unit_vectors(len(pairs), real.shape[1], rng) * np.linalg.norm(v, axis=1, keepdims=True)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def grow(index: Index, factor: int, seed: int = SEED, mixed: bool = False) -> tuple[Index, dict]:
    """A new in-memory index with ``factor`` times the chunks of ``index``.

    The real chunks keep their vectors and positions; synthetic chunks follow them. Synthetic
    vectors are random unit vectors, or with ``mixed`` the source chunks' vectors mixed.
    Returns the index and a dict of counts and build seconds.
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    rng = np.random.default_rng(seed + factor)
    real = list(index.chunks)
    extra = len(real) * (factor - 1)
    t0 = time.perf_counter()
    pairs: list = []
    texts = synthetic_texts([c.text for c in real], extra, rng, pairs)
    template = real[0]
    chunks = real + [replace(template, id=f"synthetic-{i:06d}", kind="text", text=t,
                             figures=(), notes=())
                     for i, t in enumerate(texts)]
    base = index.dense.vectors()
    vectors = np.vstack([base, mixed_vectors(base, pairs, rng) if mixed
                         else random_unit_vectors(extra, index.dense.dim, rng)])
    t1 = time.perf_counter()
    dense = DenseIndex.build(vectors)
    t2 = time.perf_counter()
    lexical = LexicalIndex.build([c.text for c in chunks])
    t3 = time.perf_counter()
    grown = Index(index.path, index.manifest, chunks, index.documents, dense, lexical, index.sentences)
    return grown, {"chunks": len(chunks), "synthetic": extra, "make_texts_s": t1 - t0,
                   "faiss_build_s": t2 - t1, "bm25_build_s": t3 - t2}
