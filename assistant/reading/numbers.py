"""Numbers as the report writes them: found, displayed and keyed for comparison.

The report writes numbers the Norwegian way: «129 874» (space, U+202F or U+00A0 between thousands
groups), «23,9» (decimal comma), «110.700» (dot between thousands groups), «5-10» and «2019-2022»
(ranges), «1 av 4». Footnote markers are glued to words and punctuation («livskvalitet1.»,
«treårsperiode)7.», «kår22.») and are never numbers; neither are [n] citation markers, list
numbers at the start of a line, or digits inside web addresses.

``assistant.proof.numbers`` proves an answer's numbers against its sources with these keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["normalize_for_match", "extract_numbers", "number_key", "whole_number_keys"]

_WS = re.compile(r"\s+")  # str patterns: \s covers U+00A0, U+202F, U+2009 and line breaks
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_CITATION = re.compile(r"\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\]")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[•\-*][ \t]*)?\d{1,2}[.)](?=[ \t]|$)", re.MULTILINE)

# One plain number: space-grouped thousands, dot-grouped thousands, decimal comma/dot, or digits.
_PLAIN = r"""
    \d{1,3}(?:\ \d{3})+(?![\d,])         # 129 874   (first group 1-3 digits, then groups of 3)
  | \d{1,3}(?:\.\d{3})+(?![\d.])         # 110.700
  | \d+(?:\.\d+){2,}                     # 5.1.2     (section numbers)
  | \d+[,.]\d+                           # 23,9  2.1
  | \d+
"""
_NUMBER = re.compile(
    rf"""
    (?<![^\W\d_])(?<![\d_)\].,»”’%:])   # not glued to a letter, digit or closing punctuation
    (?<![^\W\d_]-)                        # not «Covid-19»
    (?P<first>{_PLAIN})
    (?:
        (?P<range>\ ?[-–—]\ ?)(?P<second>{_PLAIN})     # 5-10, 2019–2022, (2022 –2023)
      | (?P<av>\ av\ )(?P<of>{_PLAIN})                  # 1 av 4
    )?
    (?![^\W\d_])(?!\d)                    # not followed by a letter («3D», «47e01f85»)
    """,
    re.VERBOSE,
)
_PLAIN_RE = re.compile(_PLAIN, re.VERBOSE)
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
# «i 202119.» is the year 2021 with note marker 19 glued on; real numbers this large are grouped.
_YEAR_WITH_NOTE = re.compile(r"(19[5-9]\d|20[0-4]\d)[1-9]\d?")


def normalize_for_match(text: str) -> str:
    """Unicode NFKC, every whitespace run (incl. U+202F, U+00A0) to one space, stripped.

    This is the normalisation the evaluation uses before comparing strings.

    >>> normalize_for_match("129\\u202f874  innbyggere\\n")
    '129 874 innbyggere'
    """
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _prepare(text: str) -> str:
    """Remove what is never a number (list markers, web addresses, [n]) and normalise."""
    text = unicodedata.normalize("NFKC", text)
    text = _LIST_MARKER.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _CITATION.sub(" ", text)
    return normalize_for_match(text)


def _plain_key(s: str) -> str:
    s = s.replace(" ", "")
    if _DOT_GROUPED.fullmatch(s):
        s = s.replace(".", "")
    return s


def number_key(number: str) -> str:
    """Comparison key of a number as written: «129 874» and «129874» → «129874», «5–10» → «5-10»."""
    number = normalize_for_match(number)
    m = _NUMBER.fullmatch(number)
    if m is None:
        return _plain_key(number)
    first, second, of = (_part(m[g]) for g in ("first", "second", "of"))
    if second is not None:
        return f"{_plain_key(first)}-{_plain_key(second)}"
    if of is not None:
        return f"{_plain_key(first)} av {_plain_key(of)}"
    return _plain_key(first)


def _matches(text: str) -> Iterable[re.Match[str]]:
    return _NUMBER.finditer(_prepare(text))


def _part(s: str | None) -> str | None:
    """One plain number with a glued note marker after a year removed."""
    if s is not None and (y := _YEAR_WITH_NOTE.fullmatch(s)):
        return y[1]
    return s


def _display(m: re.Match[str]) -> str:
    first, second, of = _part(m["first"]), _part(m["second"]), _part(m["of"])
    if second is not None:
        return f"{first}-{second}"
    if of is not None:
        return f"{first} av {of}"
    return first


def extract_numbers(text: str) -> list[str]:
    """The numbers in ``text``, in order, as written (whitespace normalised, dashes as «-»).

    Note markers glued to words or punctuation, [n] citation markers, list numbers at the start
    of a line and digits inside web addresses are left out. Units are not part of the number:
    «18 %» and «50 prosent» give «18» and «50».

    >>> extract_numbers("Per 1. januar 2023 bodde det 129\\u202f874 innbyggere [1]. Se kår22.")
    ['1', '2023', '129 874']
    >>> extract_numbers("mellom 5-10 prosent, omkring 1 av 4 (16-19 år), 23,9 prosent")
    ['5-10', '1 av 4', '16-19', '23,9']
    """
    return [_display(m) for m in _matches(text)]


def whole_number_keys(text: str) -> set[str]:
    """Keys of every whole number in ``text``; ranges and «x av y» also give their two parts."""
    keys: set[str] = set()
    for m in _matches(text):
        keys.add(number_key(_display(m)))
        for part in map(_part, (m["first"], m["second"], m["of"])):
            if part is not None:
                keys.add(_plain_key(part))
    return keys
