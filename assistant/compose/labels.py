"""What a stated figure measures, in the words of its own clause: the «Gjelder» of the chat's table.

A figure's label is the stretch of its sentence that belongs to it: other figures, another figure's
group («…, mens 6 prosent av guttene …»), a frame with an empty «det» («Det er anslått at …»), a frame
that says where the finding comes from («Studier viser at …»), a further finding («… og at …») and
dangling small words left out («… lever i vedvarende lavinntekt»). ``stated_figure`` turns a figure with
its label into the answer's ``StatedFigure`` record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose.cutting import SAME as _SAME, WORD as _WORD, DANGLING as _DANGLING
from assistant.compose.lead import CLAUSE_START, Item
from assistant.evidence.cues import refers_back
from assistant.reading.quantities import EXPLANATION, UNIT, YEAR, quantities
from assistant.reading.slots import GROUP_SLOTS, slot_of
from assistant.reading.text import content_terms
from assistant.records import StatedFigure

__all__ = ["AFTER_END", "label", "names_measure", "names_something", "opening", "stated_figure", "without_place"]

_CONTRAST = re.compile(r"\bmens?\b", re.IGNORECASE)
# where a figure's clause ends: «…, men …», «…, mens …», and «… og at …», which starts another finding
AFTER_END = re.compile(r",\s+(?:men|mens|og|noe|som\s+er)\b|\s+og\s+at\b|[;:(]", re.IGNORECASE)
_GROUP_PREPOSITIONS = {"av", "blant"}
# the «av» of «N prosent av …»: nothing without its figure; nor «av disse er» («29 495 av disse er barn …»)
_PARTITIVE = re.compile(r"^\s*av\b(?:\s+(?:dem|disse|dette|denne)\b(?:\s+(?:er|var)\b)?)?", re.IGNORECASE)
_FOCUS = re.compile(r"\b(?:kun|bare|hele|nesten|omtrent|cirka|ca\.|rundt|drøyt|snaut|godt|over|under|mellom|mer\s+enn|"
                    r"mindre\s+enn)\s*$", re.IGNORECASE)  # … and so do the words that weigh it
# «I 2020 var det registrert at …», «Det er anslått at …»: a frame with an empty «det» says only that
# something is so; what is measured follows «at» (the year has its own column)
_EMPTY_FRAME = re.compile(r"^\W*(?:(?:i|per|fra|siden)\s+\d{4}\s+)?(?:(?:er|var|ble|blir|har|hadde)\s+det|"
                          r"det\s+(?:er|var|ble|blir|har|hadde))\s+(?:\w+\s+){0,2}at\s+", re.IGNORECASE)
# «Studier viser at …», «I tillegg viser undersøkelsen at …», «I Ungdata-junior undersøkelsen kommer det frem
# at …»: a frame that says where a finding comes from; what is measured follows «at»
_SOURCE_FRAME = re.compile(r"^\W*(?:[\w-]+\s+){0,4}?(?:viser|viste|kommer\s+det\s+frem|fremkommer\s+det|"
                           r"fremgår\s+det)\s+(?:[\w-]+\s+){0,2}?at\s+", re.IGNORECASE)
_TRAILING = {"fra", "til", "på", "av", "i", "for", "om", "som", "er", "var"}  # nothing a «what» ends with
_CONNECTIVES = {"og", "mens", "men", "samt", "mot", "versus", "sammenlignet", "med"}
_MEASURE_UNIT = re.compile(r"prosent(?:poeng)?|%|kroner|kvm|kvadratmeter", re.IGNORECASE)
WHAT_WORDS = 12  # words of the figure's own clause shown as what it measures


def without_place(scope: str, place: str) -> str:
    """``scope`` without its «i Bærum»: the figure compared with it is for another place."""
    return re.sub(rf"\s+(?:i|på)\s+{re.escape(place)}\b", "", scope) if place else scope


def opening(sentence: str) -> str:
    """The words of ``sentence`` before its first figure, a dangling preposition left out: «I Bærum er
    det særlig aldersgruppen 25-34 år som har økt»."""
    figures = quantities(sentence, explanations=True)
    return _DANGLING.sub("", sentence[:figures[0].start].rstrip(" (")) if figures else sentence


def names_something(what: str) -> bool:
    """Does a figure's «what» name a thing, not only years and small words («i 2015 til i 2021»)?"""
    return bool(content_terms(YEAR.sub(" ", what)))


