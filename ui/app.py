"""Kunnskapsassistenten: a Streamlit chat over the report. Run: ``streamlit run ui/app.py``.

One conversation per browser session (``st.session_state``); the index and the assistant are
loaded once per process (``st.cache_resource``) and only read.
"""

from __future__ import annotations

import logging

import streamlit as st

from assistant.question.validation import clean_question
from kunnskap.errors import IndexLoadError, KunnskapError, UsageError
from ui import engine, sidebar, widgets
from ui.render import md_escape
from ui.state import ChatMessage, questions

log = logging.getLogger("kunnskap.ui")

st.set_page_config(page_title="Kunnskapsassistenten", page_icon=":material/menu_book:")
widgets.inject_css()
st.title("Kunnskapsassistenten")
st.caption(f"Spør om *{sidebar.REPORT_TITLE}*, {sidebar.REPORT_OWNER}. "
           "Svarene hentes fra rapporten, med avsnitt, side og kilde.")

if "messages" not in st.session_state:
    st.session_state.messages = []
    st.session_state.conversation = 0
    st.session_state.feedback_saved = {}

try:
    try:
        retriever = engine.get_retriever()
    except IndexLoadError:  # first run, or an index from an older version: build with progress
        engine.build_index()
        retriever = engine.get_retriever()
except KunnskapError as exc:
    st.error(f"Kunnskapsgrunnlaget kunne ikke lastes. {md_escape(str(exc))}\n\nFølg rådet over i et "
             "terminalvindu (for eksempel `kunnskap ingest --force`), og last siden på nytt.")
    st.stop()

settings = sidebar.render_settings()
known_figures = widgets.figure_cards(retriever.documents)
messages: list[ChatMessage] = st.session_state.messages
for i, message in enumerate(messages):
    widgets.render_message(message, f"{st.session_state.conversation}-{i}", known_figures)


def answer(question: str, history: tuple[str, ...]) -> ChatMessage:
    """Ask the shared assistant; library errors become a Norwegian message, never a traceback."""
    try:
        reply = engine.get_assistant(settings.llm_spec).ask(
            question, history=history, k=settings.k, mode=settings.search_mode)
    except KunnskapError as exc:
        return ChatMessage("assistant", f"Beklager, det gikk ikke å svare: {exc}")
    except Exception:
        log.exception("answering failed")
        return ChatMessage("assistant", "Beklager, noe gikk galt under svaret. Prøv igjen, "
                                        "eller still spørsmålet på en annen måte.")
    return ChatMessage("assistant", answer=reply, question=question, history=history,
                       search_mode=settings.search_mode)


if prompt := st.chat_input("Still et spørsmål om rapporten …"):
    try:
        cleaned = clean_question(prompt)
    except UsageError:
        cleaned = None  # empty or only whitespace: ignored
    if cleaned is not None:
        history = questions(messages)
        messages.append(ChatMessage("user", cleaned.text, notice=cleaned.notice))
        widgets.render_message(messages[-1], f"{st.session_state.conversation}-{len(messages) - 1}")
        with st.chat_message("assistant"):
            with st.spinner("Leter i rapporten …"):
                reply = answer(cleaned.text, history)
            messages.append(reply)
            widgets.render_body(reply, f"{st.session_state.conversation}-{len(messages) - 1}",
                                known_figures)

docs = list(retriever.documents.values())
sidebar.render_actions(messages, docs[0].first_page if docs else None,
                       docs[0].last_page if docs else None)
