"""Typed records of the assistant stage: the answer and what it cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.records import Section


@dataclass(frozen=True)
class Source:
    """One of the report's own sources for a passage: a footnote and its address."""

    note: int
    text: str
    url: str | None = None


@dataclass(frozen=True)
class Citation:
    """A cited passage. ``quote`` is the exact sentence(s) used; ``text`` the whole passage."""

    n: int
    chunk_id: str
    section: str
    section_title: str
    pages: tuple[int, ...]
    quote: str
    text: str
    sources: tuple[Source, ...] = ()
    figures: tuple[int, ...] = ()  # figure numbers the passage mentions


@dataclass(frozen=True)
class FigureSentence:
    """A sentence of the report that describes a figure, and the printed page it is on."""

    text: str
    page: int


@dataclass(frozen=True)
class CardFigure:
    """A number stated in a describing sentence: «24 prosent», what it is stated for
    («jentene, ungdomskolen»; "" when the sentence does not say) and its year ("" when none)."""

    value: str
    applies_to: str
    year: str
    page: int


@dataclass(frozen=True)
class FigureCard:
    """A figure the answer shows: number, caption, source, page and image (when the PDF had one).

    ``described_by`` holds the report's sentences that describe the figure (those that name it and
    those of its passage about what it plots), in reading order; ``stated`` the numbers they state.
    """

    number: int
    caption: str
    source: str
    page: int
    image: str | None = None
    described_by: tuple[FigureSentence, ...] = ()
    stated: tuple[CardFigure, ...] = ()


@dataclass(frozen=True)
class StatedFigure:
    """A figure the answer states: «12,4» «prosent» for «barn», «Bærum», «2021», cited as [n].

    ``what`` is the figure's own clause of the report sentence (what it measures); ``asked`` marks
    the figure that answers the question (the chat bolds it).
    """

    value: str
    unit: str
    what: str
    group: str
    place: str
    year: str
    n: int
    asked: bool = False


@dataclass(frozen=True)
class Answer:
    """What the assistant returns for one question.

    ``mode`` is "extractive" or "llm:<model>". ``note`` is a one-line remark shown to the user
    (for example why the LLM was not used), "" when there is none. ``query_used`` is the
    standalone question shown to the user («Søkte etter»), always plain Norwegian;
    ``search_terms`` is the text actually searched, which for a follow-up may add words for the
    retrievers (the earlier query's terms, the report's words for a group). ``search_context`` is
    the earlier question whose topic was searched beside a question that refers back without
    naming it («Hvorfor har veksten bremset opp?»), "" when none was.
    """

    answer: str
    abstained: bool
    query_used: str
    citations: tuple[Citation, ...] = ()
    figures: tuple[FigureCard, ...] = ()
    numbers_verified: bool = True
    mode: str = "extractive"
    seconds: float = 0.0
    note: str = ""
    question: str = ""
    nearest: tuple[Citation, ...] = field(default_factory=tuple)  # shown when abstaining
    stated_figures: tuple[StatedFigure, ...] = ()  # figure answers: each figure the text states
    search_terms: str = ""
    search_context: str = ""
    contents: tuple[Section, ...] = ()  # a chapter or the whole report asked about: the sections directly under it

    def to_dict(self) -> dict:
        """JSON-ready dict with the documented field names."""
        return asdict(self)
