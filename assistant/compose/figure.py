"""Figure answers a politician can read at a glance.

The answer opens with the report's own sentence that states the asked figure, cut to the clause
that states it when other figures come first («I Bærum svarer … 63 prosent på videregående at de
trener minst 3 ganger i uken»), so the asked figure is the first one read. A sentence that leans
back («I 2021 utgjorde dette 3247 barn») is followed by the one it leans on, and a next sentence
that leans on it with a new figure («Det er en 65 prosent økning på bare 6 år») follows it. At most
two more sentences follow (``MORE_SENTENCES``, that one included), each stating another figure for
the same thing (the national limit, another year). No figure is stated twice, and every figure
stated is listed in ``StatedFigure`` records (value, unit, what, group, place, year, citation) for
the chat's table, with the other figures the cited passages state for the same thing: of an asked
kind and place, and a change («økt med 884 personer») only beside a change, a level only beside a level.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.compose.cutting import WORD as _WORD, cut_away, from_figure
from assistant.compose.labels import AFTER_END, label, names_measure, names_something, opening, without_place
from assistant.compose.lead import Item, window_items
from assistant.evidence.cues import OF_THESE, THERE_IS, announces_list, is_item, leans_back, refers_back
from assistant.question.asking import NEGATION
from assistant.reading.numbers import extract_numbers, number_key
from assistant.reading.quantities import UNIT, quantities
from assistant.reading.slots import GROUP_SLOTS
from assistant.reading.text import Sentence, terms

MAX_FIGURES = 3  # figures the answer states, unless the question compares
# A figure for another group, or one that counts who saw it happen to someone else, last; then, when the
# question is negated («… ikke har en venn …»), a figure whose own clause is not; then the passage's rank;
# within a passage, for a question on how much something changed, a level after the change («til 2,6 prosent»
# after «en 65 prosent økning»), and a figure whose sentence qualifies an asked noun otherwise after the
# others («… etter lokale lavinntektsgrenser» for «nasjonale inntektsgrenser», ``modifiers.contrasts``); then
# the fit.
ORDER = lambda x, fit, affirms, level: (fit[-1], affirms, x.piece, level, fit[1], fit[2], *fit,  # noqa: E731
                                       x.item.order)
MAX_CHAIN = 3  # sentences followed back to what a leaning figure measures
MORE_SENTENCES = 2  # further sentences that add another figure for the same thing
COMPARE_FIGURES = 4
_VERSUS = re.compile(r"\b(?:mot|versus|enn|sammenlignet\s+med)\s*$", re.IGNORECASE)  # before a figure set against one
# «Det er en 65 prosent økning …», «Den …»: a pronoun subject takes what it measures from the sentence before
_PRONOUN_OPENS = re.compile(r"^\W*(?:det|den|de|dette|denne|disse|han|hun)\b", re.IGNORECASE)
_TIME_UNITS = terms("år årene året måned måneden måneder uke uka uker dag dagen dager døgn time timer")
COUNTED_WORDS = 4  # «29 495 av disse er barn»: a bare figure's noun comes within four words


@dataclass(frozen=True)
class Placed:
    """An item with the piece and passage it comes from."""

    item: Item
    piece: int
    hit_index: int
    window: tuple[Sentence, ...]


def rank(pieces: Sequence[Sequence[tuple[int, Sequence[Sentence]]]], asked: Mapping[str, set[str]],
         question: frozenset[str], left_out: frozenset[str], wanted: tuple[str, ...],
         noun: frozenset[str], scores: Mapping[tuple[int, int], float] | None = None,
         added: frozenset[str] = frozenset(), negated: bool = False, change: bool = False,
         contrasted: frozenset[tuple[int, int]] = frozenset(), witnessing: bool = False) -> list[Placed]:
    """Every figure of the quoted windows, the one that best answers the question first: stated for
    the asked group, level, place and year; of the asked kind (a count for «i antall», a share for
    «hvor stor andel»); counting the asked thing («Hvor mange barn …» is not «129 874 innbyggere»);
    not a baseline; sharing the words a follow-up adds («Og hvis man bruker nasjonal
    inntektsgrense?»: what it asks now decides between the figures the question before matched);
    for a negated question, negated like it («Hvor mange … ikke har en eneste venn …?» is answered by
    «ti prosent at de ikke har minst en venn», not by «Over halvparten … har minst en venn»);
    for a question on how much something changed, within a passage the size of the change («Hvor
    mye har andelen økt?» is answered by «en 65 prosent økning», not by «til 2,6 prosent»);
    sharing the question's words; then by the evidence's score of its sentence
    (``scores``: (hit, sentence start) -> score) and in reading order. A figure that counts witnesses
    when the question does not ask for them, or the other way round, goes last with the figures for
    another group (``witnessing``: «Hvor mange har opplevd at mor ble utsatt for vold?» asks for them)."""
    scores = scores or {}
    placed = []
    # «Hvor lenge …?» is answered by «i mer enn 600 år»
    every = bool(set(wanted) & {"duration", "frequency", "since"})
    measure = frozenset(question - noun - _group_stems(asked))
    for p, piece in enumerate(pieces):
        hit_index, window = piece[0]
        for item in window_items(window, dict(asked), question, left_out, every, measure):
            placed.append(Placed(item, p, hit_index, tuple(window)))

    def key(x: Placed):
        it = x.item
        # «rundt 110.700 barn», «29 495 av disse er barn»: counts what «Hvor mange barn» asks
        counts = bool(noun & (terms(it.shown) | terms(_counted(it))))
        kind = wanted.index(it.kind) if it.kind in wanted else len(wanted)
        fit = (-it.on_topic, kind, not counts, it.unasked, it.baseline, -len(added & it.terms), -it.relevance,
               -scores.get((x.hit_index, x.window[it.sentence].start), 0.0),
               it.group_miss or it.witnessed != witnessing)
        other = (x.hit_index, x.window[it.sentence].start) in contrasted  # «… etter lokale lavinntektsgrenser»
        return ORDER(x, fit, negated and not NEGATION.search(it.scope), (change and not it.change, other))

    return sorted(placed, key=key)


def _counted(item: Item) -> str:
    """The words right after a bare figure in its own clause («29 495 av disse er barn under 18 år»)."""
    at = item.scope.find(item.shown)
    if at < 0 or UNIT.search(item.shown):
        return ""
    return " ".join(_WORD.findall(item.scope[at + len(item.shown):])[:COUNTED_WORDS])


def lead_text(x: Placed, headed: bool = False) -> str:
    """The report's sentence that states ``x``, cut so that ``x`` is its first figure (``from_figure``)."""
    return from_figure(x.window[x.item.sentence].text, x.item.start, headed)


