"""The shared feedback table: every chat replica appends to ``kunnskap_feedback``; the export
reads it back in the order written. Rows are only ever inserted (append-only), each one the same
JSON document a line of the feedback file holds, so a later entry that updates an earlier one
(same answer, a comment added) is one more row, merged by the export as the file's lines are.
"""

from __future__ import annotations

from psycopg.types.json import Jsonb

from index.pg.connect import database
from index.pg.schema import check_feedback

_TABLE = """CREATE TABLE IF NOT EXISTS kunnskap_feedback (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    entry jsonb NOT NULL)"""


def append_feedback(url: str, entry: dict) -> int:
    """Insert one entry; returns its row id.

    Raises:
        DatabaseError: unreachable, another schema version, or the connection was lost.
    """
    db = database(url)

    def work(conn):
        if not check_feedback(conn, db.label):  # before the first ingest: the table alone
            conn.execute(_TABLE)
        return conn.execute("INSERT INTO kunnskap_feedback (entry) VALUES (%s) RETURNING id",
                            (Jsonb(entry),)).fetchone()[0]
    return int(db.run(work))


def read_feedback(url: str) -> list[tuple[int, dict]]:
    """Every entry as (row id, JSON document), oldest first; [] before the first one."""
    db = database(url)

    def work(conn):
        if conn.execute("SELECT to_regclass('kunnskap_feedback')").fetchone()[0] is None:
            return []
        check_feedback(conn, db.label)
        return conn.execute("SELECT id, entry FROM kunnskap_feedback ORDER BY id").fetchall()
    return [(int(i), e) for i, e in db.run(work)]
