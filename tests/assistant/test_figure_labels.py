"""The chat table's «Gjelder» for a figure that leans on, or is set against, another one in the report."""

from __future__ import annotations


def test_a_count_after_a_comparison_is_labelled_with_what_was_compared(assistant):
    # 6.1.1 p. 22-23: «I Bærum er 9,7 prosent av unge mellom 15-29 år utenfor arbeid, utdanning og
    # opplæring. Bærum skiller seg ikke ut fra landet før øvrig, hvor tallet er 9,5 prosent. Dette
    # utgjør allikevel 1860 barn og unge …»: «Dette» is the 9,7 prosent, not the comparison
    a = assistant.ask("Hvor mange unge i alderen 15 til 29 år står utenfor arbeid og utdanning i Bærum?")
    count = next(f for f in a.stated_figures if f.value == "1860")
    assert "unge mellom 15-29 år utenfor arbeid" in count.what and "skiller" not in count.what


def test_a_figure_set_against_another_is_labelled_with_what_both_measure(assistant):
    # 5.2.2 p. 17: «I 2021 bodde 16,6 prosent av barn i Bærum under 18 år trangt mot 18,5 prosent på
    # landsbasis»: the 18,5 prosent are children living crowded in the whole country, not in Bærum;
    # «… 28 prosent, mot 7 prosent i øvrig befolkning i Bærum» names its own group and keeps it
    a = assistant.ask("Hvor stor andel av barna bor trangt på landsbasis?")
    national = next(f for f in a.stated_figures if f.value == "18,5")
    assert "trangt" in national.what and "barn" in national.what
    assert "Bærum" not in national.what and "landsbasis" in national.place
    crowded = assistant.ask("Hvor mange innvandrere bor trangt?")
    rest = next(f for f in crowded.stated_figures if f.value == "7")
    assert "øvrig befolkning" in rest.what


def test_a_figure_after_a_chain_of_leaning_sentences_is_labelled_with_what_the_chain_started_with(assistant):
    # 6.1.3 p. 23: «I dag vokser 11,3 prosent av barna i Norge opp i en familie med vedvarende
    # lavinntekt. Det utgjør rundt 110.700 barn. Tilsvarende tall for Bærum er 6,5 prosent, …»: the
    # 6,5 prosent are Bærum's children in lasting low income, two sentences back, not «Tilsvarende tall»
    a = assistant.ask("Hvor mange barn i Bærum lever i lavinntektsfamilier?")
    bærum = next(f for f in a.stated_figures if f.value == "6,5")
    assert "vedvarende lavinntekt" in bærum.what and "barna" in bærum.what
    assert "Tilsvarende" not in bærum.what and "Norge" not in bærum.what


def test_a_figure_after_mens_is_labelled_from_its_own_clause_or_the_one_it_borrows_from(assistant):
    # 5.3.2 p. 20: «Videre har 18 % opplevd at mor har vært utsatt for minst én form for fysisk eller psykisk
    # vold, mens 14 % har opplevd at far har vært utsatt for dette.»: the 14 % are about the father
    father = assistant.ask("Hvor mange har opplevd at faren deres ble utsatt for vold?")
    fourteen = next(f for f in father.stated_figures if f.value == "14")
    assert "far" in fourteen.what.split() and "mor" not in fourteen.what.split()
    # 6.4.3 p. 32: «… 49 prosent av jentene at de har hatt hodepine, mens 19 prosent av guttene rapporterer
    # det samme»: the 19 prosent measure what the girls' clause says, and nothing of the boys' «det samme»
    headache = assistant.ask("Hvor mange gutter på videregående har hatt hodepine?")
    nineteen = next(f for f in headache.stated_figures if f.value == "19")
    assert "hodepine" in nineteen.what and "samme" not in nineteen.what and "mens" not in nineteen.what


