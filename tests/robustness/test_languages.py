"""English and nynorsk questions: answered as well as the index allows, never a crash.

Ten dev-set questions (``testsets/devset.jsonl``), translated by hand, keep their evidence. The
hit@5 is for information only (README «Robusthet»); the test fails on a crash or a malformed answer.
"""

from __future__ import annotations

import json

import pytest

from evaluation.testset import DEFAULT_TESTSET, read_testset, relevant

robustness = pytest.mark.robustness

# dev-set id → (English, nynorsk)
TRANSLATED = {
    "q001": ("How many inhabitants does Bærum have?", "Kor mange innbyggjarar har Bærum?"),
    "q002": ("How many children under 18 live in the municipality?",
             "Kor mange born under 18 år bur i kommunen?"),
    "q004": ("What share of the inhabitants have an immigrant background?",
             "Kor stor del av innbyggjarane har innvandrarbakgrunn?"),
    "q005": ("How many nationalities live in Bærum?", "Kor mange nasjonalitetar bur det i Bærum?"),
    "q011": ("What share of lower secondary pupils exercise regularly?",
             "Kor stor del av elevane på ungdomsskulen trenar jamleg?"),
    "q014": ("How many children live in families with persistent low income in Bærum?",
             "Kor mange born bur i familiar med vedvarande låginntekt i Bærum?"),
    "q016": ("How many children in Bærum live in overcrowded homes?",
             "Kor mange born i Bærum bur for trongt?"),
    "q023": ("How many complete upper secondary school in Bærum?",
             "Kor mange fullfører vidaregåande skule i Bærum?"),
    "q024": ("How many young people in Bærum neither work nor study?",
             "Kor mange unge i Bærum verken jobbar eller studerer?"),
    "q038": ("What is resilience?", "Kva er resiliens?"),
}
LANGUAGES = {"bokmål (original)": None, "engelsk": 0, "nynorsk": 1}
# hit@5 (hybrid, e5-small) measured with ``hit_at_5`` on 2026-11-28; shown in the README, for information
MEASURED = {"bokmål (original)": 1.0, "engelsk": 0.7, "nynorsk": 0.8}


def _questions(language: str) -> list[tuple[str, tuple[str, ...]]]:
    dev = {q.id: q for q in read_testset(DEFAULT_TESTSET)}
    col = LANGUAGES[language]
    return [(dev[i].question if col is None else pair[col], dev[i].evidence)
            for i, pair in TRANSLATED.items()]


def hit_at_5(retriever, language: str) -> float:
    """Share of the translated questions with an evidence passage in the top 5 (hybrid)."""
    qs = _questions(language)
    found = sum(any(relevant(h.chunk.text, ev) for h in retriever.search(q, k=5)) for q, ev in qs)
    return found / len(qs)


@robustness("Spørsmål på engelsk eller nynorsk",
            "Besvares så godt indeksen tillater, uten krasj; treff@5 på 10 oversatte dev-spørsmål står under")
@pytest.mark.parametrize("language", ["engelsk", "nynorsk"])
def test_translated_questions_are_answered_without_crash(assistant, retriever, language):
    for question, _ in _questions(language):
        answer = assistant.ask(question)
        json.dumps(answer.to_dict(), ensure_ascii=False)
        assert answer.question == question and answer.answer
        assert answer.numbers_verified
        assert answer.citations if not answer.abstained else answer.nearest
    score = hit_at_5(retriever, language)
    print(f"hit@5 {language}: {score:.2f}")
    assert 0.0 <= score <= 1.0
