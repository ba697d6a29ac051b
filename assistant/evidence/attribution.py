"""Which group, level and place each figure of a sentence is stated for.

Report sentences compare: «56 prosent av guttene … og kun 38 prosent av jentene», «flere jenter
enn gutter … (22 prosent versus 12 prosent), og tallene slår enda høyere ut på ungdomsskolen». A
group belongs to the figure it follows («N prosent av jentene») or, failing that, to the nearest
one before it («andelen jenter … på 24 prosent»); a level or place is named in the figure's own
phrase, else the last one before it. The answer's lead and the abstention check both read figures
this way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from assistant.reading.numbers import extract_numbers, number_key
from assistant.reading.quantities import Quantity, quantities
from assistant.reading.slots import GROUP_SLOTS, slot_words
from assistant.reading.text import terms
from index.compounds import parts

SLOTS = ("gender", "background", "level", "place")
# What a figure is measured by: «etter lokale lavinntektsgrenser», «med den nasjonale inntekten»
# (a place word inside it, «nasjonale», is not the figure's place).
MEASURE = re.compile(r"\b(?:etter|justert for|med|basert på)\s+(?:den\s+|de\s+)?(?:lokale|nasjonale|nasjonal)"
                     r"\s+[\wæøå]+", re.IGNORECASE)
_GROUP_AFTER = re.compile(r"\s*(?:av|blant|for|hos)\s+", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:mot|sammenlignet med|versus|mens|enn)\b", re.IGNORECASE)
# «jenter … gruer seg noe mer … enn gutter (20 prosent mot 29 prosent)»: the comparison says which is larger
_MORE = re.compile(r"\b(?:mer|flere|høyere|større|oftere|hyppigere)\b", re.IGNORECASE)
_LESS = re.compile(r"\b(?:mindre|færre|lavere|sjeldnere)\b", re.IGNORECASE)
_THAN = re.compile(r"\benn\s+(?:[\wæøå]+\s+){0,2}$", re.IGNORECASE)
GROUP_REACH = 40  # characters after a figure in which «av jentene» names its group

Slots = Mapping[str, list[tuple[str, str]]]  # slot name -> [(canonical value, word as written)]


def figure_slots(sentence: str, before: str = "", explanations: bool = False,
                 every: bool = False) -> list[tuple[Quantity, Slots]]:
    """Each quantity of ``sentence`` with the group, level and place it is stated for (``before``
    is the sentence before, for a place named there); with ``every`` also durations and frequencies."""
    figures = quantities(sentence, explanations, every)
    measures = skipped_spans(sentence)
    groups = {name: _groups(sentence, figures, name) for name in GROUP_SLOTS}
    out = []
    for k, fig in enumerate(figures):
        next_start = figures[k + 1].start if k + 1 < len(figures) else len(sentence)
        following = figures[k + 1] if k + 1 < len(figures) else None
        following_end = figures[k + 2].start if k + 2 < len(figures) else len(sentence)
        slots: dict[str, list[tuple[str, str]]] = {name: groups[name][k] for name in groups}
        for name in ("level", "place"):
            near = _setting(sentence, fig, next_start, _positions(sentence, name, measures),
                            following if name == "level" else None, following_end)
            if not near and name == "place":  # «Bærum skiller seg ikke ut fra landet …. Dette utgjør
                # 1860 barn»: a sentence before that names two places leaves the figure's open
                skip = skipped_spans(before)  # «med den nasjonale inntekten»
                named = {v: (v, w) for _, v, w in _positions(before, name, skip)}
                slots[name] = list(named.values())
                continue
            slots[name] = near[:1]
        out.append((fig, slots))
    return out


def skipped_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` whose place words name no setting: a measure («med den nasjonale
    inntekten»). A background («fra et annet land enn Norge») names no place at all
    (``assistant.reading.slots.NOT_A_PLACE``)."""
    return [m.span() for m in MEASURE.finditer(text)]


_PHRASE_END = re.compile(r"[,;:)(]|\s(?:og|mens|men|mot|versus)\s")


_JOINED = re.compile(r"\s+og\s+$")


def _own(sentence: str, fig: Quantity, next_start: int,
         found: list[tuple[int, str, str]]) -> list[tuple[str, str]]:
    end = _PHRASE_END.search(sentence, fig.end)
    stop = min(next_start, end.start() if end else len(sentence))
    return [(v, w) for pos, v, w in found if fig.end <= pos < stop]


def _setting(sentence: str, fig: Quantity, next_start: int,
             found: list[tuple[int, str, str]], following: Quantity | None = None,
             following_end: int = 0) -> list[tuple[str, str]]:
    """(value, word) of the level or place a figure is stated for: named in its own phrase after
    it («11 prosent av guttene på videregående»), or in the phrase of the figure it is joined to
    («27 prosent av jenter og 11 prosent av guttene på videregående»), else the last one before it
    («På mellomtrinnet … (22 prosent …)»), else the first one after it."""
    own = _own(sentence, fig, next_start, found)
    if not own and following is not None and _JOINED.search(sentence, 0, following.start) \
            and not any(fig.end <= pos < following.start for pos, _, _ in found) \
            and not re.search(r"[,;:()]", sentence[fig.end:following.start]):
        own = _own(sentence, following, following_end, found)
    if own:
        return own[:1]
    before = [(v, w) for pos, v, w in found if pos < fig.start]
    return before[-1:] or [(v, w) for pos, v, w in found if pos >= fig.end][:1]


