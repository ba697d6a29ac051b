"""Typed records passed from ingest to the later stages. All frozen; no loose dicts."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Page:
    """One printed page of a source document, as loaded (no cleaning yet).

    ``number`` is the printed page number; ``index`` the 0-based position in the source.
    Both loaders (text export and PDF) produce these, so later stages ignore the format.
    """

    number: int
    index: int
    lines: tuple[str, ...]
    source: str
    images: tuple[str, ...] = ()  # image files extracted from this page (PDF only)


@dataclass(frozen=True)
class Section:
    """A numbered section («5.1.2 Fysisk helse») and the printed pages it spans."""

    number: str
    title: str
    first_page: int
    last_page: int

    @property
    def level(self) -> int:
        return self.number.count(".") + 1


LINKS = ("named", "adjacent", "nearby")


@dataclass(frozen=True)
class FigureParagraph:
    """A body paragraph that goes with a figure, and how it was linked (one of ``LINKS``):

    "named": it names the figure («se figur 14»), or names a wrong number next to this caption
    («Figur 1 viser …» in 4.1 is Figur 2); "adjacent": the paragraph just before the caption;
    "nearby": one of the few paragraphs before that. Which of its sentences describe the figure
    is decided later (``assistant.proof.cards``).
    """

    text: str
    page_starts: tuple[tuple[int, int], ...]
    link: str

    @classmethod
    def from_dict(cls, d: dict) -> "FigureParagraph":
        return cls(d["text"], tuple(tuple(x) for x in d["page_starts"]), d["link"])


@dataclass(frozen=True)
class Figure:
    """A figure caption («Figur N: caption. Kilde: source»). The chart itself is an image."""

    number: int
    caption: str  # caption text without «Figur N:» and without the «Kilde:» part
    source: str  # text after «Kilde:», "" when the caption names none
    page: int
    section: str
    image: str | None = None  # path of the image file when the PDF provided one
    paragraphs: tuple[FigureParagraph, ...] = ()  # body paragraphs that go with it, in order

    @classmethod
    def from_dict(cls, d: dict) -> "Figure":
        paragraphs = tuple(FigureParagraph.from_dict(x) for x in d.get("paragraphs", ()))
        return cls(**{**d, "paragraphs": paragraphs})


@dataclass(frozen=True)
class Footnote:
    """A numbered note at the foot of a page, with that page's link addresses."""

    number: int
    text: str
    page: int
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A cleaned body unit: a paragraph, a bullet list kept together, or a caption.

    ``text`` has hard wraps joined, note markers removed (kept in ``notes``) and U+202F /
    U+00A0 turned into plain spaces. ``page_starts`` maps character offsets in ``text`` to the
    printed page that starts there: ((0, 12), (143, 13)) means text[143:] is on page 13.
    """

    kind: str  # "paragraph" | "list" | "caption"
    text: str
    section: str
    page_starts: tuple[tuple[int, int], ...]
    notes: tuple[int, ...] = ()
    figures: tuple[int, ...] = ()  # figures this block is, or mentions (by number and proximity)
    note_offsets: tuple[tuple[int, int], ...] = ()  # (offset in text, note) where a marker was

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({p for _, p in self.page_starts}))


@dataclass(frozen=True)
class Document:
    """A parsed source document: its pages and the structure found in them."""

    source: str  # file name, e.g. "kunnskapsgrunnlag-barn-og-unge-2023.txt"
    sha256: str
    pages: tuple[Page, ...]
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    footnotes: tuple[Footnote, ...]
    blocks: tuple[Block, ...]

    @property
    def first_page(self) -> int:
        return self.pages[0].number

    @property
    def last_page(self) -> int:
        return self.pages[-1].number


@dataclass(frozen=True)
class ChunkSettings:
    """How blocks are cut into chunks. Part of the index manifest."""

    chunk_size: int = 800  # characters
    chunk_overlap: int = 120  # characters
    version: str = "2"  # bump when chunking logic changes, so old indexes are rebuilt (2: explanatory notes)
    # Embed and index each passage after its section heading (``Chunk.as_read``): on the tune half
    # it finds the answering passage first more often (README, «Measured choices»);
    # ``kunnskap eval --compare hybrid,hybrid+headings=0`` scores it off.
    headings: bool = True


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit: a piece of one section, one figure caption (kind "figure"), or one
    footnote that explains something (kind "note")."""

    id: str  # stable across runs for the same input and settings
    doc: str  # source file name
    kind: str  # "text" | "figure" | "note"
    section: str
    section_title: str
    text: str
    page_starts: tuple[tuple[int, int], ...]
    figures: tuple[int, ...] = ()
    notes: tuple[int, ...] = ()

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({p for _, p in self.page_starts}))

    def in_section(self, section: str) -> bool:
        """Is the chunk in ``section`` or one of its subsections («5.2.3» is in «5» and in «5.2»)?"""
        return self.section == section or self.section.startswith(f"{section}.")

    @property
    def as_read(self) -> str:
        """The text as a reader meets it: after its section heading. Figure captions and notes
        carry their own title."""
        return after_heading(self.section_title.strip(), self.text) if self.kind == "text" else self.text

    def page_at(self, offset: int) -> int:
        """Printed page of the character at ``offset`` in ``text``."""
        starts = [o for o, _ in self.page_starts]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.page_starts[i][1]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Chunk":
        return cls(
            id=d["id"],
            doc=d["doc"],
            kind=d["kind"],
            section=d["section"],
            section_title=d["section_title"],
            text=d["text"],
            page_starts=tuple(tuple(x) for x in d["page_starts"]),
            figures=tuple(d.get("figures", ())),
            notes=tuple(d.get("notes", ())),
        )


@dataclass(frozen=True)
class DocumentInfo:
    """What the later stages need of a document once it is indexed (no page text)."""

    source: str
    sha256: str
    first_page: int
    last_page: int
    sections: tuple[Section, ...] = field(default_factory=tuple)
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    footnotes: tuple[Footnote, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, doc: Document) -> "DocumentInfo":
        return cls(doc.source, doc.sha256, doc.first_page, doc.last_page,
                   doc.sections, doc.figures, doc.footnotes)

    def footnote(self, number: int) -> Footnote | None:
        return next((f for f in self.footnotes if f.number == number), None)

    def figure(self, number: int) -> Figure | None:
        return next((f for f in self.figures if f.number == number), None)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "DocumentInfo":
        return cls(
            source=d["source"], sha256=d["sha256"],
            first_page=d["first_page"], last_page=d["last_page"],
            sections=tuple(Section(**s) for s in d["sections"]),
            figures=tuple(Figure.from_dict(f) for f in d["figures"]),
            footnotes=tuple(Footnote(**{**f, "urls": tuple(f["urls"])}) for f in d["footnotes"]),
        )


def after_heading(title: str, text: str) -> str:
    """``text`` read after its heading («Unge uføre: I aldersgruppen …»); as it is without one."""
    return f"{title}: {text}" if title else text


def searched_texts(chunks: Sequence[Chunk], settings: Mapping) -> list[str]:
    """What search embeds and indexes of each chunk: its text, or with the ``headings`` chunk
    setting (``ChunkSettings``, as the manifest records it) its text after its section heading."""
    return [c.as_read if settings.get("headings") else c.text for c in chunks]
