"""Retrieval metrics by name, computed with ir-measures (never by hand).

Qrels and runs are ``{query_id: {doc_id: value}}``: qrels values are relevance grades, run values
are scores (higher is better). Names: hit@1, hit@3, hit@5, hit@10, mrr@10, ndcg@10.

Example:
    >>> qrels = {"q1": {"d1": 1}}
    >>> run = {"q1": {"d2": 2.0, "d1": 1.0}}
    >>> evaluate_run(qrels, run, ["hit@1", "mrr@10"])
    {'hit@1': 0.0, 'mrr@10': 0.5}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import ir_measures
from ir_measures import RR, Success, nDCG

from kunnskap.errors import UsageError

__all__ = ["METRICS", "measure", "evaluate_run", "per_query", "run_from_ranking"]

METRICS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10")
_FAMILIES = {"hit": Success, "mrr": RR, "ndcg": nDCG}
_NAME = re.compile(r"^(hit|mrr|ndcg)@([1-9]\d*)$")

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Mapping[str, float]]


def measure(name: str):
    """The ir-measures measure for a metric name such as "hit@5" or "ndcg@10"."""
    m = _NAME.match(name.strip().lower())
    if not m:
        raise UsageError(f"Unknown metric {name!r}; use hit@k, mrr@k or ndcg@k "
                         f"(for example: {', '.join(METRICS)}).")
    return _FAMILIES[m.group(1)] @ int(m.group(2))


def _check(qrels: Qrels) -> None:
    if not qrels:
        raise UsageError("No answerable questions to score: every question has empty evidence.")


def evaluate_run(qrels: Qrels, run: Run, metrics: Sequence[str] = METRICS) -> dict[str, float]:
    """Mean of each metric over the queries in ``qrels`` (a query missing from ``run`` scores 0)."""
    _check(qrels)
    wanted = {name: measure(name) for name in metrics}
    result = ir_measures.calc_aggregate(list(wanted.values()), _plain(qrels), _plain(run))
    return {name: float(result.get(m, 0.0)) for name, m in wanted.items()}


def per_query(qrels: Qrels, run: Run, metrics: Sequence[str] = METRICS) -> dict[str, dict[str, float]]:
    """Each metric for each query in ``qrels``: ``{qid: {metric: value}}``."""
    _check(qrels)
    wanted = {name: measure(name) for name in metrics}
    by_measure = {m: name for name, m in wanted.items()}
    out = {qid: {name: 0.0 for name in wanted} for qid in qrels}
    for row in ir_measures.iter_calc(list(wanted.values()), _plain(qrels), _plain(run)):
        if row.query_id in out:
            out[row.query_id][by_measure[row.measure]] = float(row.value)
    return out


def run_from_ranking(ranking: Sequence[str]) -> dict[str, float]:
    """Scores that keep a ranked list's order exactly (best first, no ties)."""
    n = len(ranking)
    return {doc: float(n - i) for i, doc in enumerate(ranking)}


def _plain(d: Mapping) -> dict:
    return {str(q): {str(doc): v for doc, v in docs.items()} for q, docs in d.items()}
