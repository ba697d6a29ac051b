"""Outside corpora (BEIR folders, SQuAD-style JSON) scored with the same metrics.

Each document is written as its own text file and indexed with ``index.build.ingest`` into a
temporary index, so it goes through the very reader, cleaner, chunker and embedder the report
does ("same settings"). A document may become several chunks; a document's rank is the rank of
its best chunk (first occurrence), and qrels are per document.

Example:
    >>> corpus = load_squad("../shared/datasets/norquad/test_dataset_flattened.json")  # doctest: +SKIP
    >>> len(corpus.docs), len(corpus.queries)  # doctest: +SKIP
    (199, 472)
"""

from __future__ import annotations

import csv
import dataclasses
import os
import uuid
import statistics
import json
import re
import tempfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kunnskap.errors import TestSetError

from .compare import EvalConfig
from .metrics import METRICS, evaluate_run, per_query, run_from_ranking
from .runner import EvalReport

__all__ = ["OutsideCorpus", "load_squad", "load_beir", "evaluate_corpus"]

_NUMBER_LINE = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class OutsideCorpus:
    """Documents, queries and qrels of an outside test collection."""

    name: str
    docs: dict[str, str]  # doc id -> text
    queries: dict[str, str]  # query id -> text
    qrels: dict[str, dict[str, int]]  # query id -> {doc id: relevance}
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # query id -> gold spans (SQuAD)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise TestSetError(f"{path} does not exist; give the path of a SQuAD-style JSON file.") from None
    except json.JSONDecodeError as exc:
        raise TestSetError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}).") from None


def load_squad(path: str | Path) -> OutsideCorpus:
    """Read SQuAD-style JSON: the corpus is the unique contexts; a question's relevant document
    is its own context. Accepts ``{"data": [{"paragraphs": [{"context", "qas"}]}]}`` and
    flattened entries that hold ``context`` and ``qas`` directly."""
    path = Path(path)
    data = _read_json(path)
    entries = data.get("data") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise TestSetError(f"{path}: expected a SQuAD object with a \"data\" list.")
    docs: dict[str, str] = {}
    by_text: dict[str, str] = {}
    queries: dict[str, str] = {}
    qrels: dict[str, dict[str, int]] = {}
    golds: dict[str, tuple[str, ...]] = {}
    for e_i, entry in enumerate(entries):
        paragraphs = entry.get("paragraphs", [entry]) if isinstance(entry, dict) else None
        if not isinstance(paragraphs, list):
            raise TestSetError(f"{path}: data[{e_i}] is not a SQuAD article (no \"paragraphs\").")
        for p_i, para in enumerate(paragraphs):
            if not isinstance(para, dict) or not isinstance(para.get("context"), str) \
                    or not isinstance(para.get("qas"), list):
                raise TestSetError(f"{path}: data[{e_i}].paragraphs[{p_i}] needs a string "
                                   "\"context\" and a \"qas\" list.")
            context = para["context"]
            doc_id = by_text.setdefault(context, f"c{len(by_text):05d}")
            docs[doc_id] = context
            for qa in para["qas"]:
                if qa.get("is_impossible"):
                    continue
                qid = str(qa.get("id", f"{doc_id}-{len(queries)}"))
                if not isinstance(qa.get("question"), str):
                    raise TestSetError(f"{path}: question {qid} has no \"question\" string.")
                if qid in queries:  # NorQuAD reuses a few ids for different questions
                    n = 2
                    while f"{qid}-{n}" in queries:
                        n += 1
                    qid = f"{qid}-{n}"
                queries[qid] = qa["question"]
                qrels[qid] = {doc_id: 1}
                golds[qid] = tuple(a["text"] for a in qa.get("answers") or ()
                                   if isinstance(a, dict) and isinstance(a.get("text"), str))
    if not queries:
        raise TestSetError(f"{path}: no answerable questions found.")
    return OutsideCorpus(path.name, docs, queries, qrels, golds)


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise TestSetError(f"{path} does not exist; a BEIR folder holds corpus.jsonl, "
                           "queries.jsonl and qrels/test.tsv.")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise TestSetError(f"{path}:{n}: not valid JSON ({exc.msg}).") from None
    return rows


