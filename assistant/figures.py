"""Figure cards: «Hva viser figur 12?», «vis figur 7», «Hvilken figur viser prognosen for barn?».

An explicit number gives that figure; a descriptive question gives the figure whose caption
chunk retrieval ranks highest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.records import FigureCard
from index.records import Hit
from ingest.records import DocumentInfo, Figure

_NUMBERED = re.compile(r"\b(?:figur(?:en|ene)?|fig\.?|diagram(?:met)?|graf(?:en)?)\s*(?:nr\.?\s*)?(\d{1,3})\b",
                       re.IGNORECASE)
_DESCRIPTIVE = re.compile(
    r"\b(hvilke[nt]?\s+(?:figur|diagram|graf|illustrasjon)\w*|(?:er det|finnes det|har rapporten)\s+"
    r"(?:en|et|noen)\s+(?:figur|diagram|graf)\w*|(?:figur|diagram|graf)\w*\s+(?:som|over|av)\s)",
    re.IGNORECASE,
)


_CHART_WORDS = frozenset({"figur", "diagram", "graf", "illustrasjon", "handl", "vis", "viser"})


def requested_figure(question: str) -> int | None:
    """The figure number a question names («figur 12»), or None."""
    m = _NUMBERED.search(question)
    return int(m.group(1)) if m else None


def asks_for_figure(question: str) -> bool:
    """True when the question asks for a chart, by number or by what it shows."""
    return requested_figure(question) is not None or bool(_DESCRIPTIVE.search(question))


def card(figure: Figure) -> FigureCard:
    return FigureCard(number=figure.number, caption=figure.caption, source=figure.source,
                      page=figure.page, image=figure.image)


def find_figure(documents: Mapping[str, DocumentInfo], number: int,
                doc: str | None = None) -> Figure | None:
    """Figure ``number`` of ``doc`` (or of the first document that has one)."""
    infos = [documents[doc]] if doc in documents else list(documents.values())
    for info in infos:
        fig = info.figure(number)
        if fig is not None:
            return fig
    return None


def figure_numbers(documents: Mapping[str, DocumentInfo]) -> list[int]:
    return sorted({f.number for info in documents.values() for f in info.figures})


def best_figure_hit(hits: list[Hit]) -> Hit | None:
    """The highest-ranked figure-caption passage among ``hits``."""
    return next((h for h in hits if h.chunk.kind == "figure" and h.chunk.figures), None)


def match_caption(question: str, chunks, hits: list[Hit], stats) -> Hit | None:
    """The caption that best names what a descriptive chart question asks for.

    Captions are short and full of compounds («befolkningsprognose»), so a question stem counts
    as present when a caption stem contains it; retrieval rank breaks ties.
    """
    from assistant.text import content_terms, terms

    asked = content_terms(question) - _CHART_WORDS
    if not asked:
        return best_figure_hit(hits)
    total = stats.weight(asked) or 1.0
    rank = {h.chunk.id: h.rank for h in hits}
    best, best_score = None, 0.0
    for chunk in chunks:
        if chunk.kind != "figure" or not chunk.figures:
            continue
        caption = terms(chunk.text)
        found = {t for t in asked if t in caption or (len(t) >= 5 and any(t in c for c in caption))}
        score = stats.weight(found) / total
        if chunk.id in rank:
            score += 0.1 / rank[chunk.id]
        if found and score > best_score:
            best, best_score = chunk, score
    if best is None:
        return best_figure_hit(hits)
    return Hit(chunk=best, score=best_score, rank=1)


def cards_for(numbers: list[int], documents: Mapping[str, DocumentInfo], doc: str | None = None,
              ) -> tuple[FigureCard, ...]:
    """Cards of the given figure numbers, in order, skipping unknown ones and repeats."""
    out, seen = [], set()
    for n in numbers:
        fig = find_figure(documents, n, doc)
        if fig is not None and n not in seen:
            seen.add(n)
            out.append(card(fig))
    return tuple(out)


def describe(figure: Figure) -> str:
    """Norwegian one-line description used as the answer to a figure question."""
    text = f"Figur {figure.number}: {figure.caption.rstrip('. ')}."
    if figure.source:
        text += f" Kilde: {figure.source.rstrip('. ')}."
    return text
