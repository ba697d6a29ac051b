"""Answers that quote the opening of a part of a document, for questions about the whole of it.

«Hva handler rapporten om?» gets the document's first section; «Hva står i kapittel 5?» gets that
section; «Hva står på side 12?» gets that printed page. The passages are quoted in reading order up
to an answer's length, each cited. A chapter's answer (and the whole report's) also lists the parts
directly under it, from the document's outline (``Answer.contents``). The document's own words in every mode: there
is nothing for a language model to choose among.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from assistant.proof.citations import make_citation
from assistant.proof.numbers import unproven_numbers
from assistant.reading.text import Sentence, split_sentences
from assistant.records import Answer
from index.records import Hit
from ingest.records import Chunk, DocumentInfo, Section

OPENING_WORDS = 85  # the opening is quoted up to this many words


def opening(chunks: Sequence[Chunk], documents: Mapping[str, DocumentInfo], doc: str, section: str,
            query: str, listed: str | None = None) -> Answer | None:
    """The text passages of ``section`` of ``doc``, quoted from its start up to ``OPENING_WORDS``
    words, each cited; None when the section has no text. With ``listed`` (a section number, or ""
    for the whole document) the answer also lists the parts directly under it (``contents``)."""
    answer = _quote([c for c in chunks if c.kind == "text" and c.doc == doc and c.in_section(section)],
                    documents, query, lambda chunk, sentence: True)
    if answer is None or listed is None or doc not in documents:
        return answer
    return replace(answer, contents=contents(documents[doc], listed))


def contents(info: DocumentInfo, parent: str) -> tuple[Section, ...]:
    """The sections directly under ``parent`` ("" for the chapters), with their printed pages, as
    the document's outline (its headings) gives them."""
    level = parent.count(".") + 2 if parent else 1
    return tuple(s for s in info.sections
                 if s.level == level and (not parent or s.number.startswith(f"{parent}.")))


def page_opening(chunks: Sequence[Chunk], documents: Mapping[str, DocumentInfo], doc: str, page: int,
                 query: str) -> Answer | None:
    """«Hva står på side 12?»: what printed ``page`` of ``doc`` says, its text (or, on a page of
    figures only, their captions) quoted from the top up to ``OPENING_WORDS`` words, each cited."""
    on_page = [c for c in chunks if c.doc == doc and page in c.pages]
    text = [c for c in on_page if c.kind == "text"] or on_page
    return _quote(text, documents, query, lambda chunk, sentence: chunk.page_at(sentence.start) == page)


def _quote(chunks: Sequence[Chunk], documents: Mapping[str, DocumentInfo], query: str,
           keep: Callable[[Chunk, Sentence], bool]) -> Answer | None:
    parts: list[str] = []
    citations = []
    seen: set[str] = set()  # chunks overlap: a sentence is quoted once
    used = 0
    for chunk in chunks:
        quoted = []
        for sentence in split_sentences(chunk.text):
            if sentence.text in seen or not keep(chunk, sentence):
                continue
            used += len(sentence.text.split())
            if used > OPENING_WORDS and (quoted or parts):
                break
            quoted.append(sentence)
            seen.add(sentence.text)
        if quoted:  # the passage's own text from the first quoted sentence to the last (its line breaks kept)
            n = len(citations) + 1
            text = chunk.text[quoted[0].start:quoted[-1].start + len(quoted[-1].text)]
            parts.append(f"{text} [{n}]")
            citations.append(make_citation(n, Hit(chunk=chunk, score=1.0, rank=n), text, documents))
        if used > OPENING_WORDS:
            break
    if not parts:
        return None
    text = " ".join(parts)
    return Answer(answer=text, abstained=False, query_used=query, citations=tuple(citations),
                  numbers_verified=not unproven_numbers(text, [c.text for c in citations]), mode="extractive")
