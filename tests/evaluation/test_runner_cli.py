"""The runner on the real index, comparisons, and the `kunnskap eval` wiring."""

from __future__ import annotations

import json

import pytest

from evaluation.compare import parse_compare
from evaluation.runner import evaluate, load_questions, select_split
from evaluation.testset import DEFAULT_TESTSET, TestQuestion, read_testset
from kunnskap.errors import TestSetError, UsageError
from ui.cli import main

TRYGG_GUTTER = "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?"


def test_parse_compare():
    configs = parse_compare("hybrid,bm25,dense+chunk=600,embedder=st:x,chunk=500+overlap=50")
    assert [(c.mode, c.embedder, c.chunk_size, c.chunk_overlap) for c in configs] == [
        ("hybrid", None, None, None), ("bm25", None, None, None), ("dense", None, 600, None),
        ("hybrid", "st:x", None, None), ("hybrid", None, 500, 50)]
    for bad, msg in [("fast", "not a mode"), ("chunk=abc", "not a whole number"),
                     ("mode=x", "unknown mode"), ("size=5", "unknown key"), ("bm25,bm25", "twice"),
                     ("", "empty")]:
        with pytest.raises(UsageError, match=msg):
            parse_compare(bad)


def test_split_filter():
    qs = read_testset(DEFAULT_TESTSET)
    assert {q.split for q in select_split(qs, "test")} == {"test"}
    assert len(select_split(qs, "tune")) + len(select_split(qs, "test")) == len(qs)
    with pytest.raises(UsageError, match="tune, test"):
        select_split(qs, "dev")


def test_runner_scores_a_followup_through_the_rewrite(retriever):
    qs = [TestQuestion("g", TRYGG_GUTTER, ("70 prosent av guttene på videregående skole",), kind="figure"),
          TestQuestion("j", "Og jentene?", ("41 prosent av jentene rapportere det samme",),
                       history=(TRYGG_GUTTER,), kind="followup"),
          TestQuestion("u", "Hvor mange barn i Bærum går i barnehage?", (), kind="unanswerable")]
    report = evaluate(qs, retriever, mode="hybrid", k=10)
    rows = {row["id"]: row for row in report.per_query}
    assert rows["j"]["query_used"] != "Og jentene?"      # rewritten with the history
    assert "jente" in rows["j"]["query_used"].lower()
    assert rows["u"]["ranks"] == [] and rows["u"]["hit@5"] is None
    assert report.metrics["n"] == 3 and report.metrics["n_answerable"] == 2
    for row in (rows["g"], rows["j"]):                   # ranks and hit@k tell the same story
        assert row["hit@5"] == (1.0 if row["ranks"] and row["ranks"][0] <= 5 else 0.0)
        assert row["mrr@10"] == pytest.approx(1 / row["ranks"][0] if row["ranks"] else 0.0)
    assert set(report.by_kind) == {"figure", "followup", "unanswerable"}
    assert "followup_alone_hit@5" in report.metrics
    assert report.rankings["g"][0][0] == rows["g"]["retrieved"][0]


def test_runner_refuses_stale_evidence_before_scoring(retriever):
    qs = [TestQuestion("x", "Hva?", ("denne setningen står ikke i rapporten",))]
    with pytest.raises(TestSetError, match="x: 'denne setningen"):
        evaluate(qs, retriever)
    with pytest.raises(UsageError, match="need an assistant"):
        evaluate(qs[:0], retriever, answer=True)


@pytest.mark.slow
def test_cli_writes_the_documented_json(report_index_path, tmp_path, capsys):
    out, run, qrels = tmp_path / "out.json", tmp_path / "run.trec", tmp_path / "qrels.txt"
    answers = tmp_path / "answers.jsonl"
    code = main(["eval", "--split", "test", "--index", str(report_index_path), "--json", str(out),
                 "--run", str(run), "--qrels", str(qrels), "--answers", str(answers)])
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["config", "metrics", "by_kind", "per_query"]
    for key in ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10", "n",
                "numbers_verified", "abstention_recall", "answer_figure_match"):
        assert key in data["metrics"], key
    n_test = len(load_questions(split="test"))
    assert data["metrics"]["n"] == n_test == len(data["per_query"])
    assert {"id", "kind", "query_used", "ranks", "hit@5"} <= set(data["per_query"][0])
    assert "figure" in data["by_kind"] and "hit@5" in data["by_kind"]["figure"]
    # answer recall by kind (issue 13): every kind whose questions carry a reference answer
    assert 0.0 < data["by_kind"]["definition"]["answer_recall"] <= 1.0
    assert data["by_kind"]["unanswerable"].get("answer_recall") is None
    first = run.read_text().splitlines()[0].split()
    assert len(first) == 6 and first[1] == "Q0" and first[3] == "1"
    assert all(len(line.split()) == 4 for line in qrels.read_text().splitlines())
    assert "hit@5" in capsys.readouterr().out
    records = [json.loads(line) for line in answers.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [row["id"] for row in data["per_query"]]
    assert all("seconds" not in r and {"answer", "abstained", "query_used", "citations"} <= set(r)
               for r in records)
    by_id = {r["id"]: r for r in records}
    assert by_id["q002"]["answer"] == next(row["answer"] for row in data["per_query"] if row["id"] == "q002")


@pytest.mark.slow
def test_cli_compare_prints_modes_side_by_side(report_index_path, tmp_path, capsys):
    out = tmp_path / "cmp.json"
    code = main(["eval", "--split", "tune", "--no-answers", "--index", str(report_index_path),
                 "--compare", "hybrid,bm25,dense", "--json", str(out)])
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["config"]["mode"] for d in data] == ["hybrid", "bm25", "dense"]
    header = next(line for line in capsys.readouterr().out.splitlines() if "metric" in line)
    assert header.index("hybrid") < header.index("bm25") < header.index("dense")


def test_cli_exit_2_for_test_set_errors(report_index_path, tmp_path, capsys):
    stale = tmp_path / "stale.jsonl"
    stale.write_text('{"id": "a", "question": "Hva?", "evidence": ["finnes ikke i rapporten"]}\n')
    assert main(["eval", str(stale), "--no-answers", "--index", str(report_index_path)]) == 2
    assert "finnes ikke i rapporten" in capsys.readouterr().err
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "question": "Hva?"\n')
    assert main(["eval", str(broken), "--index", str(report_index_path)]) == 2
    assert "broken.jsonl:1" in capsys.readouterr().err
    assert main(["eval", "--k", "0"]) == 2
