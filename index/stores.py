"""Where an index lives: one interface, two stores.

- ``FileStore`` (the default): a folder of plain files, written atomically (``index.store``).
- ``PostgresStore`` (``index.pg.store``): PostgreSQL with pgvector, chosen by
  ``KUNNSKAP_DATABASE_URL`` or ``--database-url``; many processes share it, and a new build is
  switched in as a new generation while they serve.

``open_store`` picks one. Without a database URL nothing about PostgreSQL is imported.

Example:
    >>> store = open_store()                 # the folder under KUNNSKAP_HOME
    >>> store = open_store(database_url="postgresql://kunnskap@dbhost/kunnskap")
    >>> index = store.load()
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from index.records import Manifest
from index.sentences import SentenceVectors
from index.store import Index, load_index, read_manifest, write_index
from ingest.records import Chunk, DocumentInfo
from kunnskap import paths
from kunnskap.errors import UsageError


@runtime_checkable
class Store(Protocol):
    """What ``index.build`` and the readers need of a store."""

    kind: str  # "files" or "postgres"
    label: str  # where the index is, for messages (a database URL without its password)

    def read_manifest(self) -> Manifest:
        """The current index's manifest. Raises IndexLoadError when there is none."""

    def verify(self, expect_embedder: str | None = None) -> None:
        """Raise IndexLoadError (or DatabaseError) unless the current index loads as it is."""

    def write(self, manifest: Manifest, chunks: Sequence[Chunk], documents: Sequence[DocumentInfo],
              vectors: np.ndarray, sentences: SentenceVectors, *, force: bool = False) -> None:
        """Make this build the current index, atomically: readers see the old or the new one."""

    def load(self, expect_embedder: str | None = None) -> Index:
        """The current index, checked against this version (and ``expect_embedder``)."""

    def key(self) -> tuple:
        """A cheap identity of the current index; it changes when a new build is switched in."""


class FileStore:
    """The plain-file index folder (``index.store``), exactly as before stores existed."""

    kind = "files"

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else paths.index_dir()
        self.label = str(self.path)

    def read_manifest(self) -> Manifest:
        return read_manifest(self.path)

    def verify(self, expect_embedder: str | None = None) -> None:
        load_index(self.path, expect_embedder=expect_embedder)

    def write(self, manifest, chunks, documents, vectors, sentences, *, force: bool = False) -> None:
        write_index(self.path, manifest, chunks, documents, vectors, sentences)

    def load(self, expect_embedder: str | None = None) -> Index:
        return load_index(self.path, expect_embedder=expect_embedder)

    def key(self) -> tuple:
        """The folder's real path and inode/mtime: a rebuilt folder is renamed into place."""
        path = self.path.resolve()
        try:
            st = path.stat()
        except OSError:
            return str(path), 0, 0
        return str(path), st.st_ino, st.st_mtime_ns


def open_store(index_path: Path | None = None, database_url: str | None = None,
               name: str = "default") -> Store:
    """The store to use: ``index_path`` (a folder), else the database (``database_url`` or
    ``$KUNNSKAP_DATABASE_URL``), else the default folder under ``KUNNSKAP_HOME``.

    Raises:
        UsageError: both a folder and a database URL were given.
    """
    if index_path is not None and database_url:
        raise UsageError("Give either an index folder (--index) or a database (--database-url), "
                         "not both.")
    url = database_url or (None if index_path is not None else paths.database_url())
    if url:
        from index.pg.store import PostgresStore

        return PostgresStore(url, name=name)
    return FileStore(index_path)