def load_beir(folder: str | Path) -> OutsideCorpus:
    """Read a BEIR folder: ``corpus.jsonl`` (_id, title, text), ``queries.jsonl`` (_id, text)
    and ``qrels/test.tsv`` (query-id, corpus-id, score, with a header line)."""
    folder = Path(folder)
    docs = {}
    for row in _jsonl(folder / "corpus.jsonl"):
        title, text = row.get("title") or "", row.get("text") or ""
        docs[str(row["_id"])] = f"{title}. {text}" if title else text
    all_queries = {str(r["_id"]): r["text"] for r in _jsonl(folder / "queries.jsonl")}
    qrels_path = folder / "qrels" / "test.tsv"
    if not qrels_path.exists():
        raise TestSetError(f"{qrels_path} does not exist; BEIR test qrels are qrels/test.tsv.")
    qrels: dict[str, dict[str, int]] = {}
    with qrels_path.open(encoding="utf-8") as f:
        for n, row in enumerate(csv.reader(f, delimiter="\t"), start=1):
            if not row or (n == 1 and not row[-1].strip().lstrip("-").isdigit()):
                continue  # header
            if len(row) < 3:
                raise TestSetError(f"{qrels_path}:{n}: expected query-id, corpus-id, score.")
            qid, did, score = row[0], row[1], int(row[2])
            if score > 0 and did in docs and qid in all_queries:
                qrels.setdefault(qid, {})[did] = score
    if not qrels:
        raise TestSetError(f"{qrels_path}: no positive judgement matches corpus.jsonl and queries.jsonl.")
    queries = {q: all_queries[q] for q in qrels}
    return OutsideCorpus(folder.name, docs, queries, qrels)


