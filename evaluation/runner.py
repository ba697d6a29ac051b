"""Run a test set through the chat's retrieval path and score it.

For each question: history → ``rewrite(question, history)`` → ``retriever.search`` (with the
conversation's context for a question searched alone after others); the
chunks whose text contains an evidence string are the relevant ones. Metrics (ir-measures) are
averaged over the answerable questions, overall and by kind. With an assistant, every question is
also answered and the answer-level metrics are added.

Example:
    >>> from assistant.search.retrieval import open_retriever
    >>> qs = read_testset(DEFAULT_TESTSET)
    >>> report = evaluate(qs, open_retriever(), mode="hybrid", k=10)
    >>> sorted(report.to_dict())
    ['by_kind', 'config', 'metrics', 'per_query']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kunnskap.errors import UsageError

from .answers import answer_metrics
from .metrics import METRICS, evaluate_run, per_query, run_from_ranking
from .testset import DEFAULT_TESTSET, SPLITS, TestQuestion, check_evidence, read_testset, relevant_ids

__all__ = ["EvalReport", "evaluate", "select_split", "default_rewriter", "MIN_DEPTH"]

MIN_DEPTH = 10  # metrics go to @10, so at least 10 passages are retrieved for scoring
FOLLOWUP_METRIC = "hit@5"


def default_rewriter() -> Callable[[str, Sequence[str]], tuple[str, str]]:
    """The chat's query rewriting: (query searched, the conversation's context searched beside it);
    plain concatenation when the assistant has none yet."""
    try:
        from assistant.question.followup import rewrite
    except ImportError:  # pragma: no cover - only before the assistant stage exists
        def rewrite_query(question: str, history: Sequence[str]) -> tuple[str, str]:
            return " ".join([*history, question]), ""
        return rewrite_query

    def searched(question: str, history: Sequence[str]) -> tuple[str, str]:
        resolved = rewrite(question, history)
        return resolved.search, resolved.context
    return searched


@dataclass(frozen=True)
class EvalReport:
    """Scores of one configuration. ``to_dict()`` is the documented JSON shape.

    ``run`` and ``qrels`` (``{qid: {chunk_id: value}}``) feed the TREC writers; ``rankings`` keeps
    the retrieved ids with their retriever scores, best first.
    """

    config: dict
    metrics: dict
    by_kind: dict
    per_query: list
    qrels: dict = field(default_factory=dict, repr=False)
    rankings: dict = field(default_factory=dict, repr=False)
    answers: dict = field(default_factory=dict, repr=False)  # {qid: Answer} when answered

    def to_dict(self) -> dict:
        return {"config": self.config, "metrics": self.metrics, "by_kind": self.by_kind,
                "per_query": self.per_query}


def select_split(questions: Sequence[TestQuestion], split: str | None) -> list[TestQuestion]:
    """The questions of one split ("tune" or "test"); all of them when ``split`` is None."""
    if split is None:
        return list(questions)
    if split not in SPLITS:
        raise UsageError(f"Unknown split {split!r}; choose one of: {', '.join(SPLITS)}.")
    chosen = [q for q in questions if q.split == split]
    if not chosen:
        raise UsageError(f"No question in the test set is marked \"split\": \"{split}\"; "
                         "add the field or run without --split.")
    return chosen


def _ranking(retriever, query: str, mode: str, depth: int, context: str = "") -> list[tuple[str, float]]:
    extra = {"context": context} if context else {}  # any search(query, k, mode) serves a set without history
    return [(h.chunk.id, h.score) for h in retriever.search(query, k=depth, mode=mode, **extra)]


def _ranks(ranking: Sequence[tuple[str, float]], relevant: set[str]) -> list[int]:
    return [r for r, (cid, _) in enumerate(ranking, start=1) if cid in relevant]


def _scores(qrels: dict, rankings: dict, ids: Sequence[str]) -> dict:
    sub_q = {q: qrels[q] for q in ids if q in qrels}
    if not sub_q:
        return {"n": len(ids)}
    run = {q: run_from_ranking([c for c, _ in rankings[q]]) for q in sub_q}
    return {"n": len(ids), "n_answerable": len(sub_q), **evaluate_run(sub_q, run, METRICS)}


def evaluate(questions: Sequence[TestQuestion], retriever, *, mode: str = "hybrid", k: int = 10,
             rewrite: bool = True, answer: bool = False, assistant=None,
             progress: Callable[[int, int], None] | None = None, config: dict | None = None
             ) -> EvalReport:
    """Score ``retriever`` on ``questions`` through the chat's retrieval path.

    Args:
        questions: the test questions (already filtered to a split if wanted).
        retriever: anything with ``.search(query, k, mode) -> list[Hit]`` and ``.index.chunks``.
        mode: retrieval mode ("hybrid", "bm25", "dense").
        k: passages retrieved per question (at least ``MIN_DEPTH`` are retrieved for scoring).
        rewrite: rewrite follow-ups with the conversation's rewriting; False searches the
            question alone.
        answer: also answer every question with ``assistant`` and add answer-level metrics.
        assistant: an ``Assistant`` (needs ``.ask(question, history, mode=...)``).
        progress: called as ``progress(done, total)`` after each question.
        config: extra entries for the report's ``config``.
    Returns:
        An EvalReport.
    Raises:
        TestSetError: an evidence string occurs in no chunk (reported before any score).
        UsageError: bad k, or ``answer=True`` without an assistant.
    """
    if k < 1:
        raise UsageError(f"k must be at least 1, got {k}.")
    if answer and assistant is None:
        raise UsageError("Answer-level metrics need an assistant; pass assistant=… or answer=False.")
    chunks = retriever.index.chunks
    check_evidence(questions, chunks)
    depth = min(max(k, MIN_DEPTH), len(chunks))
    rewriter = default_rewriter() if rewrite else None
    qrels = {q.id: {cid: 1 for cid in relevant_ids(q, chunks)} for q in questions if q.answerable}

    rankings, used, alone = {}, {}, {}
    pairs = []
    for i, q in enumerate(questions, start=1):
        query, context = rewriter(q.question, q.history) if (rewriter and q.history) else (q.question, "")
        used[q.id] = query
        rankings[q.id] = _ranking(retriever, query, mode, depth, context)
        if q.history and q.answerable:
            alone[q.id] = (rankings[q.id] if query == q.question and not context
                           else _ranking(retriever, q.question, mode, depth))
        if answer:
            pairs.append((q, assistant.ask(q.question, list(q.history), mode=mode)))
        if progress:
            progress(i, len(questions))

    metrics = _scores(qrels, rankings, [q.id for q in questions])
    if alone:
        fu_ids = list(alone)
        metrics[f"followup_rewritten_{FOLLOWUP_METRIC}"] = _scores(qrels, rankings, fu_ids)[FOLLOWUP_METRIC]
        metrics[f"followup_alone_{FOLLOWUP_METRIC}"] = _scores(qrels, alone, fu_ids)[FOLLOWUP_METRIC]
    kinds = sorted({q.kind or "-" for q in questions})
    by_kind = {kind: _scores(qrels, rankings, [q.id for q in questions if (q.kind or "-") == kind])
               for kind in kinds}
    answers = dict((q.id, a) for q, a in pairs)
    if answer:
        metrics.update(answer_metrics(pairs))
        for kind in kinds:
            by_kind[kind].update(answer_metrics([(q, a) for q, a in pairs if (q.kind or "-") == kind]))

    pq_scores = per_query(qrels, {q: run_from_ranking([c for c, _ in rankings[q]]) for q in qrels},
                          METRICS) if qrels else {}
    rows = []
    for q in questions:
        row = {"id": q.id, "kind": q.kind, "query_used": used[q.id],
               "ranks": _ranks(rankings[q.id], set(qrels.get(q.id, ()))),
               "retrieved": [c for c, _ in rankings[q.id][:k]]}
        row.update(pq_scores.get(q.id, {m: None for m in METRICS}))
        if q.id in answers:
            a = answers[q.id]
            row.update({"answer": a.answer, "abstained": a.abstained,
                        "numbers_verified": a.numbers_verified, "answer_query_used": a.query_used})
        rows.append(row)

    cfg = {"mode": mode, "k": k, "depth": depth, "rewrite": rewrite, "answers": answer,
           "n_questions": len(questions), "n_chunks": len(chunks),
           "embedder": _manifest(retriever, "embedder"),
           "chunk_settings": _manifest(retriever, "chunk_settings"),
           "fusion": str(getattr(retriever, "fusion", "")) if mode == "hybrid" else None,
           **(config or {})}
    return EvalReport(cfg, metrics, by_kind, rows, qrels=qrels,
                      rankings={q: rankings[q][:depth] for q in rankings}, answers=answers)


def _manifest(retriever, name: str):
    manifest = getattr(retriever.index, "manifest", None)
    return getattr(manifest, name, None)


def load_questions(path=None, split: str | None = None) -> list[TestQuestion]:
    """Read a test set (default: the bundled dev set) and keep one split."""
    return select_split(read_testset(path or DEFAULT_TESTSET), split)
