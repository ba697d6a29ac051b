"""Streamlit rendering of chat messages: answers, citation and figure cards, feedback.

All text from users and the document goes through ``ui.render`` escaping; the only HTML given
to ``unsafe_allow_html`` is built there from escaped pieces (and the constant stylesheet below).
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from assistant.feedback import FeedbackEntry, evidence_pieces, new_entry_id, open_feedback_log
from assistant.proof.cards import card
from assistant.reading.numbers import normalize_for_match
from assistant.records import Answer, Citation, FigureCard
from kunnskap.errors import KunnskapError
from ui.render import (
    CONTEXT_CAPTION,
    answer_markdown,
    figure_table_markdown,
    citation_heading,
    citation_label,
    contents_markdown,
    described_markdown,
    md_escape,
    pages_label,
    passage_html,
    sources_html,
    stated_table,
)
from ui.state import ChatMessage

NOT_FOUND = "Det finner jeg ikke i kunnskapsgrunnlaget."
_FIGURE_NAMED = re.compile(r"\bfigur(?:en)?\s+(\d+)", re.IGNORECASE)

_CSS = """<style>
.kg-passage { line-height: 1.55; font-size: 0.95rem; }
.kg-passage mark { background: #fff3b0; color: inherit; padding: 0 .1em; border-radius: 2px; }
.kg-sources { font-size: 0.85rem; margin-top: .5rem; }
.kg-sources ul { margin: .2rem 0 0 1.1rem; padding: 0; }
.kg-sources a { word-break: break-all; }
</style>"""


def inject_css() -> None:
    st.markdown(_CSS, unsafe_allow_html=True)  # a constant: nothing from users or the document


def render_user(msg: ChatMessage) -> None:
    st.markdown(md_escape(msg.content))
    if msg.notice:
        st.info(md_escape(msg.notice), icon="✂️")


def figure_card(fig: FigureCard) -> None:
    """Number, caption, source, page, the image when the PDF had one, the report's sentences
    that describe the figure (each with its page) and the numbers they state."""
    with st.container(border=True):
        st.markdown(f"**Figur {fig.number}** · {pages_label([fig.page])}")
        st.markdown(md_escape(fig.caption))
        if fig.source:
            st.caption("Kilde: " + md_escape(fig.source))
        if fig.image and Path(fig.image).is_file():
            st.image(fig.image, caption=f"Figur {fig.number}")
        if fig.described_by:
            st.markdown(described_markdown(fig))
        if fig.stated:
            st.markdown(stated_table(fig))


def citation_card(c: Citation, figures: dict[int, FigureCard]) -> None:
    """One folded card: heading, passage with the quote highlighted, sources, figures."""
    with st.expander(citation_label(c), expanded=False):
        st.markdown(passage_html(c.text, c.quote), unsafe_allow_html=True)
        if c.sources:
            st.markdown(sources_html(c.sources), unsafe_allow_html=True)
        for number in c.figures:
            if number in figures:
                figure_card(figures[number])
            else:
                st.caption(f"Avsnittet nevner figur {number}.")


def _same_query(a: str, b: str) -> bool:
    return normalize_for_match(a).casefold() == normalize_for_match(b).casefold()


def figure_cards(documents: dict) -> dict[int, FigureCard]:
    """Cards for every figure of the report, to show figures a passage mentions. Only with a
    single indexed document: figure numbers are per document."""
    if len(documents) != 1:
        return {}
    (doc,) = documents.values()
    return {f.number: card(f) for f in doc.figures}


def render_answer(answer: Answer, question: str, known: dict[int, FigureCard] | None = None) -> None:
    if answer.query_used and not _same_query(answer.query_used, question):
        st.caption("Søkte etter: " + md_escape(answer.query_used))
    if answer.search_context:
        st.caption(CONTEXT_CAPTION + md_escape(answer.search_context))
    figures = dict(known or {}) | {f.number: f for f in answer.figures}
    if answer.abstained:
        text = answer.answer.strip()
        st.markdown(answer_markdown(text if NOT_FOUND.rstrip(".") in text else NOT_FOUND))
        if answer.note:
            st.info(md_escape(answer.note))
        nearest = answer.nearest or answer.citations
        if nearest:
            st.markdown("**Nærmeste avsnitt**")
            for c in nearest:
                citation_card(c, figures)
        return
    asked = [f"{f.value} {f.unit}" for f in answer.stated_figures if f.asked]
    st.markdown(answer_markdown(answer.answer, bold=asked))
    if answer.contents:
        st.markdown(contents_markdown(answer.contents))
    table = figure_table_markdown(answer.stated_figures, answer.citations)
    if table:
        st.markdown(table)
    if answer.note:
        st.info(md_escape(answer.note))
    if not answer.numbers_verified and not answer.note:
        st.warning("Deler av svaret ble tatt ut fordi tallene ikke kunne bekreftes i kilden.")
    in_cards = {n for c in answer.citations for n in c.figures}
    named = {int(n) for n in _FIGURE_NAMED.findall(answer.answer)}
    for fig in answer.figures:  # figures the answer names (or no card holds) are shown openly
        if fig.number in named or fig.number not in in_cards:
            figure_card(fig)
    for c in answer.citations:
        citation_card(c, figures)


def _evidence(c: Citation) -> str:
    """The quote when (each «…» part of) it lies in the passage, so a test set finds the passage
    under any chunking; else the passage text."""
    text = normalize_for_match(c.text)
    pieces = evidence_pieces(c.quote)
    if pieces and all(normalize_for_match(p) in text for p in pieces):
        return c.quote.strip()
    return c.text.strip()


# The icon is drawn from Streamlit's own font (no emoji font needed); the words are the name a
# screen reader reads.
RATINGS = {"up": ":material/thumb_up: Nyttig", "down": ":material/thumb_down: Ikke nyttig"}


def _save(entry: FeedbackEntry) -> bool:
    try:
        open_feedback_log().append(entry)  # the file, or the database's table when one is set
    except (OSError, KunnskapError) as exc:
        st.error(f"Kunne ikke lagre tilbakemeldingen ({getattr(exc, 'strerror', None) or exc}). "
                 "Prøv igjen senere.")
        return False
    return True


def feedback_form(msg: ChatMessage, key: str) -> None:
    """Thumbs up/down, saved at the first click; then an optional comment and «riktig avsnitt»,
    saved as an update of the same entry (``assistant.feedback.merge_updates``)."""
    answer = msg.answer
    saved: dict[str, FeedbackEntry] = st.session_state.setdefault("feedback_saved", {})
    rating = st.segmented_control("Var svaret nyttig?", options=list(RATINGS), format_func=RATINGS.get,
                                  key=f"{key}-rating")
    entry = saved.get(key)
    if rating is not None and (entry is None or entry.rating != rating):
        new = entry.updated(rating=rating) if entry else FeedbackEntry.now(
            question=msg.question, history=msg.history, query_used=answer.query_used,
            answer=answer.answer, rating=rating, mode=answer.mode, search_mode=msg.search_mode,
            entry_id=new_entry_id())
        if not _save(new):
            return
        saved[key] = entry = new
    if entry is None:
        return
    st.caption("Takk! Vurderingen er lagret.")
    passages: tuple[Citation, ...] = answer.citations or answer.nearest
    with st.expander("Legg til kommentar eller riktig avsnitt (valgfritt)"):
        comment = st.text_input("Kommentar (valgfritt)", key=f"{key}-comment", max_chars=2000)
        choice = st.selectbox("Riktig avsnitt (valgfritt)", options=[None, *range(len(passages))],
                              format_func=lambda i: "Ikke valgt" if i is None else
                              citation_heading(passages[i]), key=f"{key}-passage")
        if not st.button("Send tilbakemelding", key=f"{key}-send"):
            return
        picked = passages[choice] if choice is not None else None
        update = entry.updated(comment=comment.strip(), chunk_id=picked.chunk_id if picked else "",
                               evidence=_evidence(picked) if picked else "")
        if _save(update):
            saved[key] = update
            st.caption("Takk for tilbakemeldingen!")


def render_body(msg: ChatMessage, key: str, known: dict[int, FigureCard] | None = None) -> None:
    """The content of one chat bubble (call inside ``st.chat_message``)."""
    if msg.role == "user":
        render_user(msg)
    elif msg.answer is None:
        st.error(md_escape(msg.content))
    else:
        render_answer(msg.answer, msg.question, known)
        feedback_form(msg, key)


def render_message(msg: ChatMessage, key: str, known: dict[int, FigureCard] | None = None) -> None:
    """One chat bubble, as replayed from the session history."""
    with st.chat_message(msg.role):
        render_body(msg, key, known)
