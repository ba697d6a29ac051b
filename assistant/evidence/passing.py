"""Is a thing only named in passing? A definition question («Hva er aktivitetskortet?») is not
answered by a sentence that names the thing as one item of an enumeration («Eksempler på dette kan
være Barne- og ungdomsfaglige møter, aktivitetskortet, foreldreveiledning, COS-kurs med mer.»).

Read from sentence structure alone: the words that name the thing form a short item between
commas, «og», «eller» or «med mer», next to other short items, after a lead-in. An enumeration
that opens the sentence is its subject, and the sentence says something about each item. A report
that explains a thing says more about it than that somewhere in the retrieved passages. The sizes
below are read from how enumerations are written, not tuned.
"""

from __future__ import annotations

import re

from assistant.evidence.cues import DEFINES
from assistant.reading.text import terms

_SEPARATORS = re.compile(r",|;|\s+(?:og|eller|samt)\s+|\s+med\s+mer\b|\s+m\.m\.|\(|\)|:")
ITEM_WORDS = 5  # an enumeration's item is this short …
MIN_ITEMS = 3  # … and the enumeration has at least this many items


def in_passing(sentence: str, thing: frozenset[str]) -> bool:
    """Does ``sentence`` name ``thing`` (its stems) only as one short item of an enumeration? A
    sentence that defines («…, kalles kumulativ risiko») never does."""
    if DEFINES.search(sentence):
        return False
    items = [s.strip() for s in _SEPARATORS.split(sentence)]
    short = [len(s.split()) <= ITEM_WORDS and bool(s) for s in items]
    named = False
    for k, item in enumerate(items):
        if not item or not thing <= terms(item):
            continue
        named = True
        neighbours = [short[j] for j in (k - 1, k + 1) if 0 <= j < len(items)]
        if all(short[:k + 1]) or not (short[k] and any(neighbours) and sum(short) >= MIN_ITEMS):
            return False  # an enumeration that opens the sentence is its subject: «Oslo, Bergen og …
            # er de største byene»; in passing, it follows a lead-in («Eksempler på dette kan være …»)
    return named


def only_in_passing(thing: frozenset[str], sentences) -> bool:
    """Every sentence that names ``thing`` names it in passing (and at least one names it).

    ``sentences``: (text, stems) pairs of the retrieved passages."""
    naming = [text for text, stems in sentences if thing <= stems]
    return bool(naming) and all(in_passing(text, thing) for text in naming)
