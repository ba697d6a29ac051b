"""The embedder base class: batching, checks and L2 normalisation live here.

A subclass sets ``id`` and ``dim`` and implements one method, ``_embed_batch``.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from kunnskap.errors import EmbedderError, UsageError

QUERY_CACHE = 256  # recent query vectors kept per embedder
ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each batch."""


class Embedder:
    """Turns texts into L2-normalised float32 vectors.

    Subclasses implement ``_embed_batch(texts, is_query)`` and return one row per text.
    """

    id: str = ""
    batch_size: int = 16

    @property
    def dim(self) -> int:
        """Vector dimension."""
        raise NotImplementedError

    def _embed_batch(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError

    def embed_passages(
        self, texts: Sequence[str], progress: bool | ProgressCallback = False
    ) -> np.ndarray:
        """Embed passages (documents) as an ``(n, dim)`` float32 array, rows L2-normalised.

        Args:
            texts: the passages.
            progress: True for a rich progress bar on stderr, or a ``(done, total)`` callback.
        Raises:
            UsageError: ``texts`` is a single string or holds a non-string.
            EmbedderError: the model returned vectors of the wrong shape or zeros.
        """
        if isinstance(texts, str):
            raise UsageError("embed_passages() takes a list of texts, got one string; "
                             "use embed_query() for a single query")
        items = list(texts)
        for i, t in enumerate(items):
            if not isinstance(t, str):
                raise UsageError(f"passage {i} is {type(t).__name__}, not str")
        out = np.empty((len(items), self.dim), dtype=np.float32)
        # batches of similar length waste less work on padding
        order = sorted(range(len(items)), key=lambda i: len(items[i]))
        with _Progress(progress, len(items), f"Embedder ({self.id})") as bar:
            for start in range(0, len(items), self.batch_size):
                rows = order[start:start + self.batch_size]
                out[rows] = self._checked([items[i] for i in rows], is_query=False)
                bar.advance(len(rows))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query as a ``(dim,)`` float32 vector, L2-normalised (read-only).

        The last ``QUERY_CACHE`` queries are kept: retrieval and sentence scoring embed the same
        query once per question, not twice.
        """
        if not isinstance(text, str):
            raise UsageError(f"embed_query() takes a string, got {type(text).__name__}")
        with self._query_lock:
            hit = self._queries.get(text)
            if hit is not None:
                self._queries.move_to_end(text)
                return hit
        vec = self._checked([text], is_query=True)[0]
        vec.flags.writeable = False
        with self._query_lock:
            self._queries[text] = vec
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vec

    def forget_queries(self) -> None:
        """Drop the kept query vectors (the bench times each question as if it were new)."""
        with self._query_lock:
            self._queries.clear()

    @property
    def _queries(self) -> "OrderedDict[str, np.ndarray]":
        cache = self.__dict__.get("_query_cache")
        if cache is None:
            cache = self.__dict__.setdefault("_query_cache", OrderedDict())
        return cache

    @property
    def _query_lock(self) -> threading.Lock:
        lock = self.__dict__.get("_query_lock_")
        if lock is None:
            lock = self.__dict__.setdefault("_query_lock_", threading.Lock())
        return lock

    def _checked(self, texts: list[str], is_query: bool) -> np.ndarray:
        vecs = np.asarray(self._embed_batch(texts, is_query), dtype=np.float32)
        if vecs.shape != (len(texts), self.dim):
            raise EmbedderError(
                f"embedder {self.id!r} returned shape {vecs.shape} for {len(texts)} texts; "
                f"expected ({len(texts)}, {self.dim}). The model files may be broken: reinstall it.")
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        if not np.all(np.isfinite(vecs)) or np.any(norms == 0):
            raise EmbedderError(
                f"embedder {self.id!r} returned zero or non-finite vectors; "
                "the model files may be broken: reinstall it.")
        return vecs / norms

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r})"


class _Progress:
    """A rich progress bar, a callback, or nothing."""

    def __init__(self, progress: bool | ProgressCallback, total: int, label: str):
        self.callback = progress if callable(progress) else None
        self.enabled = progress is True and total > 0
        self.total, self.label, self.done = total, label, 0
        self._bar = self._task = None

    def __enter__(self) -> "_Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self._bar = Progress("[progress.description]{task.description}", BarColumn(),
                                 MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=Console(file=sys.stderr), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        return self

    def advance(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)
        if self.callback is not None:
            self.callback(self.done, self.total)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
