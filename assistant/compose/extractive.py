"""The default composer: quote the report's own sentences, offline, with [n] markers.

General questions get a coherent span (``assistant.compose.general``). Figure questions lead with the sentence
holding the figure, completed by the sentences that qualify it, and give every passage that
states a figure for the same thing (local vs national limits, 2020 vs 2021, boys vs girls).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.compose import figure, labels
from assistant.compose.base import Composer, Draft
from assistant.compose.general import general_pieces
from assistant.compose.lead import lead
from assistant.evidence.cues import is_item
from assistant.evidence.passages import PassageCache
from assistant.evidence.scoring import Evidence, gather
from assistant.evidence.windows import figure_window
from assistant.reading.text import Sentence, TermStats
from index.records import Hit

MAX_FIGURE_PASSAGES = 3  # figure questions: passages whose figures are all given
FIGURE_KEEP_RATIO = 0.5  # figure questions: share of the best figure sentence's coverage
SCORE_FLOOR = 0.5  # figure questions: share of the best figure sentence's score

_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


class ExtractiveComposer(Composer):
    """Answers with sentences quoted from the passages. ``stats`` gives corpus IDF for scoring."""

    name = "extractive"

    def __init__(self, stats: TermStats | None = None, passages: PassageCache | None = None):
        self.stats = stats
        self.passages = PassageCache() if passages is None else passages

    def compose(self, question: str, query_used: str, hits: list[Hit],
                spans: Mapping[int, str] | None = None) -> Draft:
        if not hits:
            return Draft("", True, "extractive", {})
        stats = self.stats or TermStats(h.chunk.text for h in hits)
        ev = gather(question, query_used, hits, stats, self.passages)
        return self.compose_from(ev, hits)

    def compose_from(self, ev: Evidence, hits: list[Hit]) -> Draft:
        """Compose from already scored evidence (the assistant scores once for abstention too)."""
        best = ev.best()
        if best is None or not best.matched:
            return Draft("", True, "extractive", {})
        if ev.figure_question and any(c.has_figure for c in ev.candidates[:1]):
            draft = _figure_draft(self._figure_pieces(ev), hits, ev)
            if draft is not None:
                return draft
        return _draft(*general_pieces(ev), hits)

    def _figure_pieces(self, ev: Evidence) -> list[list[tuple[int, list[Sentence]]]]:
        """Every passage that states a figure for what was asked (for the asked group, level,
        place and year when any sentence does, and for at least half as much of the measure as the
        best: «trener» is no answer to «Hvor mange elever fullfører …»; a follow-up's «… resten av
        landet?» keeps the sentence that names it), each window quoted once."""
        figures = [c for c in ev.candidates if c.has_figure]
        pool = [c for c in figures if c.agrees] or figures
        # «1 av 5 har opplevd psykisk vold fra foreldre», not «18 % opplevd at mor har vært utsatt for …»:
        # a figure that counts witnesses answers only a question about witnesses, and the other way round
        pool = [c for c in pool if ev.witnessing in ev.passages[c.hit_index].witnessing[c.position]] or pool
        top = max(c.coverage for c in pool)
        best_score = pool[0].score
        pieces: list[list[tuple[int, list[Sentence]]]] = []
        used: set[tuple[int, int]] = set()
        by_text: dict[str, int] = {}
        for c in pool:
            if len(pieces) >= MAX_FIGURE_PASSAGES:
                break
            if (c.coverage < FIGURE_KEEP_RATIO * top or c.score < SCORE_FLOOR * best_score
                    or (c.core < FIGURE_KEEP_RATIO * pool[0].core  # a figure of another measure, unless
                        and not (ev.added & c.matched) - pool[0].matched)  # for the place a follow-up adds
                    or (c.hit_index, c.position) in used):
                continue
            window = figure_window(ev, c)
            first = ev.sentences[c.hit_index].index(window[0])
            positions = [first + k for k in range(len(window))]
            # keep the run around the figure sentence that no earlier piece quoted
            lo = hi = positions.index(c.position)
            while lo > 0 and (c.hit_index, positions[lo - 1]) not in used:
                lo -= 1
            while hi + 1 < len(positions) and (c.hit_index, positions[hi + 1]) not in used:
                hi += 1
            window, positions = window[lo:hi + 1], positions[lo:hi + 1]
            used.update((c.hit_index, p) for p in positions)
            merged = _merge_adjacent(pieces, c.hit_index, window, ev)
            if merged:  # next to a window already quoted from this passage: one quote
                continue
            key = _norm(" ".join(s.text for s in window))
            if key in by_text:  # the same statement in another section: cite both places
                pieces[by_text[key]].append((c.hit_index, window))
                continue
            by_text[key] = len(pieces)
            pieces.append([(c.hit_index, window)])
        return pieces


def _merge_adjacent(pieces: list[list[tuple[int, list[Sentence]]]], hit_index: int,
                    window: list[Sentence], ev: Evidence) -> bool:
    """Join ``window`` to a quoted window of the same passage that it touches; True if it did."""
    sents = ev.sentences[hit_index]
    first, last = sents.index(window[0]), sents.index(window[-1])
    for piece in pieces:
        if len(piece) != 1 or piece[0][0] != hit_index:
            continue
        other = piece[0][1]
        a, b = sents.index(other[0]), sents.index(other[-1])
        if first == b + 1 or last == a - 1:
            lo, hi = min(a, first), max(b, last)
            piece[0] = (hit_index, list(sents[lo:hi + 1]))
            return True
    return False


def _draft(pieces: list[list[tuple[int, list[Sentence]]]], heads: Mapping[tuple[int, int], str], hits: list[Hit],
           asked: Mapping[str, set[str]] | None = None, question: frozenset[str] = frozenset(),
           left_out: frozenset[str] = frozenset()) -> Draft:
    """Join quoted windows into answer text; a piece found in several passages cites them all. A
    piece that opens with a list item starts a line, so its «2)» reads as a list number, not a figure.
    ``heads``: (hit, sentence start) -> the head a list item is cut to in the text (the citation
    quotes it whole).

    With ``asked`` (figure questions) the answer opens with a lead that states the figures.
    """
    parts: list[str] = []
    quoted: dict[int, list[Sentence]] = {}
    leads: list[tuple[list[Sentence], str]] = []
    for piece in pieces:
        markers = []
        for hit_index, window in piece:
            n = hit_index + 1
            quoted.setdefault(n, []).extend(window)
            if f"[{n}]" not in markers:
                markers.append(f"[{n}]")
        hit_index, window = piece[0]
        if any((hit_index, x.start) in heads for x in window):  # a list given whole, its items cut to their heads
            own = {start: t for (h, start), t in heads.items() if h == hit_index}
            text = _with_heads(hits[hit_index].chunk.text, window, own)
        else:
            text = _span(hits[hit_index].chunk.text, window)
        parts.append(f"{text} {''.join(markers)}")
        leads.append((piece[0][1], "".join(markers)))
    opening = lead(leads, dict(asked), question, left_out) if asked is not None else ""
    body = "".join(("\n" if i and is_item(part) else " " if i else "") + part for i, part in enumerate(parts))
    quotes = {n: _quote(hits[n - 1].chunk.text, sentences) for n, sentences in quoted.items()}  # in reading order
    return Draft(f"{opening}. {body}" if opening else body, False, "extractive", quotes)


def _with_heads(text: str, window: list[Sentence], heads: Mapping[int, str]) -> str:
    """The window's text with some sentences replaced (``heads``: sentence start -> what it reads,
    "" for left out): the passage's own text between sentences read whole, a new line before an item."""
    out, last = "", None  # ``last``: the sentence before, when it was read whole
    for x in window:
        said = heads.get(x.start, x.text)
        if said and out:
            gap = text[last.start + len(last.text):x.start] if last is not None and said == x.text else "x"
            out += gap if not gap.strip() else "\n" if is_item(said) else " "
        out += said
        last = x if said == x.text else None
    return out


