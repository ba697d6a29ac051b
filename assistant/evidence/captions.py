"""Which figure caption answers a descriptive chart question («Hvilken figur viser prognosen …?»):
the caption that best names what is asked, retrieval rank breaking ties.
"""

from __future__ import annotations

from index.records import Hit

_CHART_WORDS = frozenset({"figur", "diagram", "graf", "illustrasjon", "handl", "vis", "viser"})


def best_figure_hit(hits: list[Hit]) -> Hit | None:
    """The highest-ranked figure-caption passage among ``hits``."""
    return next((h for h in hits if h.chunk.kind == "figure" and h.chunk.figures), None)


def match_caption(question: str, chunks, hits: list[Hit], stats) -> Hit | None:
    """The caption that best names what a descriptive chart question asks for.

    Captions are short and full of compounds («befolkningsprognose»), so a question stem counts
    as present when a caption stem contains it; retrieval rank breaks ties.
    """
    from assistant.reading.text import content_terms, terms

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
