"""A why question is answered by the sentence that gives the reason, read with the sentence it explains
(«… blitt halvert. Dette skyldes …»), even when the reason shares no word with the question."""

from __future__ import annotations

import pytest

from assistant.reading.text import split_sentences


@pytest.mark.parametrize("question", ["Hvorfor vokser ikke folketallet like raskt som før?",
                                      "Hvorfor har befolkningsveksten bremset opp?"])
def test_the_first_quote_gives_what_is_explained_and_then_the_reason(assistant, question):
    # 4, page 9: «Sammenlignet med femårsperioden før dette har gjennomsnittlig årlig befolkningsvekst
    # blitt halvert. Dette skyldes i hovedsak at det flytter flere ut av kommunen enn det flytter inn.»
    # The passage's figures before them (129 874 innbyggere …) may come first: the same paragraph.
    a = assistant.ask(question)
    first = [s.text for s in split_sentences(a.citations[0].quote)]
    at = next(i for i, s in enumerate(first) if s.startswith("Sammenlignet med femårsperioden før dette"))
    assert first[at + 1].startswith("Dette skyldes i hovedsak at det flytter flere ut av kommunen"), a.answer
    assert a.answer.index("Sammenlignet med femårsperioden") < a.answer.index("[1]"), a.answer


def test_a_reason_for_something_else_is_not_read_with_the_sentence_before(assistant):
    # a question that asks no reason keeps its answer: «Hvor mange …» is not answered by «Dette skyldes …»
    a = assistant.ask("Hvor mange innbyggere bodde i Bærum per 1. januar 2023?")
    assert "129 874" in split_sentences(a.answer)[0].text, a.answer


def test_the_premise_asked_about_brings_the_reason_after_it(assistant):
    # 6.3.3, page 30: «… men vi har lite lokal data og statistikk om levekårene til personer med nedsatt
    # funksjonsevne i Bærum, inkludert barn og unge. En av årsakene til at det er vanskelig å måle er at det
    # ikke er en felles metode for å måle/definere funksjonsnedsettelser, …»
    a = assistant.ask("Hvorfor vet vi så lite om levekårene til personer med nedsatt funksjonsevne i Bærum?")
    assert not a.abstained
    assert "En av årsakene til at det er vanskelig å måle er at det ikke er en felles metode" in a.answer, a.answer
