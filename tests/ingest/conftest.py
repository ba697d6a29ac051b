"""Ingest fixtures: the bundled report parsed once, and PDFs made from it by the repo script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kunnskap.paths import DEFAULT_CORPUS, REPO_ROOT

from ingest import ChunkSettings, chunk_document, read_document

SCRIPT = REPO_ROOT / "scripts" / "make_report_pdf.py"


@pytest.fixture(scope="session")
def doc():
    """The bundled text export, parsed."""
    return read_document(DEFAULT_CORPUS)


@pytest.fixture(scope="session")
def chunks(doc):
    return chunk_document(doc, ChunkSettings())


def _make_pdf(out: Path, *extra: str) -> Path:
    subprocess.run([sys.executable, str(SCRIPT), str(out), *extra], check=True,
                   capture_output=True, text=True)
    return out


@pytest.fixture(scope="session")
def report_pdf(tmp_path_factory) -> Path:
    """PDF without page labels: printed numbers only in the footer."""
    return _make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")


@pytest.fixture(scope="session")
def labelled_pdf(tmp_path_factory) -> Path:
    """PDF with page labels 2..39."""
    return _make_pdf(tmp_path_factory.mktemp("pdf") / "report-labels.pdf", "--labels")
