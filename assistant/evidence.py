"""Score the sentences of retrieved passages against what the question asks for.

Shared by the extractive composer (which sentences to quote) and abstention (is the asked-for
thing in any of them). A sentence scores by the IDF-weighted share of the question's content
stems it contains, plus a little for its passage's rank; figure questions prefer sentences
with a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation import slot_values
from assistant.text import (Sentence, TermStats, content_terms, is_figure_question,
                            split_sentences, terms, terms_many)
from index.records import Hit

RANK_BONUS = 0.12  # added to a sentence of the top passage; 1/rank of it for the others
NUMBER_BONUS = 0.15  # figure questions: a sentence with a number
NO_NUMBER_PENALTY = 0.25  # figure questions: a sentence without one
QUALIFIER_PENALTY = 0.2  # the sentence is about a group the question did not ask about
PLACE_PENALTY = 0.1  # the sentence is about another place than the one asked about
MAX_WINDOW = 5  # sentences quoted together around a figure

_FIGURE_REF = re.compile(r"\b(?:figur|tabell|kapittel)\s+\d+(?:\.\d+)*", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_DIGITS = re.compile(r"\d+(?:[ .,]\d+)*")
_ANAPHORIC_START = re.compile(r"^(det|dette|denne|disse|de|tilsvarende|tallet|andelen|samtidig)\b",
                              re.IGNORECASE)
_REFERS_BACK = re.compile(r"\b(det|dette|tallet|tallene|andelen|tilsvarende|sammenlignet|"
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

    @property
    def has_figure(self) -> bool:
        """True when the sentence holds a number other than a bare year."""
        text = _FIGURE_REF.sub("", self.sentence.text)
        return any(not _YEAR_ONLY.match(m.group().strip()) for m in _DIGITS.finditer(text))


@dataclass(frozen=True)
class Evidence:
    """All scored sentences for one question, best first, with the passages split once."""

    question_terms: frozenset[str]
    figure_question: bool
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[Sentence, ...], ...]  # per hit, in passage order

    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def question_terms(question: str, query_used: str) -> frozenset[str]:
    """Content stems of the query actually searched (falls back to all its stems)."""
    q = content_terms(query_used) or terms(query_used) or content_terms(question)
    return frozenset(q)


def gather(question: str, query_used: str, hits: list[Hit], stats: TermStats) -> Evidence:
    """Split every passage into sentences and score each against the question."""
    q = question_terms(question, query_used)
    total = stats.weight(q) or 1.0
    figure = is_figure_question(question) or is_figure_question(query_used)
    per_hit = [tuple(split_sentences(h.chunk.text)) for h in hits]
    flat = [(i, j, s) for i, sents in enumerate(per_hit) for j, s in enumerate(sents)]
    stems = terms_many([s.text for _, _, s in flat])
    asked = slot_values(f"{question} {query_used}")
    out = []
    for (i, j, s), st in zip(flat, stems):
        matched = frozenset(t for t in q if _present(t, st))
        coverage = stats.weight(matched) / total
        score = coverage + RANK_BONUS / (i + 1) - _mismatch(asked, slot_values(s.text))
        cand = Candidate(i, j, s, matched, coverage, score)
        if figure:
            score += NUMBER_BONUS if cand.has_figure else -NO_NUMBER_PENALTY
            cand = Candidate(i, j, s, matched, coverage, score)
        out.append(cand)
    out.sort(key=lambda c: (-c.score, c.hit_index, c.position))
    return Evidence(q, figure, tuple(out), tuple(per_hit))


def _present(term: str, stems: set[str]) -> bool:
    """Exact stem, or a compound/inflection sharing it as prefix («ufør» ~ «uføretrygded»)."""
    if term in stems:
        return True
    return len(term) >= 4 and any(s.startswith(term) or (len(s) >= 5 and term.startswith(s))
                                  for s in stems)


def _mismatch(asked: dict[str, set[str]], said: dict[str, set[str]]) -> float:
    """Penalty for a sentence about another group or place than the question asks about."""
    penalty = 0.0
    for name in ("gender", "background"):
        if said.get(name) and not (said[name] & asked.get(name, set())):
            penalty += QUALIFIER_PENALTY
    if asked.get("place") and said.get("place") and not (said["place"] & asked["place"]):
        penalty += PLACE_PENALTY
    return penalty


def figure_window(ev: Evidence, cand: Candidate) -> list[Sentence]:
    """The figure sentence with the neighbours that complete it («Det utgjør cirka 3300 barn»)."""
    sents = ev.sentences[cand.hit_index]
    lo = hi = cand.position
    if _ANAPHORIC_START.match(sents[lo].text) and lo > 0:
        lo -= 1
    while hi + 1 < len(sents) and hi - lo + 1 < MAX_WINDOW:
        nxt = sents[hi + 1]
        nxt_terms = terms(nxt.text)
        continues = _REFERS_BACK.search(nxt.text) or (ev.question_terms & nxt_terms)
        if not (nxt.has_number and continues):
            break
        hi += 1
    return list(sents[lo:hi + 1])
