"""Score the sentences of retrieved passages against what the question asks for.

Shared by the extractive composer (which sentences to quote) and abstention (is the asked-for
thing in any of them). A sentence scores by the IDF-weighted share of the question's content
stems it contains, plus a little for its passage's rank; figure questions prefer sentences
with a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collections.abc import Mapping

from assistant.conversation import slot_values, slot_words
from assistant.passages import Passage, PassageCache
from assistant.text import Sentence, TermStats, content_terms, is_figure_question, terms
from index.records import Hit

RANK_BONUS = 0.12  # added to a sentence of the top passage; 1/rank of it for the others
NUMBER_BONUS = 0.15  # figure questions: a sentence with a number
NO_NUMBER_PENALTY = 0.25  # figure questions: a sentence without one
QUALIFIER_PENALTY = 0.2  # the sentence is about a group the question did not ask about
PLACE_PENALTY = 0.1  # the sentence is about another place than the one asked about
MAX_WINDOW = 5  # sentences quoted together around a figure
MAX_ANAPHORA = 3  # sentences followed back through «Det …», «Tilsvarende …» for the measure
HEAD_CREDIT = 0.6  # a sentence has only the last part of a compound question term
MODIFIER_CREDIT = 0.3  # … only its first part («fritid» for «fritidsklubb»)

_ANAPHORIC_START = re.compile(r"^(det|dette|denne|disse|de|her|tilsvarende|tallet|andelen|samtidig)\b",
                              re.IGNORECASE)
_REFERS_BACK = re.compile(r"\b(det|dette|disse|tallet|tallene|andelen|tilsvarende|sammenlignet|"
                          r"sammenligner|samme)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One sentence of one retrieved passage and how well it matches the question."""

    hit_index: int  # 0-based position in the hits list
    position: int  # index of the sentence in its passage
    sentence: Sentence
    matched: frozenset[str]
    coverage: float  # IDF-weighted share of the question's content stems in the sentence
    score: float
    has_figure: bool = False  # holds a number other than a bare year
    agrees: bool = True  # names the group, level, place and year the question asks about


@dataclass(frozen=True)
class Evidence:
    """All scored sentences for one question, best first, with the passages split once."""

    question_terms: frozenset[str]
    figure_question: bool
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[Sentence, ...], ...]  # per hit, in passage order
    vocabulary: frozenset[str] = frozenset()  # every stem of the retrieved passages
    passages: tuple[Passage, ...] = ()  # per hit: sentences with their stems and slots
    asked: Mapping[str, set[str]] = field(default_factory=dict)  # group, level, place, year asked

    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def question_terms(question: str, query_used: str) -> frozenset[str]:
    """Content stems of the query actually searched (falls back to all its stems)."""
    q = content_terms(query_used) or terms(query_used) or content_terms(question)
    return frozenset(q)


def gather(question: str, query_used: str, hits: list[Hit], stats: TermStats,
           cache: PassageCache | None = None) -> Evidence:
    """Score every sentence of the retrieved passages against the question.

    ``cache`` holds the passages already split and stemmed (the assistant keeps one per index);
    without it they are analysed here.
    """
    cache = PassageCache() if cache is None else cache
    q = question_terms(question, query_used)
    idf = {t: stats.idf(t) for t in q}
    total = sum(idf.values()) or 1.0
    figure = is_figure_question(question) or is_figure_question(query_used)
    passages = [cache.get(h.chunk.text) for h in hits]
    vocabulary = frozenset().union(*(p.vocabulary for p in passages)) if passages else frozenset()
    credit = {t: _credits(t, vocabulary) for t in q}  # stem of a sentence -> share of t it gives
    asked = slot_values(f"{question} {query_used}")
    named = slot_values(question)  # year and place the user named now (inherited ones are context)
    by_slot = _slot_terms(f"{question} {query_used}", q)
    out = []
    for i, p in enumerate(passages):
        for j, (s, st) in enumerate(zip(p.sentences, p.stems)):
            if p.instructions and p.instructions[j]:  # planted instructions are never evidence
                continue
            if figure and j > 0:  # a figure sentence is read with the one before it, and
                st = st | p.stems[j - 1]  # through a chain of «Det utgjør …», «Tilsvarende …»
                k = j - 1
                while k > 0 and j - k < MAX_ANAPHORA and _ANAPHORIC_START.match(p.sentences[k].text):
                    k -= 1
                    st = st | p.stems[k]
            got = {t: max((c for w, c in credit[t].items() if w in st), default=0.0) for t in q}
            if any(got[t] for t in q if t not in by_slot):  # the measure is there: a group
                for t, (name, value) in by_slot.items():  # may be named otherwise («landbakgrunn»)
                    if got[t] < 1.0 and value in _said(p, j, name):
                        got[t] = 1.0
            matched = frozenset(t for t, c in got.items() if c > 0)
            coverage = sum(idf[t] * c for t, c in got.items()) / total
            score = coverage + RANK_BONUS / (i + 1) - _mismatch(asked, p.slots[j])
            agrees = True
            if figure:
                agrees = _agrees(asked, named, p, j)
                score += NUMBER_BONUS if p.figures[j] else -NO_NUMBER_PENALTY
            out.append(Candidate(i, j, s, matched, coverage, score, p.figures[j], agrees))
    out.sort(key=lambda c: (-c.score, c.hit_index, c.position))
    return Evidence(q, figure, tuple(out), tuple(p.sentences for p in passages), vocabulary,
                    tuple(passages), asked)