def _positions(text: str, name: str, skip: list[tuple[int, int]] = ()) -> list[tuple[int, str, str]]:
    """(offset, value, word) of the slot ``name`` words in ``text`` outside the ``skip`` spans."""
    out, cursor = [], 0
    for word, value in slot_words(text).get(name, []):
        at = text.find(word, cursor)
        if at < 0:
            continue
        cursor = at + len(word)
        if not any(a <= at < b for a, b in skip):
            out.append((at, value, word))
    return out


def _groups(sentence: str, figures: list[Quantity], name: str) -> list[list[tuple[str, str]]]:
    """Per figure, the group (gender or background) it is stated for.

    «N prosent av jentene» names it after the figure. Otherwise a run of figures reads the groups
    named before it: in order when it names as many as there are figures («flere jenter enn gutter
    (22 prosent versus 12 prosent)»), unless the sentence says which group has more («jenter …
    gruer seg noe mer … enn gutter (20 prosent mot 29 prosent)» gives the girls 29), else the last
    one («andelen jenter … på 24 prosent»). A ratio names the two it compares after it («dobbelt så
    mange jenter enn gutter»).
    """
    found = _positions(sentence, name)
    out: list[list[tuple[str, str]] | None] = [None] * len(figures)
    for k, fig in enumerate(figures):
        if _GROUP_AFTER.match(sentence, fig.end):
            named = [(v, w) for pos, v, w in found if fig.end <= pos < fig.end + GROUP_REACH]
            out[k] = named[:1] or None
        elif fig.kind == "ratio":  # a ratio is for the groups it sets side by side
            named = {v: (v, w) for pos, v, w in found if fig.end <= pos < fig.end + GROUP_REACH}
            out[k] = list(named.values()) if len(named) > 1 else None
    k = 0
    while k < len(figures):
        if out[k] is not None:
            k += 1
            continue
        j = k
        while (j + 1 < len(figures) and out[j + 1] is None
               and not any(figures[j].end <= pos < figures[j + 1].start for pos, _, _ in found)):
            j += 1
        start = figures[k - 1].end if k else 0
        before = [(v, w) for pos, v, w in found if start <= pos < figures[k].start]
        distinct = list({v: (v, w) for v, w in reversed(before)}.values())[::-1]
        if j == k + 1 and len(distinct) == 2 \
                and _compared_the_other_way(sentence, start, found, figures[k], figures[j]):
            distinct.reverse()
        for i in range(k, j + 1):
            contrasted = bool(_CONTRAST.search(sentence, figures[i - 1].end if i else 0, figures[i].start))
            if j > k and len(distinct) == j - k + 1:
                out[i] = [distinct[i - k]]
            elif i > k and contrasted:
                out[i] = []  # «… 28 prosent sammenlignet med 7 prosent i øvrig befolkning»
            elif before:
                out[i] = before[-1:]
            elif len({v for _, v, _ in found}) == 1 and not contrasted:
                out[i] = [(found[0][1], found[0][2])]
            else:
                out[i] = []
        k = j + 1
    return [g or [] for g in out]


def _compared_the_other_way(sentence: str, start: int, found: list[tuple[int, str, str]],
                            first: Quantity, second: Quantity) -> bool:
    """Do two figures stand in the opposite order to the groups a comparison before them names?
    «A … mer … enn B (x mot y)» says A's figure is the larger; «færre … enn» the smaller."""
    if first.kind != second.kind:
        return False
    last = max(pos for pos, _, _ in found if start <= pos < first.start)
    said = sentence[start:last]
    if not _THAN.search(said):
        return False
    more, less = _MORE.search(said), _LESS.search(said)
    if bool(more) == bool(less):
        return False
    a, b = _value(first.text), _value(second.text)
    if a is None or b is None or a == b:
        return False
    return (a < b) if more else (a > b)


def _value(text: str) -> float | None:
    """The number a figure states («20 prosent» → 20.0, «12,4 %» → 12.4); None for a range or «1 av 4»."""
    found = extract_numbers(text)
    try:
        return float(number_key(found[0]).replace(",", ".")) if found else None
    except ValueError:
        return None


def groups_named(texts: tuple[str, ...], question: frozenset[str]) -> dict[str, set[str]]:
    """The groups ``texts`` name with words the question says in its own way: the word's stem is
    a question stem, or a compound of two («landbakgrunn» for «bakgrunn fra et annet land»).
    Such a sentence is about the asked group, though the question names no group the slots know."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for name, value, stems in _group_words(text):
            if any(s in question or parts(s, question) for s in stems):
                out.setdefault(name, set()).add(value)
    return out


@lru_cache(maxsize=8192)
def _group_words(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(slot, value, stems of the word) of each group word in ``text``: the same for every question."""
    found = slot_words(text)
    return tuple((name, value, tuple(terms(raw))) for name in GROUP_SLOTS for raw, value in found.get(name, ()))
