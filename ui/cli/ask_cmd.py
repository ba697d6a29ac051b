"""`kunnskap ask` (one question) and `kunnskap chat` (a conversation in the terminal)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.search.retrieval import MODES
from ui.cli.options import add_database
from ui.render import CONTEXT_CAPTION

RESET_WORDS = {"ny", "nytt", "/ny"}
QUIT_WORDS = {"avslutt", "slutt", "exit", "quit", "/avslutt"}


def register(sub) -> None:
    p = sub.add_parser("ask", help="answer one question from the report, with citations")
    p.add_argument("question", nargs="?", default=None, help="the question, in Norwegian")
    p.add_argument("--history", nargs="*", default=[], metavar="Q",
                   help="earlier questions in the same conversation, oldest first "
                        "(when the question comes after them, the last one is the question)")
    _common(p)
    p.add_argument("--json", action="store_true", help="print the answer record as JSON")
    p.set_defaults(func=run_ask)

    c = sub.add_parser("chat", help="a conversation with the assistant in the terminal")
    _common(c)
    c.set_defaults(func=run_chat)


def _common(p) -> None:
    p.add_argument("--llm", default=None, metavar="PROVIDER:MODEL",
                   help="compose with a language model (openai:MODEL or ollama:MODEL); default: extractive")
    p.add_argument("--mode", choices=MODES, default="hybrid")
    p.add_argument("--k", type=int, default=5, help="number of passages to answer from (default 5)")
    p.add_argument("--index", type=Path, default=None, help="index folder (default: under KUNNSKAP_HOME)")
    add_database(p)


def _assistant(args, quiet: bool):
    from assistant.assistant import Assistant
    from assistant.search.retrieval import open_retriever

    composer = None
    if args.llm:
        from assistant.compose.llm import LLMComposer

        composer = LLMComposer(args.llm)
    retriever = open_retriever(index_path=args.index, progress=not quiet,
                               database_url=args.database_url)
    return Assistant(retriever, composer=composer, k=args.k, mode=args.mode)


def run_ask(args) -> int:
    from assistant.question.validation import clean_question

    history = list(args.history)
    question = args.question
    if question is None:  # `ask --history Q1 Q2`: argparse gave the question to --history
        question = history.pop() if history else ""
    clean_question(question)  # fail fast, before loading the index
    answer = _assistant(args, quiet=args.json).ask(question, history)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def format_answer(answer) -> str:
    """Plain-text rendering of an ``Answer`` for the terminal (Norwegian labels)."""
    from ui.render import FIGURE_TABLE_HEADER, contents_lines, figure_rows

    lines = [answer.answer]
    if answer.contents:
        lines += ["", "Innhold:"] + [f"  {line}" for line in contents_lines(answer.contents)]
    rows = figure_rows(answer.stated_figures, answer.citations)
    if rows:
        lines.append("")
        lines.append(" · ".join(FIGURE_TABLE_HEADER))
        lines += [" · ".join(x or "–" for x in row) for row in rows]
    if answer.note:
        lines.append(f"Merk: {answer.note}")
    for f in answer.figures:
        lines.append(f"Figur {f.number} (s. {f.page}): {f.caption}" + (f" Kilde: {f.source}" if f.source else ""))
        lines += [f"  «{d.text}» (s. {d.page})" for d in f.described_by]
    shown = answer.citations or answer.nearest
    if shown:
        lines.append("")
        lines.append("Kilder:" if answer.citations else "Nærmeste avsnitt:")
    for c in shown:
        pages = ", ".join(str(p) for p in c.pages)
        lines.append(f"[{c.n}] {c.section} {c.section_title} · s. {pages}")
        if c.quote:
            lines.append(f"    «{c.quote}»")
        for s in c.sources:
            lines.append(f"    Fotnote {s.note}: {s.text}" + (f" {s.url}" if s.url else ""))
    if answer.query_used and answer.question and answer.query_used != answer.question:
        lines.append(f"(Søkte etter: {answer.query_used})")
    if answer.search_context:
        lines.append(f"({CONTEXT_CAPTION}{answer.search_context})")
    return "\n".join(lines)


def run_chat(args) -> int:
    from assistant.conversation import Conversation
    from index.stores import open_store
    from kunnskap.errors import KunnskapError

    store = open_store(args.index, args.database_url)
    key = store.key()
    conversation = Conversation(_assistant(args, quiet=False))
    print("Kunnskapsassistenten. Still et spørsmål om kunnskapsgrunnlaget for barn og unge i Bærum.")
    print("Skriv «ny» for en ny samtale og «avslutt» for å avslutte.")
    while True:
        try:
            line = input("\nDu: ")
        except EOFError:
            print()
            return 0
        word = line.strip().lower()
        if word in QUIT_WORDS:
            return 0
        if word in RESET_WORDS:
            conversation.reset()
            print("Ny samtale.")
            continue
        try:
            if store.kind == "postgres" and (now := store.key()) != key:  # a new ingest: use it
                key, conversation.assistant = now, _assistant(args, quiet=True)
            answer = conversation.ask(line)
        except KunnskapError as exc:  # a bad question, or a lost database connection: ask again
            print(exc, file=sys.stderr)
            continue
        print("\nAssistent: " + format_answer(answer))