def cut_head(x: Placed) -> str | None:
    """What ``lead_text`` cuts away from ``x``'s sentence when the clause it keeps leans on it (``cut_away``)."""
    return cut_away(x.window[x.item.sentence].text, x.item.start)


def _head(x: Placed, said: set[str]) -> str | None:
    """``cut_head`` of ``x``, unless it would state a figure the answer states already (then the clause
    is quoted alone, as before)."""
    head = cut_head(x)
    if head is None or _keys(head) & (said | _keys(lead_text(x))):
        return None
    return head


def _keys(text: str) -> set[str]:
    return {number_key(n) for n in extract_numbers(text)}


def _antecedent(x: Placed) -> str | None:
    """The sentence before ``x``'s when that one leans on it («I 2021 utgjorde dette 3247 barn»)."""
    k = x.item.sentence
    sentence = x.window[k].text
    if k > 0 and _leans(sentence) and not THERE_IS.match(sentence):  # not «Det er stor overvekt av …, 28 prosent»
        return x.window[k - 1].text
    return None


def _leans(sentence: str) -> bool:
    return bool(leans_back(sentence) or refers_back(sentence))


def _leaned_on(window: Sequence[Sentence], k: int) -> int | None:
    """The sentence that says what sentence ``k``'s figure measures, when ``k`` leans back: the first
    one before it that stands on its own, past at most ``MAX_CHAIN`` - 1 sentences that lean too
    («I dag vokser 11,3 prosent av barna … . Det utgjør rundt 110.700 barn. Tilsvarende tall for
    Bærum er 6,5 prosent»), or past one that only compares («… hvor tallet er 9,5 prosent»)."""
    if k == 0 or not _leans(window[k].text):
        return None
    j = k - 1
    while j > 0 and k - j < MAX_CHAIN and _leans(window[j].text):
        j -= 1
    if not _leans(window[j].text):
        return j
    return k - 1 if not leans_back(window[k - 1].text) else None  # a chain too long: the sentence before


