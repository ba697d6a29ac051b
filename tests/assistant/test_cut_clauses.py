"""A figure answer cuts the report's sentence so that the asked figure comes first; when the clause it
keeps says what it measures only with the words cut away («… mens 19 prosent av guttene rapporterer
det samme»), those words follow it, so the answer still says what the figure is of."""

from __future__ import annotations

import re

from assistant.compose.cutting import cut_away, from_figure
from assistant.proof.numbers import unproven_numbers

# 6.4.3, page 32 of the report
HEADACHE = ("På videregående skole rapporterer 49 prosent av jentene at de har hatt hodepine, mens 19 prosent "
            "av guttene rapporterer det samme.")
# 6.4.1 of the report (Skole)
HOMEWORK = ("Kun 8 prosent av guttene bruker 2 eller mer timer på skolearbeid, mens andelen ligger på 20 "
            "prosent blant jentene.")
# 6.4.3: «samme nivå som …» says what it is the same as
HAPPY = ("Andel ungdomsskole elever i Bærum som har troen på et lykkelig liv har gått ned fra 79 prosent til "
         "70 prosent i perioden 2014 til 2022, og ligger omtrent på samme nivå som resten av landet.")

# 6.4.1 of the report (Skole): the second figure is inside a parenthesis the cut opens
DREAD = ("Likevel er den en tendens til at jenter på videregående skole gruer seg noe mer til å gå på skolen "
         "enn gutter (20 prosent mot 29 prosent).")


def test_a_cut_inside_a_parenthesis_leaves_no_closing_parenthesis_behind():
    cut = from_figure(DREAD, DREAD.index("29 prosent"))
    assert cut.endswith("… 29 prosent.")
    assert cut.count("(") == cut.count(")") == 0


def test_a_clause_that_says_det_samme_gives_back_the_clause_it_leans_on():
    at = HEADACHE.index("19 prosent")
    assert from_figure(HEADACHE, at, headed=True) == "… 19 prosent av guttene rapporterer det samme."
    assert cut_away(HEADACHE, at) == ("På videregående skole rapporterer 49 prosent av jentene at de har hatt "
                                      "hodepine …")


def test_andelen_with_a_verb_leans_back_too():
    at = HOMEWORK.index("20 prosent")
    assert from_figure(HOMEWORK, at, headed=True) == "… andelen ligger på 20 prosent blant jentene."
    assert cut_away(HOMEWORK, at).startswith("Kun 8 prosent av guttene bruker 2 eller mer timer på skolearbeid")


def test_a_clause_that_stands_on_its_own_gives_back_nothing():
    at = HAPPY.index("70 prosent")
    assert cut_away(HAPPY, at) is None
    assert from_figure(HAPPY, at) == ("Andel ungdomsskole elever i Bærum som har troen på et lykkelig liv har "
                                      "gått ned … til 70 prosent i perioden 2014 til 2022, og ligger omtrent på "
                                      "samme nivå som resten av landet.")
    assert cut_away(HEADACHE, HEADACHE.index("49 prosent")) is None  # the first figure needs no cut


def test_the_asked_figure_opens_the_answer_and_the_answer_says_what_it_measures(assistant):
    a = assistant.ask("Hvor mange gutter på videregående har hatt hodepine?")
    body = re.sub(r"\s*\[\d+\]", "", a.answer)
    assert body.startswith("… 19 prosent av guttene rapporterer det samme."), a.answer
    assert "hodepine" in body and body.count("19 prosent") == 1
    assert a.numbers_verified and unproven_numbers(a.answer, [c.text for c in a.citations]) == []
    assert a.stated_figures[0].asked and a.stated_figures[0].value == "19"


# 6.4.4 p. 34, the caption of figure 17: its one figure is in the parenthesis that explains it
CAPTION = ("Figur 17: Prosentandel av ungdomsskoleelever i Bærum som har svart «1 gang» eller «fler» på "
           "påstander relatert til vold (spørsmål er kun stilt til 90 prosent av ungdommene).")


def test_a_figure_in_an_explaining_parenthesis_counts_only_when_the_question_asks_what_it_explains():
    from assistant.compose.lead import window_items
    from assistant.reading.text import split_sentences, terms

    window = split_sentences(CAPTION)
    asked = frozenset(terms("Hvor stor andel fikk spørsmålene om vold"))
    assert [i.shown for i in window_items(window, {}, asked, measure=asked)] == ["90 prosent"]
    # asked about violence and who is counted, the parenthesis says nothing that is asked
    about = frozenset(terms("vold fra andre ungdommer"))
    assert window_items(window, {}, about, measure=frozenset(terms("vold fra andre"))) == []


def test_the_share_of_pupils_who_got_the_questions_is_answered_from_the_caption(assistant):
    a = assistant.ask("Hvor stor andel av ungdomsskoleelevene fikk spørsmålene om vold i Ungdata?")
    assert not a.abstained and "90 prosent" in a.answer, a.answer
    assert a.stated_figures[0].asked and a.stated_figures[0].value == "90"
    # labelled from the parenthesis, not from the caption's «… har svart «1 gang» …»
    assert "spørsmål er kun stilt til" in a.stated_figures[0].what and "svart" not in a.stated_figures[0].what
    assert a.numbers_verified
    # the follow-up on violence from other youths is not answered with the share who got the questions
    b = assistant.ask("Hva med vold fra andre ungdommer?",
                      ["Hvor mange ungdommer i Bærum har blitt slått av en voksen i familien?"])
    assert not any(f.value == "90" and f.asked for f in b.stated_figures), b.answer
