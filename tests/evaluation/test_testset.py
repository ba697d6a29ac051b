"""Test-set reader, text relevance and stale-evidence detection."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from evaluation.testset import (
    TestQuestion,
    check_evidence,
    missing_evidence,
    read_testset,
    relevant,
    relevant_ids,
)
from kunnskap.errors import TestSetError


def write(tmp_path, *lines: str):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = ('{"id": "q001", "kind": "figure", "question": "Hvor mange innbyggere hadde Bærum i 2023?", '
        '"history": [], "evidence": ["Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum"], '
        '"answer": "129 874", "section": "4", "page": 9}')


def test_reads_the_issue_example_exactly(tmp_path):
    [q] = read_testset(write(tmp_path, GOOD))
    assert q == TestQuestion(id="q001", question="Hvor mange innbyggere hadde Bærum i 2023?",
                             evidence=("Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum",),
                             history=(), kind="figure", answer="129 874", section="4", page=9)


def test_only_id_question_evidence_are_required_and_extra_fields_are_ignored(tmp_path):
    qs = read_testset(write(tmp_path,
                            '{"id": "a", "question": "Hva?", "evidence": []}', "",
                            '{"id": "b", "question": "Og?", "evidence": ["x"], "history": ["Hva?"], '
                            '"split": "test", "reviewer": "kari", "difficulty": 3}'))
    assert [q.id for q in qs] == ["a", "b"]
    assert not qs[0].answerable and qs[0].kind == "" and qs[0].page is None
    assert qs[1].history == ("Hva?",) and qs[1].split == "test"


@pytest.mark.parametrize("line, fragment", [
    ('{"id": "a", "question": "Hva?", "evidence": [}', "not valid JSON"),
    ('["id", "question"]', "JSON object"),
    ('{"question": "Hva?", "evidence": []}', "missing required field 'id'"),
    ('{"id": "a", "evidence": []}', "missing required field 'question'"),
    ('{"id": "a", "question": "Hva?"}', "missing required field 'evidence'"),
    ('{"id": "a", "question": "Hva?", "evidence": "tekst"}', "list of strings"),
    ('{"id": "a", "question": "Hva?", "evidence": [1]}', "list of strings"),
    ('{"id": "a", "question": "Hva?", "evidence": [], "history": "Hva?"}', "'history' must be a list"),
    ('{"id": "a", "question": 5, "evidence": []}', "'question' must be a string"),
    ('{"id": "a", "question": "Hva?", "evidence": [], "page": "ni"}', "'page' must be a whole number"),
    ('{"id": "a", "question": "Hva?", "evidence": [], "split": "train"}', "use one of: tune, test"),
    ('{"id": "a", "question": "  ", "evidence": []}', "'question' is empty"),
])
def test_bad_lines_name_file_and_line(tmp_path, line, fragment):
    path = write(tmp_path, GOOD.replace("q001", "q000"), line)
    with pytest.raises(TestSetError) as err:
        read_testset(path)
    assert f"{path}:2" in str(err.value)
    assert fragment in str(err.value)


def test_duplicate_ids_are_refused_with_both_lines(tmp_path):
    path = write(tmp_path, GOOD, '{"id": "x", "question": "Hva?", "evidence": []}', GOOD)
    with pytest.raises(TestSetError, match=r"set.jsonl:3: duplicate id 'q001' \(first used on line 1\)"):
        read_testset(path)


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(TestSetError, match="does not exist"):
        read_testset(tmp_path / "nope.jsonl")
    with pytest.raises(TestSetError, match="holds no questions"):
        read_testset(write(tmp_path, "", "  "))


def test_relevance_normalises_nfkc_and_every_whitespace_run():
    chunk = "Per 1. januar 2023 bodde det 129\u202f874 innbyggere\ni Bærum."
    assert relevant(chunk, ["129 874 innbyggere i Bærum"])
    assert relevant("129\u00a0874  innbyggere", ["129 874 innbyggere"])
    assert relevant("ﬁre prosent", ["fire prosent"])  # U+FB01 ligature → «fi» under NFKC
    assert relevant("23,9 prosent", ["x", "23,9  prosent"])  # any one evidence string is enough
    assert not relevant("129 875 innbyggere", ["129 874 innbyggere"])
    assert not relevant("anything", [])


def test_missing_evidence_lists_each_stale_string():
    chunks = [SimpleNamespace(id="c1", text="70 prosent av guttene"),
              SimpleNamespace(id="c2", text="41\u202fprosent av jentene")]
    qs = [TestQuestion("a", "?", ("70 prosent av guttene", "99 prosent")),
          TestQuestion("b", "?", ("41 prosent av jentene",)),
          TestQuestion("c", "?", ())]
    assert missing_evidence(qs, chunks) == [("a", "99 prosent")]
    assert relevant_ids(qs[1], chunks) == ["c2"]
    with pytest.raises(TestSetError, match="(?s)1 evidence string.*a: '99 prosent'"):
        check_evidence(qs, chunks)
    check_evidence(qs[1:], chunks)  # no error when every string is found