def names_measure(text: str) -> bool:
    """Does ``text`` name more than a group, level, place or year («har opplevd at far har vært utsatt»,
    not «av guttene på videregående skole»)?"""
    return bool(content_terms(" ".join(w for w in _WORD.findall(YEAR.sub(" ", text)) if not slot_of(w.lower()))))


def _foreign_groups_out(words: list[str], groups: Sequence[str]) -> list[str]:
    """``words`` without another figure's group: in «19 prosent av jentene …, mens 6 prosent av
    guttene rapporterte det samme» the 6 prosent are the boys', so «av jentene» does not label it.
    Only a group named with its preposition («av jentene», «blant guttene») is another figure's;
    «flere jenter enn gutter» compares."""
    own = {found[:2] for g in groups for w in g.split() if (found := slot_of(w.lower()))}
    names = {name for name, _ in own} & set(GROUP_SLOTS)  # a level is often shared («… på ungdomsskolen og …»)
    out: list[str] = []
    for w in words:
        found = slot_of(w.lower())
        if (found and found[0] in names and found[:2] not in own and out
                and out[-1].lower() in _GROUP_PREPOSITIONS):
            out.pop()
            continue
        out.append(w)
    return out


def stated_figure(item: Item, n: int, asked: bool) -> StatedFigure:
    """The record of one stated figure, cited as [n]."""
    unit = UNIT.search(item.shown)
    value = item.shown[:unit.start()].strip() if unit else item.shown
    return StatedFigure(value=value, unit=unit.group().strip() if unit else "", what=label(item),
                        group=", ".join(item.groups), place=item.place, year=item.year, n=n, asked=asked)


def label(item: Item) -> str:
    """What ``item`` measures, in the words of its own stretch: other figures, another figure's
    group and dangling small words left out («… lever i vedvarende lavinntekt»)."""
    at = item.scope.find(item.shown)
    before, after = (item.scope[:at], item.scope[at + len(item.shown):]) if at >= 0 else (item.scope, "")
    after = AFTER_END.split(after, maxsplit=1)[0]  # «…, men statistikken slår ut …» is another clause
    opened = before.rfind("(")
    if opened > before.rfind(")") and EXPLANATION.match(item.scope, opened):
        # «… vold (spørsmål er kun stilt til 90 prosent av ungdommene)»: a parenthesis that opens with words
        # explains, and says what its figure is of; «(16 prosent av guttene svarte det samme)» does not
        before, after = before[opened + 1:], after.split(")", 1)[0]
    starts = list(CLAUSE_START.finditer(before))
    if starts:  # the figure opens a clause of its own: «…, mens 14 % har opplevd at far har vært utsatt …»
        own = before[starts[-1].end():]
        if _SAME.search(f"{own} {after}") or refers_back(own):  # «…, mens 19 prosent av guttene rapporterer
            before, after = before[:starts[-1].start()], ""  # det samme»: the clause it takes its measure from
        elif _CONTRAST.match(own.strip() or starts[-1].group().strip()) and names_measure(f"{own} {after}"):
            before = own  # after «mens» or «men» a new subject: a comma or «og» may join a list
    # «Kun 8 prosent av guttene bruker …»: «kun» and «av» go with the figure («guttene bruker …»)
    text = f"{_FOCUS.sub('', before)} {_PARTITIVE.sub('', after, count=1)}"
    for q in reversed(quantities(text, explanations=True)):  # other figures are not what this one measures
        counted = _counted_noun(q.text)  # … but what they count may be («bor det 31 050 innvandrere»)
        text = text[:q.start] + f" {counted} " + _PARTITIVE.sub("", text[q.end:], count=1)  # … nor their «av»
    text = _EMPTY_FRAME.sub("", text.lstrip())
    unframed = _SOURCE_FRAME.sub("", text)
    text = unframed if names_something(unframed) else text
    words = _foreign_groups_out(_WORD.findall(text), item.groups)
    while words and words[0].lower() in _CONNECTIVES:
        words.pop(0)
    words = words[:WHAT_WORDS]
    while words and (words[-1].lower() in _CONNECTIVES or words[-1].lower() in _TRAILING):
        words.pop()  # «… som har økt fra», «… lever i vedvarende lavinntekt i»
    return " ".join(words)


def _counted_noun(figure: str) -> str:
    """The noun a count names («31 050 innvandrere» -> «innvandrere»); "" for a unit of measure
    («23,9 prosent», «25 kvm») or a bare number."""
    unit = UNIT.search(figure)
    noun = unit.group(1).strip() if unit else ""
    return "" if not noun or _MEASURE_UNIT.fullmatch(noun) else noun
