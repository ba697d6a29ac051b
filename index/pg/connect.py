"""Connections to the PostgreSQL store: one pool per database URL and process (psycopg-pool),
a pin connection that holds the readers' shared locks, and errors a user can act on.

Every query is parameterised; the only names composed into SQL are generation schemas, made by
``psycopg.sql.Identifier`` from an integer.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import psycopg
from pgvector.psycopg import register_vector
from psycopg import conninfo
from psycopg_pool import ConnectionPool, PoolTimeout

from kunnskap.errors import DatabaseError

EF_SEARCH = 100  # HNSW candidate list per query (pgvector's hnsw.ef_search); at least the depth asked for
POOL_MAX = 4
CONNECT_TIMEOUT = 10  # seconds
LOCK_NAMESPACE = 0x4B4E  # first key of every advisory lock this package takes («KN»)
INGEST_LOCK = 0  # second key: one ingest at a time

T = TypeVar("T")
# The pool logs each failed reconnection attempt; the error raised here says it once, plainly.
logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())


def label(url: str) -> str:
    """The database as shown in messages: user, host, port and name, never the password."""
    try:
        parts = conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(an unreadable database URL)"
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or parts.get('user') or ''}"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def unreachable(url: str, exc: BaseException) -> DatabaseError:
    return DatabaseError(
        f"cannot reach the database {label(url)} ({_reason(exc)}). Check that PostgreSQL runs "
        "there and that KUNNSKAP_DATABASE_URL (or --database-url) is right, for example "
        "postgresql://user:password@dbhost:5432/kunnskap; unset it to use the plain-file index.")


def lost(url: str, exc: BaseException, doing: str = "answering",
         again: str = "Ask again: the next question reconnects") -> DatabaseError:
    return DatabaseError(
        f"the connection to the database {label(url)} was lost while {doing} ({_reason(exc)}). "
        f"{again}. If it keeps failing, check that PostgreSQL runs.")


_WITH_VECTORS: weakref.WeakSet = weakref.WeakSet()  # pooled connections with pgvector's adapters


def _configure(conn: psycopg.Connection) -> None:
    _register(conn)
    conn.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(EF_SEARCH),))


def _register(conn: psycopg.Connection) -> None:
    """pgvector's adapters, once the database has the extension (a reader started before the
    first ingest gets them at its first query after it; until then it says what is missing)."""
    if conn in _WITH_VECTORS:
        return
    try:
        register_vector(conn)
    except psycopg.ProgrammingError:  # no `vector` type yet: schema.check_reader explains
        return
    _WITH_VECTORS.add(conn)


def connect(url: str, *, vectors: bool = True, autocommit: bool = True) -> psycopg.Connection:
    """A new connection of its own (not pooled), for ingest and checks.

    Raises:
        DatabaseError: the database cannot be reached.
    """
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.Error as exc:
        raise unreachable(url, exc) from exc
    if vectors:
        try:
            register_vector(conn)
        except psycopg.ProgrammingError:  # no `vector` type: the caller checks and explains
            pass
    conn.autocommit = autocommit
    return conn


class Database:
    """The pool and the pins of one database URL in this process (see ``database``)."""

    def __init__(self, url: str):
        self.url, self.label = url, label(url)
        self._pool: ConnectionPool | None = None
        self._lock = threading.Lock()
        self._pin_conn: psycopg.Connection | None = None
        self._pins: Counter[int] = Counter()
        self._unpin_later: list[int] = []

    @property
    def pool(self) -> ConnectionPool:
        with self._lock:
            if self._pool is None:
                connect(self.url, vectors=False).close()  # fails fast, with the server's reason
                pool = ConnectionPool(self.url, min_size=1, max_size=POOL_MAX, open=False,
                                      configure=_configure, timeout=CONNECT_TIMEOUT,
                                      kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
                                      name="kunnskap")
                try:
                    pool.open(wait=True, timeout=CONNECT_TIMEOUT)
                except PoolTimeout as exc:
                    pool.close()
                    raise unreachable(self.url, exc) from exc
                self._pool = pool
            return self._pool

    def run(self, work: Callable[[psycopg.Connection], T]) -> T:
        """``work(conn)`` on a pooled connection; once more on a fresh one when the first was
        dropped (a restarted server, an idle connection cut by the network).

        Raises:
            DatabaseError: the database is unreachable or the connection was lost again.
        """
        for attempt in (1, 2):
            try:
                with self.pool.connection() as conn:
                    _register(conn)
                    return work(conn)
            except PoolTimeout as exc:
                raise unreachable(self.url, exc) from exc
            except psycopg.OperationalError as exc:
                if attempt == 2:
                    raise lost(self.url, exc) from exc
                self.pool.check()  # drop every broken connection before the second try
        raise AssertionError("unreachable")  # pragma: no cover

    # -- pins: a reader holds a shared advisory lock on each generation it uses -------------

    def pin(self, generation: int) -> None:
        """Hold a shared lock on ``generation`` so no ingest drops it while this process reads it."""
        with self._lock:
            conn = self._pin_connection()
            conn.execute("SELECT pg_advisory_lock_shared(%s, %s)", (LOCK_NAMESPACE, generation))
            self._pins[generation] += 1
            self._flush_unpins()  # after taking the new pin: a generation held twice stays held

    def unpin_later(self, generation: int) -> None:
        """Release a pin at the next database call (safe from a finalizer: no I/O here)."""
        self._unpin_later.append(generation)

    def _flush_unpins(self) -> None:
        while self._unpin_later:
            generation = self._unpin_later.pop()
            if self._pins[generation] <= 0:
                continue
            self._pins[generation] -= 1
            if self._pin_conn is not None and not self._pin_conn.closed:
                try:
                    self._pin_conn.execute("SELECT pg_advisory_unlock_shared(%s, %s)",
                                           (LOCK_NAMESPACE, generation))
                except psycopg.OperationalError:
                    self._pin_conn = None  # the locks went with the connection

    def flush(self) -> None:
        with self._lock:
            self._flush_unpins()

    def _pin_connection(self) -> psycopg.Connection:
        conn = self._pin_conn
        if conn is not None and not conn.closed and not conn.broken:
            try:
                conn.execute("SELECT 1")
                return conn
            except psycopg.OperationalError:
                pass
        conn = connect(self.url, vectors=False)
        for generation, n in self._pins.items():  # the old connection's locks are gone: take them again
            for _ in range(n):
                conn.execute("SELECT pg_advisory_lock_shared(%s, %s)", (LOCK_NAMESPACE, generation))
        self._pin_conn = conn
        return conn

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
            if self._pin_conn is not None:
                self._pin_conn.close()
                self._pin_conn = None
            self._pins.clear()


_DATABASES: dict[str, Database] = {}
_DATABASES_LOCK = threading.Lock()


def database(url: str) -> Database:
    """The process's ``Database`` for ``url`` (made once, shared by every thread)."""
    with _DATABASES_LOCK:
        db = _DATABASES.get(url)
        if db is None:
            db = _DATABASES[url] = Database(url)
        return db


def close(url: str) -> None:
    """Close the pool and pin connection of ``url`` in this process, if any."""
    with _DATABASES_LOCK:
        db = _DATABASES.pop(url, None)
    if db is not None:
        db.close()


def close_all() -> None:
    """Close every pool and pin connection of this process (tests, benchmarks)."""
    with _DATABASES_LOCK:
        for db in _DATABASES.values():
            db.close()
        _DATABASES.clear()


@contextmanager
def transaction(url: str) -> Iterator[psycopg.Connection]:
    """A connection of its own inside one transaction, closed afterwards."""
    conn = connect(url)
    try:
        with conn.transaction():
            yield conn
    except psycopg.OperationalError as exc:
        raise lost(url, exc, "writing", "Nothing was changed; run the command again") from exc
    finally:
        conn.close()
