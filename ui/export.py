"""The conversation as a Markdown document («Last ned samtalen»). No streamlit here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from assistant.records import Answer, Citation
from ui.render import CONTEXT_CAPTION, citation_heading, contents_lines, pages_label
from ui.state import ChatMessage

NOT_FOUND = "Det finner jeg ikke i kunnskapsgrunnlaget."


def _citation_lines(c: Citation) -> list[str]:
    lines = [f"- **{citation_heading(c)}**"]
    if c.quote:
        lines.append(f"  > «{' '.join(c.quote.split())}»")
    for s in c.sources:
        lines.append(f"  - Kilde {s.note}: {' '.join(s.text.split())}" + (f" <{s.url}>" if s.url else ""))
    return lines


def _answer_lines(answer: Answer) -> list[str]:
    lines = ["**Svar:**", "", answer.answer.strip() or NOT_FOUND, ""]
    if answer.contents:
        lines += ["**Innhold:**", ""] + [f"- {line}" for line in contents_lines(answer.contents)] + [""]
    if answer.note:
        lines += [f"*{answer.note}*", ""]
    if answer.citations:
        lines += ["**Kilder i rapporten:**", ""]
        for c in answer.citations:
            lines += _citation_lines(c)
        lines.append("")
    if answer.abstained and answer.nearest:
        lines += ["**Nærmeste avsnitt:**", ""]
        for c in answer.nearest:
            lines += _citation_lines(c)
        lines.append("")
    if answer.figures:
        lines += ["**Figurer:**", ""]
        for f in answer.figures:
            source = f" Kilde: {f.source}." if f.source else ""
            lines.append(f"- Figur {f.number}: {f.caption}.{source} ({pages_label([f.page])})")
            lines += [f"  - «{d.text}» ({pages_label([d.page])})" for d in f.described_by]
        lines.append("")
    return lines


def conversation_markdown(messages: Sequence[ChatMessage], title: str,
                          when: datetime | None = None) -> str:
    """The questions, answers, citations (section, pages, quote, sources) and figures as Markdown."""
    when = when or datetime.now()
    lines = [f"# Samtale med Kunnskapsassistenten", "",
             f"Dokument: {title}  ", f"Lastet ned: {when:%d.%m.%Y %H:%M}", ""]
    number = 0
    for m in messages:
        if m.role == "user":
            number += 1
            lines += [f"## {number}. {' '.join(m.content.split())}", ""]
            if m.notice:
                lines += [f"*{m.notice}*", ""]
        elif m.answer is not None:
            if m.answer.query_used and m.answer.query_used != m.question:
                lines += [f"*Søkte etter: {m.answer.query_used}*", ""]
            if m.answer.search_context:
                lines += [f"*{CONTEXT_CAPTION}{m.answer.search_context}*", ""]
            lines += _answer_lines(m.answer)
        elif m.content:
            lines += [f"**Feil:** {m.content}", ""]
    if number == 0:
        lines += ["*Ingen spørsmål ennå.*", ""]
    return "\n".join(lines).rstrip() + "\n"
