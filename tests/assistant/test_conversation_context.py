"""A question searched alone after others is searched with the conversation's topic beside it
(``Rewrite.context``, ``Retriever.search(context=…)``), on the real index and the real model.

«Hvorfor har veksten bremset opp?» names no topic the rewriting can merge («veksten» of what?);
the report answers it in chapter 4 (page 9): «Sammenlignet med femårsperioden før dette har
gjennomsnittlig årlig befolkningsvekst blitt halvert. Dette skyldes i hovedsak at det flytter flere
ut av kommunen enn det flytter inn.»"""

from __future__ import annotations

import pytest

from assistant.question.followup import refers_back, rewrite
from assistant.search.retrieval import Retriever
from evaluation.compare import EvalConfig, parse_compare, with_fusion
from kunnskap.errors import UsageError

GROWTH = "Vokser folketallet i Bærum like mye som før?"
WHY_SLOWER = "Hvorfor har veksten bremset opp?"
REASON = "flytter flere ut av kommunen"


def test_a_question_searched_alone_after_another_carries_the_earlier_search_as_context():
    r = rewrite(WHY_SLOWER, [GROWTH])
    assert (r.question, r.search, r.context) == (WHY_SLOWER, WHY_SLOWER, GROWTH)
    assert rewrite(WHY_SLOWER, []).context == ""  # a first question has none
    assert rewrite("Vis figur 14", [GROWTH]).context == ""  # a named figure is all it asks for
    merged = rewrite("Og jentene?", ["Hvor mange gutter på videregående føler seg trygge?"])
    assert merged.context == "" and "jenter" in merged.search  # merged follow-ups need none


@pytest.mark.parametrize("question, points", [
    ("Hvorfor har veksten bremset opp?", True),            # a definite noun: whose growth?
    ("Hvilke hovedområder består den av?", True),          # a pronoun
    ("Er Bærum bedre eller dårligere enn resten av landet på det?", True),
    ("Hva slags ting går man glipp av da?", True),         # «da»: then, in that case
    ("Hva er utenforskap?", False),                        # a topic of its own, in the indefinite
    ("Kan du gi eksempler på selektiv forebygging?", False),
    ("Hva står på side 12?", False),                       # a named part is all it asks for
    ("Hva sier rapporten om mobbing?", False),             # the document is always known
])
def test_only_a_question_that_refers_back_is_searched_with_the_context(question, points):
    assert refers_back(question) is points
    assert bool(rewrite(question, [GROWTH]).context) is points


def test_the_context_of_a_chain_is_the_earlier_turn_as_it_was_searched():
    r = rewrite("Hvorfor det?", ["Hvor mange gutter på videregående føler seg trygge?", "Og jentene?"])
    assert r.context == "" and "jenter" in r.search
    after = rewrite(WHY_SLOWER, ["Hvor mange gutter på videregående føler seg trygge?", "Og jentene?"])
    assert after.search == WHY_SLOWER
    assert after.context == "Hvor mange jenter på videregående føler seg trygge?"


def _rank(hits, text):
    return next((h.rank for h in hits if text in " ".join(h.chunk.text.split())), None)


def test_the_context_brings_the_passage_on_the_conversations_topic(report_index):
    alone = Retriever(report_index).search(WHY_SLOWER, k=5)
    steered = Retriever(report_index).search(WHY_SLOWER, k=5, context=GROWTH)
    assert _rank(alone, REASON) is None  # «veksten» alone finds other growth
    assert _rank(steered, REASON) is not None and _rank(steered, REASON) <= 3
    off = Retriever(report_index, context=0.0).search(WHY_SLOWER, k=5, context=GROWTH)
    assert [h.chunk.id for h in off] == [h.chunk.id for h in alone]


def test_the_assistant_quotes_the_reason_from_the_conversations_passage(assistant):
    answer = assistant.ask(WHY_SLOWER, [GROWTH])
    assert not answer.abstained
    assert REASON in " ".join(answer.answer.split())
    assert answer.query_used == WHY_SLOWER  # shown as asked: nothing was merged into it


def test_a_question_with_a_topic_of_its_own_keeps_its_passage(assistant):
    """«Hva er utenforskap?» after a low-income question refers to nothing before it: it is answered
    with the report's definition (section 6.1, page 22), not the low-income passage's «utenforskap»."""
    answer = assistant.ask("Hva er utenforskap?", ["Hvor mange barn i Bærum lever i lavinntektsfamilier?"])
    text = " ".join(answer.answer.split())
    assert text.startswith("Utenforskap betegner mennesker eller grupper som står på utsiden av fellesskapet")


def test_the_context_weight_is_checked_and_compared(report_index):
    for bad in (-0.1, 1.5):
        with pytest.raises(UsageError, match="between 0 and 1"):
            Retriever(report_index, context=bad)
    assert [c.context for c in parse_compare("context=0,context=0.7")] == [0.0, 0.7]
    with pytest.raises(UsageError, match="context='x'"):
        parse_compare("context=x")
    base = Retriever(report_index)
    assert with_fusion(base, EvalConfig(context=0.3)).context == 0.3
    assert with_fusion(base, EvalConfig()) is base
