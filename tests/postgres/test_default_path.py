"""Acceptance 5: with no KUNNSKAP_DATABASE_URL nothing changes: the same index files, and no
PostgreSQL module is imported on the default path (library and CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
POSTGRES_MODULES = ("psycopg", "psycopg_pool", "psycopg_binary", "pgvector", "pgserver", "index.pg")
FIND = ("import sys; print(sorted(m for m in sys.modules if m.startswith({mods!r}) "
        "and (m in {mods!r} or m.split('.')[0] in {mods!r} or m.startswith('index.pg'))))")


def _run(code: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KUNNSKAP_DATABASE_URL"}
    env["KUNNSKAP_HOME"] = str(home)
    return subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("how", ["library", "cli"])
def test_default_search_and_ask_import_no_postgres_module(how, report_index_path, session_home):
    find = FIND.format(mods=POSTGRES_MODULES)
    if how == "library":
        code = ("from assistant.search.retrieval import open_retriever\n"
                "from assistant.assistant import Assistant\n"
                "r = open_retriever()\n"
                f"assert r.search({POPULATION!r}, k=1)[0].chunk.pages == (9,)\n"
                f"assert '129 874' in Assistant(r).ask({POPULATION!r}).answer\n" + find)
    else:
        code = ("from ui.cli import main\n"
                f"assert main(['ask', {POPULATION!r}]) == 0\n"
                f"assert main(['search', {POPULATION!r}, '--k', '1']) == 0\n" + find)
    done = _run(code, session_home)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_default_index_folder_holds_the_same_files(report_index_path):
    """The plain-file store writes exactly the files it wrote before stores existed."""
    names = {p.name for p in report_index_path.iterdir()}
    assert names == {"manifest.json", "chunks.jsonl", "documents.jsonl", "dense.faiss", "bm25",
                     "sentence_spans.npy", "sentence_vectors.npy", "sentence_context_vectors.npy"}


def test_the_check_can_fail(pg_report_url, session_home):
    """With a database URL the same probe does see psycopg (so an empty list above means something)."""
    env_code = (f"import os; os.environ['KUNNSKAP_DATABASE_URL'] = {pg_report_url!r}\n"
                "from assistant.search.retrieval import open_retriever\n"
                f"open_retriever().search({POPULATION!r}, k=1)\n" + FIND.format(mods=POSTGRES_MODULES))
    done = _run(env_code, session_home)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "psycopg" in done.stdout.strip().splitlines()[-1]
