"""Is a thing only named in passing, or only mentioned? A definition question («Hva er
aktivitetskortet?») is not answered by a sentence that names the thing as one item of an enumeration
(«Eksempler på dette kan være Barne- og ungdomsfaglige møter, aktivitetskortet, foreldreveiledning,
COS-kurs med mer.»), nor «Hva betyr X?» by a sentence that only uses the word (``only_mentioned``,
below).

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
parenthesis: 1 more). A name in a credit after a figure («Kilde: Bærum kommune/KOMPAS») is named in
passing too: the credit says where the figure comes from, not what the source is.
"""

from __future__ import annotations

import re

from assistant.evidence.cues import DEFINES, announces_list, leans_back
from assistant.reading.text import terms, terms_many

_SEPARATORS = re.compile(r",|;|\s+(?:og|eller|samt)\s+|\s+med\s+mer\b|\s+m\.m\.|\(|\)|:")
# words that lead into an enumeration inside a sentence («… flere aspekter, inkludert …, rett til
# barnekoordinator, og …»): what follows them is not the sentence's subject
_LEAD_IN = re.compile(r"\b(?:inkludert|blant\s+annet|bl\.a\.|for\s+eksempel|f\.eks\.|eksempelvis|slik\s+som|"
                      r"eksempler\s+på\s+[\wæøå]+\s+(?:er|var|kan\s+være)|"
                      r"deriblant|herunder|som\s+for\s+eksempel)\b", re.IGNORECASE)
# «Kilde: Bærum kommune/KOMPAS»: a credit says where a figure comes from, not what the source is
_CREDIT = re.compile(r"\b(?:kilde|kilder|foto|illustrasjon)\s*:", re.IGNORECASE)
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
        if _credited(sentence, item):
            continue  # named as the source of a figure
        neighbours = [short[j] for j in (k - 1, k + 1) if 0 <= j < len(items)]
        lead_in, at = _LEAD_IN.search(sentence), sentence.find(item)
        bracketed = sentence.count("(", 0, at) > sentence.count(")", 0, at)  # «… betingelser (…, X)»
        opens = all(short[:k + 1]) and not bracketed and not (lead_in and lead_in.start() < at)
        if opens or not (short[k] and any(neighbours) and sum(short) >= MIN_ITEMS):
            return False  # an enumeration that opens the sentence is its subject: «Oslo, Bergen og …
            # er de største byene»; in passing, it follows a lead-in («Eksempler på dette kan være …»)
    return named


def _credited(sentence: str, words: str) -> bool:
    """Are ``words`` (as written in ``sentence``) named in a credit («Kilde: Bærum kommune/KOMPAS»)?"""
    credit = _CREDIT.search(sentence)
    return bool(credit) and sentence.find(words, credit.end()) >= 0


def only_credited(thing: frozenset[str], sentences) -> bool:
    """Every sentence that names ``thing`` names it in a credit only (and at least one names it)."""
    naming = [text for text, stems in sentences if thing <= stems]
    return bool(naming) and all(_named_in_credit_only(text, thing) for text in naming)


def _named_in_credit_only(text: str, thing: frozenset[str]) -> bool:
    credit = _CREDIT.search(text)
    return bool(credit) and not thing <= terms(text[:credit.start()])


def only_in_passing(thing: frozenset[str], sentences) -> bool:
    """Every sentence that names ``thing`` names it in passing (and at least one names it).

    ``sentences``: (text, stems) pairs of the retrieved passages."""
    naming = [text for text, stems in sentences if thing <= stems]
    return bool(naming) and all(in_passing(text, thing) for text in naming)


