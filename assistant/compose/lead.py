"""The lead of a figure answer: the figures first, exactly as the report writes them.

«56 prosent (guttene, videregående) [1]» or «12 prosent (barn under 18 år, etter lokale
lavinntektsgrenser, 2020), 7 prosent (med den nasjonale inntekten, 2020) [2]». Nothing is
paraphrased: each figure keeps its unit, and each qualifier (group, level, place, the limit it is
measured by, year) is a span of the quoted sentence, so every number stays provable.

Qualifiers are read per figure, not per sentence: a sentence often compares («56 prosent av
guttene … og kun 38 prosent av jentene»), so a group belongs to the figure it follows («N prosent
av jentene») or, failing that, to the nearest one before it («andelen jenter … på 24 prosent»);
a level or place is the nearest one in the sentence. Figures are ordered by how well their own
stretch of the sentence matches the question, and a figure for another group or level than the
one asked is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.evidence.attribution import MEASURE, SLOTS, figure_slots
from assistant.evidence.cues import THERE_IS, leans_back, refers_back
from assistant.reading.quantities import EXPLANATION, YEAR, Quantity
from assistant.reading.slots import GROUP_SLOTS
from assistant.reading.text import Sentence, terms
from assistant.reading.witnessing import witnesses

_PLACE_PHRASE = re.compile(r"\b(?:på landsbasis|i hele landet|resten av landet|i Norge|nasjonalt)\b",
                           re.IGNORECASE)
_AGE_GROUP = re.compile(r"\b(?:barn|unge|ungdommer|personer)\s+(?:under|over|mellom)\s+\d+"
                        r"(?:\s*(?:-|og|til)\s*\d+)?\s+år\b", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:fra|siden|før)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)  # «fra 5,4 prosent i 2013»
_SINCE_YEAR = re.compile(r"\bsiden\s+(\d{4})\b", re.IGNORECASE)
# «fra 2014 (10 prosent) og til i dag (16 prosent)»: the year a change starts from is the earlier
# figure's, never the later one's
_FROM_YEAR = re.compile(r"\bfra\s+$", re.IGNORECASE)
_APPROX = re.compile(r"\b(?:over|cirka|ca\.|rundt|omkring|omtrent|nesten|om lag|drøyt|knapt|opp mot|mer enn|"
                     r"mindre enn|i overkant av|i underkant av)\s+$", re.IGNORECASE)
_RISE_TO = re.compile(r"\btil\s+$", re.IGNORECASE)
MAX_ITEMS = 8  # figures in the lead at most


@dataclass(frozen=True)
class Item:
    """One figure of a quoted sentence, as the answer states it, and how well it fits the question."""

    text: str  # the figure with its qualifiers: «12 prosent (barn under 18 år, Bærum, 2020)»
    on_topic: int  # asked group/level/place values it names
    relevance: float  # share of the question's stems in its own stretch of the sentence
    unasked: bool  # stated for a group the question does not name («28 prosent» of innvandrere)
    baseline: bool
    order: int
    group_miss: bool = False  # the question asks for a group (gender, background) this figure is not for
    shown: str = ""  # the figure as the report writes it, «cirka 3300 barn og unge»
    kind: str = "count"  # share, count, ratio … (``assistant.reading.quantities``)
    sentence: int = 0  # position of its sentence in the quoted window
    start: int = 0  # offsets of the figure in its sentence
    end: int = 0
    scope: str = ""  # its own stretch of the sentence
    groups: tuple[str, ...] = ()  # qualifier words: group, level, age group
    place: str = ""
    place_value: str = ""  # canonical place («Bærum», «Norge») or ""
    year: str = ""
    measure: str = ""  # «etter lokale lavinntektsgrenser»
    terms: frozenset[str] = frozenset()  # stems of its own stretch, an explaining parenthesis left out
    change: bool = False  # the size of a change («en 65 prosent økning»), not a level
    witnessed: bool = False  # counts who saw it happen to someone else (``assistant.reading.witnessing``)


def _year(sentence: str, fig: Quantity, scope: str, carried: str | None) -> str | None:
    """The year a figure is stated for: in its stretch, else in its sentence, else ``carried``."""
    years = YEAR.findall(scope) or [m.group() for m in YEAR.finditer(sentence)
                                    if fig.baseline or not _FROM_YEAR.search(sentence, 0, m.start())]
    if len(set(years)) == 1:
        since = _SINCE_YEAR.search(sentence)  # «stabilt lavt på 6 prosent siden 2014»: not a 2014 figure
        return since.group() if since and since[1] == years[0] else years[0]
    if years:  # «fra 79 prosent til 70 prosent i perioden 2014 til 2022»
        if fig.baseline:
            return min(years)
        if _RISE_TO.search(sentence, 0, fig.start):
            return max(years)
        return None
    return carried


CLAUSE_START = re.compile(r",\s+|\s+(?:og|mens|men)\s+", re.IGNORECASE)


def _own_clause(scope: str, at: int) -> str:
    """``scope`` from the last clause boundary before the figure at ``at``: in «72 prosent av elevene på
    ungdomsskolen og 63 prosent på videregående …» the 63 prosent are not the ungdomsskole's."""
    starts = [m.end() for m in CLAUSE_START.finditer(scope, 0, at)]
    return scope[starts[-1]:] if starts else scope


