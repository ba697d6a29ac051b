"""Figure cards: the figure an answer shows (number, caption, source, page, image).

Which figure a question asks for is read in ``assistant.question.figures``; which caption answers
a descriptive chart question is chosen in ``assistant.evidence.captions``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.proof.descriptions import described_by, stated_figures
from assistant.records import Citation, FigureCard
from ingest.records import DocumentInfo, Figure

_FIGURE_MENTION = re.compile(r"\bfigur(?:en)?\s+\d", re.IGNORECASE)

def card(figure: Figure) -> FigureCard:
    """The card of one figure of the report, with the sentences that describe it."""
    sentences = described_by(figure)
    return FigureCard(number=figure.number, caption=figure.caption, source=figure.source,
                      page=figure.page, image=figure.image, described_by=sentences,
                      stated=stated_figures(sentences))


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


def cards_for_citations(citations: Sequence[Citation], documents: Mapping[str, DocumentInfo]) -> tuple[FigureCard, ...]:
    """Figure cards for cited captions and for figures a quoted sentence refers to."""
    numbers: list[int] = []
    for c in citations:
        if c.chunk_id.endswith(tuple(f"fig{n}" for n in c.figures)) or _FIGURE_MENTION.search(c.quote):
            numbers.extend(c.figures)
    out, seen = [], set()
    for n in numbers:
        fig = find_figure(documents, n)
        if fig is not None and n not in seen:
            seen.add(n)
            out.append(card(fig))
    return tuple(out)
