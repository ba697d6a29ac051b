"""`kunnskap feedback export` writes test-set lines that `kunnskap eval` accepts."""

from __future__ import annotations

import json

from assistant.feedback import FeedbackEntry, FeedbackLog
from ui.cli import main

# Evidence read from the report: p. 9 (section 4) and p. 18 (section 5.2.3).
POPULATION = ("Hvor mange innbyggere bodde i Bærum 1. januar 2023?",
              "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.")
GIRLS = ("Og jentene?", "mens det 41 prosent av jentene rapportere det samme")
BOYS = "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?"


def _log_feedback() -> None:
    log = FeedbackLog()
    log.append(FeedbackEntry.now(question=POPULATION[0], history=(), query_used=POPULATION[0],
                                 answer="Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. [1]",
                                 rating="up", chunk_id="c-pop", evidence=POPULATION[1]))
    log.append(FeedbackEntry.now(question=GIRLS[0], history=(BOYS,), query_used="jenter trygge",
                                 answer="70 prosent [1]", rating="down", comment="Spurte om jentene",
                                 chunk_id="c-girls", evidence=GIRLS[1]))
    log.append(FeedbackEntry.now(question="Takk!", history=(), query_used="Takk!", answer="…",
                                 rating="up"))  # names no passage: not exported


def test_export_to_stdout(capsys):
    _log_feedback()
    assert main(["feedback", "export"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["question"], d["history"], d["evidence"]) for d in lines] == [
        (POPULATION[0], [], [POPULATION[1]]), (GIRLS[0], [BOYS], [GIRLS[1]])]


def test_export_is_accepted_by_kunnskap_eval(tmp_path, report_index_path, capsys):
    _log_feedback()
    out = tmp_path / "feedback.jsonl"
    assert main(["feedback", "export", "--out", str(out)]) == 0
    assert "Wrote 2 test-set lines from 3 feedback entries" in capsys.readouterr().err

    from evaluation.testset import read_testset

    assert [q.kind for q in read_testset(out)] == ["feedback", "feedback"]
    report = tmp_path / "eval.json"
    code = main(["eval", str(out), "--index", str(report_index_path), "--no-answers",
                 "--json", str(report)])
    assert code == 0, capsys.readouterr().err
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["metrics"]["n"] == 2
    assert {q["id"] for q in result["per_query"]} == {d["id"] for d in map(json.loads, out.open())}
    assert set(result["by_kind"]) == {"feedback"}


def test_a_thumb_and_its_later_passage_are_one_test_line_for_kunnskap_eval(tmp_path, report_index_path,
                                                                              capsys):
    from assistant.feedback import new_entry_id

    log = FeedbackLog()
    rated = FeedbackEntry.now(question=POPULATION[0], history=(), query_used=POPULATION[0],
                              answer="129 874 [1]", rating="up", entry_id=new_entry_id())
    log.append(rated)  # the click on the thumb
    assert len(log.read()) == 1
    log.append(rated.updated(chunk_id="c-pop", evidence=POPULATION[1], comment="Riktig"))  # the form
    out = tmp_path / "feedback.jsonl"
    assert main(["feedback", "export", "--out", str(out)]) == 0
    assert "Wrote 1 test-set lines from 1 feedback entries" in capsys.readouterr().err
    (line,) = map(json.loads, out.open())
    assert line["evidence"] == [POPULATION[1]] and line["comment"] == "Riktig" and line["rating"] == "up"
    report = tmp_path / "eval.json"
    assert main(["eval", str(out), "--index", str(report_index_path), "--no-answers",
                 "--json", str(report)]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["metrics"]["n"] == 1
