"""`kunnskap search`: ranked passages for a query."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.search.retrieval import MODES
from ui.cli.options import add_database


def register(sub) -> None:
    p = sub.add_parser("search", help="print the passages that best match a query")
    p.add_argument("query", help="the question or search words, in Norwegian")
    p.add_argument("--mode", choices=MODES, default="hybrid")
    p.add_argument("--k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--index", type=Path, default=None, help="index folder (default: under KUNNSKAP_HOME)")
    add_database(p)
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=run)


def hit_to_json(hit) -> dict:
    c = hit.chunk
    return {
        "rank": hit.rank, "chunk_id": c.id, "doc": c.doc, "kind": c.kind, "section": c.section,
        "section_title": c.section_title, "pages": list(c.pages), "figures": list(c.figures),
        "notes": list(c.notes), "text": c.text, "score": hit.score,
        "bm25_rank": hit.bm25_rank, "dense_rank": hit.dense_rank,
    }


def run(args) -> int:
    from assistant.question.validation import clean_question
    from assistant.search.retrieval import open_retriever

    query = clean_question(args.query).text
    retriever = open_retriever(index_path=args.index, progress=not args.json,
                               database_url=args.database_url)
    hits = retriever.search(query, k=args.k, mode=args.mode)
    if args.json:
        print(json.dumps([hit_to_json(h) for h in hits], ensure_ascii=False))
        return 0
    for h in hits:
        c = h.chunk
        pages = ", ".join(str(p) for p in c.pages)
        print(f"[{h.rank}] {c.section} {c.section_title} · s. {pages}  (score {h.score:.3f}, {c.id})")
        print(f"    {c.text}\n")
    return 0
