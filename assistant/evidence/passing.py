"""Is a thing only named in passing? A definition question («Hva er aktivitetskortet?») is not
answered by a sentence that names the thing as one item of an enumeration («Eksempler på dette kan
være Barne- og ungdomsfaglige møter, aktivitetskortet, foreldreveiledning, COS-kurs med mer.»).

Read from sentence structure alone: the words that name the thing form a short item between
commas, «og», «eller» or «med mer», next to other short items, after a lead-in. An enumeration
that opens the sentence is its subject, and the sentence says something about each item, unless a
lead-in word («inkludert», «blant annet») stands before it or it is in a parenthesis («• Skadelige
strukturelle betingelser (mangler i boforhold, relativ fattigdom, multistressende miljø)»). A
defining verb next to the thing («…, kalles kumulativ risiko») means it is explained; one elsewhere
in the sentence («Disse endringene omfatter flere aspekter, inkludert …, rett til barnekoordinator,
…») does not. A parenthesis that holds one name is what stands before it spelled short («…
traumatisk stress (NKVTS)»), not an item. A report that explains a thing says more about it than
that somewhere in the retrieved passages. The sizes below are read from how enumerations are written,
not tuned (the lead-in words, the defining verb's place and the one-name parenthesis: tune 3 more near
misses refused, one wrongly refused definition answered, NorQuAD unchanged; the enumeration in a
parenthesis: 1 more).
"""

from __future__ import annotations

import re

from assistant.evidence.cues import DEFINES
from assistant.reading.text import terms

_SEPARATORS = re.compile(r",|;|\s+(?:og|eller|samt)\s+|\s+med\s+mer\b|\s+m\.m\.|\(|\)|:")
# words that lead into an enumeration inside a sentence («… flere aspekter, inkludert …, rett til
# barnekoordinator, og …»): what follows them is not the sentence's subject
_LEAD_IN = re.compile(r"\b(?:inkludert|blant\s+annet|bl\.a\.|for\s+eksempel|f\.eks\.|eksempelvis|slik\s+som|"
                      r"deriblant|herunder|som\s+for\s+eksempel)\b", re.IGNORECASE)
_APPOSITION = re.compile(r"\s*\(([^(),;:]*)\)")
ITEM_WORDS = 5  # an enumeration's item is this short …
MIN_ITEMS = 3  # … and the enumeration has at least this many items


def in_passing(sentence: str, thing: frozenset[str]) -> bool:
    """Does ``sentence`` name ``thing`` (its stems) only as one short item of an enumeration? A
    sentence that defines («…, kalles kumulativ risiko») never does."""
    # a parenthesis that holds one thing names what stands before it («… traumatisk stress (NKVTS)»)
    sentence = _APPOSITION.sub(r" \1", sentence)
    items = [s.strip() for s in _SEPARATORS.split(sentence)]
    short = [len(s.split()) <= ITEM_WORDS and bool(s) for s in items]
    named = False
    for k, item in enumerate(items):
        if not item or not thing <= terms(item):
            continue
        if any(DEFINES.search(items[j]) for j in (k - 1, k, k + 1) if 0 <= j < len(items)):
            return False  # said with a defining verb next to it: «…, kalles kumulativ risiko»
        named = True
        neighbours = [short[j] for j in (k - 1, k + 1) if 0 <= j < len(items)]
        lead_in, at = _LEAD_IN.search(sentence), sentence.find(item)
        bracketed = sentence.count("(", 0, at) > sentence.count(")", 0, at)  # «… betingelser (…, X)»
        opens = all(short[:k + 1]) and not bracketed and not (lead_in and lead_in.start() < at)
        if opens or not (short[k] and any(neighbours) and sum(short) >= MIN_ITEMS):
            return False  # an enumeration that opens the sentence is its subject: «Oslo, Bergen og …
            # er de største byene»; in passing, it follows a lead-in («Eksempler på dette kan være …»)
    return named


def only_in_passing(thing: frozenset[str], sentences) -> bool:
    """Every sentence that names ``thing`` names it in passing (and at least one names it).

    ``sentences``: (text, stems) pairs of the retrieved passages."""
    naming = [text for text, stems in sentences if thing <= stems]
    return bool(naming) and all(in_passing(text, thing) for text in naming)