def test_a_figure_after_a_connective_is_labelled_from_its_own_words(assistant):
    # 5.1 p. 12: «50 prosent av ungdomsskoleelever i Bærum oppgir at de har høy tilfredshet med livet.
    # Samtidig er andel ungdomsskoleelever i Bærum som er misfornøyd med flere sider av livet … 6 prosent
    # siden 2014.»: «Samtidig» joins the two, the 6 prosent are the dissatisfied, not the satisfied
    a = assistant.ask("Stemmer det at rundt halvparten av ungdomsskoleelevene er fornøyd med livet sitt?")
    unhappy = next(f for f in a.stated_figures if f.value == "6")
    assert "misfornøyd" in unhappy.what and "tilfredshet" not in unhappy.what
    # … while «Det er en 65 prosent økning» (6.1.2 p. 23) still takes what increased from the sentence before
    rise = next(f for f in assistant.ask("Hvor mye har andelen unge uføre økt i Bærum?").stated_figures
                if f.value == "65")
    assert "25-34 år" in rise.what


def test_a_figure_that_counts_a_part_of_the_sentence_before_is_quoted_with_it(assistant):
    # 4 p. 9: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. 29 495 av disse er barn under 18
    # år. De siste fem årene (2019-2022) har befolkningen økt med 884 personer …»: «disse» are the
    # inhabitants, so that sentence is quoted too; the growth of the population is not what was asked
    a = assistant.ask("Hvor mange barn under 18 år bor i Bærum?")
    assert a.answer.startswith("29 495"), a.answer
    assert "129 874 innbyggere i Bærum" in a.answer
    assert "884" not in a.answer
    children = next(f for f in a.stated_figures if f.value == "29 495")
    assert children.what == "barn under 18 år" and children.asked


def test_an_age_in_years_is_no_measure_of_a_question_on_the_last_years(assistant):
    # 4 p. 9: the population grew by 884 a year in 2019-2022; «29 495 av disse er barn under 18 år»
    # shares only «år» with the question and is another measure
    a = assistant.ask("Hvor mye har folketallet i Bærum vokst per år de siste fem årene?")
    assert a.answer.startswith("De siste fem årene (2019-2022) har befolkningen økt med 884 personer"), a.answer
    assert "29 495" not in a.answer


def test_a_share_of_a_count_is_labelled_with_what_the_count_counts(assistant):
    # 4.2 p. 9: «I Bærum bor det 31 050 innvandrere inkludert norskfødte med innvandrerforelder. Dette
    # utgjør 23,9 prosent av befolkningen.»: the 23,9 prosent are those immigrants, so the label keeps the
    # noun the count names, though not the count itself
    a = assistant.ask("Hvor stor andel av befolkningen i Bærum er innvandrere?")
    share = next(f for f in a.stated_figures if f.value == "23,9")
    assert "innvandrere inkludert norskfødte med innvandrerforelder" in share.what, share
    assert "31 050" not in share.what


def test_the_table_keeps_a_change_and_a_level_apart(assistant):
    # 4 p. 9: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. 29 495 av disse er barn under 18 år.
    # … De siste fem årene (2019-2022) har befolkningen økt med 884 personer i gjennomsnitt hvert år.»: the
    # growth is no figure for how many live there, nor is the number of inhabitants one for the growth
    children = assistant.ask("Hvor mange barn under 18 år bor i Bærum?")
    assert children.stated_figures[0].value == "29 495"
    assert "884" not in [f.value for f in children.stated_figures]
    growth = assistant.ask("Hvor mye har folketallet vokst per år de siste fem årene?")
    assert growth.stated_figures[0].value == "884"
    assert not {"129 874", "29 495"} & {f.value for f in growth.stated_figures}


def test_a_label_leaves_out_where_the_finding_comes_from(assistant):
    # 5.1.4 p. 15: «Studier viser at mellom 5-10 prosent av barn og unge i Norge har atferdsvansker og at
    # omsorgssvikt …»: «Studier viser at» says where it is from, «og at omsorgssvikt …» is another finding
    behaviour = assistant.ask("Hvor mange barn og unge i Norge har atferdsvansker?").stated_figures[0]
    assert behaviour.value == "5-10" and behaviour.what == "barn og unge i Norge har atferdsvansker"
    # 6.3.2 p. 28: «I tillegg viser undersøkelsen at de yngste ikke-heterofile som oftest opplever helsen sin
    # som dårlig, er hele 26 prosent i gruppen 18-24 år.»
    health = assistant.ask("Hvor mange av de yngste ikke-heterofile opplever helsen sin som dårlig?").stated_figures[0]
    assert health.value == "26" and health.what.startswith("de yngste ikke-heterofile")
    assert health.what.endswith("helsen sin som dårlig")
