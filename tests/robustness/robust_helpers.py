"""Helpers for the robustness tests: CLI runs in a subprocess, folder hashes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REPORT = REPO_ROOT / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"
CLI_TIMEOUT = 180


def run_cli(*args: str, home: Path, timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    """Run ``python -m ui.cli ARGS`` as a user would, with its own KUNNSKAP_HOME."""
    env = {**os.environ, "KUNNSKAP_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=timeout)


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    """Fail with the full stderr when a command printed a traceback."""
    if "Traceback" in proc.stderr or "Traceback" in proc.stdout:
        pytest.fail(f"the command printed a traceback:\n{proc.stderr[-4000:]}")


def folder_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (relative path → hash); {} when it is missing."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
