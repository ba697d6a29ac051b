"""The lead of a figure answer: the figures first, exactly as the report writes them.

«41 prosent (jentene, videregående) [1]» or «12,4 prosent (justert for lokale
lavinntektsgrenser, 2021), 3247 barn (2021) [1]; 12 prosent (etter lokale lavinntektsgrenser,
2020), 7 prosent (med den nasjonale inntekten, 2020) [2]». Nothing is paraphrased: each figure
with its unit, and each qualifier (year, group, level, place, the limit it is measured by) is a
span selected from the quoted sentence, so every number stays provable against the passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.conversation import slot_words
from assistant.numbers import extract_numbers
from assistant.text import Sentence

# A clause ends at a comma, semicolon or «mens/men», or where «og/mot/versus» starts a new figure.
_CLAUSE = re.compile(r"[,;]\s+|\s+(?:mens|men)\s+|\s+(?:og|mot|versus)\s+(?=\d)")
_UNIT = re.compile(r"\s*(prosent(?:poeng)?|%|barn(?:\s+og\s+unge)?|personer|innbyggere|innvandrere|"
                   r"nasjonaliteter|elever|unge|ungdommer|kroner|ganger)(?![\wæøå])", re.IGNORECASE)
_NOT_A_FIGURE = re.compile(
    r"\s*(?:(?:og|til|-)\s*\d+\s*år\b|år\b|\.?\s*-?\s*(?:trinn|klasse|vgs)\b|\.\s*\d|\.\s*(?:januar|februar|mars|april|mai|juni|"
    r"juli|august|september|oktober|november|desember)\b)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_QUALIFIER = re.compile(
    r"\b(?:(?:etter|justert for|med|basert på)\s+(?:den\s+|de\s+)?(?:lokale|nasjonale|nasjonal)\s+[\wæøå]+"
    r"|på landsbasis|nasjonalt|i hele landet|resten av landet|i Norge)\b", re.IGNORECASE)
_BASELINE = re.compile(r"\b(?:fra|siden|før)\b[^.]{0,40}$", re.IGNORECASE)
MAX_ITEMS = 10  # figures in the lead at most


def _figures(clause: str) -> list[tuple[int, str]]:
    """(offset, «number unit») of the figures in ``clause``: no years, ages, grades or
    numbers inside a parenthesis that explains something («(inntekt under 60 prosent …)»)."""
    out, cursor = [], 0
    for number in extract_numbers(clause):
        at = clause.find(number, cursor)
        if at < 0:
            continue
        cursor = end = at + len(number)
        if _YEAR.fullmatch(number) or _NOT_A_FIGURE.match(clause, end):
            continue
        opened = clause.rfind("(", 0, at)
        if opened > clause.rfind(")", 0, at) and re.match(r"\(\s*[^\d\s]", clause[opened:]):
            continue
        unit = _UNIT.match(clause, end)
        out.append((at, clause[at:unit.end()] if unit else number))
    return out


def _clauses(sentence: str) -> list[str]:
    pieces, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        pieces.append(sentence[start:m.start()])
        start = m.end()
    pieces.append(sentence[start:])
    return [p for p in pieces if p.strip()]


def _group_words(text: str, names: Sequence[str]) -> list[tuple[str, str, str]]:
    """(slot, canonical value, word as written) of the groups/levels/places ``text`` names."""
    found = slot_words(text)
    return [(name, value, word) for name in names for word, value in found.get(name, [])]


def _item(figure: str, clause: str, sentence: str, year: str | None,
          asked: dict[str, set[str]], before: str = "") -> tuple[int, str] | None:
    """One lead item, and how many asked groups/levels/places it names; None when it is about
    another group than the one asked."""
    quals: list[str] = []
    groups = _group_words(clause, ("gender", "background"))  # «…, mens det 41 prosent av jentene»
    places = (_group_words(clause, ("level", "place")) or _group_words(sentence, ("level", "place"))
              or _group_words(before, ("place",)))  # «I dag … i Norge. Det utgjør 110.700 barn.»
    for name, value, word in groups:
        if asked.get(name) and value not in asked[name]:
            return None
    quals += [w for _, _, w in groups + places]
    on_topic = sum(1 for name, value, _ in groups + places if value in asked.get(name, ()))
    q = _QUALIFIER.search(clause) or _QUALIFIER.search(sentence)
    if q:
        quals.append(q.group()[0].lower() + q.group()[1:])
    if year:
        quals.append(year)
    quals = [x for x in dict.fromkeys(quals) if x.lower() not in figure.lower()]
    quals = [x for x in quals if not any(x != y and x.lower() in y.lower() for y in quals)]
    text = f"{figure} ({', '.join(quals)})" if quals else figure
    return on_topic, text


def lead(pieces: Sequence[tuple[Sequence[Sentence], str]], asked: dict[str, set[str]]) -> str:
    """The lead for quoted ``pieces`` (sentences of one window, its markers «[1][2]»).

    Returns "" when the pieces hold no figure.
    """
    parts: list[str] = []
    count = 0
    for window, markers in pieces:
        items: list[tuple[int, str]] = []
        year = None
        window_years = set(_YEAR.findall(" ".join(s.text for s in window)))
        only_year = next(iter(window_years)) if len(window_years) == 1 else None
        before = ""
        for sentence in window:
            years = [m.group() for m in _YEAR.finditer(sentence.text)
                     if not _BASELINE.search(sentence.text, 0, m.start())]  # «økning fra 5,4 % i 2013»
            year = years[0] if len(years) == 1 else (year if not years else None)
            for clause in _clauses(sentence.text):
                clause_years = _YEAR.findall(clause)
                y = clause_years[0] if len(clause_years) == 1 else (year or only_year)
                for _, figure in _figures(clause):
                    item = _item(figure, clause, sentence.text, y, asked, before)
                    if item and item[1] not in (t for _, t in items):
                        items.append(item)
            before = sentence.text
        items.sort(key=lambda it: -it[0])  # the figures for the asked group and place first
        items = items[:max(MAX_ITEMS - count, 0)]
        if items:
            count += len(items)
            parts.append(f"{', '.join(t for _, t in items)} {markers}")
    return "; ".join(parts)
