import pytest

from assistant.question.followup import is_follow_up, rewrite_query

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


LOW_INCOME_2020 = "Hvor mange barn i Bærum bodde i familier med vedvarende lavinntekt i 2020?"


@pytest.mark.parametrize("question, year", [("Og året etter?", "2021"), ("Hva med året før?", "2019")])
def test_a_year_relative_to_the_earlier_one_is_resolved(question, year):
    q = rewrite_query(question, [LOW_INCOME_2020])
    assert q == LOW_INCOME_2020.replace("2020", year)


def test_relative_year_is_left_alone_when_the_earlier_query_names_two_years():
    q = rewrite_query("Og året etter?", ["Hvordan endret andelen seg fra 2014 til 2020?"])
    assert "2015" not in q and "2021" not in q and "2019" not in q


def test_both_genders_together_drops_the_group_and_keeps_the_topic():
    q = rewrite_query("Og samlet for begge kjønn?", ["Hvor mange jenter på ungdomsskolen har mange psykiske plager?"])
    assert "jente" not in q and "kjønn" not in q
    assert "ungdomsskolen har mange psykiske plager" in q


def test_a_parent_is_swapped_like_a_group():
    q = rewrite_query("Og faren?", ["Hvor mange har opplevd at mora ble utsatt for vold hjemme?"])
    assert q == "Hvor mange har opplevd at faren ble utsatt for vold hjemme?"
    from assistant.reading.slots import slot_values

    assert "parent" not in slot_values("farlige steder om morgenen")  # whole words only
    assert slot_values("mødrene og pappa") == {"parent": {"mor", "far"}}


def test_a_compound_names_both_its_level_and_its_group():
    from assistant.reading.slots import slot_values

    assert slot_values("Hvor mange ungdomsskolegutter trener?") == {"level": {"ungdomsskole"}, "gender": {"gutt"}}
    assert slot_values("vgs-jenter") == {"level": {"videregående"}, "gender": {"jente"}}
    assert slot_values("ungdomsskoleelever") == {"level": {"ungdomsskole"}}  # «elever» is no group
    # a follow-up swaps the part of the compound it changes
    base = "Hvor mange ungdomsskolegutter har blitt slått av en annen ungdom?"
    assert rewrite_query("Og jentene?", [base]) == "Hvor mange ungdomsskolejenter har blitt slått av en annen ungdom?"
    assert rewrite_query("Og på videregående?", [base]) == (
        "Hvor mange videregåendegutter har blitt slått av en annen ungdom?")


def test_a_group_named_inside_a_compound_picks_that_groups_figure(assistant):
    # 6.4.4, page 33: «På ungdomskolen rapporterte 19 prosent av jentene hatefulle eller truende
    # kommentarer rettet mot kjønn, mens 6 prosent av guttene rapporterte det samme.»
    a = assistant.ask("Hvor mange ungdomsskolegutter har fått hatefulle kommentarer om kjønn?")
    assert not a.abstained and a.stated_figures[0].value == "6", a.answer
    assert "19 prosent" not in a.answer.split("[1]")[0]


def test_a_national_limit_is_how_a_figure_is_measured_not_a_place():
    base = "Hvor stor andel av barna i Bærum levde i lavinntektsfamilier i 2020?"
    q = rewrite_query("Og hvis man bruker nasjonale inntektsgrenser?", [base])
    assert q.startswith(base.rstrip("?")) and q.endswith("nasjonale inntektsgrenser")


def test_how_many_of_them_keeps_the_topic_and_adds_the_age_group():
    q = rewrite_query("Hvor mange av dem er under 30 år?",
                      ["Hvor stor del av folk i Bærum er innvandrere eller barn av innvandrere?"])
    assert "innvandrere" in q and q.endswith("under 30 år")


def test_elsewhere_in_the_country_is_the_place_and_not_a_new_word():
    q = rewrite_query("Enn i landet ellers?", ["Hvor stor andel av 15–29-åringene i Bærum verken jobber eller studerer?"])
    assert q == "Hvor stor andel av 15–29-åringene i landet verken jobber eller studerer?"


LOW_INCOME_2020 = ("Hvor stor andel av barna i Bærum bodde i familier med vedvarende lavinntekt i 2020, "
                   "etter de lokale lavinntektsgrensene?")


@pytest.mark.parametrize("question, history, figure", [
    # 5.2.1 p. 17: «… 12 prosent av barn under 18 år …» and «Det utgjør cirka 3300 barn og unge i Bærum.»
    ("Hvor mange barn og unge er det?", [LOW_INCOME_2020], "cirka 3300"),
    # 4.2 p. 10: «… 20 % av befolkningen som har innvandrerbakgrunn i Bærum mellom 0 og 29 år.
    # Det utgjør over 5000 personer.»
    ("Hvor mange personer er det snakk om?",
     ["Hvor stor del av dem med innvandrerbakgrunn i Bærum er mellom 0 og 29 år?"], "over 5000 personer"),
])
def test_a_question_with_nothing_of_its_own_asks_about_the_earlier_topic(assistant, question, history, figure):
    assert is_follow_up(question)
    assert not is_follow_up("Hvor mange barn er det i Bærum totalt?")  # names its place: may stand alone
    a = assistant.ask(question, history)
    assert not a.abstained and a.answer.startswith(("Det utgjør " + figure, figure))
    # the user sees both questions: the earlier one alone would say «andel», not «hvor mange»
    assert a.query_used == f"{history[0]} {question}"


