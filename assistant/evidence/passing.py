"""Is a thing only named in passing? A definition question («Hva er aktivitetskortet?») is not
answered by a sentence that names the thing as one item of an enumeration («Eksempler på dette kan
være Barne- og ungdomsfaglige møter, aktivitetskortet, foreldreveiledning, COS-kurs med mer.»).

Read from sentence structure alone: the words that name the thing form a short item between
commas, «og», «eller» or «med mer», next to other short items, after a lead-in. An enumeration
that opens the sentence is its subject, and the sentence says something about each item. A report
that explains a thing says more about it than that somewhere in the retrieved passages. The sizes
below are read from how enumerations are written, not tuned.

Nor is it answered when no retrieved sentence explains the thing at all («Hva betyr
medianinntekt?», where the report writes only «(inntekt under 60 prosent av medianinntekt for Bærum
kommune …)»). A sentence explains a thing when it names it as what the sentence is about: followed
by a verb that says what it is («Indikert forebygging er …», «Resiliens viser til …», «… står for
…»), by an apposition, a parenthesis, a colon or a dash («Serekh, en rektangulær nisjefasade …»,
«CRPD (The Committee on …)»), after a word that names it («… kalles kumulativ risiko», «Med tidlig
intervensjon menes …»), or in a sentence with a defining cue (``cues.DEFINES``). These are the
shapes of a Norwegian definition, not of one report.
"""

from __future__ import annotations

import re

from assistant.evidence.cues import DEFINES
from assistant.reading.text import terms, terms_many

_SEPARATORS = re.compile(r",|;|\s+(?:og|eller|samt)\s+|\s+med\s+mer\b|\s+m\.m\.|\(|\)|:")
_WORD = re.compile(r"[\wæøåÆØÅ-]+")
# what may follow the words that name the thing in a sentence that explains it
_SAYS_WHAT = re.compile(r"^\W*(?:\(|:|–|-\s|,\s*(?:som|hvor|der|det\s+vil\s+si|(?:en|et|ei|den|det|de)\s+\w+)\b|"
                        r"(?:(?:og|eller)\s+[\wæøå-]+\s+)?(?:som|med)\b|"
                        r"(?:er|var|blir|betyr|innebærer|omfatter|defineres|kalles|handler|dreier|viser|beskriver|"
                        r"beskrives|refererer|står\s+for|brukes|forstås|regnes|består)\b)", re.IGNORECASE)
# … and what may come right before them
_NAMES_IT = re.compile(r"(?:kalles|kalt|defineres\s+som|omtales\s+som|betegnes\s+som|såkalte?|begrepet|uttrykket|"
                       r"med)\W*$", re.IGNORECASE)
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


def explains(sentence: str, thing: frozenset[str]) -> bool:
    """Does ``sentence`` name ``thing`` (its stems) as what it explains («Indikert forebygging er
    tiltak …», «… kalles kumulativ risiko», «Serekh, en rektangulær nisjefasade …»)?"""
    words = list(_WORD.finditer(sentence))
    stems = terms_many([w.group() for w in words])
    at = [i for i, st in enumerate(stems) if st & thing]
    if not at or not thing <= set().union(*(stems[i] for i in at)):
        return False
    if DEFINES.search(sentence):
        return True
    for i in at:
        j = i
        while j + 1 < len(words) and stems[j + 1] & thing:  # the whole name: «kumulativ risiko»
            j += 1
        if _SAYS_WHAT.match(sentence[words[j].end():]) or _NAMES_IT.search(sentence[:words[i].start()]):
            return True
    return False


def never_explained(thing: frozenset[str], sentences) -> bool:
    """Some sentence names ``thing`` and none explains it.

    ``sentences``: (text, stems) pairs of the retrieved passages."""
    naming = [text for text, stems in sentences if thing <= stems]
    return bool(naming) and not any(explains(text, thing) for text in naming)
