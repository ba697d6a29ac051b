"""Turn a cited passage into a ``Citation``: section, printed pages, quote, figures and sources."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

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
        out.append(Source(note=fn.number, text=fn.text, url=note_url(fn.text, fn.urls)))
    return tuple(out)


def note_url(text: str, urls: tuple[str, ...]) -> str | None:
    """The address that belongs to a note. A page's addresses are listed together under its notes,
    so with several candidates pick the one whose host names the source («Bufdir» -> bufdir.no);
    None when none does (better no link than a wrong one)."""
    if len(urls) == 1:
        return urls[0]
    words = {w for w in re.findall(r"[a-zæøå]{3,}", text.lower())}
    for url in urls:
        host = urlsplit(url).netloc.lower()
        if any(w in host for w in words):
            return url
    return None


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
    from assistant.reading.text import split_sentences

    out = []
    for i, hit in enumerate(hits[:k], start=1):
        sentences = split_sentences(hit.chunk.text)
        quote = sentences[0].text if sentences else ""
        out.append(make_citation(i, hit, quote, documents))
    return tuple(out)
