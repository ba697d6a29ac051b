"""The one place that decides where files live. Honours ``KUNNSKAP_HOME``."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"
DEFAULT_TESTSET = REPO_ROOT / "testsets" / "devset.jsonl"  # the dev set that ships with the repo


DATABASE_ENV = "KUNNSKAP_DATABASE_URL"


def database_url() -> str | None:
    """The PostgreSQL store's URL from ``$KUNNSKAP_DATABASE_URL``; None (the file store) when unset."""
    return os.environ.get(DATABASE_ENV, "").strip() or None


def data_home() -> Path:
    """Root folder for indexes, caches and feedback: ``$KUNNSKAP_HOME`` or ``~/.kunnskap``."""
    env = os.environ.get("KUNNSKAP_HOME")
    return Path(env).expanduser() if env else Path.home() / ".kunnskap"


def index_dir(name: str = "default") -> Path:
    """Folder of the named index."""
    return data_home() / "indexes" / name


def embedding_cache_dir() -> Path:
    """Folder of the embedding cache shared by all indexes."""
    return data_home() / "cache" / "embeddings"


def feedback_file() -> Path:
    """Append-only JSON Lines file of user feedback."""
    return data_home() / "feedback.jsonl"