def _credits(term: str, vocabulary: frozenset[str]) -> dict[str, float]:
    """The passage stems that carry ``term``, and how much of it (1 = all of it).

    Norwegian compounds carry their meaning in the last part: a sentence stem that is the term or
    extends it («ufør» ~ «uføretrygded»), or ends with it («famili» ~ «lavinntektsfamili»), carries
    all of it. A stem that is only the head of a compound term («elev» of «ungdomsskoleelev»)
    carries part; one that is only its first part («fritid» of «fritidsklubb») carries little.
    """
    out: dict[str, float] = {}
    for s in vocabulary:
        if s == term:
            out[s] = 1.0
        elif len(term) >= 4 and (s.startswith(term) or s.endswith(term)):
            out[s] = 1.0
        elif len(s) >= 4 and term.endswith(s):
            out[s] = HEAD_CREDIT
        elif len(s) >= 5 and term.startswith(s):
            out[s] = MODIFIER_CREDIT
    return out


def _mismatch(asked: dict[str, set[str]], said: Mapping[str, frozenset[str]]) -> float:
    """Penalty for a sentence about another group or place than the question asks about."""
    penalty = 0.0
    for name in ("gender", "background"):
        if said.get(name) and not (said[name] & asked.get(name, set())):
            penalty += QUALIFIER_PENALTY
    if asked.get("place") and said.get("place") and not (said["place"] & asked["place"]):
        penalty += PLACE_PENALTY
    return penalty


def _slot_terms(text: str, q: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Question stems that name a group, level, place or year: stem -> (slot, canonical value)."""
    out = {}
    for name, values in slot_words(text).items():
        for word, value in values:
            for t in terms(word) & q:
                out[t] = (name, value)
    return out


def _said(passage: Passage, j: int, name: str) -> frozenset[str]:
    """Values of slot ``name`` sentence ``j`` names, else those of the sentence before it
    («På mellomtrinnet …. Her har 31 prosent av jentene …»)."""
    own = passage.slots[j].get(name)
    if own:
        return own
    return (passage.slots[j - 1].get(name) if j > 0 else None) or frozenset()


def _agrees(asked: dict[str, set[str]], named: dict[str, set[str]], passage: Passage, j: int) -> bool:
    """Does sentence ``j`` state its figure for the group, level and place the question asks
    about, in a passage that names the year the question ``named``?"""
    for name in ("gender", "background", "level"):
        if asked.get(name) and not (asked[name] & _said(passage, j, name)):
            return False
    places = asked.get("place", set())
    said = _said(passage, j, "place")
    if places - {"Bærum"} and not (places & said):
        return False
    if named.get("place") == {"Bærum"} and said and "Bærum" not in said:  # told the nation's
        return False
    return named.get("year", set()) <= passage.years


def figure_window(ev: Evidence, cand: Candidate) -> list[Sentence]:
    """The figure sentence with the neighbours that complete it («Det utgjør cirka 3300 barn»)."""
    sents = ev.sentences[cand.hit_index]
    lo = hi = cand.position
    while lo > 0 and cand.position - lo < MAX_ANAPHORA and _ANAPHORIC_START.match(sents[lo].text):
        lo -= 1  # back to the sentence that says what «Det» / «Tilsvarende tall» refers to
    while hi + 1 < len(sents) and hi - lo + 1 < MAX_WINDOW:
        nxt = sents[hi + 1]
        nxt_terms = ev.passages[cand.hit_index].stems[hi + 1] if ev.passages else terms(nxt.text)
        continues = _REFERS_BACK.search(nxt.text) or (ev.question_terms & nxt_terms)
        if not (nxt.has_number and continues):
            break
        hi += 1
    return list(sents[lo:hi + 1])
