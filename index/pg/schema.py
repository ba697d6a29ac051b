"""The PostgreSQL store's tables, and the checks that say how to fix a database that does not fit.

Shared tables (``public``):

- ``kunnskap_meta``: key/value; ``schema_version`` and the ``package_version`` that wrote it.
- ``kunnskap_generations``: one row per committed index build (id, index name, manifest).
- ``kunnskap_current``: index name → its current generation. Switching is one ``UPDATE``.
- ``kunnskap_feedback``: append-only; one JSON document per feedback line.

Each generation lives in its own schema ``kunnskap_g<id>``: ``documents``, ``chunks`` (record,
text, a generated Norwegian ``tsvector`` with a GIN index, the embedding with an HNSW cosine
index), ``sentences`` (spans, and embeddings alone and in context) and ``lexical`` (the bm25s
files). Dropping an old generation is one ``DROP SCHEMA … CASCADE``.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from kunnskap import __version__
from kunnskap.errors import DatabaseError, IndexLoadError

SCHEMA_VERSION = 1
TS_CONFIG = "norwegian"
HNSW_M, HNSW_EF_CONSTRUCTION = 16, 64

SHARED = """
CREATE TABLE IF NOT EXISTS kunnskap_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS kunnskap_generations (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    manifest jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS kunnskap_current (
    name text PRIMARY KEY,
    generation bigint NOT NULL REFERENCES kunnskap_generations (id));
CREATE TABLE IF NOT EXISTS kunnskap_feedback (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    entry jsonb NOT NULL);
"""

GENERATION = """
CREATE TABLE {s}.documents (source text PRIMARY KEY, record jsonb NOT NULL);
CREATE TABLE {s}.chunks (
    pos integer PRIMARY KEY,
    id text NOT NULL,
    record jsonb NOT NULL,
    text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('norwegian', text)) STORED,
    embedding vector({dim}) NOT NULL);
CREATE TABLE {s}.sentences (
    chunk_pos integer NOT NULL,
    start integer NOT NULL,
    stop integer NOT NULL,
    embedding vector({dim}) NOT NULL,
    context vector({dim}) NOT NULL,
    PRIMARY KEY (chunk_pos, start));
CREATE TABLE {s}.lexical (name text PRIMARY KEY, data bytea NOT NULL);
"""

GENERATION_INDEXES = """
CREATE INDEX ON {s}.chunks USING hnsw (embedding vector_cosine_ops) WITH (m = {m}, ef_construction = {ef});
CREATE INDEX ON {s}.chunks USING gin (tsv);
ANALYZE {s}.chunks;
ANALYZE {s}.sentences;
"""


def generation_schema(generation: int) -> sql.Identifier:
    """The schema of one generation (an integer makes the name; nothing from users)."""
    return sql.Identifier(f"kunnskap_g{int(generation)}")


def missing_extension(where: str, reason: str = "") -> DatabaseError:
    why = f" ({reason})" if reason else ""
    return DatabaseError(
        f"the database {where} has no pgvector extension (`vector`){why}. Install pgvector on "
        "the PostgreSQL server (Debian/Ubuntu: apt install postgresql-NN-pgvector) and run "
        "`CREATE EXTENSION vector;` in that database as its owner or a superuser; then run "
        "`kunnskap ingest` with the same KUNNSKAP_DATABASE_URL.")


def other_version(where: str, found: str, written_by: str) -> DatabaseError:
    return DatabaseError(
        f"the database {where} holds a kunnskapsassistent schema of version {found} (written by "
        f"kunnskapsassistent {written_by}); this is schema {SCHEMA_VERSION} (kunnskapsassistent "
        f"{__version__}). Rebuild it with this version: `kunnskap ingest --force` with the same "
        "KUNNSKAP_DATABASE_URL (feedback is kept), or point this version at another database.")


def no_index(where: str, name: str) -> IndexLoadError:
    what = "no index yet" if name == "default" else f"no index named {name!r}"
    return IndexLoadError(f"the database {where} holds {what}; build it with `kunnskap ingest` "
                          "and the same KUNNSKAP_DATABASE_URL (or --database-url).")


def has_vector(conn: psycopg.Connection) -> bool:
    return conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone() is not None


def read_meta(conn: psycopg.Connection) -> dict[str, str] | None:
    """The ``kunnskap_meta`` rows; None when the table does not exist."""
    if conn.execute("SELECT to_regclass('kunnskap_meta')").fetchone()[0] is None:
        return None
    return dict(conn.execute("SELECT key, value FROM kunnskap_meta").fetchall())


def check_reader(conn: psycopg.Connection, where: str, name: str) -> None:
    """Raise the one error that says what to do when a reader cannot use this database.

    Raises:
        DatabaseError: no pgvector, or a schema of another version.
        IndexLoadError: nothing ingested yet.
    """
    if not has_vector(conn):
        raise missing_extension(where)
    meta = read_meta(conn)
    if meta is None:
        raise no_index(where, name)
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        raise other_version(where, meta.get("schema_version", "?"), meta.get("package_version", "?"))


def check_feedback(conn: psycopg.Connection, where: str) -> bool:
    """True when the feedback table exists; raises when the schema is another version's."""
    meta = read_meta(conn)
    if meta is None:
        return False
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        raise other_version(where, meta.get("schema_version", "?"), meta.get("package_version", "?"))
    return True


