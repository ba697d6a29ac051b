"""The code's shape (issue 12): the import contracts hold and no module outgrows 400 lines.

The contracts live in pyproject.toml ([tool.importlinter]); import-linter's graph (grimp) reads
every import statement, type-only ones included, so a circle hidden behind TYPE_CHECKING fails too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("kunnskap", "ingest", "index", "assistant", "evaluation", "ui")
MAX_LINES = 400


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys, importlinter.cli as c; "
                           "sys.exit(c.lint_imports(no_cache=True))"],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_import_contracts_hold():
    done = _lint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contracts_catch_a_type_only_circle(tmp_path):
    """The check can fail: a copy of the code with one TYPE_CHECKING import going back up breaks it."""
    import shutil

    for name in PACKAGES:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    followup = tmp_path / "assistant" / "question" / "followup.py"
    followup.write_text(followup.read_text(encoding="utf-8") + "\nfrom typing import TYPE_CHECKING\n\n"
                        "if TYPE_CHECKING:\n    from assistant.assistant import Assistant\n", encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "assistant.question is not allowed to import assistant.assistant" in done.stdout


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_over_400_lines(package):
    long = {str(p.relative_to(REPO)): n for p in (REPO / package).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
