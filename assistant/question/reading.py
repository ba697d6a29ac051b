"""Everything the evidence stage needs to know about a question, read once from its words.

``assistant.evidence.scoring.gather`` scores every retrieved sentence against a ``Reading``; nothing
here looks at a passage. A follow-up is read from both the turn itself (``question``: the year and
place the user names now) and the rewritten question that was searched (``query_used``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from math import fsum

from assistant.question.asking import (asked_noun, asked_verb, asks_change, counted_unit, focused_groups,
                                       left_out_terms, names_aged, negated, preferred_kinds, proper_terms,
                                       question_terms, wanted_kinds)
from assistant.question.forms import (RELATION, answer_type, asked_thing, defining_verb, meant_word, question_form,
                                      relation_thing, working_thing, example_thing)
from assistant.question.thesaurus import report_words
from assistant.reading.abbreviations import asked_abbreviation
from assistant.reading.amounts import asks_amount
from assistant.reading.witnessing import witnesses
from assistant.reading.quantities import age_phrases, ages, asked_detail
from assistant.reading.slots import GROUP_SLOTS, HOME, home_place, slot_values, slot_words
from assistant.reading.text import TermStats, is_figure_question, terms

EVIDENCE_IGNORES = ("parent",)  # slots the answer checks read as measure words


@dataclass(frozen=True)
class Reading:
    """What a question asks for, in the terms sentences are scored by."""

    terms: frozenset[str]  # content stems of the searched question
    idf: Mapping[str, float]  # … and the weight of each
    figure: bool  # asks for a figure («Hvor mange …», «Hvor stor andel …»)
    wanted: frozenset[str]  # figure questions: the kinds of quantity that answer
    preferred: tuple[str, ...]  # … best first
    left_out: frozenset[str]  # stems of what the user leaves out («uten …»)
    asked: Mapping[str, set[str]]  # group, level, place and year asked about, inherited ones too
    named: Mapping[str, set[str]]  # year and place the user named in this turn
    by_slot: Mapping[str, tuple[str, str]]  # stem that names a slot -> (slot, canonical value)
    age_terms: frozenset[str]  # stems of the asked age phrases («under 18 år»)
    asked_ages: frozenset[str]  # the asked age groups
    measure_terms: tuple[str, ...]  # stems that are no group, level, place, age or year: the measure
    proper: frozenset[str]  # names in the question («Polen»): carried by a sentence itself
    unit: str | None  # what «Hvor mange X» counts, in the report's words
    noun: frozenset[str]  # … and its stems
    detail: str | None  # «year», «age» or «grade» for «Fra hvilket år …?»
    form: str  # the form of answer asked for (``assistant.question.forms``)
    wants: str | None  # a factual question: the kind of thing asked for («time» for «Når»)
    own: frozenset[str] = frozenset()  # a follow-up: the stems it adds to the question before it
    thing: frozenset[str] = frozenset()  # «Hva er aktivitetskortet?»: what is to be explained
    head: frozenset[str] = frozenset()  # «Hva betyr …?»: the stems of the asked thing's last word
    examples: frozenset[str] = frozenset()  # «Kan du gi eksempler på X …?»: what examples are asked of
    witnessing: bool = False  # asks who saw it happen to another («Hvor mange har sett … bli slått?»)
    negated: bool = False  # asks about what is not so («… ikke har en venn …»)
    change: bool = False  # asks how much something changed («Hvor mye har andelen økt?»)
    amount: bool = False  # asks for a sum of money («Hva koster …?»)
    abbreviation: str | None = None  # asks what an abbreviation stands for («Hva står NKVTS for?»)
    verb: frozenset[str] = frozenset()  # the finite verb right after the question word («Hvorfor vokser …»)
    aged: bool = False  # names people by their age («barn», «elever»): an age band of its own

    @property
    def total(self) -> float:
        return fsum(self.idf.values()) or 1.0

    @property
    def measure_total(self) -> float:
        return fsum(self.idf[t] for t in self.measure_terms) or 1.0


_REST = re.compile(r"\b(?:resten|øvrige?|andre)\b", re.IGNORECASE)  # the group other than the one before


# «Hva er hensikten med temaplanen?»: a noun that names a relation («hensikten», «formålet»,
# «årsaken») before «med/til/for/av/bak» X asks about X; the relation alone names nothing
RELATION_WEIGHT = 0.5
# «ved inngangen til 2023», «i løpet av 2021», «våren 2022»: a noun that frames a year names a time,
# like the year itself, and is no part of what is measured
_TIME_FRAME = re.compile(r"\b(inngangen|utgangen|starten|begynnelsen|slutten|midten|løpet|våren|sommeren|"
                         r"høsten|vinteren)\s+(?:(?:av|til|på)\s+)?(?:året\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


def read(question: str, query_used: str, stats: TermStats) -> Reading:
    """Read ``question`` (the turn as asked) and ``query_used`` (the question searched)."""
    both = f"{question} {query_used}"
    q = question_terms(question, query_used)
    figure = is_figure_question(question) or is_figure_question(query_used)
    kinds_from = question if is_figure_question(question) else query_used
    asked = {k: v for k, v in slot_values(both).items() if k not in EVIDENCE_IGNORES}
    named = slot_values(question)
    home = home_place(stats.df) if "place" not in asked and HOME.search(both) else None
    if home:  # «Hvor mange barn bor i kommunen?» asks about the municipality the report is about
        asked["place"] = {home}
        named = {**named, "place": {home}} if HOME.search(question) else named
    own_slots = slot_values(question)
    if question != query_used and _REST.search(question) and "place" not in own_slots:
        # «Hva med resten av befolkningen?» after a question on innvandrere asks for everyone but them
        # («… resten av landet?» is another place)
        asked = {k: v for k, v in asked.items() if k not in GROUP_SLOTS or k in own_slots}
    asked.update(focused_groups(question))  # «… flere gutter enn jenter? Hvor mange av guttene …?»
    by_slot = _slot_terms(both, q)
    age_terms = frozenset(terms(" ".join(age_phrases(both))))
    form = question_form(question)
    if form == "fact" and query_used != question:
        form = question_form(query_used)
    own = q & question_terms(question, question) if question != query_used else q
    # a relation noun («hensikten med …») and the verb that asks for a definition («Hva betyr …») say
    # what kind of answer is asked for, not what it is about: «Det betyr ikke nødvendigvis …» is no
    # definition of «utenforskap»
    relations = frozenset(terms(" ".join(m.group(1) for m in RELATION.finditer(question)))) | defining_verb(question)
    return Reading(
        terms=q, idf={t: stats.idf(t) * (RELATION_WEIGHT if t in relations else 1.0) for t in q}, figure=figure,
        wanted=wanted_kinds(kinds_from), preferred=preferred_kinds(kinds_from),
        left_out=left_out_terms(query_used), asked=asked, named=named,
        by_slot=by_slot, age_terms=age_terms, asked_ages=ages(both),
        measure_terms=tuple(t for t in q if t not in by_slot and not t.isdigit() and t not in age_terms),
        proper=frozenset(proper_terms(question) - set(by_slot)),
        unit=counted_unit(question, known=lambda t: stats.df.get(t, 0) > 0 or bool(report_words(t))),
        noun=asked_noun(question) or asked_noun(query_used),
        detail=None if figure else asked_detail(question), form=form,
        wants=answer_type(question) if form == "fact" else None,
        own=own if own < q else frozenset(),
        thing=asked_thing(question) if form == "definition" else relation_thing(question) or working_thing(question),
        examples=example_thing(question), witnessing=witnesses(question) or witnesses(query_used),
        head=meant_word(question) if form == "definition" else frozenset(),
        negated=negated(question), change=asks_change(question) or asks_change(query_used),
        amount=asks_amount(question) or asks_amount(query_used), abbreviation=asked_abbreviation(question),
        verb=asked_verb(question), aged=names_aged(question))


def _slot_terms(text: str, q: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Question stems that name a group, level, place or year: stem -> (slot, canonical value).
    A parent («mor», «far») is a slot for follow-ups only; in a question it is part of the measure."""
    out = {}
    for name, values in slot_words(text).items():
        if name in EVIDENCE_IGNORES:
            continue
        for word, value in values:
            for t in terms(word) & q:
                out[t] = (name, value)
    for m in _TIME_FRAME.finditer(text):
        for t in terms(m.group(1)) & q:
            out.setdefault(t, ("year", m.group(2)))
    return out