def _items(sentence: str, before: str, asked: dict[str, set[str]], question: frozenset[str],
           carried: str | None, order: int, left_out: frozenset[str] = frozenset(),
           position: int = 0, every: bool = False, measure: frozenset[str] = frozenset()) -> list[Item]:
    attributed = figure_slots(sentence, before, every=every)
    if not attributed and measure & terms(" ".join(EXPLANATION.findall(sentence))):
        # a sentence whose only figure is in the parenthesis that explains it, asked about what the
        # parenthesis says («… (spørsmål er kun stilt til 90 prosent av ungdommene)» for «Hvor stor andel
        # … fikk spørsmålene …?»), not only about who is counted
        attributed = figure_slots(sentence, before, explanations=True, every=every)
    figures = [fig for fig, _ in attributed]
    out = []
    for k, (fig, slots) in enumerate(attributed):
        prev_end = figures[k - 1].end if k else 0
        next_start = figures[k + 1].start if k + 1 < len(figures) else len(sentence)
        scope = sentence[prev_end:next_start]
        quals = [(name, value, word) for name in SLOTS for value, word in slots[name]
                 if name != "place" or len(slots[name]) == 1]  # two places before it: say neither
        if any(name in ("gender", "background", "level") and asked.get(name) and value not in asked[name]
               for name, value, _ in quals):
            continue  # a figure for another group or level than the one asked
        if left_out and left_out & terms(_own_clause(scope, fig.start - prev_end)):
            continue  # «Justert for lokale lavinntektsgrenser … 12,4 prosent» when asked without them
        on_topic = sum(1 for name, value, _ in quals if value in asked.get(name, ()))
        group_miss = any(asked.get(name) and not any(n == name and v in asked[name] for n, v, _ in quals)
                         for name in GROUP_SLOTS)
        words = [w for _, _, w in quals]
        age = _AGE_GROUP.search(scope)
        if age:
            words.insert(0, age.group())
        measure = MEASURE.search(scope) or (MEASURE.search(sentence) if len(figures) == 1 else None)
        place = _PLACE_PHRASE.search(scope)
        words += [m.group()[0].lower() + m.group()[1:] for m in (measure, place) if m]
        year = _year(sentence, fig, scope, carried)
        if year:
            words.append(year)
            on_topic += year[-4:] in asked.get("year", ())
        approx = _APPROX.search(sentence, 0, fig.start)  # «over 150», «cirka 3300»: as the report says it
        shown = sentence[approx.start():fig.end] if approx else fig.text
        words = [w for w in dict.fromkeys(words) if w.lower() not in shown.lower()]
        words = [w for w in words if not any(w != o and w.lower() in o.lower() for o in words)]
        text = f"{shown} ({', '.join(words)})" if words else shown
        # «1 av 4 har opplevd … barndomsvold (her definert som … psykisk vold …)»: the words of a
        # parenthesis that explains what is counted do not make the figure fit the question
        own = frozenset(terms(EXPLANATION.sub(" ", scope)))
        relevance = len(question & own) / len(question) if question else 0.0
        unasked = any(name in GROUP_SLOTS and not asked.get(name) for name, _, _ in quals)
        place_words = [w for name, _, w in quals if name == "place"] + ([place.group()] if place else [])
        place_values = [v for name, v, _ in quals if name == "place"] + (["Norge"] if place else [])
        group_words = ([age.group()] if age else []) + [w for name, _, w in quals if name != "place"]
        out.append(Item(text, on_topic, relevance, unasked, fig.baseline, order + k, group_miss, shown=shown,
                        kind=fig.kind, sentence=position, start=approx.start() if approx else fig.start,
                        end=fig.end, scope=scope, groups=tuple(dict.fromkeys(group_words)),
                        place=place_words[0] if place_words else "",
                        place_value=place_values[0] if place_values else "", year=year or "",
                        measure=measure.group() if measure else "", terms=own, change=fig.change,
                        witnessed=witnesses(scope)))
    return out