# Is a thing explained, or only mentioned? «Hva betyr medianinntekt?» is not answered by «… bodde i
# husholdninger med vedvarende lav inntekt (inntekt under 60 prosent av medianinntekt …)»: the report
# uses the word but nowhere says what it is. A sentence explains a thing when it is about it: the thing
# opens it or is the subject of a verb right after it («Kumulativ risiko handler om …», «2030-agendaen
# er konkretisert …»), the sentence brings it in with «en»/«et» («… utgir hvert år en oppvekstprofil
# med …»), a description stands beside it («Fritidserklæringen, som bygger på …», «X (en …)»,
# «X – …», «X: …»), it is said with a defining word («… kalles derfor en oppvekstreform»), it is
# called so («såkalte X», «begrepet X»), the sentence announces a list of it («… fire kritiske
# grupper:») or it is what a figure shows («Figur 1: Kunnskapsbasert praksis.»). The sentence after it
# may also explain it («… X. Begrepet brukes om …»), and for a thing of several words it is enough that
# its last word, the noun the others narrow, is explained («ungt utenforskap»: «Utenforskap betegner
# …»).
_WORD = re.compile(r"[\wæøåÆØÅéü-]+")
_OPENER = frozenset({"en", "et", "ei", "den", "det", "de", "og", "men"})  # may stand before a subject
_BRINGS_IN = frozenset({"en", "et", "ei"})
_VERB_AFTER = re.compile(r"\s*(?:er|var|blir|ble|har|hadde|skal|kan|vil|må|bør|består|handler|bygger|omfatter|"
                         r"gir|ga|brukes|retter|beskriver|dreier|viser|innebærer|betyr)\b", re.IGNORECASE)
_BESIDE = re.compile(r"\s*(?:,?\s*(?:som|det\s+vil\s+si|altså|dvs\.?)\b|,\s*(?:en|et|ei|også)\s|\(\s*[^\W\d]|"
                     r"[–:]\s|-\s)", re.IGNORECASE)
_CALLED = re.compile(r"\b(?:såkalte?|kalles|kalt|omtales\s+som|betegnes\s+som|forstås\s+som|begrepet|uttrykket)"
                     r"\s*[«\"]?\s*$", re.IGNORECASE)
_SHOWN = re.compile(r"^\s*(?:Figur|Tabell)\s*\d+\s*:", re.IGNORECASE)
_THE_TERM = re.compile(r"^\W*(?:begrepet|uttrykket|ordet|betegnelsen)\b", re.IGNORECASE)


def explains(sentence: str, thing: frozenset[str]) -> bool:
    """Does ``sentence``, which names ``thing`` (its stems), say what it is or does, rather than only
    use the word?"""
    if DEFINES.search(sentence) or announces_list(sentence) or _SHOWN.match(sentence):
        return True
    words = list(_WORD.finditer(sentence))
    stems = terms_many([w.group() for w in words])  # one tokenizer call for the sentence
    hits = [k for k, s in enumerate(stems) if s & thing]
    runs = [k for k in hits if k - 1 not in hits]  # where each naming of the thing starts
    return any(_about(sentence, words, k, hits) for k in runs)


def _about(sentence: str, words: list[re.Match], first: int, hits: list[int]) -> bool:
    """Is the naming of a thing that starts at word ``first`` what the sentence is about, or
    described where it stands?"""
    last = first
    while last + 1 in hits:
        last += 1
    before, after = sentence[:words[first].start()], sentence[words[last].end():]
    lead = words[first - 1].group() if first else ""
    opens = first == 0 or (first == 1 and (lead.lower() in _OPENER or lead.endswith("s")))  # «FNs Barnekonvensjon»
    return bool(opens or lead.lower() in _BRINGS_IN or _VERB_AFTER.match(after)
                or _BESIDE.match(after) or _CALLED.search(before))


def _defines_back(sentence: str) -> bool:
    """Does ``sentence`` define what the one before it names («Begrepet brukes om …», «Dette betyr …»)?"""
    return bool((_THE_TERM.match(sentence) or leans_back(sentence)) and DEFINES.search(sentence))


def only_mentioned(thing: frozenset[str], passages, head: frozenset[str] = frozenset()) -> bool:
    """Sentences name ``thing`` and none of them explains it (``explains``), nor does the sentence
    after one of them, nor, for a thing of several words, one that names and explains its ``head``.

    ``passages``: per retrieved passage, its (text, stems) pairs in order."""
    named = False
    for sentences in passages:
        for j, (text, stems) in enumerate(sentences):
            for part in (thing, head) if head and head != thing else (thing,):
                if not part <= stems:
                    continue
                named = named or part == thing
                if explains(text, part) or (j + 1 < len(sentences) and _defines_back(sentences[j + 1][0])):
                    return False
    return named