def _agrees(x: Placed, top: Placed, asked: Mapping[str, set[str]], wanted: tuple[str, ...]) -> bool:
    """Is ``x`` another figure for the same thing as the asked one: of an asked kind, stated for the
    asked place, not the start of a change (unless its year is asked), not for a group not asked?"""
    it = x.item
    places = asked.get("place", set())
    asked_year = bool(it.year) and it.year[-4:] in asked.get("year", ())
    return (it.kind in wanted and not it.unasked and (not it.baseline or asked_year)
            and not (places and it.place_value and it.place_value not in places))


def _group_stems(asked: Mapping[str, set[str]]) -> set[str]:
    """The stems of the asked gender, background and level («jent», «videregå»): who and where, not
    what is measured."""
    return {t for name in (*GROUP_SLOTS, "level") for v in asked.get(name, ()) for t in terms(v)}


def _first_asked(ranked: Sequence[Placed], top: Placed, asked: Mapping[str, set[str]],
                 wanted: tuple[str, ...], question: frozenset[str]) -> Placed:
    """Where the lead's sentence starts: at the asked figure, or at an earlier figure in the same
    sentence that is as much asked for («Hvor mange av guttene og jentene …?»: «70 prosent av guttene
    …, mens det 41 prosent av jentene …» is not cut to the girls' clause). The earlier figure may lack
    only the other asked group's words: asked for «far», «18 % … mor, mens 14 % … far» starts at 14 %."""
    groups = _group_stems(asked)
    same = [x for x in ranked if x.piece == top.piece and x.item.sentence == top.item.sentence
            and x.item.start < top.item.start and x.item.on_topic == top.item.on_topic
            and not x.item.group_miss and x.item.relevance and _agrees(x, top, asked, wanted)
            and (question & top.item.terms) - x.item.terms <= groups]
    return min(same, key=lambda x: x.item.start, default=top)


