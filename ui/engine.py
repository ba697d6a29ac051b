"""Load the index and assistants once per process (``st.cache_resource``); build a missing index
with a visible progress bar. Wiring only: retrieval and answering live in ``assistant``.

With ``KUNNSKAP_DATABASE_URL`` every replica reads the one PostgreSQL store: the cache key is the
current generation, so a new ``kunnskap ingest`` is picked up at the next question."""

from __future__ import annotations

import os
import threading

import streamlit as st

from assistant.assistant import Assistant
from assistant.search.retrieval import Retriever, open_retriever
from index.stores import open_store
from kunnskap import paths

LLM_ENV = "KUNNSKAP_LLM"


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    return threading.Lock()


def index_key() -> tuple:
    """Identity of the current index: the default folder's real path and inode/mtime (a rebuilt
    index is renamed into place), or the database's current generation (one small query)."""
    return open_store().key()


@st.cache_resource(show_spinner="Laster kunnskapsgrunnlaget …", max_entries=2)
def _retriever(key: tuple) -> Retriever:
    return open_retriever(build_if_missing=False)


def get_retriever() -> Retriever:
    """The retriever over the default index, shared read-only by every session."""
    return _retriever(index_key())


@st.cache_resource(show_spinner=False, max_entries=4)
def _assistant(key: tuple, llm_spec: str | None,
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
    """True when the default index folder has never been built (it appears atomically). A
    database is never built from the chat: `kunnskap ingest` writes it."""
    return paths.database_url() is None and not paths.index_dir().exists()


def build_index() -> None:
    """Build the default index with a progress bar: on first run, or when the index is from an
    older version and holds only the bundled report (``index.build.open_index`` decides; any
    other mismatch raises ``IndexLoadError`` with how to rebuild)."""
    from index.build import open_index

    if paths.database_url():  # never built from the chat: this raises with the ingest command
        open_index()
        return
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
