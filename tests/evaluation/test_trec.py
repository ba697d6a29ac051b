"""TREC run and qrels files."""

from __future__ import annotations

import pytest

from evaluation.trec import write_qrels, write_run


def test_run_file_has_six_columns_in_rank_order(tmp_path):
    path = write_run(tmp_path / "run.txt", {"q1": [("doc:a", 0.9), ("doc:b", 0.5)],
                                            "q2": [("doc:c", 2.0)]}, tag="hybrid")
    assert path.read_text().splitlines() == [
        "q1 Q0 doc:a 1 0.900000 hybrid",
        "q1 Q0 doc:b 2 0.500000 hybrid",
        "q2 Q0 doc:c 1 2.000000 hybrid",
    ]


def test_tied_scores_are_replaced_so_score_order_equals_rank_order(tmp_path):
    path = write_run(tmp_path / "run.txt", {"q": [("a", 1.0), ("b", 1.0), ("c", 0.2)]})
    assert [line.split()[4] for line in path.read_text().splitlines()] == [
        "3.000000", "2.000000", "1.000000"]


def test_qrels_file(tmp_path):
    path = write_qrels(tmp_path / "qrels.txt", {"q1": {"a": 1, "b": 1}, "q2": {"c": 2}})
    assert path.read_text() == "q1 0 a 1\nq1 0 b 1\nq2 0 c 2\n"


def test_ids_with_whitespace_are_refused(tmp_path):
    with pytest.raises(ValueError, match="without whitespace"):
        write_qrels(tmp_path / "q.txt", {"q 1": {"a": 1}})