def compose(pieces, asked, question, left_out, wanted, noun, compares: bool, scores=None,
            added: frozenset[str] = frozenset(), negated: bool = False, change: bool = False,
            contrasted: frozenset[tuple[int, int]] = frozenset(), witnessing: bool = False
            ) -> tuple[list[tuple[str, list[int], Sentence]], list[tuple[Item, int]], int]:
    """The answer's sentences (text, the hits they cite, the report sentence they come from), the
    figures for the chat's table (with their hit) and how many of them were asked: the asked one
    first (two when the question asks for two groups stated in one sentence), then the other figures
    for the same thing that the cited passages state (the national limit, another year).

    ``pieces`` are the evidence's figure windows (``ExtractiveComposer._figure_pieces``), best first;
    each lists the passages that quote the same window.
    """
    ranked = rank(pieces, asked, question, left_out, wanted, noun, scores, added, negated, change, contrasted,
                  witnessing)
    if not ranked:
        return [], [], 0
    top = ranked[0]
    parts: list[tuple[str, list[int], Sentence]] = []
    said: set[str] = set()
    added: set[tuple[int, int]] = set()

    def add(text: str, x: Placed, k: int) -> None:
        parts.append((text, [h for h, _ in pieces[x.piece]], x.window[k]))
        said.update(_keys(text))
        added.add((x.piece, k))

    start = _first_asked(ranked, top, asked, wanted, question)  # «70 prosent av guttene …, mens … 41 prosent»
    def add_list(x: Placed) -> None:
        """«… fire kritiske grupper:» brings the four."""
        k = x.item.sentence
        if announces_list(x.window[k].text):
            while k + 1 < len(x.window) and is_item(x.window[k + 1].text):
                k += 1
                add(x.window[k].text, x, k)

    head = _head(start, said)
    add(lead_text(start, head is not None), top, top.item.sentence)
    if head is not None:  # what «det samme» is
        add(head, top, top.item.sentence)
    if start is top:
        add_list(top)
    before = _antecedent(top)
    if before is not None and not _leans(before):  # what «dette» is: «Justert for … hele 12,4 prosent.»
        add(before, top, top.item.sentence - 1)
    measure_words = question - _group_stems(asked) - _TIME_UNITS  # a gender, background, level or unit of
    # time is no measure («… de siste fem årene?» is not answered by «… barn under 18 år»)
    more = 0
    after = top.item.sentence + 1  # the next sentence leans on it and says more: «Det er en 65 prosent økning …»
    if after < len(top.window) and _leans(top.window[after].text) and (top.piece, after) not in added \
            and quantities(top.window[after].text) and not _keys(top.window[after].text) & said:
        add(top.window[after].text, top, after)
        more += 1
    for x in ranked[1:]:
        if more >= MORE_SENTENCES:
            break
        if (x.piece, x.item.sentence) in added or not _agrees(x, top, asked, wanted) or _keys(x.item.shown) & said \
                or not x.item.terms & measure_words:
            continue  # said already, or about something else (its own clause shares no measure word of the
            # question: «… sammenlignet med 40 prosent av jentene som oppgir det samme» names only the group)
        head = _head(x, said)
        text, before = lead_text(x, head is not None), _antecedent(x)
        if _keys(text) & said or (before is not None and (
                (x.piece, x.item.sentence - 1) in added or _keys(before) & said or _leans(before))):
            continue  # it would state a figure again, or leans on a sentence that leans on another
        if before is not None:
            add(before, x, x.item.sentence - 1)
        add(text, x, x.item.sentence)
        if head is not None:
            add(head, x, x.item.sentence)
        add_list(x)
        more += 1
    cited = {x.piece for x in ranked if (x.piece, x.item.sentence) in added}

    def measured(x: Placed) -> Item:
        """The figure with its «what» from the sentence it leans on («I 2021 utgjorde dette 3247 barn»);
        a figure whose own stretch names nothing but years («… fra 1,6 prosent i 2015 til 2,6 prosent i
        2021») takes it from the opening of its sentence, what the sentence is about."""
        k, item = x.item.sentence, x.item
        j = _leaned_on(x.window, k)
        if j is not None and names_measure(label(item)) and (OF_THESE.match(x.window[k].text[item.end:]) or (
                not refers_back(x.window[k].text) and not _PRONOUN_OPENS.match(x.window[k].text))):
            j = None  # «Samtidig er andel … som er misfornøyd … 6 prosent»: a connective leans, its own words
            # measure; so do those after a part of what the sentence before counts («29 495 av disse er barn …»)
        before = [y.item for y in ranked if y.piece == x.piece and y.item.sentence == j] if j is not None else []
        if before:
            source = min(before, key=lambda i: i.start)
            scope = source.scope
            if source.place and item.place_value and source.place_value != item.place_value:
                # «Tilsvarende tall for Bærum» is not Norway's
                scope = without_place(scope, source.place.split()[-1])
            item = replace(item, scope=scope)
            k = j
        compared = _compared_with(x, ranked)
        if compared is not None:  # «16,6 prosent av barn i Bærum … trangt mot 18,5 prosent på landsbasis»
            item = replace(item, scope=without_place(compared.scope, compared.place))
        if not names_something(label(item)):
            opened = opening(x.window[k].text)
            if names_something(opened):
                item = replace(item, scope=opened)
        return item

    firsts = [start, top] if start is not top else [top]  # the asked figures, in the lead's order
    table: list[tuple[Item, int]] = [(measured(x), x.hit_index) for x in firsts]
    listed = set().union(*(_keys(x.item.shown) for x in firsts))
    limit = COMPARE_FIGURES if compares else MAX_FIGURES + MORE_SENTENCES
    for x in ranked[1:]:
        keys = _keys(x.item.shown)
        if len(table) >= limit + 2 or x.piece not in cited or not keys or keys & listed:
            continue
        # a change («økt med 884 personer») and a level («129 874 innbyggere») measure different things
        if (x.piece, x.item.sentence) in added or (_agrees(x, top, asked, wanted) and x.item.change == top.item.change):
            table.append((measured(x), x.hit_index))
            listed |= keys
    return parts, table, len(firsts)


def _compared_with(x: Placed, ranked: Sequence[Placed]) -> Item | None:
    """The figure ``x`` is set against in its sentence («… 16,6 prosent av barn i Bærum under 18 år
    trangt mot 18,5 prosent på landsbasis»), when ``x`` names nothing of its own but a place or a
    year: it measures the same thing, elsewhere or at another time. None otherwise."""
    it = x.item
    sentence = x.window[it.sentence].text
    after = AFTER_END.split(sentence[it.end:], maxsplit=1)[0]
    if it.groups or names_something(without_place(f" {after}", it.place.split()[-1] if it.place else "")):
        return None  # «… mot 7 prosent i øvrig befolkning»: its own words say what it is for
    before = [y.item for y in ranked if y.piece == x.piece and y.item.sentence == it.sentence
              and y.item.end <= it.start]
    prev = max(before, key=lambda i: i.end, default=None)
    return prev if prev is not None and _VERSUS.search(sentence[prev.end:it.start]) else None
