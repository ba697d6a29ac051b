"""«Hva står NKVTS for?»: a question for what an abbreviation stands for, and whether a text spells it
out («Nasjonalt kunnskapssenter om vold og traumatisk stress (NKVTS)», «VAR (video assistant
referee)», «X står for …»). A report that only uses the abbreviation («NOU-er», «FAFO-rapporten»,
«ADHD, særlig hos gutter») does not answer the question.
"""

from __future__ import annotations

import re

_ASKS = re.compile(r"^\W*(?:og\s+)?hva\s+står\s+(?:egentlig\s+)?(?:forkortelsen\s+)?«?(?P<abbr>[\wæøåÆØÅ-]{2,}?)»?"
                   r"\s+(?:egentlig\s+)?for\s*\??\s*$", re.IGNORECASE)


def asked_abbreviation(question: str) -> str | None:
    """The abbreviation ``question`` asks to have spelled out, or None."""
    m = _ASKS.search(question.strip())
    return m.group("abbr") if m else None


def names(abbreviation: str, text: str) -> bool:
    """Does ``text`` use ``abbreviation`` at all?"""
    return bool(re.search(rf"(?<![\wæøå]){re.escape(abbreviation)}(?![\wæøå])", text, re.IGNORECASE))


def spells_out(abbreviation: str, text: str) -> bool:
    """Does ``text`` say what ``abbreviation`` stands for: «… (X)», «X (…)», «X står for …», «X er en
    forkortelse for …»?"""
    a = re.escape(abbreviation)
    return bool(re.search(rf"\(\s*{a}\s*\)|(?<![\wæøå]){a}\s*\(\s*[^\W\d]|(?<![\wæøå]){a}\s+(?:står\s+for|er\s+"
                          rf"(?:en\s+|et\s+)?(?:forkortelse|kortform)\s+for)\b", text, re.IGNORECASE))
