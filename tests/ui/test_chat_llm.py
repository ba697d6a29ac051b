"""The answer mode in the sidebar with an LLM configured: a real OpenAI-compatible server on
loopback (reachable), and a closed port (unreachable: answers fall back to extractive)."""

from __future__ import annotations

import socket
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    return at


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_reachable_llm_is_offered_and_used(app_home, monkeypatch, fake_openai, fake_llm_spec):
    monkeypatch.setenv("KUNNSKAP_LLM", fake_llm_spec)
    monkeypatch.setenv("KUNNSKAP_LLM_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("KUNNSKAP_LLM_API_KEY", "test")
    # The report, p. 9: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.»
    fake_openai.reply("Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum [1].")
    at = _app()
    mode = at.sidebar.radio(key="answer_mode")
    assert mode.options == ["Ekstraktiv (setninger fra rapporten)",
                            f"Språkmodell: openai · {fake_llm_spec.partition(':')[2]}"]
    assert at.sidebar.success and "Språkmodell" in at.sidebar.success[0].value
    mode.set_value(fake_llm_spec).run()
    at.chat_input[0].set_value(POPULATION).run()
    assert not at.exception
    answer = at.session_state.messages[-1].answer
    assert answer.mode.startswith("llm:") and "129 874" in answer.answer
    assert fake_openai.chat_requests  # the model was really asked


def test_unreachable_llm_falls_back_with_a_note(app_home, monkeypatch, fake_llm_spec):
    monkeypatch.setenv("KUNNSKAP_LLM", fake_llm_spec)
    monkeypatch.setenv("KUNNSKAP_LLM_BASE_URL", f"http://127.0.0.1:{_closed_port()}/v1")
    monkeypatch.setenv("KUNNSKAP_LLM_API_KEY", "test")
    at = _app()
    assert any("Får ikke kontakt" in w.value for w in at.sidebar.warning)
    at.sidebar.radio(key="answer_mode").set_value(fake_llm_spec).run()
    at.chat_input[0].set_value(POPULATION).run()
    assert not at.exception and not at.error
    answer = at.session_state.messages[-1].answer
    assert answer.mode == "extractive" and answer.note
    assert any(answer.note[:30] in i.value for i in at.main.info)  # the note, as an info line


def test_malformed_llm_setting_is_a_warning(app_home, monkeypatch):
    monkeypatch.setenv("KUNNSKAP_LLM", "gpt-4o")
    at = _app()
    assert any("KUNNSKAP\\_LLM" in w.value for w in at.sidebar.warning)
    assert at.sidebar.radio(key="answer_mode").options == ["Ekstraktiv (setninger fra rapporten)"]
