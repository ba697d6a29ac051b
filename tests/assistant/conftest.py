"""Fixtures for the assistant tests: the loopback OpenAI-compatible server from ``tests/fakes``."""

import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parents[2])
_TESTS = str(Path(__file__).resolve().parents[1])
# pytest's "prepend" import mode puts tests/ on sys.path, where tests/ingest, tests/index … would
# shadow the real packages as namespace packages. Put the repo root first; tests/ (for ``fakes``) last.
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)
for _name in ("ingest", "index", "assistant"):
    if getattr(sys.modules.get(_name), "__file__", "") is None:
        del sys.modules[_name]
if _TESTS not in sys.path:
    sys.path.append(_TESTS)

from fakes.plugin import fake_llm_spec, fake_openai  # noqa: E402,F401  (fixtures)
