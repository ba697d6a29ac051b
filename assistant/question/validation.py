"""Clean a user's question before anything else sees it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kunnskap.errors import UsageError

MAX_QUESTION_CHARS = 1000

EMPTY_MESSAGE = "Spørsmålet er tomt. Skriv et spørsmål om kunnskapsgrunnlaget."

# Bidirectional controls (LRM/RLM, embeddings, overrides, isolates), zero-width and BOM characters.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanQuestion:
    """A question safe to search with. ``notice`` (Norwegian) says what was changed, "" if nothing."""

    text: str
    truncated: bool = False
    notice: str = ""


def _keep(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat == "Cs":  # lone surrogate
        return False
    if cat == "Cc":  # control characters; whitespace controls become spaces below
        return ch in "\t\n\r"
    return True


def clean_question(text: str) -> CleanQuestion:
    """Strip invisible and control characters, collapse whitespace and cap the length.

    Raises:
        UsageError: the question is empty (or only whitespace/invisible characters).

    Example:
        >>> clean_question("  Hvor mange\\x00 barn?\\u200f ").text
        'Hvor mange barn?'
    """
    if not isinstance(text, str):
        raise UsageError(f"Spørsmålet må være tekst, ikke {type(text).__name__}.")
    cleaned = "".join(ch for ch in text if _keep(ch))
    cleaned = _INVISIBLE.sub("", cleaned)
    cleaned = unicodedata.normalize("NFC", cleaned)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    if not cleaned:
        raise UsageError(EMPTY_MESSAGE)
    if len(cleaned) <= MAX_QUESTION_CHARS:
        return CleanQuestion(cleaned)
    cut = cleaned[:MAX_QUESTION_CHARS]
    space = cut.rfind(" ")
    if space > MAX_QUESTION_CHARS * 0.8:  # cut at a word boundary when one is near
        cut = cut[:space]
    notice = (f"Spørsmålet var for langt og ble kortet ned til de første {len(cut)} tegnene "
              f"(maks {MAX_QUESTION_CHARS}).")
    return CleanQuestion(cut.rstrip(), truncated=True, notice=notice)
