"""Fixtures for the assistant tests: the loopback OpenAI-compatible server from ``tests/fakes``."""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:  # ``tests/fakes`` importable as ``fakes``; appended so tests/ingest,
    sys.path.append(_TESTS)  # tests/index … never shadow the real packages

from fakes.plugin import fake_llm_spec, fake_openai  # noqa: E402,F401  (fixtures)
