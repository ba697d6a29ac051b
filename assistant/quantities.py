"""Quantities in a sentence: the figures a politician asks for, as the report writes them.

A quantity is a number with its unit («56 prosent», «29 495», «150 ulike nasjonaliteter») or a
number word («ti prosent», «fire hovedmål», «halvparten», «halvert», «tre–fire ganger»). Not
quantities: years, ages and age ranges («16-19 år», «0-åringer»), grades («5.-7. trinn»), dates,
durations, references («figur 17», «NOU 2019: 3»), list numbers and numbers inside a parenthesis
that explains something («(inntekt under 60 prosent …)»). Abstention, sentence choice and the
answer's lead all use this one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers import extract_numbers

UNIT = re.compile(
    r"\s*((?:(?:ulike|forskjellige|nye|flere)\s+)?(?:prosent(?:poeng)?|%|barn(?:\s+og\s+unge)?|personer|"
    r"innbyggere|innvandrere|nasjonaliteter|elever|unge|ungdommer|kroner|husholdninger|familier))"
    r"(?![\wæøå])", re.IGNORECASE)
_NOT_A_QUANTITY = re.compile(
    r"(?:\s*(?:(?:og|til|-|–)\s*\d+\s*år\b|år\b|\.?\s*-?\s*(?:trinn|klasse|vgs)\b|\.\s*\d|\.\s*(?:januar|"
    r"februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b"
    r"|(?:eller\s+(?:flere|fler)\s+)?ganger\b(?!\s+(?:så|flere|høyere|større|mer)\b)"
    r"|»?\s*gang\b|(?:eller\s+(?:mer|flere|fler)\s+)?(?:time|dag|uke|måned|år)\w*|\.-\s*\d)|-?\s*åring)",
    re.IGNORECASE)
_REFERENCE = re.compile(r"(?:\b(?:figur|tabell|kapittel|nr\.?|St\.|NOU\s+\d{4}\s*:|side|s\.)\s*|\d\s*:\s*)$",
                        re.IGNORECASE)
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_YEARS = re.compile(r"(?:19[5-9]\d|20[0-4]\d)(?:\s*[-–]\s*(?:19[5-9]\d|20[0-4]\d))?")  # 2022, 2019-2022
BASELINE = re.compile(r"\b(?:fra|siden|før)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
# Number words that state a figure. «en», «ett» and «to» are too often something else, so «to» counts
# only before a unit; fractions and multiples count on their own.
_CARDINAL = (r"tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|"
             r"atten|nitten|tjue|tretti|førti|femti|seksti|sytti|åtti|nitti|hundre|tusen")
_WORD_QUANTITY = re.compile(
    r"\b(?:(?:" + _CARDINAL + r")(?:\s*[–-]\s*(?:" + _CARDINAL + r"))?(?=\s+(?!år|uke|dag|time|måned|"
    r"ganger\s+i\b)[\wæøå])(?:\s+(?:prosent|ganger|av\s+\w+))?"
    r"|to\s+(?:prosent|ganger|av\s+\w+)"
    r"|(?:over\s+|under\s+|nesten\s+)?halvparten|halvert|doblet|tredoblet|(?:en\s+)?tredjedel|(?:en\s+)?fjerdedel"
    r"|dobbel(?:t)?\s+så\s+\w+)\b", re.IGNORECASE)


_AGES = re.compile(r"\b(?:(?:mellom\s+)?(\d{1,2})\s*(?:-|–|og|til)\s*(\d{1,2})|(under|over)\s+(\d{1,2}))\s*år\b",
                   re.IGNORECASE)


def ages(text: str) -> frozenset[str]:
    """The age groups ``text`` names: «25-34» for «mellom 25 og 34 år», «under 18» for «under 18 år»."""
    out = set()
    for m in _AGES.finditer(text):
        out.add(f"{m[1]}-{m[2]}" if m[1] else f"{m[3].lower()} {m[4]}")
    return frozenset(out)


def stated_years(sentence: str) -> frozenset[str]:
    """Years ``sentence`` states its figures for: not a baseline («en økning fra 2019»)."""
    return frozenset(m.group() for m in YEAR.finditer(sentence) if not BASELINE.search(sentence, 0, m.start()))


@dataclass(frozen=True)
class Quantity:
    start: int  # offset in the sentence
    end: int  # end of the number and its unit
    text: str  # «56 prosent», «ti prosent», «halvparten»
    baseline: bool  # «økning fra 5,4 prosent»: the earlier value of a change


def quantities(sentence: str, explanations: bool = False) -> list[Quantity]:
    """The quantities of ``sentence`` in order (see the module docstring); with ``explanations``
    also those inside an explaining parenthesis («(spørsmål er kun stilt til 90 prosent …)»)."""
    out, cursor = [], 0
    for number in extract_numbers(sentence):
        at = sentence.find(number, cursor)
        if at < 0:
            continue
        cursor = end = at + len(number)
        if _YEARS.fullmatch(number) or _NOT_A_QUANTITY.match(sentence, end):
            continue
        if _REFERENCE.search(sentence, 0, at) or (not explanations and _in_explanation(sentence, at)):
            continue
        unit = UNIT.match(sentence, end)
        stop = unit.end() if unit else end
        out.append(Quantity(at, stop, sentence[at:stop], bool(BASELINE.search(sentence, 0, at))))
    for m in _WORD_QUANTITY.finditer(sentence):
        out.append(Quantity(m.start(), m.end(), m.group(), bool(BASELINE.search(sentence, 0, m.start()))))
    return sorted(out, key=lambda q: q.start)


def has_quantity(sentence: str) -> bool:
    """Does ``sentence`` state any figure, an explained one included?"""
    return bool(quantities(sentence, explanations=True))


def _in_explanation(sentence: str, at: int) -> bool:
    opened = sentence.rfind("(", 0, at)
    return opened > sentence.rfind(")", 0, at) and bool(re.match(r"\(\s*[^\d\s]", sentence[opened:]))
