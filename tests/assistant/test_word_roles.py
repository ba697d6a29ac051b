"""What a question word does decides which sentence words carry it: the finite verb of «Hvorfor vokser
…?» is said by «vokser» and «vokst», not by «voksne»; a figure question that names no age is not
answered by a figure for one age band when one for everyone is there; the verb that asks for a
definition («Hva betyr …») is not what the answer is about."""

from __future__ import annotations

import pytest

from assistant.question.asking import asked_verb
from assistant.question.forms import defining_verb
from assistant.reading.text import terms


@pytest.mark.parametrize("question, verb", [
    ("Hvorfor vokser ikke folketallet like raskt som før?", "vokser"),
    ("Hvordan påvirker lav inntekt barna?", "påvirker"),
    ("Når startet arbeidet med temaplanen?", "startet"),
    ("Hva betyr resiliens?", "betyr"),
])
def test_the_verb_after_the_question_word_is_read(question, verb):
    assert asked_verb(question) == frozenset(terms(verb))


@pytest.mark.parametrize("question", [
    "Hvor mange barn bor i Bærum?",  # «Hvor mange» names a thing first
    "Hvor stor andel av elevene trives?",
    "Hva slags tiltak finnes?",
    "Hvilke risikofaktorer kan føre til utenforskap?",
])
def test_no_verb_is_read_where_a_thing_comes_first(question):
    assert asked_verb(question) == frozenset()


def test_a_word_that_only_begins_like_the_verb_does_not_carry_it(assistant):
    # 4, page 9: «Bærum opplever imidlertid ikke økende andel voksne på lik linje som Oslo.» is about
    # adults; the reason the population grows more slowly is «Dette skyldes i hovedsak at det flytter
    # flere ut av kommunen enn det flytter inn.»
    a = assistant.ask("Hvorfor vokser ikke folketallet like raskt som før?")
    assert "voksne" not in a.answer, a.answer
    assert "Dette skyldes i hovedsak at det flytter flere ut av kommunen" in a.answer, a.answer


def test_a_figure_for_one_age_band_does_not_answer_for_everyone(assistant):
    # 6.3, page 28: «Ved inngangen til 2023 var det bosatt 25 342 innvandrere i Bærum …»; 4.2, page 10,
    # counts those with an immigrant background aged 0 to 29 («… mellom 0 og 29 år. Det utgjør over 5000
    # personer.»), and with the headings searched that passage ranks first
    a = assistant.ask("Hvor mange innvandrere bor i Bærum i dag, ikke medregnet norskfødte med innvandrerforeldre?")
    assert "25 342" in a.answer, a.answer
    assert "over 5000 personer" not in a.answer.split("[1]")[0], a.answer


@pytest.mark.parametrize("question, verb", [
    ("Hva betyr utenforskap?", "betyr"),
    ("Hva menes med kumulativ risiko?", "menes"),
    ("Hvordan defineres helse?", "defineres"),
    ("Hva sier rapporten om utenforskap?", ""),
])
def test_the_verb_that_asks_for_a_definition_is_read(question, verb):
    assert defining_verb(question) == frozenset(terms(verb))


def test_a_definition_opens_with_what_defines_the_word_not_with_the_word_asked_with(assistant):
    # 6.1, page 22: «Utenforskap betegner mennesker eller grupper som står på utsiden av fellesskapet.»;
    # 6.1.3, page 24, «Det betyr ikke nødvendigvis at individer som opplever fattigdom …» shares only «betyr»
    a = assistant.ask("Hva betyr utenforskap?")
    assert a.answer.startswith("Utenforskap betegner mennesker eller grupper som står på utsiden av fellesskapet"), \
        a.answer
