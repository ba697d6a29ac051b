"""Metrics against values computed by hand (ranx style: a few queries, arithmetic in comments)."""

from __future__ import annotations

import math

import pytest

from evaluation.metrics import METRICS, evaluate_run, measure, per_query, run_from_ranking
from kunnskap.errors import UsageError

QRELS = {
    "q1": {"d1": 1},             # relevant at rank 1
    "q2": {"d3": 1},             # relevant at rank 3
    "q3": {"d2": 1, "d5": 1},    # two relevant, at ranks 2 and 5
    "q4": {"d9": 1},             # relevant at rank 7
}
RUN = {
    "q1": run_from_ranking(["d1", "d2", "d3"]),
    "q2": run_from_ranking(["d1", "d2", "d3"]),
    "q3": run_from_ranking(["d1", "d2", "d3", "d4", "d5"]),
    "q4": run_from_ranking(["d1", "d2", "d3", "d4", "d5", "d6", "d9"]),
}

# nDCG@10 per query, binary gains, DCG = sum 1/log2(rank+1):
#   q1: 1/log2(2) / 1                      = 1
#   q2: 1/log2(4) / 1                      = 0.5
#   q3: (1/log2(3) + 1/log2(6)) / (1/log2(2) + 1/log2(3))
#       = (0.63093 + 0.38685) / (1 + 0.63093) = 1.01778 / 1.63093 = 0.62405
#   q4: 1/log2(8) / 1                      = 1/3
Q3_NDCG = (1 / math.log2(3) + 1 / math.log2(6)) / (1 + 1 / math.log2(3))
EXPECTED = {
    "hit@1": (1 + 0 + 0 + 0) / 4,                   # only q1 has a relevant doc at rank 1
    "hit@3": (1 + 1 + 1 + 0) / 4,                   # q4's first relevant is at rank 7
    "hit@5": (1 + 1 + 1 + 0) / 4,
    "hit@10": (1 + 1 + 1 + 1) / 4,
    "mrr@10": (1 + 1 / 3 + 1 / 2 + 1 / 7) / 4,      # = 83/168 = 0.49405
    "ndcg@10": (1 + 0.5 + Q3_NDCG + 1 / 3) / 4,     # = 2.45738 / 4 = 0.61435
}


def test_hand_scored_means():
    got = evaluate_run(QRELS, RUN)
    assert list(got) == list(METRICS)
    for name, value in EXPECTED.items():
        assert got[name] == pytest.approx(value, abs=1e-9), name
    assert got["mrr@10"] == pytest.approx(83 / 168)
    assert got["ndcg@10"] == pytest.approx(0.61435, abs=1e-5)


def test_hand_scored_per_query():
    got = per_query(QRELS, RUN)
    assert got["q2"] == {"hit@1": 0.0, "hit@3": 1.0, "hit@5": 1.0, "hit@10": 1.0,
                         "mrr@10": pytest.approx(1 / 3), "ndcg@10": pytest.approx(0.5)}
    assert got["q3"]["ndcg@10"] == pytest.approx(0.62405, abs=1e-5)
    assert got["q4"]["hit@5"] == 0.0 and got["q4"]["mrr@10"] == pytest.approx(1 / 7)


def test_a_query_missing_from_the_run_counts_as_zero():
    qrels = {**QRELS, "q5": {"d1": 1}}
    got = evaluate_run(qrels, RUN, ["hit@1", "mrr@10"])
    assert got["hit@1"] == pytest.approx(1 / 5)       # q1 only, now over five queries
    assert got["mrr@10"] == pytest.approx((83 / 168) * 4 / 5)


def test_relevant_beyond_the_cutoff_does_not_count():
    qrels = {"q": {"d11": 1}}
    run = {"q": run_from_ranking([f"d{i}" for i in range(1, 12)])}   # relevant at rank 11
    assert evaluate_run(qrels, run) == {m: 0.0 for m in METRICS}


def test_metric_names():
    assert str(measure("hit@5")) == "Success@5"
    assert str(measure("MRR@10")) == "RR@10"
    with pytest.raises(UsageError, match="hit@k, mrr@k or ndcg@k"):
        measure("recall@5")
    with pytest.raises(UsageError, match="No answerable questions"):
        evaluate_run({}, {})
