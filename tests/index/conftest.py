"""Fixtures of the index tests: small hand-made indexes and a short excerpt of the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_helpers import REPORT, write_small_index


@pytest.fixture
def small_index(tmp_path) -> Path:
    return write_small_index(tmp_path / "idx")


@pytest.fixture
def excerpt(tmp_path) -> Path:
    """The report's first printed pages (2-5) as a text file: fast to ingest for real."""
    lines = REPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    out, page = [], 2
    for line in lines:
        opens_page = (line.startswith(" ") and line[1:2].strip()) or line.strip().isdigit()
        if opens_page and out:
            page += 1
            if page > 5:
                break
        out.append(line)
    path = tmp_path / "utdrag.txt"
    path.write_text("".join(out), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def _session_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture
def shared_cache(monkeypatch, _session_cache_dir) -> Path:
    """One embedding cache for tests that do not count embedded texts (saves re-embedding)."""
    from kunnskap import paths

    monkeypatch.setattr(paths, "embedding_cache_dir", lambda: _session_cache_dir)
    return _session_cache_dir
