"""Slots: the group, parent, school level, place and year a text names.

«jentene på videregående i Bærum i 2021» names gender «jente», level «videregående», place «Bærum»
and year «2021». Follow-ups swap slots (``assistant.question.followup``); the answer checks compare the
slots a question asks for with those a sentence states (``assistant.evidence.scoring``, ``assistant.evidence.passages``,
``assistant.evidence.attribution``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from assistant.reading.text import terms

WORD = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä-]+")


@dataclass(frozen=True)
class _Slot:
    """One kind of slot; ``values`` maps a canonical value to the word prefixes that name it."""

    name: str
    values: dict[str, tuple[str, ...]]
    exact: bool = False  # whole words only («far» is not «farlig»)


# Word forms are matched by prefix, so «ungdomsskoleelever» is level «ungdomsskole» and the swap
# keeps the rest of the word («videregåendeelever», a form the report uses).
_SLOTS = (
    _Slot("gender", {
        "jente": ("jente", "jenta", "jentene", "jenter", "kvinne", "kvinner", "jentenes"),
        "gutt": ("gutt", "gutten", "guttene", "gutter", "menn", "mann", "guttenes"),
    }),
    _Slot("background", {
        "innvandrer": ("innvandrer", "innvandring", "minoritet", "flyktning", "landbakgrunn"),
        "funksjonsnedsettelse": ("funksjonsnedsett", "funksjonshem", "funksjonshindr",
                                 "funksjonsvariasjon", "funksjonsevne"),
        "skeiv": ("skeiv", "lhbt", "lhbtiq", "ikke-heterofil", "homofil", "bifil", "lesbisk", "transperson"),
    }),
    _Slot("parent", {
        "mor": ("mor", "mora", "moren", "mødre", "mødrene", "mamma", "mammaen"),
        "far": ("far", "faren", "fedre", "fedrene", "pappa", "pappaen"),
    }, exact=True),
    _Slot("level", {
        "barneskole": ("barneskole", "barnetrinn", "mellomtrinn", "barnehage", "junior", "ungdata-junior"),
        "ungdomsskole": ("ungdomsskole", "ungdomskole", "ungdomstrinn"),  # the report writes both
        "videregående": ("videregående", "vgs"),
    }),
    _Slot("place", {
        "Bærum": ("bærum", "bæring"),  # «bæringer»: the people of Bærum
        "landet": ("landet", "nasjonalt", "norge", "landsbasis", "landsgjennomsnitt", "nasjonalt",
                   "nasjonale", "nasjonalgjennomsnitt"),
        "Viken": ("viken",),
        "Oslo": ("oslo",),
        "Asker": ("asker",),
        # places the report gives no figures for: a question about them is a near miss
        **{name.capitalize(): (name,) for name in (
            "sandvika", "fornebu", "bekkestua", "stabekk", "lysaker", "kolsås", "østerås", "høvik",
            "rykkinn", "eiksmarka", "haslum", "blommenholm", "drammen", "bergen", "trondheim", "stavanger",
            "lillestrøm", "lørenskog", "kristiansand", "tromsø")},
    }),
)
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_GRADES = re.compile(r"\b(\d{1,2})\.\s*(?:[-–]\s*(\d{1,2})\.)?\s*-?\s*(?:trinn|klass)", re.IGNORECASE)
_NOT_SLOTS = ("mennesk",)  # «mennesker» is not «menn»


def lower_words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return WORD.findall(text.lower())


# (slot, value, prefix) in match order: slots in order, each value's prefixes longest first.
_PREFIXES = tuple((slot.name, value, prefix) for slot in _SLOTS if not slot.exact
                  for value, prefixes in slot.values.items()
                  for prefix in sorted(prefixes, key=len, reverse=True))
_EXACT = {word: (slot.name, value, word) for slot in _SLOTS if slot.exact
          for value, words in slot.values.items() for word in words}
_FIRST_LETTERS = frozenset(p[0] for _, _, p in _PREFIXES)


_PLACES = next(slot.values for slot in _SLOTS if slot.name == "place")
GROUP_SLOTS = ("gender", "background")  # who a figure is for, as opposed to where (level, place)


@lru_cache(maxsize=8192)
def slot_of(word: str) -> tuple[str, str, str] | None:
    """(slot name, canonical value, matched prefix) of a lower-case word, or None."""
    if word in _EXACT:
        return _EXACT[word]
    if not word or word[0] not in _FIRST_LETTERS or word.startswith(_NOT_SLOTS):
        return None
    for name, value, prefix in _PREFIXES:
        if word.startswith(prefix):
            return name, value, prefix
    return None


# «nasjonale inntektsgrenser», «de lokale grensene»: how a figure is measured, not where
_MEASURED_BY = re.compile(r"\b(?:nasjonale?|lokale?)\s+(?=[\wæøå]*(?:grense|inntekt))", re.IGNORECASE)
# a background, not a setting: «landbakgrunn fra et annet land enn Norge», «født utenfor Norge»
NOT_A_PLACE = re.compile(r"\b(?:et\s+annet\s+land\s+enn|født\s+utenfor)\s+Norge\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def compound_tail(word: str) -> tuple[int, tuple[str, str, str]] | None:
    """Where the second slot of a compound starts, and that slot («ungdomsskolegutter»: 12, gender
    «gutt»; «vgs-jenter», «innvandrerjenter»), or None when the word names one slot or none."""
    hit = slot_of(word)
    if hit is None:
        return None
    at = len(hit[2]) + (1 if word[len(hit[2]):len(hit[2]) + 1] in ("-", "s") else 0)
    inner = slot_of(word[at:]) if len(word) - at >= 4 else None
    return (at, inner) if inner and inner[0] != hit[0] else None


def slot_words(text: str) -> dict[str, list[tuple[str, str]]]:
    """Slot name -> [(word as written, canonical value)] found in ``text``."""
    found: dict[str, list[tuple[str, str]]] = {}
    for raw in WORD.findall(NOT_A_PLACE.sub(" ", _MEASURED_BY.sub(" ", text))):
        hit = slot_of(raw.lower())
        if hit:
            found.setdefault(hit[0], []).append((raw, hit[1]))
            tail = compound_tail(raw.lower())
            if tail:
                found.setdefault(tail[1][0], []).append((raw, tail[1][1]))
    for m in _GRADES.finditer(text):  # «8.–10. trinn», «5.-7.trinn», «7. klassinger»
        last = int(m[2] or m[1])
        level = "barneskole" if last <= 7 else "ungdomsskole" if last <= 10 else None
        if level:
            found.setdefault("level", []).append((m.group(), level))
    for year in YEAR.findall(text):
        found.setdefault("year", []).append((year, year))
    return found


# «i kommunen», «kommunens»: in a question to a municipality's report, the municipality it is about
HOME = re.compile(r"\b(?:i|fra|for|av|hos|utenfor)\s+kommunen\b|\bkommunens\b", re.IGNORECASE)


def home_place(df: Mapping[str, int]) -> str | None:
    """The place the corpus names most (``df``: stem -> passages), the country left out: the
    municipality a report is about («Bærum»), which «i kommunen» means. None if it names none."""
    counts = {value: max((df.get(stem, 0) for stem in _stems(prefixes)), default=0)
              for value, prefixes in _PLACES.items() if value != "landet"}
    best = max(counts, key=lambda v: counts[v], default=None)
    return best if best is not None and counts[best] > 0 else None


@lru_cache(maxsize=64)
def _stems(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for p in prefixes for t in terms(p))


def slot_values(text: str) -> dict[str, set[str]]:
    """Canonical group, level, place and year values named in ``text`` («jentene» -> gender: jente)."""
    return {name: {c for _, c in vals} for name, vals in slot_words(text).items()}
