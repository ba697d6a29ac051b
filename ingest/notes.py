"""Split each page into body lines, footnotes, link addresses and captions in the note zone.

A page ends with numbered notes («12 Helsedirektoratet, 2019. …», also glued: «23Bærum …»)
that may wrap, then the page's link addresses. A caption can sit among them. Notes are
numbered 1, 2, 3 … through the document, so the zone starts at the expected next number;
a body line that happens to start with another number («40 prosent …») is not a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleaning import is_url_line, join_lines, normalize_spaces
from .figures import caption_continues, is_caption_start
from .records import Footnote, Page

NOTE_START = re.compile(r"^(\d{1,2})\s?(\S.*)$")
MAX_SKIP = 3  # tolerate this many missing note numbers before giving up on a page
MAX_NOTE_LINES = 6


@dataclass
class PageParts:
    """One page taken apart. ``body`` keeps headings and body captions in reading order."""

    page: int
    body: list[str]
    notes: list[tuple[int, list[str]]] = field(default_factory=list)
    captions: list[list[str]] = field(default_factory=list)  # captions inside the note zone
    urls: list[str] = field(default_factory=list)


def split_pages(pages: list[Page] | tuple[Page, ...]) -> list[PageParts]:
    """Take every page apart, numbering notes through the whole document."""
    expected = 1
    parts = []
    for page in pages:
        lines = [normalize_spaces(ln).strip() for ln in page.lines]
        lines = [ln for ln in lines if ln]
        urls = [ln for ln in lines if is_url_line(ln)]
        rest = [ln for ln in lines if not is_url_line(ln)]
        start = _zone_start(rest, expected)
        part = PageParts(page=page.number, body=rest[:start], urls=urls)
        _read_zone(rest[start:], part)
        if part.notes:
            expected = part.notes[-1][0] + 1
        parts.append(part)
    return parts


def _note_start(line: str, candidates: range) -> int | None:
    m = NOTE_START.match(line)
    if m and int(m.group(1)) in candidates and (m.group(2)[0].isupper() or m.group(2)[0] in "«\""):
        return int(m.group(1))
    return None


def _zone_start(lines: list[str], expected: int) -> int:
    """Index of the first note line, or len(lines) when the page has no notes."""
    for i, line in enumerate(lines):
        first = _note_start(line, range(expected, expected + MAX_SKIP + 1))
        if first is not None and _valid_zone(lines[i:], first):
            return i
    return len(lines)


def _valid_zone(lines: list[str], first: int) -> bool:
    """A note zone runs to the page end: notes in order, their wrapped lines, captions."""
    nxt, run, in_caption = first + 1, 0, False
    for line in lines[1:]:
        n = _note_start(line, range(nxt, nxt + MAX_SKIP + 1))
        if n is not None:
            nxt, run, in_caption = n + 1, 0, False
        elif is_caption_start(line):
            in_caption = True
        elif not in_caption:
            run += 1
            if run > MAX_NOTE_LINES:
                return False
    return True


def _read_zone(lines: list[str], part: PageParts) -> None:
    caption: list[str] | None = None
    for line in lines:
        nxt = part.notes[-1][0] + 1 if part.notes else 0
        n = _note_start(line, range(nxt, nxt + MAX_SKIP + 1)) if part.notes else None
        if not part.notes:
            n = int(NOTE_START.match(line).group(1))
        if caption is not None and n is None and caption_continues(caption, line):
            caption.append(line)
            continue
        caption = None
        if n is not None:
            text = NOTE_START.match(line).group(2)
            part.notes.append((n, [text]))
        elif is_caption_start(line):
            caption = [line]
            part.captions.append(caption)
        else:
            part.notes[-1][1].append(line)


def footnotes(parts: list[PageParts]) -> list[Footnote]:
    """Footnote records. URLs pair by order when the counts match (with or without
    repeats), else each note gets all the page's distinct URLs."""
    result = []
    for part in parts:
        unique = list(dict.fromkeys(part.urls))
        urls = part.urls if len(part.urls) == len(part.notes) else unique
        paired = len(urls) == len(part.notes)
        for k, (n, lines) in enumerate(part.notes):
            mine = (urls[k],) if paired else tuple(unique)
            result.append(Footnote(number=n, text=join_lines(lines), page=part.page, urls=mine))
    return result


def missing_notes(notes: list[Footnote]) -> tuple[int, ...]:
    """Note numbers absent from the sequence 1..max."""
    have = {f.number for f in notes}
    return tuple(n for n in range(1, max(have, default=0) + 1) if n not in have)
