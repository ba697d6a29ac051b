"""The sidebar: search and answer settings, «Ny samtale», «Last ned samtalen» and «Om»."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assistant.search.retrieval import MODES
from kunnskap.errors import KunnskapError
from ui import engine
from ui.export import conversation_markdown
from ui.render import md_escape

REPORT_TITLE = "Kunnskapsgrunnlag, Temaplan barn og unge (2023)"
REPORT_OWNER = "Bærum kommune"

MODE_LABELS = {"hybrid": "Hybrid (ord og betydning)", "bm25": "Ordsøk (BM25)",
               "dense": "Betydning (vektorsøk)"}
EXTRACTIVE = "extractive"


@dataclass(frozen=True)
class Settings:
    """What the sidebar decided for the next question."""

    search_mode: str
    k: int
    llm_spec: str | None  # None: extractive answers


def new_conversation() -> None:
    """Clear this session's conversation (other sessions are untouched)."""
    st.session_state.messages = []
    st.session_state.conversation = st.session_state.get("conversation", 0) + 1
    st.session_state.feedback_saved = {}


def _about(first_page: int | None, last_page: int | None) -> str:
    pages = (f"s. {first_page}–{last_page}" if first_page and last_page else "rapportens sider")
    return (
        f"Assistenten svarer bare ut fra *{REPORT_TITLE}* ({REPORT_OWNER}).\n\n"
        f"**Sidetall** er rapportens trykte sidetall ({pages}), slik de står i PDF-en.\n\n"
        "**Slik lages svarene:** Spørsmålet søkes opp i rapportens avsnitt. Svaret består av "
        "setninger hentet ordrett fra rapporten, med [n] som viser til avsnittet de kommer fra. "
        "Alle tall i svaret er kontrollert mot kildeteksten, siffer for siffer. "
        "Finnes ikke svaret i rapporten, sier assistenten det og viser de nærmeste avsnittene.\n\n"
        "Med en språkmodell blir svaret skrevet friere, men bare fra de samme avsnittene, og "
        "tallene kontrolleres på samme måte."
    )


def _answer_mode(spec: str | None) -> str | None:
    reachable, line = False, ""
    if spec:
        try:
            reachable, line = engine.llm_reachability(spec)
        except KunnskapError as exc:  # a malformed KUNNSKAP_LLM: say so, answer extractively
            st.warning(md_escape(f"KUNNSKAP_LLM: {exc}"))
            spec = None
    options = [EXTRACTIVE] + ([spec] if spec else [])
    labels = {EXTRACTIVE: "Ekstraktiv (setninger fra rapporten)"}
    if spec:
        provider, _, model = spec.partition(":")
        labels[spec] = f"Språkmodell: {provider} · {model}"
    choice = st.radio("Svarmåte", options, format_func=lambda o: labels.get(o, o), key="answer_mode")
    if not spec:
        st.caption("Ingen språkmodell er satt opp (KUNNSKAP_LLM=openai:MODELL eller ollama:MODELL).")
        return None
    (st.success if reachable else st.warning)(md_escape(line))
    return None if choice == EXTRACTIVE else spec


def render_settings() -> Settings:
    """Draw the settings part of the sidebar and return the settings for the next question."""
    with st.sidebar:
        st.header("Innstillinger")
        mode = st.selectbox("Søkemåte", MODES, format_func=lambda m: MODE_LABELS.get(m, m),
                            key="search_mode")
        k = st.slider("Antall avsnitt", min_value=1, max_value=10, value=5, key="k")
        llm_spec = _answer_mode(engine.llm_spec_from_env())
    return Settings(mode, int(k), llm_spec)


def render_actions(messages: list, first_page: int | None = None,
                   last_page: int | None = None) -> None:
    """Draw «Ny samtale», «Last ned samtalen» (after this run's answer) and «Om»."""
    with st.sidebar:
        st.divider()
        st.button("Ny samtale", on_click=new_conversation, width="stretch",
                  icon=":material/refresh:")
        st.download_button("Last ned samtalen", data=conversation_markdown(messages, REPORT_TITLE),
                           file_name="samtale-kunnskapsassistenten.md", mime="text/markdown",
                           disabled=not messages, on_click="ignore", width="stretch",
                           icon=":material/download:")
        with st.expander("Om", expanded=False):
            st.markdown(_about(first_page, last_page))
