"""A chat with the assistant: the turns so far, so a follow-up is asked with its history."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from assistant.assistant import Assistant
from assistant.records import Answer


@dataclass(frozen=True)
class Turn:
    """One exchange: what the user asked and what the assistant answered."""

    question: str
    answer: Answer


class Conversation:
    """A chat with the assistant: keeps the turns so follow-ups are understood."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._turns: list[Turn] = []
        self._lock = threading.Lock()

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    @property
    def history(self) -> tuple[str, ...]:
        """The user's questions so far, oldest first."""
        return tuple(t.question for t in self._turns)

    def ask(self, question: str, **options) -> Answer:
        """Answer ``question`` in the context of the earlier turns and remember the exchange."""
        with self._lock:
            answer = self.assistant.ask(question, self.history, **options)
            self._turns.append(Turn(answer.question or question, answer))
            return answer

    def reset(self) -> None:
        """Start a new conversation."""
        with self._lock:
            self._turns.clear()
