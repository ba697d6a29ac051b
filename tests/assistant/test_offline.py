"""With no LLM configured, answering never touches the network (issue 4, acceptance 6)."""

from __future__ import annotations

import socket

import pytest


@pytest.fixture
def no_network(monkeypatch):
    """Record, and refuse, every attempt to open a connection or resolve a host name."""
    attempts: list[str] = []

    def refuse(name):
        def _refuse(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name == 'connect' else args}")
            raise OSError(f"network use in an offline test: {name}")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_extractive_answers_use_no_network(retriever, no_network):
    from assistant.assistant import Assistant

    assistant = Assistant(retriever)
    answers = [
        assistant.ask("Hvor mange innbyggere bodde i Bærum 1. januar 2023?"),
        assistant.ask("Og jentene?", history=["Hvor mange gutter på videregående føler seg svært "
                                              "trygge i nærområdet?"]),
        assistant.ask("Hva viser figur 12?"),
        assistant.ask("Hva koster skolefritidsordningen i Bærum?"),
    ]
    assert no_network == []
    assert "129 874" in answers[0].answer  # the report, page 9
    assert all(a.mode == "extractive" for a in answers)


def test_the_guard_sees_a_connection(no_network):
    """The guard itself works: an attempt to connect is recorded and refused."""
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    assert no_network
