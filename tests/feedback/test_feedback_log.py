"""The feedback log: append-only JSON Lines that survive concurrent writers, and its export."""

from __future__ import annotations

import json
import multiprocessing
import os

import pytest

from assistant.feedback import FeedbackEntry, FeedbackLog, export_testset, write_testset
from kunnskap.errors import KunnskapError, UsageError

QUESTION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
QUOTE = "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum."


def _entry(i: int = 0, **over) -> FeedbackEntry:
    fields = dict(question=f"{QUESTION} #{i}", history=("Første spørsmål",), query_used=QUESTION,
                  answer="Det bodde 129 874 innbyggere i Bærum [1].", rating="up",
                  comment="æøå «sitat» \n ny linje", chunk_id="c-1", evidence=QUOTE)
    fields.update(over)
    return FeedbackEntry.now(**fields)


def _writer(path: str, worker: int, count: int) -> None:
    log = FeedbackLog(path)
    for i in range(count):
        # long comments make each line several kilobytes, beyond any small atomic-write size
        log.append(_entry(worker * 1000 + i, comment=f"w{worker} " + "x" * (3000 + i)))


def test_round_trip(tmp_path):
    log = FeedbackLog(tmp_path / "sub" / "feedback.jsonl")
    first, second = _entry(1), _entry(2, rating="down", chunk_id="", evidence="")
    log.append(first)
    log.append(second)
    assert log.read() == [first, second]
    assert (tmp_path / "sub" / "feedback.jsonl").read_text(encoding="utf-8").count("\n") == 2


def test_default_path_is_under_kunnskap_home(kunnskap_home):
    log = FeedbackLog()
    log.append(_entry())
    assert (kunnskap_home / "feedback.jsonl").exists()
    assert len(log.read()) == 1


def test_missing_file_is_an_empty_log(tmp_path):
    assert FeedbackLog(tmp_path / "none.jsonl").read() == []


def test_eight_concurrent_writer_processes_lose_no_line(tmp_path):
    path = tmp_path / "feedback.jsonl"
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_writer, args=(str(path), w, 100)) for w in range(8)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(120)
        assert p.exitcode == 0
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    lines = raw.split(b"\n")[:-1]
    assert len(lines) == 800
    parsed = [json.loads(line) for line in lines]  # every line intact JSON
    seen = {(d["question"], d["comment"]) for d in parsed}
    expected = {(f"{QUESTION} #{w * 1000 + i}", f"w{w} " + "x" * (3000 + i))
                for w in range(8) for i in range(100)}
    assert seen == expected
    assert len(FeedbackLog(path).read(errors="raise")) == 800


def test_torn_last_line_is_skipped_and_next_append_starts_fresh(tmp_path):
    path = tmp_path / "feedback.jsonl"
    log = FeedbackLog(path)
    log.append(_entry(1))
    with open(path, "ab") as fh:
        fh.write(b'{"timestamp": "2024-01-01", "question": "avbr')  # writer killed mid-line
    assert [e.question for e in log.read(errors="raise")] == [f"{QUESTION} #1"]
    log.append(_entry(2))
    assert [e.question for e in log.read()] == [f"{QUESTION} #1", f"{QUESTION} #2"]
    with pytest.raises(KunnskapError, match="Line 2"):
        log.read(errors="raise")


def test_entry_validation():
    with pytest.raises(UsageError, match="up, down"):
        _entry(rating="meh")
    with pytest.raises(UsageError, match="chunk_id"):
        _entry(chunk_id="c-1", evidence="")


def test_export_only_entries_naming_a_passage():
    up = _entry(1)
    down = _entry(2, rating="down", answer="Feil svar [1].")
    unnamed = _entry(3, chunk_id="", evidence="")
    lines = export_testset([up, down, unnamed])
    assert [line["question"] for line in lines] == [up.question, down.question]
    first = lines[0]
    assert first["kind"] == "feedback"
    assert first["history"] == ["Første spørsmål"]
    assert first["evidence"] == [QUOTE]
    assert first["answer"] == up.answer
    assert "answer" not in lines[1] and lines[1]["rejected_answer"] == "Feil svar [1]."
    assert len({line["id"] for line in lines}) == 2


def test_export_keeps_the_latest_rating_of_the_same_question():
    older = _entry(1, rating="down")
    newer = _entry(1, rating="up")
    lines = export_testset([older, newer])
    assert len(lines) == 1 and lines[0]["rating"] == "up"


def test_write_testset_writes_json_lines(tmp_path):
    out = tmp_path / "out" / "fb.jsonl"
    write_testset(export_testset([_entry(1), _entry(2)]), out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["question"] for r in rows] == [f"{QUESTION} #1", f"{QUESTION} #2"]
    assert not os.path.exists(str(out) + ".tmp")


def test_quote_of_separate_sentences_exports_one_evidence_per_part():
    # The report, p. 10: two sentences of section 4.2 that are not adjacent.
    quote = ("I Bærum bor det 31 050 innvandrere inkludert norskfødte med innvandrerforelder. … "
             "Per 2023 er 20 % av befolkningen som har innvandrerbakgrunn i Bærum mellom 0 og 29 år.")
    (line,) = export_testset([_entry(evidence=quote)])
    assert line["evidence"] == [
        "I Bærum bor det 31 050 innvandrere inkludert norskfødte med innvandrerforelder.",
        "Per 2023 er 20 % av befolkningen som har innvandrerbakgrunn i Bærum mellom 0 og 29 år."]


def test_update_lines_merge_into_their_entry_and_old_lines_stand_alone():
    from assistant.feedback import merge_updates

    old_a, old_b = _entry(1), _entry(2)  # written before entries had ids
    first = _entry(3, entry_id="e3")
    changed = first.updated(rating="down")
    commented = changed.updated(comment="Feil tall")
    merged = merge_updates([old_a, first, old_b, changed, commented])
    assert [(e.question, e.rating, e.comment) for e in merged] == [
        (old_a.question, old_a.rating, old_a.comment), (first.question, "down", "Feil tall"),
        (old_b.question, old_b.rating, old_b.comment)]
