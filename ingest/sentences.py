"""Sentences of a passage with their offsets: one splitter for the index (sentence vectors) and the
answer stage (which sentences to quote), so both cut a passage the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace and
# an upper-case letter, a digit, a quote or a bullet. «1. januar» and «ca. 3300» do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[»\")]?\s+(?=[A-ZÆØÅ0-9«\"•–-])|\s+(?=•)|\n+")
# Abbreviations end a piece only as whole words («ca.», not the «s.» of «landsbasis.»), and so does
# an initial («H. Ibsen»).
_ABBREVIATION = re.compile(
    r"(?:^|[\s(«\"/-])(?:ca|bl\.a|f\.eks|pr|nr|jf|mht|kap|s|dvs|mv|evt|osv|inkl|ekskl|fig|tlf|kl|st|meld|prop|"
    r"innst|mr|mrs|dr|"
    r"prof|jr|sr|f\.kr|e\.kr|o\.l|m\.m|m\.fl|bl\.\s?a|pkt|ref|red|vol|jan|feb|aug|sep|sept|okt|nov|des)\.$",
    re.IGNORECASE)
_INITIAL = re.compile(r"(?:^|\s)[A-ZÆØÅ]\.$")
_LIST_NUMBER = re.compile(r"(?:[:,]|\bog|\beller)\s+\d{1,2}\.$")  # «definert som følgende: 1. Antall rom …»
_ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]$")  # «1.» opening a numbered list item on its own line

_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a passage: its text and where it starts in the passage."""

    text: str
    start: int

    @property
    def has_number(self) -> bool:
        return bool(_NUMBER.search(self.text))


def split_sentences(text: str) -> list[Sentence]:
    """Split a passage into sentences, keeping each sentence's character offset."""
    out: list[Sentence] = []
    pending = 0  # where the current sentence began (an abbreviation may join two pieces)
    for m in _BOUNDARY.finditer(text):
        piece = text[pending:m.start()].rstrip()
        if "\n" not in m.group() and (_ABBREVIATION.search(piece) or _INITIAL.search(piece)
                                       or _LIST_NUMBER.search(piece) or _ITEM_NUMBER.match(piece.strip())):
            continue
        _emit(out, text, pending, m.start())
        pending = m.end()
    _emit(out, text, pending, len(text))
    return out


def _emit(out: list[Sentence], text: str, a: int, b: int) -> None:
    raw = text[a:b]
    stripped = raw.strip()
    if len(stripped) < 2:
        return
    offset = a + (len(raw) - len(raw.lstrip()))
    out.append(Sentence(stripped, offset))