def _restates(sentence: str) -> bool:
    """Does ``sentence`` state its figure for what the one before it counts («Dette utgjør …», «Det har
    vært en nedgang fra 26,5 prosent i 2016»), not for something it names itself («Det er stor overvekt av …»)?"""
    return refers_back(sentence) or (leans_back(sentence) and not THERE_IS.match(sentence))


def _year_asked(item: Item, asked: Mapping[str, set[str]]) -> int:
    return int(bool(item.year) and item.year[-4:] in asked.get("year", ()))


def _own_years(sentence: str) -> set[str]:
    return {m.group() for m in YEAR.finditer(sentence) if not _SINCE.search(sentence, 0, m.start())}


def window_items(window: Sequence[Sentence], asked: dict[str, set[str]], question: frozenset[str] = frozenset(),
                 left_out: frozenset[str] = frozenset(), every: bool = False,
                 measure: frozenset[str] = frozenset()) -> list[Item]:
    """The figures of a quoted window, each with what it is stated for, in reading order; with
    ``every`` also durations and frequencies (for «Hvor lenge …?», «Hvor ofte …?»). ``measure``: the
    question's stems that are neither who is counted nor their group; a sentence whose only figure
    explains it gives that figure when the explanation carries one of them."""
    items: list[Item] = []
    before, carried = "", None  # the year a sentence without one inherits («I 2020 … . Det …»)
    for k, sentence in enumerate(window):
        own = _own_years(sentence.text)
        if not own and k + 1 < len(window) and refers_back(window[k + 1].text):
            later = _own_years(window[k + 1].text)  # «… 12,4 prosent. I 2021 utgjorde dette …»
            carried = next(iter(later)) if len(later) == 1 else carried
        previous = [i for i in items if i.sentence == k - 1] if k and _restates(sentence.text) else []
        # «Dette utgjør 23,9 prosent»: the group before; its own asked year counts on top of it («… 20,4
        # prosent. Det har vært en nedgang fra 26,5 prosent i 2016» for «… innvandrere … i 2016»)
        restates = max((i.on_topic - _year_asked(i, asked) for i in previous), default=0)
        restated_miss = all(i.group_miss for i in previous) if previous else False
        for item in _items(sentence.text, before, asked, question, carried, len(items), left_out, k, every,
                           measure):
            inherited = restates + _year_asked(item, asked)
            if item.on_topic < inherited and not item.groups:  # restated for the group before
                item = replace(item, on_topic=inherited, group_miss=restated_miss)
            if item.text not in (i.text for i in items):
                items.append(item)
        carried = next(iter(own)) if len(own) == 1 else (carried if not own else None)
        before = sentence.text
    return items


def lead(pieces: Sequence[tuple[Sequence[Sentence], str]], asked: dict[str, set[str]],
         question: frozenset[str] = frozenset(), left_out: frozenset[str] = frozenset()) -> str:
    """The lead for quoted ``pieces`` (sentences of one window, its markers «[1][2]»).

    ``asked`` holds the group, level, place and year values the question names; ``question`` its
    content stems (to put the figure that answers it first); ``left_out`` the stems of what it
    leaves out (a figure stated for them is not given). Returns "" when no piece holds a figure.
    """
    parts: list[str] = []
    count = 0
    for window, markers in pieces:
        items = window_items(window, asked, question, left_out)
        items.sort(key=lambda i: (-i.on_topic, i.unasked, i.baseline, -i.relevance, i.order))
        items = items[:max(MAX_ITEMS - count, 0)]
        if items:
            count += len(items)
            parts.append(f"{', '.join(i.text for i in items)} {markers}")
    return "; ".join(parts)
