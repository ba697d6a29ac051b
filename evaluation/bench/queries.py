"""Queries the bench runs, and dev-set hit@k by evidence text (shared by ours and the naive stack).

Relevance and metrics come from ``evaluation.testset`` and ``evaluation.metrics``, so the bench
scores both stacks exactly as ``kunnskap eval`` scores ours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from evaluation.metrics import per_query, run_from_ranking
from evaluation.testset import read_testset, relevant_ids

# Deterministic rewordings, so a long query run is not the same few strings over and over.
_VARIANTS: tuple[Callable[[str], str], ...] = (
    lambda q: q,
    lambda q: q.rstrip(" ?"),
    lambda q: q.lower(),
    lambda q: f"Kan du si meg {q[:1].lower()}{q[1:]}",
    lambda q: f"{q.rstrip(' ?')} i Bærum?",
    lambda q: f"{q.rstrip(' ?')}, ifølge kunnskapsgrunnlaget?",
)


def read_devset(path: Path) -> list:
    """The test-set questions of ``path`` (records of ``evaluation.testset``)."""
    return list(read_testset(path))


def query_stream(questions: Sequence, n: int) -> list[str]:
    """``n`` queries: the questions cycled, each round through the next rewording."""
    base = [q.question for q in questions]
    if not base:
        raise ValueError("the dev set has no questions")
    return [_VARIANTS[(i // len(base)) % len(_VARIANTS)](base[i % len(base)]) for i in range(n)]


def concatenated(question) -> str:
    """Plain history concatenation: earlier user questions, then this one."""
    return " ".join([*question.history, question.question])


class Passage(NamedTuple):
    """A retrievable text of either stack, as ``relevant_ids`` expects it."""

    id: str
    text: str


def hit_rate(questions: Sequence, corpus: Sequence[Passage],
             ranked: Callable[[object], Sequence[str]], k: int = 5) -> dict:
    """hit@k (ir-measures) over the answerable ``questions``, relevance by evidence text.

    ``ranked(question)`` returns the passage ids retrieved for it, best first. A question with
    no relevant passage in ``corpus`` counts as a miss (ir-measures would skip it).
    """
    name = f"hit@{k}"
    answerable = [q for q in questions if q.evidence]
    qrels = {q.id: {pid: 1 for pid in relevant_ids(q, corpus)} for q in answerable}
    judged = {qid: rel for qid, rel in qrels.items() if rel}
    run = {q.id: run_from_ranking(list(ranked(q))[:k]) for q in answerable if q.id in judged}
    scores = per_query(judged, run, [name]) if judged else {}
    hit = {q.id: scores.get(q.id, {}).get(name, 0.0) for q in answerable}
    follow = [q.id for q in answerable if q.history]
    return {name: sum(hit.values()) / len(hit) if hit else 0.0,
            "questions": len(hit),
            "no_relevant_passage": len(answerable) - len(judged),
            f"followup_{name}": sum(hit[i] for i in follow) / len(follow) if follow else None,
            "followups": len(follow)}
