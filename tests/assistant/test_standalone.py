"""Follow-ups never leak (issue 14): a question that stands on its own is not merged with the
earlier topic, and what the user is shown as searched is plain Norwegian."""

from __future__ import annotations

import re

import pytest

from assistant.question.followup import is_follow_up, refers_back, rewrite, rewrite_query

LOW_INCOME = "Hvor mange barn i Bærum lever i lavinntektsfamilier?"
NATIONAL = "Hva med i landet som helhet?"
BOYS = "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?"
SAFE = "Føler ungdom seg trygge i nabolaget sitt?"


@pytest.mark.parametrize("question, history", [
    ("Vis figur 14", [LOW_INCOME, NATIONAL]),                      # the issue's conversation
    ("Vis figur 12", [LOW_INCOME]),
    ("kan du vise meg figur 16", [SAFE]),
    ("Hva viser figur 11?", ["Hvilke grupper var mest utsatt under pandemien?"]),
    ("Hva med figur 3?", [LOW_INCOME]),                             # an opener, but a figure named
    ("Og figuren 10?", [BOYS]),
    ("Hva står i kapittel 8?", ["Hvor mange innvandrere bor i Bærum?", "Hvilke land kommer de fra?"]),
    ("Og kapittel 6?", [LOW_INCOME]),
    ("Hva handler avsnitt 5.2.3 om?", [BOYS]),
    ("Hva sier 6.4.2 om jentene?", [BOYS]),                         # a section number and a group
    ("Hva står på side 12?", [LOW_INCOME]),
    ("Og side 20?", [BOYS]),
    ("Hva er utenforskap?", [LOW_INCOME, "Hvilke områder er mest berørt?"]),
    ("Hvorfor kalles barnevernsreformen også en oppvekstreform?", ["Er det mye mobbing på ungdomsskolen?"]),
    ("Hvordan definerer WHO helse?", ["Hva sier rapporten om unge uføre?"]),
    ("Hvorfor lønner det seg å sette inn tiltak tidlig i barnets liv?", ["Hvor mange innvandrere bor i Bærum?"]),
    ("Hvor mange barn i Bærum bor trangt?", [BOYS]),
])
def test_a_question_that_stands_on_its_own_is_searched_and_shown_as_asked(question, history):
    assert not is_follow_up(question, rewrite_query(history[-1], history[:-1]))
    r = rewrite(question, history)
    assert r.question == question and r.search == question


# «det» as a formal subject points at nothing said before: the question gets no earlier topic
# beside it, and the chat shows no «Søkt i sammenheng med forrige spørsmål»
@pytest.mark.parametrize("question", [
    "Hvorfor lønner det seg å sette inn tiltak tidlig i barnets liv?",
    "Er det vanlig at unge trener i idrettslag?",
    "Hva er det som gjør at unge faller utenfor?",
    "Finnes det gratis aktiviteter for barn i lavinntektsfamilier?",
])
def test_a_formal_det_is_no_reference_to_the_question_before(question):
    assert rewrite(question, ["Hvor mange innvandrere bor i Bærum?"]).context == ""


@pytest.mark.parametrize("question", ["Hvorfor skjer det?", "Hva betyr det for barna?",
                                      "Hva kan det skyldes at det har økt?"])
def test_a_det_that_stands_for_something_before_still_refers_to_it(question):
    assert refers_back(question)


def test_the_place_as_a_whole_is_a_swap_not_a_new_word():
    r = rewrite(NATIONAL, [LOW_INCOME])
    assert r.question == r.search == "Hvor mange barn i landet lever i lavinntektsfamilier?"


# What the user is shown is always sentences as people write them: the earlier question and the
# follow-up as asked when words were added for the search, never a keyword list.
@pytest.mark.parametrize("question, history, shown", [
    ("Enn innvandrerne?", ["Hvor mange unge i Bærum er utenfor arbeid?"],
     "Hvor mange unge i Bærum er utenfor arbeid? Enn innvandrerne?"),
    ("Hvorfor det?", ["Hvor mange unge i Bærum er utenfor arbeid?"],
     "Hvor mange unge i Bærum er utenfor arbeid? Hvorfor det?"),
    ("Og jentene?", ["Hvor mange unge i Bærum er utenfor arbeid?", "Enn innvandrerne?"],
     "Hvor mange unge i Bærum er utenfor arbeid? Enn innvandrerne? Og jentene?"),
    ("Og jentene?", [BOYS], "Hvor mange jenter på videregående føler seg svært trygge i nærområdet?"),
    ("Hva med på videregående?", ["Hvor mange ungdomsskoleelever har mange psykiske plager?"],
     "Hvor mange videregåendeelever har mange psykiske plager?"),
    ("Hva med i 2014?", ["Hvor mange barn i Bærum levde i vedvarende lavinntekt i 2020?", "Og i 2021?"],
     "Hvor mange barn i Bærum levde i vedvarende lavinntekt i 2014?"),
    # a question of its own after «Og»: nothing of the earlier turn is searched, so none is shown
    ("Og hvor mange har sett en voksen hjemme slå søsknene sine?",
     ["Hvor mange ungdommer i Bærum har blitt slått av en voksen i familien?"],
     "Og hvor mange har sett en voksen hjemme slå søsknene sine?"),
])
def test_what_the_user_is_shown_is_plain_norwegian(question, history, shown):
    r = rewrite(question, history)
    assert r.question == shown
    assert r.search == rewrite_query(question, history)  # the search keeps its expansions


def test_expansions_stay_in_the_search_only():
    r = rewrite("Enn innvandrerne?", ["Hvor mange unge i Bærum er utenfor arbeid?"])
    assert "innvandrerbakgrunn" in r.search and "innvandrerbakgrunn" not in r.question


def test_the_issue_conversation_shows_figure_14_and_no_low_income_words(assistant):
    from assistant.conversation import Conversation

    chat = Conversation(assistant)
    chat.ask(LOW_INCOME)
    chat.ask(NATIONAL)
    a = chat.ask("Vis figur 14")
    assert [f.number for f in a.figures] == [14]
    # The report, p. 32 (the page that opens with «Figur 13: …»): «Figur 14: Prosentandel
    # videregåendeelever i Bærum som har hatt mange psykiske plager den siste uka.»
    assert "psykiske plager" in a.figures[0].caption and a.figures[0].page == 32
    assert not re.search(r"lavinntekt|inntekt|landet|helhet", a.query_used, re.IGNORECASE)
    assert not re.search(r"lavinntekt|inntekt|landet|helhet", a.search_terms, re.IGNORECASE)


def test_a_real_follow_up_still_answers_with_its_swapped_question(assistant):
    a = assistant.ask("Og jentene?", [BOYS])
    assert a.query_used == "Hvor mange jenter på videregående føler seg svært trygge i nærområdet?"
    assert "41 prosent" in a.answer  # the report, p. 18: «… 41 prosent av jentene …»
