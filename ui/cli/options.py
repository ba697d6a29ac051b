"""Options several commands share."""

from __future__ import annotations


def add_database(p) -> None:
    """``--database-url``: the PostgreSQL store instead of the index folder."""
    p.add_argument("--database-url", default=None, metavar="URL",
                   help="PostgreSQL store with pgvector, e.g. postgresql://user@dbhost/kunnskap "
                        "(default: $KUNNSKAP_DATABASE_URL; unset: the index folder under KUNNSKAP_HOME)")
