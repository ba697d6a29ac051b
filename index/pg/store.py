"""The PostgreSQL store (``index.stores.Store``): one database, many readers, one writer at a time.

Example:
    >>> store = PostgresStore("postgresql://kunnskap@dbhost/kunnskap")
    >>> store.load().chunks[0].id        # the current generation, as an Index
"""

from __future__ import annotations

import re

from index.pg import read
from index.pg.connect import database, label
from index.pg.write import drop_old_generations, write_generation
from index.records import Manifest
from index.store import check_manifest
from kunnskap.errors import UsageError

_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class PostgresStore:
    """An index kept in PostgreSQL with pgvector (see ``index.pg.schema`` for the tables)."""

    kind = "postgres"

    def __init__(self, url: str, name: str = "default"):
        if not _NAME.match(name):
            raise UsageError(f"index name {name!r}: use 1-64 letters, digits, '.', '_' or '-'.")
        self.url, self.name = url, name
        self.label = label(url)

    @property
    def db(self):
        return database(self.url)

    def hint(self, embedder: str | None = None) -> str:
        flag = f" --embedder {embedder}" if embedder else ""
        return (f"rebuild it with `kunnskap ingest{flag}` and the same KUNNSKAP_DATABASE_URL "
                "(or --database-url)")

    def read_manifest(self) -> Manifest:
        return read.read_manifest(self.db, self.name)[1]

    def verify(self, expect_embedder: str | None = None) -> None:
        manifest = self.read_manifest()
        check_manifest(manifest, self.label, expect_embedder,
                       hint=self.hint(expect_embedder or manifest.embedder))

    def write(self, manifest, chunks, documents, vectors, sentences, *, force: bool = False) -> None:
        write_generation(self.url, self.name, manifest, chunks, documents, vectors, sentences,
                         force=force)

    def load(self, expect_embedder: str | None = None) -> read.PostgresIndex:
        return read.load_current(self.db, self.name, expect_embedder, hint=self.hint(expect_embedder))

    def key(self) -> tuple:
        """(database, index name, current generation): one small query."""
        return self.label, self.name, read.current_generation(self.db, self.name)

    def cleanup(self) -> list[int]:
        """Drop the generations no reader holds any more; returns their ids."""
        self.db.flush()
        return drop_old_generations(self.url, self.name)

    def drop(self) -> None:
        """Remove this index name and all its generations (temporary evaluation indexes)."""
        from index.pg.connect import transaction

        with transaction(self.url) as conn:
            conn.execute("DELETE FROM kunnskap_current WHERE name = %s", (self.name,))
        self.db.flush()  # let go of the pins of indexes this process no longer holds
        drop_old_generations(self.url, self.name)
