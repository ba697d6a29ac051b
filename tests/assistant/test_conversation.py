import pytest

from assistant.conversation import is_follow_up, rewrite_query

BOYS = "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?"


@pytest.mark.parametrize("question, expected", [
    ("Og jentene?", "Hvor mange jenter på videregående føler seg svært trygge i nærområdet?"),
    ("Og blant jentene?", "Hvor mange jenter på videregående føler seg svært trygge i nærområdet?"),
    ("Hva med på ungdomsskolen?", "Hvor mange gutter på ungdomsskolen føler seg svært trygge i nærområdet?"),
])
def test_slot_swaps_group_and_level(question, expected):
    assert rewrite_query(question, [BOYS]) == expected


def test_compound_level_keeps_its_tail():
    q = rewrite_query("Hva med på videregående?", ["Hvor mange ungdomsskoleelever har mange psykiske plager?"])
    assert q == "Hvor mange videregåendeelever har mange psykiske plager?"


def test_year_is_swapped_and_chains_resolve_in_order():
    history = ["Hvor mange barn i Bærum levde i vedvarende lavinntekt i 2020?", "Og i 2021?"]
    assert rewrite_query("Hva med i landet?", history) == \
        "Hvor mange barn i landet levde i vedvarende lavinntekt i 2021?"


def test_new_group_is_added_with_the_report_word():
    q = rewrite_query("Enn innvandrerne?", ["Hvor mange unge i Bærum er utenfor arbeid?"])
    assert "innvandrerbakgrunn" in q and "utenfor arbeid" in q


def test_request_for_examples_keeps_the_topic():
    q = rewrite_query("Kan du gi eksempler?", ["Hva er selektiv forebygging?"])
    assert "selektiv forebygging" in q and "eksempler" in q


@pytest.mark.parametrize("question", ["Hvor mange innbyggere har Bærum?", "Hva er SLT?",
                                      "Kan du gi eksempler på selektiv forebygging?"])
def test_standalone_questions_are_unchanged(question):
    assert not is_follow_up(question, BOYS)
    assert rewrite_query(question, [BOYS]) == question


def test_no_history_means_no_rewrite():
    assert rewrite_query("Og jentene?", []) == "Og jentene?"
