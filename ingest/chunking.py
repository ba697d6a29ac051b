"""Cut a parsed document into retrievable chunks that never cross a section."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from kunnskap.errors import UsageError

from .records import Block, Chunk, ChunkSettings, Document

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]
FRONT = "front"  # section label for text before the first heading


def chunk_document(doc: Document, settings: ChunkSettings = ChunkSettings()) -> list[Chunk]:
    """Split each section's body into chunks, plus one chunk per figure caption and one per
    footnote that explains rather than cites (``explains``).

    Chunk ids are ``<doc stem>:<section>:<nn>``, ``<doc stem>:fig<N>`` and ``<doc stem>:note<N>``:
    the same input and settings always give the same ids.

    Raises:
        UsageError: chunk size or overlap out of range.

    Example:
        >>> chunks = chunk_document(doc, ChunkSettings(chunk_size=800, chunk_overlap=120))  # doctest: +SKIP
    """
    _check(settings)
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap,
        separators=SEPARATORS, keep_separator="end", add_start_index=True,
        strip_whitespace=True,
    )
    titles = {s.number: s.title for s in doc.sections}
    stem = Path(doc.source).stem
    chunks: list[Chunk] = []
    body = [b for b in doc.blocks if b.kind != "caption"]
    for section, group in itertools.groupby(body, key=lambda b: b.section):
        chunks.extend(_section_chunks(stem, doc.source, section, titles.get(section, ""),
                                      list(group), splitter))
    for fig_block in (b for b in doc.blocks if b.kind == "caption"):
        number = fig_block.figures[0]
        chunks.append(Chunk(
            id=f"{stem}:fig{number}", doc=doc.source, kind="figure", section=fig_block.section,
            section_title=titles.get(fig_block.section, ""), text=fig_block.text,
            page_starts=fig_block.page_starts, figures=fig_block.figures,
        ))
    chunks.extend(_note_chunks(stem, doc, chunks, titles))
    return _unique_ids(chunks)


# A note that explains («Å bo trangt er definert som følgende: …») rather than cites a source: a
# sentence with a finite verb, not a title. Only these are searchable; the rest stay sources.
_PROSE = re.compile(r"\b(?:er|ble|var|har|blir|regnes|inngår|omfatter)\s+(?:definert\s+|ikke\s+|regnet\s+)?"
                    r"[a-zæøå]", re.IGNORECASE)
MIN_NOTE_WORDS = 15


def explains(text: str) -> bool:
    """Does a footnote explain something (a definition, a caveat) rather than name a source?
    Its first sentence must read as prose: «Folkehelseinstituttet. Tiltak for barn og unge … som
    har begått …» is a source whose title happens to hold a verb."""
    first = re.split(r"(?<=[.:])\s", text, maxsplit=1)[0]
    return (len(text.split()) >= MIN_NOTE_WORDS and not text.lower().startswith("kilde")
            and bool(_PROSE.search(first)))


def _note_chunks(stem: str, doc: Document, body: list[Chunk], titles: dict[str, str]) -> list[Chunk]:
    """One chunk (kind "note") per explanatory footnote, in the section whose text cites it."""
    out = []
    for note in doc.footnotes:
        if not explains(note.text):
            continue
        citing = next((c for c in body if note.number in c.notes), None)
        section = citing.section if citing else ""
        out.append(Chunk(
            id=f"{stem}:note{note.number}", doc=doc.source, kind="note", section=section,
            section_title=titles.get(section, ""), text=note.text,
            page_starts=((0, note.page),), notes=(note.number,),
        ))
    return out


def _check(settings: ChunkSettings) -> None:
    if settings.chunk_size < 50:
        raise UsageError(f"chunk_size={settings.chunk_size} is too small: use at least 50 "
                         "characters (the default is 800).")
    if not 0 <= settings.chunk_overlap < settings.chunk_size:
        raise UsageError(f"chunk_overlap={settings.chunk_overlap} must be between 0 and "
                         f"chunk_size - 1 ({settings.chunk_size - 1}); the default is 120.")


def _section_chunks(stem: str, source: str, section: str, title: str, blocks: list[Block],
                    splitter: RecursiveCharacterTextSplitter) -> list[Chunk]:
    """Join a section's blocks, split them, and carry pages, notes and figures along."""
    parts, pages, notes, spans = [], [], [], []
    base = 0
    for block in blocks:
        parts.append(block.text)
        for off, page in block.page_starts:
            if not pages or pages[-1][1] != page:
                pages.append((base + off, page))
        notes.extend((base + off, n) for off, n in block.note_offsets)
        spans.append((base, base + len(block.text), block.figures))
        base += len(block.text) + 2
    text = "\n\n".join(parts)
    chunks = []
    for k, piece in enumerate(splitter.create_documents([text])):
        start = piece.metadata["start_index"]
        content = piece.page_content
        end = start + len(content)
        first = next(p for o, p in reversed(pages) if o <= start) if pages else 0
        starts = [(0, first)] + [(o - start, p) for o, p in pages if start < o < end]
        figures = tuple(dict.fromkeys(f for s, e, figs in spans if s < end and e > start
                                      for f in figs))
        cited = tuple(dict.fromkeys(n for o, n in notes if start <= o <= end))
        chunks.append(Chunk(
            id=f"{stem}:{section or FRONT}:{k + 1:02d}", doc=source, kind="text",
            section=section, section_title=title, text=content,
            page_starts=tuple(starts), figures=figures, notes=cited,
        ))
    return chunks


def _unique_ids(chunks: list[Chunk]) -> list[Chunk]:
    """Suffix repeated ids (a document with two «Figur 3» captions) with -2, -3 …"""
    seen: dict[str, int] = {}
    out = []
    for chunk in chunks:
        n = seen.get(chunk.id, 0) + 1
        seen[chunk.id] = n
        if n > 1:
            chunk = Chunk(**{**chunk.__dict__, "id": f"{chunk.id}-{n}"})
        out.append(chunk)
    return out
