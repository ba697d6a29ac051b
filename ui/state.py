"""What one chat session keeps in ``st.session_state``: its messages. No streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.records import Answer


@dataclass(frozen=True)
class ChatMessage:
    """One chat bubble. A user message holds the cleaned question; an assistant message the
    answer (or an error text when answering failed) and what it was asked with."""

    role: str  # "user" | "assistant"
    content: str = ""  # the question (user) or the error text (assistant)
    answer: Answer | None = None
    notice: str = ""  # e.g. that an overlong question was cut
    question: str = ""  # assistant: the question it answered
    history: tuple[str, ...] = ()  # assistant: the earlier questions it was given
    search_mode: str = "hybrid"


def questions(messages: list[ChatMessage]) -> tuple[str, ...]:
    """The user's questions so far, oldest first (the history for the next question)."""
    return tuple(m.content for m in messages if m.role == "user")