def _write_docs(corpus: OutsideCorpus, folder: Path) -> dict[str, str]:
    """One text file per document; returns file name -> doc id."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for i, (doc_id, text) in enumerate(corpus.docs.items()):
        name = f"d{i:06d}.txt"
        # one paragraph line each; bare-number lines would read as page numbers, so they go
        lines = [" ".join(line.split()) for line in text.splitlines()]
        lines = [line for line in lines if line and not _NUMBER_LINE.match(line)]
        (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        names[name] = doc_id
    return names


def _doc_ranking(hits, names: dict[str, str], depth: int) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for h in hits:
        doc = names.get(h.chunk.doc)
        if doc is not None and doc not in seen:
            seen[doc] = h.score
            if len(seen) == depth:
                break
    return list(seen.items())


def evaluate_corpus(corpus: OutsideCorpus, configs: Sequence[EvalConfig], *, embedder: str | None = None,
                    settings=None, k: int = 10, answers: bool = False,
                    progress: Callable[[str, int, int], None] | None = None,
                    build_progress: bool = True, database_url: str | None = None) -> list[EvalReport]:
    """Index ``corpus`` in a temporary index (same reader, chunker and embedder as the report)
    and score every configuration; reports in the order given.

    With ``answers`` (and gold spans, as SQuAD has), every question is also answered by the
    assistant with its default settings: ``answer_contains_gold`` is the share of answers whose
    text contains a gold span, ``abstained`` the share it refused (every question is answerable).
    With ``database_url`` the corpus is indexed in that database under a temporary index name
    (dropped afterwards), so PostgreSQL's lexical search can be compared (``lexical=``).
    """
    from assistant.search.retrieval import Retriever
    from evaluation.compare import with_fusion
    from index.build import ingest
    from index.embedders import DEFAULT_EMBEDDER
    from index.stores import open_store
    from ingest.records import ChunkSettings

    base_settings = settings or ChunkSettings()
    depth = max(k, 10)
    reports, stores = [], []
    with tempfile.TemporaryDirectory(prefix="kunnskap-corpus-") as tmp, _dropping(stores):
        names = _write_docs(corpus, Path(tmp) / "docs")
        built: dict[tuple, Retriever] = {}
        for config in configs:
            emb = config.embedder or embedder or DEFAULT_EMBEDDER
            cs = ChunkSettings(chunk_size=config.chunk_size or base_settings.chunk_size,
                               chunk_overlap=(config.chunk_overlap if config.chunk_overlap is not None
                                              else base_settings.chunk_overlap),
                               version=base_settings.version,
                               headings=(config.headings if config.headings is not None
                                         else base_settings.headings))
            key = (emb, cs)
            if key not in built:
                store = (open_store(database_url=database_url,
                                    name=f"eval-{os.getpid()}-{uuid.uuid4().hex[:8]}")
                         if database_url else open_store(Path(tmp) / f"index-{len(built)}"))
                stores.append(store)
                ingest(paths=[Path(tmp) / "docs"], embedder=emb, settings=cs, store=store,
                       progress=build_progress)
                built[key] = Retriever(store.load())
            retriever = with_fusion(built[key], config)
            indexed = {c.doc for c in retriever.index.chunks}
            search_k = min(len(retriever.index.chunks), max(depth * 5, 50))
            assistant = _assistant(retriever, config) if answers and corpus.answers else None
            rankings, given = {}, {}
            for i, (qid, text) in enumerate(corpus.queries.items(), start=1):
                hits = retriever.search(text, k=search_k, mode=config.mode)
                rankings[qid] = _doc_ranking(hits, names, depth)
                if assistant is not None:
                    given[qid] = assistant.ask(text, mode=config.mode)
                if progress:
                    progress(config.label, i, len(corpus.queries))
            run = {q: run_from_ranking([d for d, _ in r]) for q, r in rankings.items()}
            metrics = {"n": len(corpus.queries), "n_answerable": len(corpus.queries),
                       **evaluate_run(corpus.qrels, run, METRICS), **_gold_metrics(corpus, given)}
            scores = per_query(corpus.qrels, run, METRICS)
            rows = [{"id": q, "kind": corpus.name, "query_used": corpus.queries[q],
                     "ranks": [r for r, (d, _) in enumerate(rankings[q], 1) if d in corpus.qrels[q]],
                     **scores[q], **_answer_row(corpus, given, q)} for q in corpus.queries]
            cfg = {"label": config.label, "mode": config.mode, "k": k, "depth": depth,
                   "corpus": corpus.name, "documents": len(corpus.docs),
                   "documents_indexed": sum(1 for n in names if n in indexed),
                   "n_chunks": len(retriever.index.chunks), "embedder": emb,
                   "chunk_settings": dataclasses.asdict(cs)}
            reports.append(EvalReport(cfg, metrics, {corpus.name: metrics}, rows,
                                      qrels=corpus.qrels, rankings=rankings, answers=given))
        retriever = assistant = None
        built.clear()  # the indexes go, so a database lets go of them before they are dropped
    return reports


@contextmanager
def _dropping(stores: list):
    """Drop the temporary database indexes made for a corpus, whatever happens."""
    try:
        yield
    finally:
        for store in stores:
            if hasattr(store, "drop"):
                store.drop()


def _assistant(retriever, config: EvalConfig):
    from evaluation.compare import make_assistant

    return make_assistant(retriever, config.mode, config.abstain)


def _gold_metrics(corpus: OutsideCorpus, given: dict) -> dict:
    """``answer_contains_gold`` and the share of abstentions, over the questions answered."""
    from evaluation.answers import answer_words, contains_gold

    if not given:
        return {}
    n = len(given)
    words = sorted(answer_words(a.answer) for a in given.values() if not a.abstained)
    return {"answer_contains_gold": sum(1 for q, a in given.items() if not a.abstained
                                        and contains_gold(a.answer, corpus.answers.get(q, ()))) / n,
            "abstained": sum(1 for a in given.values() if a.abstained) / n,
            "answer_words_median": float(statistics.median(words)) if words else None}


def _answer_row(corpus: OutsideCorpus, given: dict, qid: str) -> dict:
    from evaluation.answers import contains_gold

    a = given.get(qid)
    if a is None:
        return {}
    return {"answer": a.answer, "abstained": a.abstained,
            "contains_gold": (not a.abstained) and contains_gold(a.answer, corpus.answers.get(qid, ()))}
