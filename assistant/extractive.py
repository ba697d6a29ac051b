"""The default composer: quote the report's own sentences, offline, with [n] markers.

General questions get the one to three best sentences. Figure questions lead with the sentence
holding the figure, completed by the sentences that qualify it, and give every passage that
states a figure for the same thing (local vs national limits, 2020 vs 2021, boys vs girls).
"""

from __future__ import annotations

import re

from assistant.composer import Composer, Draft
from assistant.evidence import Candidate, Evidence, figure_window, gather
from assistant.text import Sentence, TermStats
from index.records import Hit

MAX_SENTENCES = 3  # general questions
MAX_FIGURE_PASSAGES = 3  # figure questions: passages whose figures are all given
KEEP_RATIO = 0.7  # a further sentence must score at least this share of the best one
FIGURE_KEEP_RATIO = 0.75  # figure questions: share of the best sentence's coverage
SCORE_FLOOR = 0.6

_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


class ExtractiveComposer(Composer):
    """Answers with sentences quoted from the passages. ``stats`` gives corpus IDF for scoring."""

    name = "extractive"

    def __init__(self, stats: TermStats | None = None):
        self.stats = stats

    def compose(self, question: str, query_used: str, hits: list[Hit]) -> Draft:
        if not hits:
            return Draft("", True, "extractive", {})
        stats = self.stats or TermStats(h.chunk.text for h in hits)
        ev = gather(question, query_used, hits, stats)
        return self.compose_from(ev, hits)

    def compose_from(self, ev: Evidence, hits: list[Hit]) -> Draft:
        """Compose from already scored evidence (the assistant scores once for abstention too)."""
        best = ev.best()
        if best is None or not best.matched:
            return Draft("", True, "extractive", {})
        if ev.figure_question and best.has_figure:
            pieces = self._figure_pieces(ev)
        else:
            pieces = self._general_pieces(ev)
        return _draft(pieces, hits)

    def _general_pieces(self, ev: Evidence) -> list[list[tuple[int, list[Sentence]]]]:
        best = ev.candidates[0]
        chosen = [best]
        covered = set(best.matched)
        seen = {_norm(best.sentence.text)}
        for c in ev.candidates[1:]:
            if len(chosen) >= MAX_SENTENCES or c.score < KEEP_RATIO * best.score:
                break
            key = _norm(c.sentence.text)
            adjacent = any(c.hit_index == x.hit_index and abs(c.position - x.position) == 1
                           for x in chosen)
            if key in seen or not (c.matched - covered or adjacent):
                continue
            chosen.append(c)
            covered |= c.matched
            seen.add(key)
        # sentences of one passage in reading order; passages in order of first use
        order: dict[int, list[Candidate]] = {}
        for c in chosen:
            order.setdefault(c.hit_index, []).append(c)
        return [[(i, [c.sentence for c in sorted(cs, key=lambda c: c.position)])]
                for i, cs in order.items()]

    def _figure_pieces(self, ev: Evidence) -> list[list[tuple[int, list[Sentence]]]]:
        best = ev.candidates[0]
        pieces: list[list[tuple[int, list[Sentence]]]] = []
        used: set[tuple[int, int]] = set()
        by_text: dict[str, int] = {}
        for c in ev.candidates:
            if len(pieces) >= MAX_FIGURE_PASSAGES:
                break
            if (not c.has_figure or c.coverage < FIGURE_KEEP_RATIO * best.coverage
                    or c.score < SCORE_FLOOR * best.score):
                continue
            if (c.hit_index, c.position) in used:
                continue
            window = figure_window(ev, c)
            first = ev.sentences[c.hit_index].index(window[0])
            used.update((c.hit_index, first + k) for k in range(len(window)))
            key = _norm(" ".join(s.text for s in window))
            if key in by_text:  # the same statement in another section: cite both places
                pieces[by_text[key]].append((c.hit_index, window))
                continue
            by_text[key] = len(pieces)
            pieces.append([(c.hit_index, window)])
        return pieces


def _draft(pieces: list[list[tuple[int, list[Sentence]]]], hits: list[Hit]) -> Draft:
    """Join quoted windows into answer text; a piece found in several passages cites them all."""
    parts: list[str] = []
    quotes: dict[int, str] = {}
    for piece in pieces:
        markers = []
        for hit_index, window in piece:
            n = hit_index + 1
            quote = _span(hits[hit_index].chunk.text, window)
            quotes[n] = f"{quotes[n]} … {quote}" if n in quotes else quote
            if f"[{n}]" not in markers:
                markers.append(f"[{n}]")
        text = _span(hits[piece[0][0]].chunk.text, piece[0][1])
        parts.append(f"{text} {''.join(markers)}")
    return Draft(" ".join(parts), False, "extractive", quotes)


def _span(text: str, window: list[Sentence]) -> str:
    """The exact passage text from the first to the last sentence of a window."""
    a = window[0].start
    b = window[-1].start + len(window[-1].text)
    return text[a:b]
