"""Read the current generation of an index from PostgreSQL as an ``Index`` (same surface as the
plain-file index, so retrieval and the answer stage are unchanged).

At load a reader takes a shared lock on the generation (``Database.pin``), reads the manifest,
chunk records, document info and the bm25s files; dense search (pgvector HNSW) and each
chunk's sentence vectors are queried per question. The lock is let go when the ``PostgresIndex``
is garbage-collected, so an ingest never drops a generation that a reader still answers from.
"""

from __future__ import annotations

import tempfile
import threading
import weakref
from pathlib import Path

import numpy as np
import psycopg
from psycopg import sql

from index.dense import DenseIndex
from index.lexical import LEXICAL_SEARCHES as LEXICAL
from index.lexical import LexicalIndex
from index.pg import schema as pg_schema
from index.pg.connect import EF_SEARCH, Database
from index.records import Manifest
from index.store import Index, check_manifest
from ingest.records import Chunk, DocumentInfo
from kunnskap.errors import DatabaseError, IndexLoadError, UsageError

_TSQUERY = {
    "pg-websearch": "websearch_to_tsquery('norwegian', %s)",
    "pg-plain": "plainto_tsquery('norwegian', %s)",
    # the same lexemes joined with OR: plainto_tsquery's text form, «&» made «|»
    "pg-or": "replace(plainto_tsquery('norwegian', %s)::text, ' & ', ' | ')::tsquery",
}


