"""Pytest fixtures for the fakes. Import them into a conftest: ``from fakes.plugin import *``."""

from __future__ import annotations

import pytest

from fakes.openai_server import MODEL, FakeOpenAIServer

__all__ = ["fake_openai", "fake_llm_spec"]


@pytest.fixture
def fake_openai():
    """A running loopback OpenAI-compatible server; script it with ``.reply()``/``.slow()``."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def fake_llm_spec() -> str:
    """The «PROVIDER:MODEL» string the fake server answers to."""
    return f"openai:{MODEL}"
