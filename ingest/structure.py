"""Parse pages into a `Document`: sections, figures, footnotes and cleaned body blocks."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cleaning import ends_sentence, find_note_markers, join_offsets, shift_offset
from .figures import (CAPTION_START, NEAR_CAPTION, caption_continues, caption_text,
                      figure_paragraphs, mentioned_figures, parse_caption)
from .loaders import load_pages, load_pdf
from .notes import PageParts, footnotes, split_pages
from .records import Block, Document, Figure, Page, Section

HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s+(\S.*)$")
LIST_ITEM = re.compile(r"^(?:(?P<bullet>[•▪●◦])\s*|(?P<dash>[-–])\s+|(?P<num>\d{1,2})(?P<sep>[.)])\s+)(?P<text>\S.*)$")
MAX_HEADING_WRAP = 40  # a heading's second line is short («kommune»)
TERM = re.compile(r"^[A-ZÆØÅ][^\d.,:;!?()«»•]{0,38}[^\W\d]$")  # «Folkehelse», «Tidlig innsats»
SHORT_LINE = 0.6  # of the wrap width: a line this short that ends no sentence is not wrapped prose


@dataclass
class _Unit:
    """A block under construction: its lines as (page, text); list items start new rows."""

    kind: str
    section: str
    rows: list[list[tuple[int, str]]] = field(default_factory=list)
    last_num: int = 0
    figure: int | None = None


def parse_document(pages: list[Page] | tuple[Page, ...], source: str, sha256: str) -> Document:
    """Find sections, figures, footnotes and body blocks in loaded pages.

    Works on pages from either loader; ``source`` and ``sha256`` are recorded as given.
    """
    parts = split_pages(pages)
    notes = footnotes(parts)
    page_notes: dict[int, set[int]] = {}
    for f in notes:
        page_notes.setdefault(f.page, set()).add(f.number)
    parser = _Parser(page_notes, _wrap_width(parts))
    for part in parts:
        parser.page(part)
    parser.finish()
    figures = _attach_images(parser.figures, pages)
    blocks = _link_figures(parser.blocks)
    paragraphs = figure_paragraphs(blocks)
    figures = [replace(f, paragraphs=paragraphs.get(f.number, ())) for f in figures]
    return Document(source=source, sha256=sha256, pages=tuple(pages),
                    sections=tuple(parser.sections()), figures=tuple(figures),
                    footnotes=tuple(notes), blocks=tuple(blocks))


def read_document(path: str | Path, image_dir: str | Path | None = None) -> Document:
    """Load and parse a source file (text export or PDF) into a `Document`.

    Args:
        path: a ``.txt``/``.md`` text export or a ``.pdf``.
        image_dir: where to write images extracted from a PDF (ignored for text).

    Raises:
        IngestError: the file cannot be read (see `load_pages` and `load_pdf`).

    Example:
        >>> doc = read_document(DEFAULT_CORPUS)  # doctest: +SKIP
        >>> len(doc.figures), doc.first_page, doc.last_page
        (18, 2, 39)
    """
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        pages = load_pdf(path, image_dir=image_dir)
    else:
        pages = load_pages(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return parse_document(pages, source=path.name, sha256=sha)


class _Parser:
    """Walks body lines in reading order and emits blocks, sections and figures."""

    def __init__(self, page_notes: dict[int, set[int]], width: int = 0):
        self.page_notes = page_notes
        self.short = SHORT_LINE * width  # shorter than this, a line is not cut by wrapping
        self.blocks: list[Block] = []
        self.figures: list[Figure] = []
        self.heads: list[tuple[str, str, int]] = []  # (number, title, first page)
        self.last_page: dict[str, int] = {}
        self.section = ""
        self.unit: _Unit | None = None
        self.pending: list[tuple[int, list[str]]] = []  # captions waiting for a paragraph end
        self.caption: tuple[int, list[str]] | None = None  # caption being read

    # -- driving -----------------------------------------------------------------
    def page(self, part: PageParts) -> None:
        self._end_caption()
        body = part.body
        i = 0
        while i < len(body):
            line = body[i]
            if self.caption and self.caption[0] == part.page and caption_continues(self.caption[1], line):
                self.caption[1].append(line)
            elif CAPTION_START.match(line):
                self._end_caption()
                self.caption = (part.page, [line])
            elif (head := self._heading(line)) is not None:
                self._end_caption()
                number, title = head
                if i + 1 < len(body) and self._heading_wraps(title, body[i + 1]):
                    title = f"{title} {body[i + 1].strip()}"
                    i += 1
                self._start_section(number, title, part.page)
            else:
                self._end_caption()
                nxt = body[i + 1] if i + 1 < len(body) else ""
                if self._is_term(line, nxt):
                    self._close()
                    self.unit = _Unit("paragraph", self.section, rows=[[(part.page, line)]])
                    self._close()
                else:
                    self._body_line(part.page, line)
            self._touch(part.page)
            i += 1
        self._end_caption()
        for lines in part.captions:
            self.pending.append((part.page, lines))
            self._touch(part.page)
        if self.unit is None:
            self._flush_pending()

    def finish(self) -> None:
        self._close()

    # -- headings ------------------------------------------------------------------
    def _heading(self, line: str) -> tuple[str, str] | None:
        m = HEADING.match(line.strip())
        if not m or not (m.group(2)[0].isupper() or m.group(2)[0] in "«\""):
            return None
        number, title = m.group(1), re.sub(r"\s+", " ", m.group(2)).strip()
        if title.endswith((".", ",", ";")) or len(title) > 160:
            return None
        return (number, title) if _fits_outline(number, self.section) else None

    @staticmethod
    def _heading_wraps(title: str, nxt: str) -> bool:
        nxt = nxt.strip()
        return (bool(nxt) and nxt[0].islower() and len(nxt) <= MAX_HEADING_WRAP
                and not title.endswith((".", ":")) and not ends_sentence(nxt))

    def _start_section(self, number: str, title: str, page: int) -> None:
        self._close()
        self.section = number
        self.heads.append((number, title, page))
        self.last_page[number] = page

    def _touch(self, page: int) -> None:
        """Record that the current section (and its ancestors) has content on ``page``."""
        num = self.section
        while num:
            self.last_page[num] = max(self.last_page.get(num, page), page)
            num = num.rpartition(".")[0]

    def sections(self) -> list[Section]:
        return [Section(number=n, title=t, first_page=p, last_page=self.last_page.get(n, p))
                for n, t, p in self.heads]

    # -- captions ------------------------------------------------------------------
    def _end_caption(self) -> None:
        if self.caption is None:
            return
        page, lines = self.caption
        self.caption = None
        if self.unit and self.unit.kind == "paragraph" and not ends_sentence(self.unit.rows[-1][-1][1]):
            self.pending.append((page, lines))  # the paragraph runs on past the figure
        else:
            self._close()
            self._emit_caption(page, lines)

    def _emit_caption(self, page: int, lines: list[str]) -> None:
        number, caption, source = parse_caption(lines)
        self.figures.append(Figure(number=number, caption=caption, source=source, page=page,
                                   section=self.section))
        self.blocks.append(Block(kind="caption", text=caption_text(number, caption, source),
                                 section=self.section, page_starts=((0, page),),
                                 figures=(number,)))

    def _flush_pending(self) -> None:
        pending, self.pending = self.pending, []
        for page, lines in pending:
            self._emit_caption(page, lines)

    # -- paragraphs and lists ----------------------------------------------------------
    def _is_term(self, line: str, nxt: str) -> bool:
        """A short stand-alone title line in the body («Folkehelse» before its definition)."""
        if not TERM.match(line) or len(line.split()) > 4 or not nxt[:1].isupper():
            return False
        unit = self.unit
        return unit is None or unit.kind != "list" or ends_sentence(unit.rows[-1][-1][1])

    def _body_line(self, page: int, line: str) -> None:
        unit = self.unit
        item = LIST_ITEM.match(line)
        if item and self._starts_item(item, unit):
            if unit is None or unit.kind != "list":
                lead = (unit if unit and unit.kind == "paragraph" and _announces(unit.rows[-1][-1][1], item)
                        else None)
                if lead is None:
                    self._close()
                self.unit = unit = _Unit("list", self.section, rows=lead.rows if lead else [])
            unit.rows.append([(page, line)])
            unit.last_num = int(item.group("num")) if item.group("num") else unit.last_num
            return
        if unit is not None:
            prev = unit.rows[-1][-1][1]
            if unit.kind == "list":
                if not line[0].isupper() or self._item_has_body(unit.rows):
                    unit.rows[-1].append((page, line))
                    return
            elif not ((ends_sentence(prev) or self._stands_alone(unit))
                      and (line[0].isupper() or line[0] in "«\"")):
                unit.rows[-1].append((page, line))
                return
        self._close()
        self.unit = _Unit("paragraph", self.section, rows=[[(page, line)]])

    def _stands_alone(self, unit: _Unit) -> bool:
        """A paragraph of one short line that ends no sentence is a title or a caption («Neil Youngs
        ekskone er død», «Foto: GETTY IMAGES»): a wrapped sentence fills its first line."""
        return len(unit.rows) == 1 and len(unit.rows[0]) == 1 and len(unit.rows[0][0][1].strip()) < self.short

    @staticmethod
    def _item_has_body(rows: list[list[tuple[int, str]]]) -> bool:
        """A «• Title» bullet followed by its own sentences («• Foreldrenes egne utfordringer»),
        unless the bullets before it in the list are one line each: then the list has ended
        («• Barn og familier med fattigdomsutfordringer» / «Prosjektet konkluderte …»)."""
        row = rows[-1]
        first = row[0][1]
        if not first.startswith("•") or ends_sentence(first) or len(first) > 60:
            return False
        if any(len(r) == 1 and r[0][1].startswith("•") for r in rows[:-1]):
            return False
        return len(row) == 1 or row[1][1][:1].isupper()

    @staticmethod
    def _starts_item(item: re.Match, unit: _Unit | None) -> bool:
        if item.group("bullet") or item.group("dash"):
            return True
        n = int(item.group("num"))
        in_list = unit is not None and unit.kind == "list"
        if in_list and n == unit.last_num + 1:
            return True
        after_colon = unit is not None and unit.rows[-1][-1][1].rstrip().endswith(":")
        return n == 1 and (after_colon or item.group("sep") == ")" or item.group("text")[0].isupper())

    def _close(self) -> None:
        unit, self.unit = self.unit, None
        if unit is not None:
            block = self._make_block(unit)
            if block.text:
                self.blocks.append(block)
        self._flush_pending()

    def _make_block(self, unit: _Unit) -> Block:
        texts, starts_by_row = [], []
        for row in unit.rows:
            text, starts = join_offsets([ln for _, ln in row])
            texts.append(text)
            starts_by_row.append(starts)
        raw = "\n".join(texts)
        page_starts: list[tuple[int, int]] = []
        base = 0
        for row, text, starts in zip(unit.rows, texts, starts_by_row):
            for (page, _), off in zip(row, starts):
                if not page_starts or page_starts[-1][1] != page:
                    page_starts.append((base + off, page))
            base += len(text) + 1
        pages = {p for row in unit.rows for p, _ in row}
        allowed = set().union(*(self.page_notes.get(p, set()) for p in pages))
        text, cuts = find_note_markers(raw, allowed)
        notes = tuple((shift_offset(s, cuts), n) for s, _, n in cuts)
        page_starts = [(shift_offset(o, cuts), p) for o, p in page_starts]
        page_starts[0] = (0, page_starts[0][1])
        return Block(kind=unit.kind, text=text, section=unit.section,
                     page_starts=tuple(page_starts),
                     notes=tuple(dict.fromkeys(n for _, n in notes)),
                     figures=mentioned_figures(text), note_offsets=notes)


def _announces(line: str, item: re.Match) -> bool:
    """Does a paragraph's last line lead into the list ``item`` opens: «… følgende:», or a sentence
    left open («… vil flere lovverk være førende for arbeidet» before «• Lov om barneverntjenester»)?
    A dash after an open line is a reply («Av André Lorentsen» / «– Vi oppfordrer …»), not an item."""
    return line.rstrip().endswith(":") or (not item.group("dash") and not ends_sentence(line))


def _wrap_width(parts: list[PageParts]) -> int:
    """The width prose is wrapped at: the 90th percentile of body line lengths (a text with one
    paragraph per line has no wrapping, and its width is its long paragraphs)."""
    lengths = sorted(len(line.strip()) for part in parts for line in part.body if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _fits_outline(number: str, current: str) -> bool:
    """A heading number must be the next chapter, a child or a sibling in the outline."""
    new = tuple(int(x) for x in number.split("."))
    if 0 in new:
        return False
    if not current:
        return len(new) == 1
    cur = tuple(int(x) for x in current.split("."))
    allowed = {cur + (1,)}
    for k in range(1, len(cur) + 1):
        allowed.add(cur[: k - 1] + (cur[k - 1] + 1,))
    return new in allowed


def _link_figures(blocks: list[Block]) -> list[Block]:
    """Add the nearest caption of the same section to paragraphs that mention a figure,
    and to the paragraph just before a caption (the body sometimes names the wrong number)."""
    captions = [i for i, b in enumerate(blocks) if b.kind == "caption"]
    out = []
    for i, block in enumerate(blocks):
        if block.kind == "caption":
            out.append(block)
            continue
        near = [j for j in captions if abs(j - i) <= NEAR_CAPTION
                and blocks[j].section == block.section]
        extra: tuple[int, ...] = ()
        if block.figures and near:
            j = min(near, key=lambda j: (abs(j - i), j < i))
            extra = blocks[j].figures
        elif i + 1 in near:
            extra = blocks[i + 1].figures
        figs = tuple(dict.fromkeys(block.figures + extra))
        out.append(replace(block, figures=figs) if figs != block.figures else block)
    return out


def _attach_images(figures: list[Figure], pages) -> list[Figure]:
    """Give each figure an image extracted from its page, in order, when there is one."""
    images = {p.number: list(p.images) for p in pages if p.images}
    out = []
    for fig in figures:
        free = images.get(fig.page)
        out.append(replace(fig, image=free.pop(0)) if free else fig)
    return out
