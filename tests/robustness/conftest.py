"""Fixtures for the robustness tests: index copies and the loopback LLM.

Every robustness test carries ``@pytest.mark.robustness(case, behaviour)``; the README's
«Robusthet» table is generated from those markers by ``scripts/robustness_table.py``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:  # ``tests/fakes`` importable as ``fakes`` (appended: never shadows)
    sys.path.append(_TESTS)

from fakes.plugin import fake_llm_spec, fake_openai  # noqa: E402,F401  (fixtures)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "robustness(case, behaviour): one row of the README's «Robusthet» table")


@pytest.fixture
def index_copy(report_index_path, tmp_path) -> Path:
    """A private copy of the real report index, free to break."""
    target = tmp_path / "index"
    shutil.copytree(report_index_path, target)
    return target


@pytest.fixture
def warm_home(report_index_path, session_home, kunnskap_home) -> Path:
    """This test's KUNNSKAP_HOME with a copy of the session's embedding cache (report already embedded)."""
    cache = session_home / "cache"
    if cache.is_dir():
        shutil.copytree(cache, kunnskap_home / "cache")
    kunnskap_home.mkdir(parents=True, exist_ok=True)
    return kunnskap_home
