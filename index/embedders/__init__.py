"""Embedders behind one base class, chosen by a stable spec string.

``e5-small`` (default) is bundled and needs numpy only; ``st:<model id or path>`` loads any
sentence-transformers model offline (optional extra).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from index.embedders.base import Embedder, ProgressCallback
from index.embedders.e5 import E5Small
from index.embedders.st import PREFIX as _ST_PREFIX
from index.embedders.st import SentenceTransformerEmbedder
from kunnskap.errors import EmbedderError

DEFAULT_EMBEDDER = "e5-small"

# name -> factory; a name ending in ":" is a prefix that takes an argument.
REGISTRY: dict[str, Callable[[str], Embedder]] = {
    "e5-small": lambda _arg: E5Small(),
    _ST_PREFIX: SentenceTransformerEmbedder,
}
_HELP = {_ST_PREFIX: "st:<model id or path>"}

_INSTANCES: dict[str, Embedder] = {}
_LOCK = threading.Lock()


def embedder_choices() -> list[str]:
    """The valid spec forms, generated from the registry."""
    return [_HELP.get(name, name) for name in REGISTRY]


def get_embedder(spec: str) -> Embedder:
    """Return the (process-wide, shared) embedder for ``spec``.

    Example:
        >>> get_embedder("e5-small").id
        'e5-small'
    Raises:
        EmbedderError: unknown spec; the message lists the valid choices.
    """
    if not isinstance(spec, str):
        raise EmbedderError(f"embedder must be a string, got {type(spec).__name__}; "
                            f"choose one of: {', '.join(embedder_choices())}")
    spec = spec.strip()
    with _LOCK:
        if spec in _INSTANCES:
            return _INSTANCES[spec]
    for name, factory in REGISTRY.items():
        if name.endswith(":") and spec.startswith(name):
            emb = factory(spec[len(name):])
            break
        if spec == name:
            emb = factory("")
            break
    else:
        raise EmbedderError(f"unknown embedder {spec!r}; choose one of: "
                            f"{', '.join(embedder_choices())}")
    with _LOCK:
        # keep one instance per spec and per resolved id, so models load once per process
        emb = _INSTANCES.setdefault(emb.id, emb)
        _INSTANCES[spec] = emb
        return emb


__all__ = ["DEFAULT_EMBEDDER", "REGISTRY", "E5Small", "Embedder", "ProgressCallback",
           "SentenceTransformerEmbedder", "embedder_choices", "get_embedder"]
