"""`kunnskap eval`: score retrieval (and answers) on a test set or an outside corpus."""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from assistant.search.retrieval import MODES
from ui.cli.options import add_database

METRIC_ROWS = ("n_answerable", "hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10")
KIND_COLUMNS = ("hit@1", "hit@5", "mrr@10", "ndcg@10", "answer_recall")  # answer_recall: issue 13, by kind


def register(sub) -> None:
    p = sub.add_parser("eval", help="score retrieval and answers on a test set (JSON Lines)",
                       description="Score the retriever (and the assistant's answers) on a test "
                                   "set, or on an outside corpus (--beir / --squad).")
    p.add_argument("testset", nargs="?", type=Path, default=None,
                   help="test set .jsonl (default: the bundled testsets/devset.jsonl)")
    p.add_argument("--mode", choices=MODES, default="hybrid", help="retrieval mode (default hybrid)")
    p.add_argument("--k", type=int, default=10, help="passages retrieved per question (default 10)")
    p.add_argument("--embedder", default=None,
                   help="embedder spec (e5-small, st:NAME); another than the index's builds a "
                        "temporary index")
    p.add_argument("--compare", default=None, metavar="LIST",
                   help="configurations side by side, e.g. hybrid,bm25,dense or chunk=600,chunk=800 "
                        "or e5-small,st:all-MiniLM-L6-v2 or bm25=0.9:0.75 (join settings with +: "
                        "dense+chunk=600)")
    p.add_argument("--split", choices=("tune", "test"), default=None, help="only one half of the set")
    p.add_argument("--json", type=Path, default=None, metavar="FILE",
                   help="write the report as JSON (a list of reports with --compare); - for stdout")
    p.add_argument("--run", type=Path, default=None, metavar="FILE", help="write a TREC run file")
    p.add_argument("--qrels", type=Path, default=None, metavar="FILE", help="write the derived TREC qrels")
    p.add_argument("--answers", type=Path, default=None, metavar="FILE",
                   help="write every answer record as JSON Lines ({id, answer record without seconds}); "
                        "diff two such files to see what a change did to the answers")
    outside = p.add_mutually_exclusive_group()
    outside.add_argument("--beir", type=Path, default=None, metavar="DIR",
                         help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/test.tsv")
    outside.add_argument("--squad", type=Path, default=None, metavar="FILE",
                         help="SQuAD-style JSON (e.g. NorQuAD); corpus = the unique contexts")
    p.add_argument("--no-answers", action="store_true",
                   help="retrieval metrics only (skip answering every question)")
    p.add_argument("--index", type=Path, default=None, help="index folder (default: under KUNNSKAP_HOME)")
    add_database(p)
    p.set_defaults(func=run)


def _configs(args):
    from evaluation.compare import EvalConfig, parse_compare

    base = EvalConfig(label=args.mode, mode=args.mode, embedder=args.embedder)
    return parse_compare(args.compare, base) if args.compare else [base]


WIDE_TABLE_COLUMNS = 200


@contextmanager
def _progress(console, enabled: bool):
    """A rich progress bar on stderr; yields ``update(label, done, total)``."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    tasks: dict[str, int] = {}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        def update(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(f"eval {label}", total=total)
            bar.update(tasks[label], completed=done)
        yield update


def run(args) -> int:
    from rich.console import Console

    from kunnskap.errors import UsageError

    if args.k < 1:
        raise UsageError(f"--k must be at least 1, got {args.k}.")
    if (args.beir or args.squad) and args.testset:
        raise UsageError("Give either a test set or --beir/--squad, not both.")
    json_to_stdout = args.json is not None and str(args.json) == "-"
    stream = sys.stderr if json_to_stdout else sys.stdout
    # Piped output has no terminal width; give side-by-side tables room instead of 80 columns.
    out = Console(stderr=json_to_stdout, highlight=False,
                  width=None if stream.isatty() else WIDE_TABLE_COLUMNS)
    err = Console(stderr=True)
    configs = _configs(args)
    if args.beir or args.squad:
        reports = _outside(args, configs, err)
    else:
        reports = _testset(args, configs, err)
    _print(out, reports, title=_title(args))
    _write_outputs(args, reports)
    return 0


def _title(args) -> str:
    if args.beir or args.squad:
        return f"kunnskap eval {args.beir or args.squad}"
    split = f" (split {args.split})" if args.split else ""
    return f"kunnskap eval {args.testset or 'testsets/devset.jsonl'}{split}"


def _testset(args, configs, err):
    from assistant.search.retrieval import open_retriever
    from evaluation.compare import compare
    from evaluation.runner import load_questions

    questions = load_questions(args.testset, args.split)  # test-set errors before any work
    base = open_retriever(index_path=args.index, progress=err.is_terminal,
                          database_url=args.database_url)
    with _progress(err, err.is_terminal) as update:
        return compare(questions, configs, base, k=args.k, answers=not args.no_answers,
                       progress=update, build_progress=err.is_terminal)


def _outside(args, configs, err):
    from evaluation.corpora import evaluate_corpus, load_beir, load_squad

    corpus = load_beir(args.beir) if args.beir else load_squad(args.squad)
    err.print(f"{corpus.name}: {len(corpus.docs)} documents, {len(corpus.queries)} questions; "
              "indexing into a temporary index …")
    with _progress(err, True) as update:
        return evaluate_corpus(corpus, configs, embedder=args.embedder, k=args.k, progress=update,
                               answers=not args.no_answers, build_progress=True,
                               database_url=args.database_url)


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _print(console, reports, title: str) -> None:
    from rich.table import Table

    labels = [r.config.get("label", r.config["mode"]) for r in reports]
    table = Table(title=title)
    table.add_column("metric")
    for label in labels:
        table.add_column(label, justify="right")
    names = list(METRIC_ROWS) + [m for m in reports[0].metrics
                                 if m not in METRIC_ROWS and m != "n"]
    table.add_row("n", *[_fmt(r.metrics.get("n")) for r in reports])
    for name in names:
        table.add_row(name, *[_fmt(r.metrics.get(name)) for r in reports])
    console.print(table)

    kinds = sorted({kind for r in reports for kind in r.by_kind})
    if len(kinds) > 1 and len(reports) == 1:
        by_kind = Table(title="by kind")
        for col in ("kind", "n", *KIND_COLUMNS):
            by_kind.add_column(col, justify="left" if col == "kind" else "right")
        for kind in kinds:
            scores = reports[0].by_kind.get(kind, {})
            by_kind.add_row(kind, _fmt(scores.get("n")), *[_fmt(scores.get(m)) for m in KIND_COLUMNS])
        console.print(by_kind)
    elif len(kinds) > 1:  # configurations side by side: one row per kind and metric
        by_kind = Table(title="by kind")
        for col in ("kind", "n", "metric", *labels):
            by_kind.add_column(col, justify="left" if col in ("kind", "metric") else "right")
        for kind in kinds:
            n = reports[0].by_kind.get(kind, {}).get("n")
            have = reports[0].by_kind.get(kind, {})
            metrics = [m for m in KIND_COLUMNS if have.get(m) is not None] or [
                m for m in ("abstention_recall", "abstention_precision") if have.get(m) is not None]
            for i, m in enumerate(metrics or ["–"]):
                by_kind.add_row(kind if i == 0 else "", _fmt(n) if i == 0 else "", m,
                                *[_fmt(r.by_kind.get(kind, {}).get(m)) for r in reports])
            by_kind.add_section()
        console.print(by_kind)
    for r in reports:
        extra = {k: r.config[k] for k in ("embedder", "chunk_settings", "n_chunks", "documents_indexed")
                 if k in r.config}
        console.print(f"[dim]{r.config.get('label')}: {extra}[/dim]")


def _per_config(path: Path, label: str, many: bool) -> Path:
    if not many:
        return path
    slug = re.sub(r"[^A-Za-z0-9=._-]+", "-", label)
    return path.with_name(f"{path.stem}.{slug}{path.suffix}")


def _write_outputs(args, reports) -> None:
    from evaluation.trec import write_qrels, write_run

    many = len(reports) > 1
    if args.json is not None:
        data = [r.to_dict() for r in reports] if many else reports[0].to_dict()
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if str(args.json) == "-":
            sys.stdout.write(text + "\n")
        else:
            args.json.write_text(text + "\n", encoding="utf-8")
    for r in reports:
        label = r.config.get("label", r.config["mode"])
        tag = re.sub(r"\s+", "_", f"kunnskap-{label}")
        if args.run is not None:
            write_run(_per_config(args.run, label, many), r.rankings, tag=tag)
        if args.qrels is not None:
            write_qrels(_per_config(args.qrels, label, many), r.qrels)
        if args.answers is not None:
            write_answers(_per_config(args.answers, label, many), r.answers)


def write_answers(path: Path, answers: dict) -> None:
    """One line per question: its id and its answer record, without the timing."""
    with path.open("w", encoding="utf-8") as f:
        for qid, answer in answers.items():
            record = answer.to_dict()
            record.pop("seconds", None)
            f.write(json.dumps({"id": qid, **record}, ensure_ascii=False, sort_keys=True) + "\n")
