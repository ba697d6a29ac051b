"""Load the index and assistants once per process (``st.cache_resource``); build a missing index
with a visible progress bar. Wiring only: retrieval and answering live in ``assistant``."""

from __future__ import annotations

import os
import threading

import streamlit as st

from assistant.assistant import Assistant
from assistant.search.retrieval import Retriever, open_retriever
from kunnskap import paths

LLM_ENV = "KUNNSKAP_LLM"


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    return threading.Lock()


def index_key() -> tuple[str, int, int]:
    """Identity of the default index folder: its real path and inode/mtime, so a rebuilt index
    (written elsewhere, then renamed into place) is loaded afresh."""
    path = paths.index_dir().resolve()
    try:
        st_ = path.stat()
    except OSError:
        return str(path), 0, 0
    return str(path), st_.st_ino, st_.st_mtime_ns


@st.cache_resource(show_spinner="Laster kunnskapsgrunnlaget …", max_entries=2)
def _retriever(key: tuple[str, int, int]) -> Retriever:
    return open_retriever(build_if_missing=False)


def get_retriever() -> Retriever:
    """The retriever over the default index, shared read-only by every session."""
    return _retriever(index_key())


@st.cache_resource(show_spinner=False, max_entries=4)
def _assistant(key: tuple[str, int, int], llm_spec: str | None,
               endpoint: tuple[str, str | None] | None) -> Assistant:
    composer = None
    if llm_spec:
        from assistant.compose.llm import LLMComposer

        composer = LLMComposer(llm_spec, base_url=endpoint[0], api_key=endpoint[1])
    return Assistant(_retriever(key), composer=composer)


def get_assistant(llm_spec: str | None = None) -> Assistant:
    """An assistant per answer mode (extractive, or the configured LLM at its endpoint); shared
    by all sessions, ``ask`` is thread-safe."""
    endpoint = None
    if llm_spec:
        from assistant.compose.llm import parse_llm_spec, resolve_endpoint

        endpoint = resolve_endpoint(parse_llm_spec(llm_spec))
    return _assistant(index_key(), llm_spec, endpoint)


def llm_spec_from_env() -> str | None:
    """The LLM configured with ``KUNNSKAP_LLM=openai:MODEL`` or ``ollama:MODEL``, if any."""
    return os.environ.get(LLM_ENV, "").strip() or None


def llm_reachability(spec: str) -> tuple[bool, str]:
    """(reachable, Norwegian line), checked at most once a minute per endpoint.

    Raises:
        UsageError: ``spec`` is not «PROVIDER:MODEL» with a known provider.
    """
    from assistant.compose.llm import parse_llm_spec, resolve_endpoint

    parsed = parse_llm_spec(spec)
    return _reachability(str(parsed), resolve_endpoint(parsed))


@st.cache_data(ttl=60, show_spinner=False)
def _reachability(spec: str, endpoint: tuple[str, str | None]) -> tuple[bool, str]:
    from assistant.compose.llm import llm_status

    return llm_status(spec, base_url=endpoint[0], api_key=endpoint[1])


def index_missing() -> bool:
    """True when the default index has never been built (the folder appears atomically)."""
    return not paths.index_dir().exists()


def build_index() -> None:
    """Build the default index with a progress bar: on first run, or when the index is from an
    older version and holds only the bundled report (``index.build.open_index`` decides; any
    other mismatch raises ``IndexLoadError`` with how to rebuild)."""
    from index.build import open_index

    with _build_lock():
        first = index_missing()
        label = ("Forbereder kunnskapsgrunnlaget første gang …" if first else
                 "Oppdaterer søkeindeksen til denne versjonen …")
        with st.status(label, expanded=True) as status:
            st.write("Leser rapporten og lager søkeindeksen. Dette tar under et minutt, og skjer "
                     "bare én gang.")
            bar = st.progress(0.0, text="Leser og deler opp rapporten …")

            def progress(done: int, total: int) -> None:
                share = done / total if total else 1.0
                bar.progress(min(share, 1.0), text=f"Behandler avsnitt {done} av {total} …")

            try:
                index = open_index(build_if_missing=True, progress=progress)
            except Exception:
                status.update(label="Søkeindeksen kunne ikke bygges.", state="error")
                raise
            bar.progress(1.0, text="Ferdig.")
            status.update(label=f"Søkeindeksen er klar ({len(index.chunks)} avsnitt).",
                          state="complete", expanded=False)
