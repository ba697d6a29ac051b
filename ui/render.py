"""Safe text formatting for the chat: escaping, highlighting and headings. No streamlit here.

Everything a user types or the document contains is escaped before it is shown. Markdown gets
backslash escapes; the few HTML fragments (a highlighted passage, its sources) are built from
``html.escape``-d pieces into which only our own <mark>, <strong>, <a> and <br> tags are put.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from assistant.reading.numbers import extract_numbers, number_key
from assistant.records import Citation, FigureCard, Source, StatedFigure
from ingest.records import Section

# Above an answer whose search had the conversation's topic beside the question (``Answer.search_context``)
CONTEXT_CAPTION = "Søkt i sammenheng med forrige spørsmål: "
# Markdown, GitHub and Streamlit specials (emphasis, code, links, html, math, tables, directives).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$&!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)
# Characters that would still mean something to markdown or LaTeX after html.escape.
_HTML_EXTRA = {"$": "&#36;", "*": "&#42;", "_": "&#95;", "`": "&#96;", "~": "&#126;",
               "[": "&#91;", "]": "&#93;", "\\": "&#92;", "|": "&#124;", ":": "&#58;",
               "#": "&#35;"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember")
_DATE_DAY = re.compile(rf"\.\s*(?:{'|'.join(_MONTHS)})\b", re.IGNORECASE)


def md_escape(text: str, inline: bool = False) -> str:
    """Escape ``text`` so Streamlit markdown shows it literally (no links, HTML, math, lists).

    ``inline``: the text goes mid-line (after other text), so line starts need no escaping.
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if inline:
        return " ".join(text.split())
    return _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2] if m[2][0] in "-+=" else
                              m[1] + m[2][:-1] + "\\" + m[2][-1], text)


def html_escape(text: str) -> str:
    """Escape ``text`` for an HTML fragment that Streamlit renders with ``unsafe_allow_html``."""
    out = "".join(_HTML_EXTRA.get(ch) or html.escape(ch, quote=True) for ch in text)
    return out.replace("\n", "<br>")


def pages_label(pages: Sequence[int]) -> str:
    """«s. 9», «s. 12–13» or «s. 12, 14»."""
    pages = sorted(set(pages))
    if not pages:
        return ""
    if len(pages) > 1 and pages == list(range(pages[0], pages[-1] + 1)):
        return f"s. {pages[0]}–{pages[-1]}"
    return "s. " + ", ".join(str(p) for p in pages)


def contents_lines(parts: Sequence[Section]) -> list[str]:
    """«6.1 Ungt utenforskap i Bærum (s. 22–24)», a line per part an answer lists."""
    return [f"{p.number} {p.title} ({pages_label(range(p.first_page, p.last_page + 1))})" for p in parts]


def contents_markdown(parts: Sequence[Section]) -> str:
    """The parts under a chapter as a Markdown list headed «Innhold»; "" when there are none."""
    lines = contents_lines(parts)
    return "**Innhold**\n\n" + "\n".join(f"- {md_escape(line, inline=True)}" for line in lines) if lines else ""


def citation_heading(c: Citation) -> str:
    """«[n] 5.1.2 Fysisk helse · s. 12» as plain text."""
    section = " ".join(part for part in (c.section, c.section_title) if part)
    return f"[{c.n}] {section} · {pages_label(c.pages)}"


def citation_label(c: Citation) -> str:
    """The heading as a markdown label (the document's words escaped, our [n] kept)."""
    section = " ".join(part for part in (c.section, c.section_title) if part)
    return f"[{c.n}] {md_escape(section, inline=True)} · {pages_label(c.pages)}"


