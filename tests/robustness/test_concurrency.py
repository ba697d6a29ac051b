"""One loaded assistant shared by 16 threads, and the feedback log under 8 writer processes."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from evaluation.testset import DEFAULT_TESTSET, read_testset

robustness = pytest.mark.robustness
THREADS, QUESTIONS = 16, 50


def _comparable(answer) -> dict:
    """The answer record without its timing."""
    d = dataclasses.asdict(answer)
    d.pop("seconds")
    return d


@robustness("16 tråder × 50 spørsmål mot én lastet assistent",
            "Nøyaktig de samme svarene (hele svarposten unntatt tid) som når de stilles ett og ett")
@pytest.mark.slow
def test_threads_get_exactly_the_sequential_answers(assistant):
    questions = [(q.question, q.history) for q in read_testset(DEFAULT_TESTSET)][:QUESTIONS]
    assert len(questions) == QUESTIONS
    sequential = [_comparable(assistant.ask(q, h)) for q, h in questions]

    def worker(seed: int) -> list[tuple[int, dict]]:
        order = list(range(QUESTIONS))
        random.Random(seed).shuffle(order)  # every thread asks in its own order
        return [(i, _comparable(assistant.ask(*questions[i]))) for i in order]

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    assert sum(len(r) for r in results) == THREADS * QUESTIONS
    for thread, answers in enumerate(results):
        for i, answer in answers:
            assert answer == sequential[i], f"thread {thread}, question {questions[i][0]!r}"


def _writer(path: str, worker: int, count: int) -> None:
    from assistant.feedback import FeedbackEntry, FeedbackLog

    log = FeedbackLog(path)
    for i in range(count):
        log.append(FeedbackEntry.now(
            question=f"Spørsmål {worker}-{i} «æøå»", history=(f"før {worker}",),
            query_used=f"spørsmål {worker} {i}", answer="Det bodde 129 874 innbyggere i Bærum [1].",
            rating="up" if i % 2 else "down", comment=f"w{worker} " + "x" * (2000 + 37 * i),
            chunk_id=f"c-{i}", evidence="Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum."))


@robustness("Tilbakemeldingsloggen med 8 samtidige skriveprosesser",
            "Ingen linje mistet eller ødelagt; hver linje er hel JSON")
def test_feedback_log_survives_eight_writer_processes(tmp_path):
    from assistant.feedback import FeedbackLog

    path = tmp_path / "feedback.jsonl"
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: truly separate processes
    procs = [ctx.Process(target=_writer, args=(str(path), w, 60)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
        assert p.exitcode == 0
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    assert lines.pop() == b""  # ends with a newline
    assert len(lines) == 8 * 60
    parsed = [json.loads(line) for line in lines]
    assert {(d["question"], d["comment"]) for d in parsed} == {
        (f"Spørsmål {w}-{i} «æøå»", f"w{w} " + "x" * (2000 + 37 * i)) for w in range(8) for i in range(60)}
    assert len(FeedbackLog(path).read(errors="raise")) == 8 * 60
