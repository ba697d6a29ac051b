"""Write an index into PostgreSQL as a new generation, switched in within the same transaction.

One transaction holds everything: the shared tables (first time), the generation's schema and
rows (COPY), its HNSW and GIN indexes, the manifest and the switch of ``kunnskap_current``. A
killed or failed ingest is rolled back by the server, so the previous generation stays current
and nothing half-built is left. Old generations are dropped afterwards, each one only when no
reader holds its shared lock (``index.pg.connect.Database.pin``); a generation still in use is
dropped by a later ingest or by the reader that lets go of it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from index.lexical import LexicalIndex
from index.pg import schema as pg_schema
from index.pg.connect import INGEST_LOCK, LOCK_NAMESPACE, connect, label, transaction
from index.records import Manifest
from index.sentences import SentenceVectors
from ingest.records import Chunk, DocumentInfo, searched_texts


def write_generation(url: str, name: str, manifest: Manifest, chunks: Sequence[Chunk],
                     documents: Sequence[DocumentInfo], vectors: np.ndarray,
                     sentences: SentenceVectors | None, *, force: bool = False,
                     lexical: LexicalIndex | None = None) -> int:
    """Store one index build as the new current generation of ``name``; returns its id.

    ``sentences`` None stores none (synthetic scaling corpora). ``lexical`` is the bm25s index
    of the chunk texts (built here when not given).

    Raises:
        DatabaseError: unreachable, no pgvector, another schema version (without ``force``),
            or the connection was lost (nothing was changed then).
    """
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    lexical = lexical or LexicalIndex.build(searched_texts(chunks, manifest.chunk_settings))
    where = label(url)
    with transaction(url) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_NAMESPACE, INGEST_LOCK))
        pg_schema.prepare(conn, where, force=force)
        generation = conn.execute(
            "INSERT INTO kunnskap_generations (name, manifest) VALUES (%s, %s) RETURNING id",
            (name, Jsonb(manifest.to_dict()))).fetchone()[0]
        schema = pg_schema.create_generation(conn, generation, manifest.dim)
        _copy_documents(conn, schema, documents)
        _copy_chunks(conn, schema, chunks, vectors)
        if sentences is not None:
            _copy_sentences(conn, schema, sentences)
        _store_lexical(conn, schema, lexical)
        pg_schema.index_generation(conn, schema)
        conn.execute("INSERT INTO kunnskap_current (name, generation) VALUES (%s, %s) "
                     "ON CONFLICT (name) DO UPDATE SET generation = EXCLUDED.generation",
                     (name, generation))
    drop_old_generations(url)
    return int(generation)


def _copy_documents(conn: psycopg.Connection, schema, documents: Sequence[DocumentInfo]) -> None:
    query = sql.SQL("COPY {}.documents (source, record) FROM STDIN").format(schema)
    with conn.cursor().copy(query) as copy:
        for d in documents:
            copy.write_row((d.source, Jsonb(d.to_dict())))


def _copy_chunks(conn: psycopg.Connection, schema, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    query = sql.SQL("COPY {}.chunks (pos, id, record, text, embedding) FROM STDIN "
                    "WITH (FORMAT BINARY)").format(schema)
    with conn.cursor().copy(query) as copy:
        copy.set_types(["integer", "text", "jsonb", "text", "vector"])
        for pos, (chunk, vec) in enumerate(zip(chunks, vectors)):
            copy.write_row((pos, chunk.id, Jsonb(chunk.to_dict()), chunk.text, vec))


def _copy_sentences(conn: psycopg.Connection, schema, sentences: SentenceVectors) -> None:
    query = sql.SQL("COPY {}.sentences (chunk_pos, start, stop, embedding, context) FROM STDIN "
                    "WITH (FORMAT BINARY)").format(schema)
    with conn.cursor().copy(query) as copy:
        copy.set_types(["integer", "integer", "integer", "vector", "vector"])
        for (row, start, stop), vec, ctx in zip(sentences.spans.tolist(), sentences.vectors,
                                                sentences.context):
            copy.write_row((row, start, stop, vec, ctx))


def _store_lexical(conn: psycopg.Connection, schema, lexical: LexicalIndex) -> None:
    """The bm25s files (npy without pickle, JSON) as rows, so a reader loads them, not rebuilds."""
    with tempfile.TemporaryDirectory(prefix="kunnskap-bm25-") as tmp:
        lexical.save(Path(tmp))
        files = sorted(p for p in Path(tmp).iterdir() if p.is_file())
        query = sql.SQL("INSERT INTO {}.lexical (name, data) VALUES (%s, %s)").format(schema)
        for path in files:
            conn.execute(query, (path.name, path.read_bytes()))


def drop_old_generations(url: str, name: str | None = None) -> list[int]:
    """Drop every generation that is not current and that no reader holds; returns those dropped."""
    dropped = []
    conn = connect(url, vectors=False)
    try:
        if pg_schema.read_meta(conn) is None:
            return dropped
        rows = conn.execute(
            "SELECT g.id FROM kunnskap_generations g WHERE (%s::text IS NULL OR g.name = %s) "
            "AND g.id NOT IN (SELECT generation FROM kunnskap_current) ORDER BY g.id",
            (name, name)).fetchall()
        for (generation,) in rows:
            locked = conn.execute("SELECT pg_try_advisory_lock(%s, %s)",
                                  (LOCK_NAMESPACE, generation)).fetchone()[0]
            if not locked:
                continue  # a reader still uses it
            try:
                with conn.transaction():
                    conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                        pg_schema.generation_schema(generation)))
                    conn.execute("DELETE FROM kunnskap_generations WHERE id = %s AND id NOT IN "
                                 "(SELECT generation FROM kunnskap_current)", (generation,))
                dropped.append(int(generation))
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_NAMESPACE, generation))
    finally:
        conn.close()
    return dropped