def prepare(conn: psycopg.Connection, where: str, *, force: bool) -> None:
    """Create the extension and the shared tables (inside the caller's transaction).

    A schema of another version is replaced when ``force`` is set (every index generation is
    dropped; the feedback table is kept), else refused.

    Raises:
        DatabaseError: pgvector cannot be created here, or another version's schema without force.
    """
    if not has_vector(conn):
        try:
            with conn.transaction():  # a savepoint: a refusal must not abort the caller's transaction
                conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        except psycopg.Error as exc:
            raise missing_extension(where, str(exc).strip().splitlines()[0]) from exc
        register_vector_types(conn)
    meta = read_meta(conn)
    if meta is not None and meta.get("schema_version") != str(SCHEMA_VERSION):
        if not force:
            raise other_version(where, meta.get("schema_version", "?"),
                                meta.get("package_version", "?"))
        drop_index_tables(conn)
    conn.execute(SHARED)
    for key, value in (("schema_version", str(SCHEMA_VERSION)), ("package_version", __version__)):
        conn.execute("INSERT INTO kunnskap_meta (key, value) VALUES (%s, %s) ON CONFLICT (key) "
                     "DO UPDATE SET value = EXCLUDED.value", (key, value))


def register_vector_types(conn: psycopg.Connection) -> None:
    from pgvector.psycopg import register_vector

    register_vector(conn)


def drop_index_tables(conn: psycopg.Connection) -> None:
    """Drop every generation and the index tables of another schema version; keep feedback."""
    rows = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname ~ '^kunnskap_g[0-9]+$'").fetchall()
    for (schema,) in rows:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
    conn.execute("DROP TABLE IF EXISTS kunnskap_current, kunnskap_generations, kunnskap_meta")


def create_generation(conn: psycopg.Connection, generation: int, dim: int) -> sql.Identifier:
    """Create the schema and tables of a new generation; returns the schema."""
    schema = generation_schema(generation)
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
    conn.execute(sql.SQL(GENERATION).format(s=schema, dim=sql.Literal(int(dim))))
    return schema


def index_generation(conn: psycopg.Connection, schema: sql.Identifier) -> None:
    """Build the HNSW and GIN indexes after the rows are in (faster than row by row)."""
    conn.execute("SELECT set_config('maintenance_work_mem', %s, true)", ("1GB",))
    conn.execute(sql.SQL(GENERATION_INDEXES).format(
        s=schema, m=sql.Literal(HNSW_M), ef=sql.Literal(HNSW_EF_CONSTRUCTION)))