def test_a_year_relative_to_the_earlier_one_is_asked_now_and_must_agree(assistant):
    from assistant.question.followup import rewrite

    first = "Hvor mange barn under 18 år i Bærum bodde i husholdninger med vedvarende lavinntekt i 2020?"
    assert rewrite("Og året etter?", [first]).asked_now == "Og 2021?"
    assert rewrite("Og jentene?", [BOYS]).asked_now == "Og jentene?"
    # 5.2.1 p. 17: «Det utgjør cirka 3300 barn og unge i Bærum.» is the 2020 count; the year after is
    # asked as firmly as «Og 2021?», so the 2020 count is never the answer
    a = assistant.ask("Og året etter?", [first])
    assert "3300" not in a.answer


def test_another_age_group_is_swapped_like_a_year(assistant):
    q = rewrite_query("Og de mellom 18 og 24 år?", ["Hvor stor andel av unge mellom 25 og 34 år i Bærum er uføre?"])
    assert q == "Hvor stor andel av unge mellom 18 og 24 år i Bærum er uføre?"
    # 4.1 p. 10: «Aldersgruppen 6-15 år vil også reduseres frem til 2034 …» is not the answer for
    # the children in barnehagealder (1-5 år)
    base = "Hvor lenge vil antallet barn i alderen 6–15 år fortsette å synke i Bærum?"
    assert rewrite_query("Og barna i barnehagealder?", [base]) == (
        "Hvor lenge vil antallet barn i barnehagealder fortsette å synke i Bærum?")  # not «i alderen barnehagealder»
    # an age group alone is no new topic: it is swapped in, and the question still reads as Norwegian
    assert rewrite_query("Og 16-19 år?", [base]) == (
        "Hvor lenge vil antallet barn i alderen 16-19 år fortsette å synke i Bærum?")
    assert rewrite_query("Og barna mellom 16 og 19 år?", [base]) == (
        "Hvor lenge vil antallet barn mellom 16 og 19 år fortsette å synke i Bærum?")
    assert "2034" not in assistant.ask("Og barna i barnehagealder?", [base]).answer


def test_how_many_of_them_are_children_opens_with_the_children(assistant):
    # 4 p. 9: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. 29 495 av disse er barn under 18 år.»
    a = assistant.ask("Og hvor mange av dem er barn?", ["Hvor mange bor i Bærum nå?"])
    assert a.answer.startswith("29 495"), a.answer
    assert a.stated_figures[0].value == "29 495"


@pytest.mark.parametrize("question", ["Hva med resten av befolkningen?", "Og i resten av befolkningen?"])
def test_the_rest_of_the_population_is_everyone_but_the_group_before(assistant, question):
    # 5.2.2 p. 17: «… som bor trangt, 28 prosent sammenlignet med 7 prosent i øvrig befolkning i Bærum.»
    a = assistant.ask(question, ["Hvor mange innvandrere i Bærum bor trangt?"])
    assert "trangt" in a.search_terms
    assert not a.abstained and a.stated_figures[0].value == "7" and a.stated_figures[0].unit == "prosent", a.answer


def test_the_rest_of_the_country_is_another_place_and_keeps_the_group(assistant):
    # 6.3 p. 28: «… høyere andel innvandringsbefolkning (19,5 prosent) enn resten av landet (16 prosent).»
    a = assistant.ask("Hvordan er det sammenlignet med resten av landet?",
                      ["Hvor mange innvandrere, inkludert norskfødte med innvandrerforeldre, bor i Bærum?"])
    assert "19,5 prosent" in a.answer and "16 prosent" in a.answer, a.answer


def test_a_why_follow_up_is_answered_by_the_reason_not_by_the_answer_before(assistant):
    # 6.5.1 p. 35: the list of the most vulnerable children, and later «Covid-19-pandemien har blitt
    # etterfulgt av økende politisk og økonomisk usikkerhet. Det er derfor viktig å følge med på …»
    first = "Hvilke barn var mest sårbare under koronapandemien?"
    before = assistant.ask(first)
    assert "• Barn fra lavinntektsfamilier" in before.answer
    a = assistant.ask("Hvorfor skal vi følge med på disse barna nå som pandemien er over?", [first])
    assert a.answer.startswith("Covid-19-pandemien har blitt etterfulgt av økende politisk og økonomisk usikkerhet.")
    assert "• Barn fra lavinntektsfamilier" not in a.answer and not a.note


def test_a_why_follow_up_the_report_gives_no_reason_for_says_so(assistant):
    # 5.1.3 p. 13-14 tells that loneliness rose from 2014 to 2022 and between whom, not why; what the
    # report says of loneliness's causes in general is already in the overview (6.1.3 p. 24: «Færre
    # ressurser … kan så føre til utenforskap og ensomhet»), so the follow-up may lead with it but must
    # quote nothing new, and say so
    first = "Hva sier rapporten om ensomhet?"
    before = assistant.ask(first)
    a = assistant.ask("Hvorfor det?", [first])
    assert "plaget av ensomhet fra 2014 til 2022" in before.answer, before.answer
    said = " ".join(c.quote for c in before.citations)
    assert a.citations and all(part in said for c in a.citations for part in c.quote.split(" … ")), a.answer
    assert a.note == "Rapporten sier ikke mer om hvorfor enn det som sto i forrige svar; utdragene er de samme."
