"""Work the bench runs in fresh processes: ``python -m evaluation.bench.child TASK ...``.

Each task prints one JSON line as its last line of output. The parent measures wall time and the
process's own peak RSS (``evaluation.bench.stats.run_child``); the child reports in-process
timings. KUNNSKAP_HOME comes from the parent's environment.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import sys
import time
from pathlib import Path

from kunnskap.paths import REPO_ROOT

APP = REPO_ROOT / "ui" / "app.py"


def _ingest(args) -> dict:
    from index.build import ingest
    from ingest.records import ChunkSettings

    t = time.perf_counter()
    given = {"chunk_size": args.chunk_size, "chunk_overlap": args.chunk_overlap}
    settings = ChunkSettings(**{k: v for k, v in given.items() if v is not None})
    report = ingest(index_path=Path(args.index) if args.index else None, settings=settings,
                    progress=False, database_url=args.database_url, force=args.force)
    return {"ingest_s": time.perf_counter() - t, "report": report.to_dict()}


def _naive_build(args) -> dict:
    from evaluation.bench.naive import build

    return build(Path(args.corpus), Path(args.dir))


def _naive_search(args) -> dict:
    from evaluation.bench.naive import NaiveStack

    texts = NaiveStack(Path(args.dir)).search(args.query, k=5)
    print(texts[0][:200].replace("\n", " "))
    return {"results": len(texts)}


def _naive_warm(args) -> dict:
    from evaluation.bench.naive import NaiveStack
    from evaluation.bench.queries import Passage, concatenated, hit_rate, query_stream, read_devset
    from evaluation.bench.stats import latency, time_calls

    stack = NaiveStack(Path(args.dir))
    questions = read_devset(Path(args.devset))
    queries = query_stream(questions, args.queries)
    stack.search(queries[0])  # warm-up
    passes = time_calls(lambda q: stack.search(q, k=5), queries, args.passes)
    corpus = [Passage(str(i), t) for i, t in enumerate(stack.texts)]
    quality = hit_rate(questions, corpus,
                       lambda q: [str(i) for i in stack.search_ids(concatenated(q), k=5)], k=5)
    return {"latency": latency(passes), "quality": quality, "chunks": len(stack.texts)}


def app_modules(app: Path = APP) -> list[str]:
    """Top-level names of every absolute import in ``app`` (streamlit first)."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    mods = list(dict.fromkeys(["streamlit", *names]))
    return [m for m in mods if m != "__future__"]


def _ui_import(args) -> dict:
    mods = app_modules()
    t = time.perf_counter()
    for m in mods:
        importlib.import_module(m)
    return {"import_s": time.perf_counter() - t, "modules": mods}


def _ui_first_answer(args) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=args.timeout)
    t0 = time.perf_counter()
    at.run()
    t1 = time.perf_counter()
    if at.exception:
        raise RuntimeError(f"the app raised on first run: {at.exception[0].value}")
    at.chat_input[0].set_value(args.question).run()
    t2 = time.perf_counter()
    if at.exception:
        raise RuntimeError(f"the app raised on the first question: {at.exception[0].value}")
    shown = " ".join(md.value for md in at.markdown)
    return {"page_s": t1 - t0, "answer_s": t2 - t1, "total_s": t2 - t0,
            "answer_shown": args.expect in shown if args.expect else None}


TASKS = {"ingest": _ingest, "naive-build": _naive_build, "naive-search": _naive_search,
         "naive-warm": _naive_warm, "ui-import": _ui_import, "ui-first-answer": _ui_first_answer}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evaluation.bench.child")
    p.add_argument("task", choices=sorted(TASKS))
    p.add_argument("--query", default="")
    p.add_argument("--index")
    p.add_argument("--database-url")
    p.add_argument("--force", action="store_true")
    p.add_argument("--chunk-size", type=int)
    p.add_argument("--chunk-overlap", type=int)
    p.add_argument("--corpus")
    p.add_argument("--dir")
    p.add_argument("--devset")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--question", default="")
    p.add_argument("--expect", default="")
    p.add_argument("--timeout", type=float, default=300)
    args = p.parse_args(argv)
    result = TASKS[args.task](args)
    sys.stdout.flush()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
