"""How an answer text is made from retrieved passages. One base class, swappable strategies.

The extractive composer (default, offline) and the LLM composer both return a ``Draft``; the
assistant then verifies citations and numbers before anything reaches the user.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.records import StatedFigure
from index.records import Hit


@dataclass(frozen=True)
class Draft:
    """An unverified answer. Markers [n] in ``text`` refer to ``hits[n-1]`` of the compose call.

    ``quotes`` maps marker n to the exact sentence(s) of that passage the answer relies on.
    """

    text: str
    abstained: bool
    mode: str  # "extractive" | "llm:<model>"
    quotes: dict[int, str]
    note: str = ""  # one line for the user, e.g. why the LLM was not used
    figures: tuple[StatedFigure, ...] = ()  # figures the text states; ``n`` refers to hits[n-1]


class Composer(ABC):
    """Turns a question and ranked passages into a draft answer."""

    name: str = "composer"

    @abstractmethod
    def compose(self, question: str, query_used: str, hits: list[Hit],
                spans: Mapping[int, str] | None = None) -> Draft:
        """Write a draft answer citing ``hits`` as [1]..[len(hits)].

        ``spans`` maps a passage number to the report's sentences in it that best answer the question
        (the extractive answer's quoted spans), as context; None when there are none.
        """