class PgDense:
    """Dense search in one generation: pgvector's HNSW finds the candidates, and their cosine is
    computed by the same FAISS code as the plain-file index, so scores are identical."""

    def __init__(self, db: Database, schema: sql.Identifier, count: int, dim: int):
        self._db, self._count, self._dim = db, count, dim
        self._query = sql.SQL("SELECT pos, embedding FROM {}.chunks ORDER BY embedding <=> %s "
                              "LIMIT %s").format(schema)

    @property
    def dim(self) -> int:
        return self._dim

    def __len__(self) -> int:
        return self._count

    def search(self, qvec: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(positions, cosine scores) of the ``k`` nearest chunks, best first."""
        q = np.ascontiguousarray(qvec, dtype=np.float32).reshape(-1)
        if q.shape[0] != self._dim:
            raise UsageError(f"query vector has dimension {q.shape[0]}, the index {self._dim}; "
                             "embed the query with the embedder the index was built with")
        k = min(k, self._count)
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)

        def work(conn: psycopg.Connection):
            if k <= EF_SEARCH:
                return conn.execute(self._query, (q, k), binary=True).fetchall()
            with conn.transaction():  # HNSW returns at most ef_search rows
                conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(k),))
                return conn.execute(self._query, (q, k), binary=True).fetchall()

        rows = _read(self._db, work)
        if not rows:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        positions = np.asarray([r[0] for r in rows], dtype=np.int64)
        found, scores = DenseIndex.build(_stack([r[1] for r in rows], self._dim)).search(q, k)
        return positions[found], scores


class PgLexical:
    """PostgreSQL's own full-text ranking (``ts_rank_cd``, 'norwegian' configuration); measured
    against bm25s in the README, not the default."""

    def __init__(self, db: Database, schema: sql.Identifier, count: int, kind: str):
        self._db, self._count = db, count
        self._query = sql.SQL(
            "SELECT pos, ts_rank_cd(tsv, q) AS score FROM {}.chunks, (SELECT " + _TSQUERY[kind]
            + " AS q) AS query WHERE tsv @@ q ORDER BY score DESC, pos LIMIT %s").format(schema)

    def __len__(self) -> int:
        return self._count

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        rows = _read(self._db, lambda conn: conn.execute(self._query, (query, k)).fetchall())
        rows = [(p, s) for p, s in rows if s > 0]
        return (np.asarray([p for p, _ in rows], dtype=np.int64),
                np.asarray([s for _, s in rows], dtype=np.float32))


class PostgresIndex(Index):
    """One generation of an index in PostgreSQL, with the ``Index`` surface."""

    def __init__(self, db: Database, name: str, generation: int, manifest: Manifest,
                 chunks: list[Chunk], documents: dict[str, DocumentInfo], lexical,
                 lexical_kind: str = "bm25s"):
        schema = pg_schema.generation_schema(generation)
        super().__init__(f"{db.label} (index {name!r}, generation {generation})", manifest, chunks,
                         documents, PgDense(db, schema, len(chunks), manifest.dim), lexical)
        self.db, self.name, self.generation, self.schema = db, name, generation, schema
        self.lexical_kind = lexical_kind
        self._sentences: dict[int, tuple[tuple[int, ...], np.ndarray, np.ndarray]] = {}
        self._sentences_lock = threading.Lock()
        self._sentence_query = sql.SQL("SELECT start, embedding, context FROM {}.sentences WHERE "
                                       "chunk_pos = %s ORDER BY start").format(schema)
        db.pin(generation)
        weakref.finalize(self, db.unpin_later, generation)

    def sentence_vectors(self, chunk_id: str, in_context: bool = False
                         ) -> tuple[tuple[int, ...], np.ndarray] | None:
        """Start offsets and vectors of a chunk's sentences, alone or in context (read once, then
        kept)."""
        row = self._rows.get(chunk_id)
        if row is None:
            return None
        found = self._sentences.get(row)
        if found is None:
            rows = _read(self.db, lambda conn: conn.execute(self._sentence_query, (row,),
                                                               binary=True).fetchall())
            found = (tuple(int(r[0]) for r in rows), _stack([r[1] for r in rows], self.manifest.dim),
                     _stack([r[2] for r in rows], self.manifest.dim))
            with self._sentences_lock:
                self._sentences[row] = found
        return found[0], found[2 if in_context else 1]

    def with_lexical(self, kind: str) -> "PostgresIndex":
        """The same generation searched lexically by ``kind`` (one of ``LEXICAL``)."""
        if kind not in LEXICAL:
            raise UsageError(f"unknown lexical search {kind!r}; choose one of: {', '.join(LEXICAL)}.")
        lexical = (self.lexical if self.lexical_kind == "bm25s" and kind == "bm25s" else
                   _bm25s(self.db, self.schema) if kind == "bm25s" else
                   PgLexical(self.db, self.schema, len(self.chunks), kind))
        return PostgresIndex(self.db, self.name, self.generation, self.manifest, list(self.chunks),
                             self.documents, lexical, kind)


def _stack(vectors: list, dim: int) -> np.ndarray:
    """pgvector values (``Vector`` or arrays) as one float32 ``(n, dim)`` array."""
    if not vectors:
        return np.empty((0, dim), dtype=np.float32)
    return np.stack([v.to_numpy() if hasattr(v, "to_numpy") else np.asarray(v)
                     for v in vectors]).astype(np.float32)


def _read(db: Database, work):
    try:
        return db.run(work)
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName) as exc:
        raise DatabaseError("the index generation this process reads was removed (a newer "
                            "`kunnskap ingest` replaced it); ask again to use the new one.") from exc


def current_generation(db: Database, name: str) -> int | None:
    """The current generation of index ``name``; None when there is none (or no tables yet)."""
    def work(conn):
        if conn.execute("SELECT to_regclass('kunnskap_current')").fetchone()[0] is None:
            return None
        row = conn.execute("SELECT generation FROM kunnskap_current WHERE name = %s", (name,)).fetchone()
        return int(row[0]) if row else None
    return db.run(work)


def read_manifest(db: Database, name: str) -> tuple[int, Manifest]:
    """(generation, manifest) of the current generation of ``name``.

    Raises:
        DatabaseError: no pgvector, or another schema version.
        IndexLoadError: nothing ingested under ``name``, or an unreadable manifest.
    """
    def work(conn):
        pg_schema.check_reader(conn, db.label, name)
        return conn.execute("SELECT g.id, g.manifest FROM kunnskap_current c JOIN kunnskap_generations g "
                            "ON g.id = c.generation WHERE c.name = %s", (name,)).fetchone()
    row = db.run(work)
    if row is None:
        raise pg_schema.no_index(db.label, name)
    try:
        return int(row[0]), Manifest.from_dict(row[1])
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexLoadError(f"the manifest of generation {row[0]} in {db.label} is unreadable "
                             f"({exc}); rebuild it with `kunnskap ingest --force`") from exc


def load_current(db: Database, name: str = "default", expect_embedder: str | None = None,
                 hint: str = "") -> PostgresIndex:
    """Load the current generation of index ``name``.

    Raises:
        DatabaseError: unreachable, no pgvector, another schema version.
        IndexLoadError: no index yet, or one that does not fit this version or embedder.
    """
    for _ in range(5):  # a generation can be replaced and dropped between reading it and locking it
        generation, manifest = read_manifest(db, name)
        check_manifest(manifest, db.label, expect_embedder, hint=hint or None)
        db.pin(generation)
        try:
            if not _exists(db, generation):  # dropped before we held it
                continue
            chunks, documents, lexical = _load_rows(db, generation)
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            continue
        finally:
            db.unpin_later(generation)  # the PostgresIndex below takes its own pin
        if len(chunks) != manifest.counts.get("chunks") or len(lexical) != len(chunks):
            raise IndexLoadError(f"generation {generation} in {db.label} is inconsistent: "
                                 f"{len(chunks)} chunks, {len(lexical)} in BM25, manifest "
                                 f"{manifest.counts.get('chunks')}; {hint}")
        return PostgresIndex(db, name, generation, manifest, chunks, documents, lexical)
    raise DatabaseError(f"the index in {db.label} kept changing while loading; try again.")


def _exists(db: Database, generation: int) -> bool:
    return db.run(lambda conn: conn.execute("SELECT 1 FROM kunnskap_generations WHERE id = %s",
                                            (generation,)).fetchone()) is not None


def _load_rows(db: Database, generation: int):
    schema = pg_schema.generation_schema(generation)

    def work(conn):
        with conn.transaction():
            chunks = [Chunk.from_dict(r[0]) for r in conn.execute(
                sql.SQL("SELECT record FROM {}.chunks ORDER BY pos").format(schema))]
            docs = [DocumentInfo.from_dict(r[0]) for r in conn.execute(
                sql.SQL("SELECT record FROM {}.documents ORDER BY source").format(schema))]
            files = conn.execute(sql.SQL("SELECT name, data FROM {}.lexical").format(schema)).fetchall()
        return chunks, docs, files

    chunks, docs, files = db.run(work)
    return chunks, {d.source: d for d in docs}, _lexical_from(files)


def _bm25s(db: Database, schema: sql.Identifier) -> LexicalIndex:
    files = _read(db, lambda conn: conn.execute(
        sql.SQL("SELECT name, data FROM {}.lexical").format(schema)).fetchall())
    return _lexical_from(files)


def _lexical_from(files) -> LexicalIndex:
    with tempfile.TemporaryDirectory(prefix="kunnskap-bm25-") as tmp:
        for name, data in files:
            (Path(tmp) / Path(name).name).write_bytes(bytes(data))
        return LexicalIndex.load(Path(tmp))
