"""The window a figure sentence is quoted in: the sentences it leans on and those that go on with it.

A figure sentence that opens by pointing back («Det utgjør cirka 3300 barn», «Tilsvarende tall for
Bærum …») or whose last words before its figure refer back («I 2021 utgjorde dette 3247 barn»,
«… hvor tallet er 9,5 prosent»), or whose figure counts a part of it («29 495 av disse …»), is quoted
with the sentence before it; the next sentences join while
they state a number and go on with the question's words or refer back; a sentence that announces a
list brings its items.
"""

from __future__ import annotations

from assistant.evidence.cues import OF_THESE, announces_list, is_item, refers_back
from assistant.evidence.scoring import ANAPHORIC_START, MAX_ANAPHORA, REFERS_BACK, Candidate, Evidence
from assistant.reading.quantities import quantities
from assistant.reading.text import Sentence, terms

MAX_WINDOW = 5  # sentences quoted together around a figure
MAX_LIST = 8  # … and with the items of a list the figure sentence announces
SUBJECT_WORDS = 3  # «utgjorde dette», «hvor tallet er»: the words before a figure that say what it counts


def figure_window(ev: Evidence, cand: Candidate) -> list[Sentence]:
    """The figure sentence with the neighbours that complete it («Det utgjør cirka 3300 barn»); back
    also from a sentence whose last words before its figure refer back («I 2021 utgjorde dette 3247
    barn», «… hvor tallet er 9,5 prosent»), so the quote says what «dette» is."""
    sents = ev.sentences[cand.hit_index]
    lo = hi = cand.position
    while lo > 0 and cand.position - lo < MAX_ANAPHORA and (ANAPHORIC_START.match(sents[lo].text)
                                                             or refers_back(_before_number(sents[lo].text))
                                                             or _part_of_before(sents[lo].text)):
        lo -= 1  # back to the sentence that says what «Det» / «Tilsvarende tall» refers to
    while hi + 1 < len(sents) and hi - lo + 1 < MAX_WINDOW:
        nxt = sents[hi + 1]
        nxt_terms = ev.passages[cand.hit_index].stems[hi + 1] if ev.passages else terms(nxt.text)
        continues = REFERS_BACK.search(nxt.text) or (ev.question_terms & nxt_terms)
        if not (nxt.has_number and continues):
            break
        hi += 1
    if announces_list(sents[hi].text):  # «Det var særlig fokus på fire kritiske grupper:» and the four
        while hi + 1 < len(sents) and is_item(sents[hi + 1].text) and hi - lo + 1 < MAX_LIST:
            hi += 1
    return list(sents[lo:hi + 1])


def _before_number(sentence: str) -> str:
    """The last words of ``sentence`` before its first figure (not a year): where the figure's subject
    stands («I 2021 utgjorde dette 3247 barn», «… hvor tallet er 9,5 prosent»), unlike a «dette» after
    it (« … 20 prosent … utsatt for dette») or further from it («… før dette har … blitt halvert»)."""
    found = quantities(sentence)
    return " ".join(sentence[:found[0].start].split()[-SUBJECT_WORDS:]) if found else ""


def _part_of_before(sentence: str) -> bool:
    """Is the first figure of ``sentence`` a part of what the sentence before counts («29 495 av disse
    er barn under 18 år», «Halvparten av dem …»)?"""
    found = quantities(sentence)
    return bool(found) and bool(OF_THESE.match(sentence[found[0].end:]))
