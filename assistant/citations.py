"""Turn a cited passage into a ``Citation``: section, printed pages, quote, figures and sources."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.records import Citation, Source
from index.records import Hit
from ingest.records import Chunk, DocumentInfo


def quote_pages(chunk: Chunk, quote: str) -> tuple[int, ...]:
    """Printed pages of the passage, the page where ``quote`` starts (and ends) first."""
    first: list[int] = []
    if quote:
        offset = chunk.text.find(quote.split(" … ")[0])
        if offset >= 0:
            first.append(chunk.page_at(offset))
            end = chunk.page_at(offset + max(len(quote) - 1, 0))
            if end not in first:
                first.append(end)
    return tuple(first) + tuple(p for p in chunk.pages if p not in first)


def sources_of(chunk: Chunk, documents: Mapping[str, DocumentInfo]) -> tuple[Source, ...]:
    """The report's own sources for a passage: each footnote it carries, with its address."""
    info = documents.get(chunk.doc)
    if info is None:
        return ()
    out = []
    for note in chunk.notes:
        fn = info.footnote(note)
        if fn is None:
            continue
        out.append(Source(note=fn.number, text=fn.text, url=fn.urls[0] if fn.urls else None))
    return tuple(out)


def make_citation(n: int, hit: Hit, quote: str, documents: Mapping[str, DocumentInfo]) -> Citation:
    """Citation number ``n`` of ``hit``; ``quote`` is the exact text used ("" for the whole passage)."""
    chunk = hit.chunk
    return Citation(
        n=n,
        chunk_id=chunk.id,
        section=chunk.section,
        section_title=chunk.section_title,
        pages=quote_pages(chunk, quote),
        quote=quote,
        text=chunk.text,
        sources=sources_of(chunk, documents),
        figures=tuple(chunk.figures),
    )


def nearest(hits: list[Hit], documents: Mapping[str, DocumentInfo], k: int = 3) -> tuple[Citation, ...]:
    """The best passages, shown when the assistant abstains (quote = the passage's opening)."""
    from assistant.text import split_sentences

    out = []
    for i, hit in enumerate(hits[:k], start=1):
        sentences = split_sentences(hit.chunk.text)
        quote = sentences[0].text if sentences else ""
        out.append(make_citation(i, hit, quote, documents))
    return tuple(out)
