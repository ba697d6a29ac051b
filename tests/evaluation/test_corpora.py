"""SQuAD and BEIR loaders on tiny files, and a tiny outside corpus scored end to end."""

from __future__ import annotations

import json

import pytest

from evaluation.compare import EvalConfig
from evaluation.corpora import evaluate_corpus, load_beir, load_squad
from kunnskap.errors import TestSetError

CONTEXTS = [
    "Oslo er hovedstaden i Norge.\nByen ligger innerst i Oslofjorden.",
    "Bergen er kjent for regn og for Bryggen, som står på UNESCOs verdensarvliste.",
    "Tromsø ligger nord for polarsirkelen, og der kan man se nordlys om vinteren.",
]


def squad_file(tmp_path):
    data = {"data": [
        {"title": "A", "paragraphs": [
            {"context": CONTEXTS[0], "qas": [
                {"id": 1, "question": "Hva er hovedstaden i Norge?", "answers": []},
                {"id": 2, "question": "Hvor ligger Oslo?", "answers": []},
                {"id": 9, "question": "Umulig?", "answers": [], "is_impossible": True}]},
            {"context": CONTEXTS[1], "qas": [
                {"id": 3, "question": "Hvilken by er kjent for Bryggen og mye regn?", "answers": []}]}]},
        # flattened NorQuAD style, and the same context again: still one document
        {"paragraphs": [{"context": CONTEXTS[2], "qas": [
            {"id": 4, "question": "Hvor kan man se nordlys?", "answers": []}]}]},
        {"paragraphs": [{"context": CONTEXTS[0], "qas": [
            {"id": 5, "question": "Hvilken fjord ligger Oslo ved?", "answers": []},
            {"id": 4, "question": "Hvilken by er hovedstaden i Norge?", "answers": []}]}]},
    ]}
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_squad_corpus_is_the_unique_contexts(tmp_path):
    c = load_squad(squad_file(tmp_path))
    assert sorted(c.docs.values()) == sorted(CONTEXTS)
    # the impossible one is left out; a reused id (NorQuAD has some) keeps both questions
    assert set(c.queries) == {"1", "2", "3", "4", "5", "4-2"}
    assert c.queries["4-2"] == "Hvilken by er hovedstaden i Norge?"
    doc_of = {text: doc for doc, text in c.docs.items()}
    assert c.qrels["1"] == {doc_of[CONTEXTS[0]]: 1}
    assert c.qrels["5"] == c.qrels["1"]
    assert c.qrels["4"] == {doc_of[CONTEXTS[2]]: 1}


def test_squad_errors(tmp_path):
    with pytest.raises(TestSetError, match="does not exist"):
        load_squad(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"data": [{"paragraphs": [{"qas": []}]}]}')
    with pytest.raises(TestSetError, match="needs a string \"context\""):
        load_squad(bad)


def test_beir_folder(tmp_path):
    (tmp_path / "qrels").mkdir()
    (tmp_path / "corpus.jsonl").write_text(
        '{"_id": "d1", "title": "Oslo", "text": "Hovedstaden i Norge."}\n'
        '{"_id": "d2", "title": "", "text": "Bergen har mye regn."}\n', encoding="utf-8")
    (tmp_path / "queries.jsonl").write_text(
        '{"_id": "q1", "text": "Hva er hovedstaden?"}\n{"_id": "q2", "text": "Hvor regner det?"}\n'
        '{"_id": "q3", "text": "Uten vurdering"}\n', encoding="utf-8")
    (tmp_path / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq2\td1\t0\n", encoding="utf-8")
    c = load_beir(tmp_path)
    assert c.docs == {"d1": "Oslo. Hovedstaden i Norge.", "d2": "Bergen har mye regn."}
    assert c.queries == {"q1": "Hva er hovedstaden?", "q2": "Hvor regner det?"}
    assert c.qrels == {"q1": {"d1": 1}, "q2": {"d2": 2}}


def test_beir_missing_files(tmp_path):
    with pytest.raises(TestSetError, match="corpus.jsonl"):
        load_beir(tmp_path)


@pytest.mark.slow
def test_tiny_corpus_is_indexed_and_scored(tmp_path):
    corpus = load_squad(squad_file(tmp_path))
    reports = evaluate_corpus(corpus, [EvalConfig("bm25", "bm25"), EvalConfig("dense", "dense")],
                              build_progress=False)
    assert [r.config["label"] for r in reports] == ["bm25", "dense"]
    for r in reports:
        assert r.config["documents"] == 3 and r.config["documents_indexed"] == 3
        assert r.metrics["n"] == 6
        assert r.metrics["hit@10"] == 1.0          # only three documents: all are retrieved
        assert len(r.per_query) == 6 and all(len(row["ranks"]) == 1 for row in r.per_query)
        # every question has a single relevant document, so hit@1 equals the share at rank 1
        assert r.metrics["hit@1"] == pytest.approx(
            sum(row["ranks"] == [1] for row in r.per_query) / 6)
    bm25 = {row["id"]: row["ranks"] for row in reports[0].per_query}
    assert bm25["3"] == [1]   # «Bryggen» and «regn» occur only in the Bergen context