def _span(text: str, window: list[Sentence]) -> str:
    """The exact passage text from the first to the last sentence of a window."""
    a = window[0].start
    b = window[-1].start + len(window[-1].text)
    return text[a:b]


def _figure_draft(pieces: list[list[tuple[int, list[Sentence]]]], hits: list[Hit], ev: Evidence) -> Draft | None:
    """The figure answer (``assistant.compose.figure``): the asked figure first, nothing twice."""
    compares = ev.form == "comparison" or any(len(ev.asked.get(k, ())) > 1 for k in ("gender", "year", "level"))
    scores = {(c.hit_index, c.sentence.start): c.score for c in ev.candidates}
    parts, stated, n_asked = figure.compose(pieces, ev.asked, ev.question_terms, ev.left_out, ev.wanted,
                                            ev.noun, compares, scores, ev.added, ev.negated, ev.change,
                                            frozenset((c.hit_index, c.sentence.start) for c in ev.candidates
                                                      if c.contrast), ev.witnessing)
    if not parts:
        return None
    used: dict[int, list[Sentence]] = {}
    text = []
    last: list[int] = []
    for sentence, markers, source in parts:
        for h in markers:
            used.setdefault(h, []).append(source)
        mark = "".join(f"[{h + 1}]" for h in markers)
        if text and is_item(sentence) and markers == last:  # a list's items: a line each, one marker
            text[-1] = f"{text[-1].removesuffix(mark).rstrip()}\n{sentence.rstrip()} {mark}"
        else:
            text.append(f"{sentence.rstrip()} {mark}")
        last = markers
    quotes = {h + 1: _quote(hits[h].chunk.text, sentences) for h, sentences in used.items()}
    figures = tuple(labels.stated_figure(item, h + 1, asked=(i < n_asked)) for i, (item, h) in enumerate(stated))
    return Draft(" ".join(text), False, "extractive", quotes, figures=figures)


def _quote(text: str, sentences: list[Sentence]) -> str:
    """The exact text of the quoted sentences of one passage: runs of adjacent sentences as one
    span, separate runs joined by « … »."""
    ordered = sorted({s.start: s for s in sentences}.values(), key=lambda s: s.start)
    runs: list[list[Sentence]] = []
    for s in ordered:
        gap = text[runs[-1][-1].start + len(runs[-1][-1].text):s.start] if runs else "x"
        if runs and not gap.strip():
            runs[-1].append(s)
        else:
            runs.append([s])
    return " … ".join(_span(text, run) for run in runs)