def _pattern(fragment: str) -> re.Pattern[str] | None:
    words = fragment.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` (or each of its sentences) occurs in ``text``, whitespace-tolerant."""
    if not quote.strip():
        return []
    whole = _pattern(quote)
    if whole and (m := whole.search(text)):
        return [m.span()]
    spans = []
    parts = (s for piece in quote.split("…") for s in _SENTENCE_END.split(piece))
    for sentence in parts:
        if not any(ch.isalnum() for ch in sentence):
            continue
        pat = _pattern(sentence)
        if pat and (m := pat.search(text)):
            spans.append(m.span())
    return sorted(spans)


def _number_pattern(number: str) -> str:
    """A regex for a number as ``extract_numbers`` displays it, tolerant of the text's spacing."""
    table = {" ": r"\s+", "-": r"\s?[-–—]\s?"}
    return "".join(table.get(ch) or re.escape(ch) for ch in number)


def number_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers ``assistant.reading.numbers.extract_numbers`` finds in ``text``."""
    spans, pos = [], 0
    for number in extract_numbers(text):
        m = re.compile(rf"(?<![\w,.\[]){_number_pattern(number)}(?![\d\]])").search(text, pos)
        if m:
            if not _DATE_DAY.match(text, m.end()):  # «1. januar»: a date, not a figure
                spans.append(m.span())
            pos = m.end()
    return spans


def _runs(text: str, layers: Sequence[list[tuple[int, int]]]) -> list[tuple[str, tuple[bool, ...]]]:
    """Split ``text`` into runs with, per layer, whether the run lies inside one of its spans."""
    flags = [[False] * len(text) for _ in layers]
    for layer, spans in zip(flags, layers):
        for start, end in spans:
            for i in range(start, end):
                layer[i] = True
    runs: list[tuple[str, tuple[bool, ...]]] = []
    for i, ch in enumerate(text):
        key = tuple(layer[i] for layer in flags)
        if runs and runs[-1][1] == key:
            runs[-1] = (runs[-1][0] + ch, key)
        else:
            runs.append((ch, key))
    return runs


def answer_markdown(text: str, bold: Sequence[str] = ()) -> str:
    """An answer as escaped markdown; the numbers of ``bold`` (the asked figures) in bold where each
    first stands, no other. A line break in the answer (a list item) stays one."""
    keys = {number_key(n) for value in bold for n in extract_numbers(value)}
    first = {}
    for a, b in number_spans(text):
        first.setdefault(number_key(text[a:b]), (a, b))
    spans = sorted(span for key, span in first.items() if key in keys)
    out = []
    for run, (strong,) in _runs(text, [spans]):
        out.append(f"**{md_escape(run)}**" if strong else md_escape(run))
    return re.sub(r"(?<!\n)\n(?!\n)", "  \n", "".join(out))  # a list's items: a line each, not run together


FIGURE_TABLE_HEADER = ("Tall", "Gjelder", "År", "Kilde")


def figure_rows(stated: Sequence[StatedFigure], citations: Sequence[Citation]) -> list[tuple[str, str, str, str]]:
    """The figures an answer states as rows of plain text: Tall · Gjelder · År · Kilde.

    «Gjelder» is the group and place it is stated for and what it measures, in the report's words;
    «Kilde» the citation [n] and the report's own source for it (the first footnote of the passage).
    """
    by_n = {c.n: c for c in citations}
    rows = []
    for f in stated:
        said = f" {f.what.lower()} "  # a group or place the label already names is not said twice
        applies = ", ".join(x for x in (f.group, f.place) if x and f" {x.lower()} " not in said)
        what = f"{applies}: {f.what}" if applies and f.what else applies or f.what
        c = by_n.get(f.n)
        names = dict.fromkeys(_source_name(x.text) for x in (c.sources if c is not None else ()))
        source = " ".join([f"[{f.n}]", "; ".join(n for n in list(names)[:2] if n)]).strip()
        rows.append((" ".join(x for x in (f.value, f.unit) if x), what, f.year, source))
    return rows


def _source_name(text: str) -> str:
    """«Kilde: Bufdir» -> «Bufdir»; «Helsedirektoratet, 2019. Retningslinjer …» -> «Helsedirektoratet»."""
    text = re.sub(r"^\s*kilde\s*:\s*", "", text, flags=re.IGNORECASE)
    return re.split(r"[.,(:]", text, maxsplit=1)[0].strip()


def figure_table_markdown(stated: Sequence[StatedFigure], citations: Sequence[Citation]) -> str:
    """``figure_rows`` as an escaped markdown table ("" when there is nothing to show)."""
    rows = figure_rows(stated, citations)
    if not rows:
        return ""
    cell = lambda text: md_escape(text, inline=True) or "–"  # noqa: E731
    lines = ["| " + " | ".join(FIGURE_TABLE_HEADER) + " |", "|" + "---|" * len(FIGURE_TABLE_HEADER)]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def passage_html(text: str, quote: str) -> str:
    """The passage as an HTML fragment: the quote in <mark>, numbers in <strong>, all else escaped."""
    out, in_mark = [], False
    for run, (marked, strong) in _runs(text, [quote_spans(text, quote), number_spans(text)]):
        if marked != in_mark:
            out.append("<mark>" if marked else "</mark>")
            in_mark = marked
        piece = html_escape(run)
        out.append(f"<strong>{piece}</strong>" if strong else piece)
    if in_mark:
        out.append("</mark>")
    return f'<div class="kg-passage">{"".join(out)}</div>'


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address, else None (no javascript: or data: links)."""
    if url and re.match(r"https?://[^\s<>\"']+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def sources_html(sources: Sequence[Source]) -> str:
    """The report's sources for a passage as an escaped HTML list with links."""
    if not sources:
        return ""
    items = []
    for s in sources:
        label = f"{s.note}. {html_escape(s.text)}"
        url = safe_url(s.url)
        if url:
            label += (f' <a href="{html.escape(url, quote=True)}" target="_blank" '
                      f'rel="noopener noreferrer">{html_escape(url)}</a>')
        items.append(f"<li>{label}</li>")
    return f'<div class="kg-sources"><strong>Kilder</strong><ul>{"".join(items)}</ul></div>'


def described_markdown(fig: FigureCard) -> str:
    """The report's sentences about a figure, quoted, each with its page (escaped markdown)."""
    lines = ["**Rapporten om figuren**", ""]
    lines += [f"- «{md_escape(s.text, inline=True)}» ({pages_label([s.page])})" for s in fig.described_by]
    return "\n".join(lines)


def stated_table(fig: FigureCard) -> str:
    """The numbers the describing sentences state, as a markdown table: Tall · Gjelder · År."""
    rows = ["| Tall | Gjelder | År |", "|---|---|---|"]
    rows += [f"| {md_escape(f.value, inline=True)} | {md_escape(f.applies_to, inline=True) or '–'} | "
             f"{md_escape(f.year, inline=True) or '–'} |" for f in fig.stated]
    return "\n".join(rows)
