"""The README's Python example runs as written, against the real index of the bundled report."""

from __future__ import annotations

import contextlib
import io
import re

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_python_example_runs(report_index_path, session_home, monkeypatch):
    monkeypatch.setenv("KUNNSKAP_HOME", str(session_home))  # where the session's index lives
    blocks = _python_blocks((REPO_ROOT / "README.md").read_text(encoding="utf-8"))
    assert blocks, "README.md has no ```python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {})
    printed = out.getvalue().splitlines()
    # Values read from the report: the sentence is in chapter 4 on printed page 9.
    assert printed[0] == "4 (9,)"
    assert "129 874" in printed[1] and printed[1].endswith("(9,)")
