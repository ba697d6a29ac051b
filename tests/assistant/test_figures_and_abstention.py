"""Figure leads, near-miss abstention and the per-index passage cache.

Expected values are read from the report: 5.2.3/6.4.2 (trygghet 70 % boys, 41 % girls),
5.2.1 (low income 2020), 6.4.4 (hatefulle kommentarer: 19 % of girls at ungdomsskolen, no
figure for videregående), 5.2.2 (trangboddhet: Bærum and landsbasis only).
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.compose.lead import lead
from assistant.evidence.passages import PassageCache, analyse
from assistant.evidence.credits import credits
from assistant.proof.numbers import unproven_numbers
from assistant.reading.text import content_terms, is_figure_question, split_sentences

TRYGG = ("70 prosent av guttene på videregående skole rapporter at de føler seg svært trygg i "
         "nærområder der de bor, mens det 41 prosent av jentene rapportere det samme.")
BOYS = "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?"


def test_lead_for_girls_names_41_and_not_the_boys_figure():
    text = lead([(split_sentences(TRYGG), "[1]")], {"gender": {"jente"}})
    assert text.startswith("41 prosent (jentene")
    assert "70 prosent" not in text
    assert unproven_numbers(text, [TRYGG]) == []


def test_lead_skips_dates_ages_and_explanations_and_keeps_the_year():
    s = ("I 2020 var det registrert at 12 prosent av barn under 18 år bodde i husholdninger med "
         "vedvarende lavinntekt etter lokale lavinntektsgrenser (inntekt under 60 prosent av "
         "medianinntekt). Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.")
    text = lead([(split_sentences(s), "[2]")], {})
    assert text.startswith("12 prosent (barn under 18 år, etter lokale lavinntektsgrenser, 2020)")
    assert "129 874 innbyggere (Bærum, 2023)" in text
    for absent in ("18 år (", "60 prosent", "1 ("):  # an age is not a figure
        assert absent not in text
    assert text.endswith("[2]")


# 5.1.3, page 14 (optimism by gender, videregående) and 4, page 9 (population).
OPTIMISM = ("Blant elever på videregående skole, rapporterer 56 prosent av guttene at de er optimistiske "
            "om fremtiden og kun 38 prosent av jentene som rapporterer det samme.")


def test_lead_reads_the_group_of_each_figure_not_of_the_sentence():
    boys = lead([(split_sentences(OPTIMISM), "[1]")], {"gender": {"gutt"}, "level": {"videregående"}},
                frozenset({"gutt", "fremtid", "optimist"}))
    assert boys.startswith("56 prosent (guttene, videregående")
    assert "38 prosent" not in boys
    girls = lead([(split_sentences(OPTIMISM), "[1]")], {"gender": {"jente"}})
    assert girls.startswith("38 prosent (jentene") and "56 prosent" not in girls


def test_lead_keeps_the_group_a_count_is_stated_for_and_words_between_number_and_unit():
    s = ("Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. 29 495 av disse er barn under 18 år. "
         "Ved inngangen til 2023 var det bosatt 25 342 innvandrere i Bærum, med over 150 ulike "
         "nasjonaliteter og nesten like mange språk.")
    text = lead([(split_sentences(s), "[1]")], {})
    assert "29 495 (barn under 18 år, Bærum, 2023)" in text
    assert "150 ulike nasjonaliteter" in text
    assert unproven_numbers(text, [s]) == []


def test_lead_puts_the_later_value_of_a_change_first_with_its_year():
    s = ("Andel ungdomsskole elever i Bærum som har troen på et lykkelig liv har gått ned fra 79 prosent "
         "til 70 prosent i perioden 2014 til 2022, og ligger omtrent på samme nivå som resten av landet.")
    text = lead([(split_sentences(s), "[1]")], {"level": {"ungdomsskole"}})
    assert text.startswith("70 prosent (") and "2022" in text.split("),")[0]
    assert "79 prosent (ungdomsskole, Bærum, 2014)" in text


def test_lead_says_since_when_a_figure_has_held_rather_than_dating_it():
    # 5.1, page 11
    s = ("Samtidig er andel ungdomsskoleelever i Bærum som er misfornøyd med flere sider av livet har vært "
         "stabilt lavt på 6 prosent siden 2014.")
    text = lead([(split_sentences(s), "[1]")], {})
    assert text.startswith("6 prosent (") and "siden 2014)" in text
    assert unproven_numbers(text, [s]) == []


def test_two_figures_joined_by_og_share_the_level_named_after_the_second():
    # 5.2.4, page 13
    s = ("På ungdomskolen er andelen jenter som har rapporter «mange psykiske plager den siste uka» på 24 "
         "prosent mot 9 prosent av guttene, og 27 prosent av jenter og 11 prosent av guttene på videregående "
         "skole svarer det samme (se figur 14).")
    girls = lead([(split_sentences(s), "[1]")], {"gender": {"jente"}, "level": {"videregående"}})
    assert girls.startswith("27 prosent (jenter, videregående)")
    assert "24 prosent" not in girls  # stated for ungdomsskolen
    young = lead([(split_sentences(s), "[1]")], {"gender": {"gutt"}, "level": {"ungdomsskole"}})
    assert young.startswith("9 prosent (guttene, ungdomskolen)") and "11 prosent" not in young


def test_lead_keeps_the_reports_approximation_of_a_figure():
    # 6.3, page 28, and 5.2.1, page 16
    s = ("Ved inngangen til 2023 var det bosatt 25 342 innvandrere i Bærum, med over 150 ulike nasjonaliteter og "
         "nesten like mange språk.")
    text = lead([(split_sentences(s), "[1]")], {})
    assert "over 150 ulike nasjonaliteter" in text and "25 342 innvandrere" in text
    assert lead([(split_sentences("Det utgjør cirka 3300 barn og unge i Bærum."), "[1]")], {}).startswith(
        "cirka 3300 barn og unge")
    assert unproven_numbers(text, [s]) == []


def test_words_in_a_parenthesis_that_explains_do_not_make_a_figure_fit():
    # 5.3.2, page 20: «1 av 4» counts any serious violence, defined in a parenthesis that names
    # psychological violence among others; «1 av 5» is the figure for psychological violence itself
    window = split_sentences(
        "En nasjonal undersøkelse gjennomført av Nasjonalt kunnskapssenter om vold og traumatisk stress "
        "(NKVTS) viser at omkring 1 av 4 har opplevd minst en type alvorlig barndomsvold (her definert som "
        "alvorlig fysisk vold fra foreldrene eller opplevd fysisk vold mellom foreldrene, samt psykisk vold i "
        "barndommen, seksuelle overgrep før fylte 13 år, voldtekt eller sovevoldtekt før fylte 18 år). "
        "Omtrent 1 av 5 har opplevd psykisk vold fra foreldre, altså gjentatte tilfeller av psykiske krenkelser.")
    question = frozenset(content_terms("Hvor mange har opplevd psykisk vold fra foreldrene?"))
    assert lead([(window, "[1]")], {}, question).startswith("Omtrent 1 av 5")


def test_lead_is_empty_without_figures():
    assert lead([(split_sentences("Resiliens viser til egenskaper ved barnet."), "[1]")], {}) == ""


def test_compound_first_part_alone_carries_little():
    given = credits("fritidsklubb", frozenset({"fritid", "fritidsklubb", "klubb"}))
    assert given["fritidsklubb"] == 1.0
    assert given["fritid"] < 0.5 < given["klubb"] < 1.0


def test_reason_question_with_hvor_mange_is_not_a_figure_question():
    assert not is_figure_question("Hvorfor er det vanskelig å telle hvor mange som har nedsatt funksjonsevne?")
    assert is_figure_question("Hvor mange barn bor trangt?")
    # a share named by a compound asks for a figure; a trade («netthandelen») does not
    assert is_figure_question("Hvor stor var lavinntektsandelen blant barn i Bærum i 2013?")
    assert is_figure_question("Hvor stor er innvandrerandelen i Bærum?")
    assert not is_figure_question("Hvordan har netthandelen endret seg?")
    assert is_figure_question("Fullføringsgrad på videregående i Bærum for dem som startet i 2019?")  # a rate
    assert not is_figure_question("Hva skjedde i Beograd i 1999?")  # a city, not a «-sgrad»
    # a figure told for the report to confirm asks for the report's figure; a claim with none does not
    assert is_figure_question("Stemmer det at rundt halvparten av ungdomsskoleelevene er fornøyd med livet?")
    assert is_figure_question("Er det riktig at en tredjedel av jentene mestrer ting?")
    assert not is_figure_question("Stemmer det at innvandrere oftere bor trangt?")


def test_passage_cache_analyses_once_and_is_shared_between_threads():
    cache = PassageCache()
    text = TRYGG + " Når det gjelder deltakelse i fritidsaktiviteter, indikerer undersøkelsen svakere forskjeller."
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(cache.get, [text] * 32))
    assert len(cache) == 1 and all(g is got[0] for g in got)
    assert got[0] == analyse(text)
    assert got[0].figures == (True, False)
    assert got[0].slots[0]["gender"] == {"gutt", "jente"}


@pytest.mark.parametrize("question", [
    "Hvor mange prosent av jentene på videregående har fått hatefulle kommentarer rettet mot kjønnet sitt?",
    "Hvor stor andel av barna i Asker bor trangt?",
    "Hvor mange barn i Bærum levde i vedvarende lavinntekt i 2016?",
    # 5.1.2, pages 12-13: «72 prosent av elevene på ungdomsskolen og 63 prosent på videregående … trener
    # minst 3 ganger i uken»: no figure for boys; «den siste uka» elsewhere names no measure
    "Hvor stor andel av guttene på videregående trener minst tre ganger i uka?",
    # 5.2.2 p. 17: crowding is given for 2021 only; 2015 is the start of the young disabled's rise (6.1.2)
    "Hvor stor andel av barna i Bærum bodde trangt i 2015?",
    # 5.2.3 p. 18 (again 6.4.2 p. 31): feeling very safe where one lives is given for boys and girls on
    # videregående only (70 and 41 prosent); the figures for boys on ungdomsskolen are of other measures
    # (the answer had been «… 9 prosent av guttene» with «mange psykiske plager»)
    "Hvor mange prosent av guttene på ungdomsskolen føler seg svært trygge i nærmiljøet sitt?",
    # 5.1.3 p. 14: loneliness on videregående is said without a figure («nesten dobbel så stor … plaget av
    # ensomhet»); the figures for «elever på videregående» nearby are about optimism and training
    "Hvor mange elever på videregående er plaget av ensomhet?",
    # 6.4.3 p. 32-33: only «Elvene på ungdomstrinnet ble spurt om tre påstander knyttet til selvskading», and
    # their answers are in a chart (figur 15); «elevene» alone had let «… 20 prosent av jentene på
    # videregående … de siste 12 månedene» (sexual name-calling) carry the measure
    "Hvor mange prosent av elevene på videregående i Bærum har skadet seg selv med vilje det siste året?",
])
def test_near_misses_abstain(assistant, question):
    a = assistant.ask(question)
    assert a.abstained and a.nearest and not a.citations


def _first_figure(answer) -> str:
    """The first figure the answer's opening sentence states (not a year, age or date)."""
    from assistant.reading.quantities import quantities

    opening = split_sentences(re.sub(r"\s*\[\d+\]", "", answer.answer))[0].text
    found = quantities(opening, explanations=True)
    return found[0].text if found else ""


@pytest.mark.parametrize("question, figures", [
    ("Hvor mange prosent av jentene på ungdomsskolen har fått hatefulle kommentarer rettet mot kjønn?",
     ("19 prosent",)),
    ("Hvor stor andel av barna i Bærum bor trangt?", ("16,6 prosent",)),
    # 5.2.1, page 16: «I 2020 … 12 prosent av barn under 18 år … Det utgjør cirka 3300 barn og unge»
    ("Hvor mange barn i Bærum levde i vedvarende lavinntekt i 2020?", ("12 prosent", "3300 barn")),
    ("Hvor mange prosent av guttene på videregående føler seg svært trygge i nærområdet?", ("70 prosent",)),
])
def test_the_answerable_twins_are_answered_with_the_figure_first(assistant, question, figures):
    a = assistant.ask(question)
    assert not a.abstained and a.numbers_verified
    assert _first_figure(a).startswith(figures), a.answer
    assert a.stated_figures[0].asked and a.stated_figures[0].value.split()[-1] in _first_figure(a)


def test_girls_follow_up_leads_with_41(assistant):
    a = assistant.ask("Og jentene?", [BOYS])
    assert _first_figure(a) == "41 prosent"
    assert a.numbers_verified and any(c.pages[0] in (18, 31) for c in a.citations)


def test_a_follow_up_that_changes_the_measure_leads_with_that_measures_figure(assistant):
    # 5.2.1, page 16: «… 12 prosent … etter lokale lavinntektsgrenser … Hvis vi sammenligner med den
    # nasjonale inntekten, er tallet på 7 prosent.»
    first = "Hvor stor andel av barna i Bærum levde i vedvarende lavinntekt i 2020?"
    assert _first_figure(assistant.ask(first)) == "12 prosent"
    a = assistant.ask("Og målt etter den nasjonale inntektsgrensen?", [first])
    assert _first_figure(a) == "7 prosent", a.answer
    assert a.numbers_verified and a.stated_figures[0].value == "7"


def test_the_clause_that_asks_for_the_figure_names_the_group(assistant):
    # 6.3.2, page 29: «… svarer 12 prosent av guttene og 20 prosent av jentene på videregående skole …»
    a = assistant.ask("Gutter og jenter på videregående blir kalt hore eller homse, men hvor mange av "
                      "jentene har opplevd det?")
    assert _first_figure(a) == "20 prosent", a.answer


def test_low_income_opens_with_one_figure_and_tables_the_others(assistant):
    a = assistant.ask("Hvor mange barn i Bærum bor i familier med vedvarende lavinntekt?")
    opening = split_sentences(a.answer)[0].text
    from assistant.reading.quantities import quantities

    assert len(quantities(opening)) <= 3  # not a wall of numbers
    values = [f.value for f in a.stated_figures]
    assert len(values) == len(set(values))  # no figure twice
    for figure in ("12,4", "12", "7", "6,5"):  # local and national, 2021 and 2020
        assert figure in values
    assert unproven_numbers(a.answer, [c.text for c in a.citations]) == []
    for f in a.stated_figures:  # every figure of the table is in the passage it cites
        assert unproven_numbers(f.value, [c.text for c in a.citations if c.n == f.n]) == []


def test_lead_takes_the_year_from_the_next_sentence_that_refers_back():
    s = ("Justert for lokale lavinntektsgrenser er andelen barn som lever i vedvarende lavinntekt i Bærum "
         "hele 12,4 prosent. I 2021 utgjorde dette 3247 barn.")
    text = lead([(split_sentences(s), "[1]")], {})
    assert text.startswith("12,4 prosent (Bærum, justert for lokale lavinntektsgrenser, 2021)")
    assert "3247 barn (Bærum, 2021)" in text


def test_a_figure_after_a_contrast_does_not_take_the_groups_name():
    # 5.2.2, page 17
    s = ("Det er stor overvekt av innvandrere (fra Asia, Afrika, Latin-Amerika, Oseania unntatt Australia og "
         "New Zealand, og Europa utenom EU/EØS land), som bor trangt, 28 prosent sammenlignet med 7 prosent "
         "i øvrig befolkning i Bærum.")
    text = lead([(split_sentences(s), "[1]")], {})
    assert "28 prosent (innvandrere" in text
    assert "7 prosent (Bærum)" in text


@pytest.mark.parametrize("question, span", [
    # 6.1.2, page 23: «Nasjonalt har andelen uføre har økt jevnt de siste ti årene.»
    ("Hvor lenge har andelen uføre økt jevnt i Norge?", "de siste ti årene"),
    # 4.1: «Aldersgruppen 6-15 år vil også reduseres frem til 2034 og deretter øke.»
    ("Hvor lenge vil aldersgruppen 6-15 år bli mindre?", "frem til 2034"),
])
def test_how_long_is_answered_by_the_duration_first(assistant, question, span):
    a = assistant.ask(question)
    assert not a.abstained and a.numbers_verified
    assert span in split_sentences(a.answer)[0].text, a.answer


@pytest.mark.parametrize("sentence, unit, counted", [
    # 5.2.2 p. 17: «på landsbasis» counts no countries
    ("I 2021 bodde 16,6 prosent av barn i Bærum under 18 år trangt mot 18,5 prosent på landsbasis.",
     "land", False),
    # 4.2 p. 10: nationalities and nations share a root of six letters
    ("153 nasjonaliteter er representert i kommunen.", "nasjon", True),
    ("153 nasjonaliteter er representert i kommunen.", "nasjonalitet", True),
    # 4 p. 9: Snowball leaves «årene» as «åren»; the 20 years are still counted in years
    ("Derimot har denne aldersgruppen de siste 20 årene vært stabil eller synkende", "år", True),
    ("Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.", "år", False),
])
def test_a_short_counted_word_is_not_found_as_the_first_part_of_a_compound(sentence, unit, counted):
    from assistant.question.asking import counts

    assert counts(sentence, unit) is counted


def test_a_count_of_countries_is_never_answered_with_a_share_of_children(assistant):
    # 5.2.2 p. 17 gives 16,6 prosent of children living crowded «mot 18,5 prosent på landsbasis»;
    # the report counts nationalities (153, 4.2 p. 10), not countries
    answer = assistant.ask("Fra hvor mange forskjellige land kommer folk som bor i Bærum?")
    assert "16,6" not in answer.answer and "18,5" not in answer.answer


def test_a_figure_is_never_labelled_with_another_figures_group(assistant):
    # 6.4.4 p. 33: «På ungdomskolen rapporterte 19 prosent av jentene hatefulle eller truende
    # kommentarer rettet mot kjønn, mens 6 prosent av guttene rapporterte det samme.»
    answer = assistant.ask("Hvor mange gutter på ungdomsskolen har fått hatefulle kommentarer?")
    boys = next(f for f in answer.stated_figures if f.value == "6")
    assert "guttene" in boys.group and "jent" not in boys.what + boys.group
    assert "hatefulle eller truende kommentarer" in boys.what


def test_a_question_for_both_groups_gets_both_groups_figures_in_the_lead(assistant):
    # 5.2.3 p. 18: «70 prosent av guttene på videregående skole rapporter at de føler seg svært trygg i
    # nærområder der de bor, mens det 41 prosent av jentene rapportere det samme.»
    a = assistant.ask("Hvor mange prosent av guttene og jentene på videregående føler seg svært trygge i "
                      "nærområdet der de bor?")
    lead = a.answer.split("[1]")[0]
    assert lead.startswith("70 prosent av guttene") and "41 prosent av jentene" in lead
    assert [(f.value, f.asked) for f in a.stated_figures[:2]] == [("70", True), ("41", True)]
    assert not any(f.asked for f in a.stated_figures[2:])  # both asked figures bold, nothing else
    # asked for the girls alone, the lead still starts at their figure
    girls = assistant.ask("Hvor mange prosent av jentene på videregående føler seg svært trygge i nærområdet?")
    assert girls.answer.split("[1]")[0].startswith("… det 41 prosent av jentene")


def test_another_parent_s_figure_before_the_asked_one_stays_out_of_the_lead(assistant):
    # 5.3.2 p. 20: «Videre har 18 % opplevd at mor har vært utsatt for …, mens 14 % har opplevd at far
    # har vært utsatt for dette.»: asked for «far», the lead opens at the father's 14 %
    a = assistant.ask("Hvor mange har opplevd at faren deres ble utsatt for vold?")
    assert "14 %" in a.answer and "18 %" not in a.answer.split("[1]")[0]


def test_a_negated_question_is_answered_by_the_negated_figure(assistant):
    # 5.1.1 p. 12: «Over halvparten … svarte at de helt sikkert har minst en venn …» and «På barnetrinnet
    # svarer hele ti prosent at de ikke har minst en venn de kan stole helt på …»
    a = assistant.ask("Hvor stor andel på barnetrinnet sier at de ikke har noen venn de kan stole helt på?")
    assert _first_figure(a) == "ti prosent", a.answer
    from assistant.question.asking import negated
    assert negated("Hvor mange trener aldri?") and not negated("Hvor mange unge er uten jobb?")
    # «mangler» is «ikke har»: the same figure answers
    b = assistant.ask("Hvor mange elever på barnetrinnet mangler en venn de kan stole helt på?")
    assert _first_figure(b) == "ti prosent", b.answer


def test_what_the_user_leaves_out_removes_only_the_figure_whose_clause_names_it(assistant):
    # 5.1.2 pp. 12-13: «I Bærum svarer 72 prosent av elevene på ungdomsskolen og 63 prosent på videregående at
    # de trener minst 3 ganger i uken eller mer.»
    a = assistant.ask("Hvor mange trener minst tre ganger i uka på vgs, ikke medregnet ungdomsskolen?")
    assert _first_figure(a) == "63 prosent" and "72 prosent" not in a.answer


def test_a_question_on_how_much_something_changed_is_answered_by_the_change(assistant):
    # 6.1.2 p. 23: «I Bærum er det særlig aldersgruppen 25-34 år som har økt fra 1,6 prosent i 2015 til
    # 2,6 prosent i 2021. Det er en 65 prosent økning på bare 6 år.»
    a = assistant.ask("Hvor mye har andelen unge uføre økt i Bærum?")
    assert _first_figure(a) == "65 prosent", a.answer
    assert "2,6 prosent" in a.answer  # the level it reached still follows
    # the level is the answer when the level is asked
    b = assistant.ask("Hvor stor andel av 25-34-åringene i Bærum var uføre i 2021?")
    assert _first_figure(b) == "2,6 prosent", b.answer
    from assistant.question.asking import asks_change
    assert asks_change("Hvor stor har økningen i andelen uføre vært?")
    assert asks_change("Hvor mye har folketallet i Bærum vokst i snitt hvert år?")
    assert not asks_change("Hvor mange barn vokste opp i lavinntekt?")  # «vokse opp» is to grow up
    assert not asks_change("Hvor mange bor i Bærum?")
    # «flere» without «enn» is more than before; with it, more than another group
    assert asks_change("Hvor mange flere innbyggere har Bærum fått hvert år siden 2019?")
    assert not asks_change("Hvor mange flere jenter enn gutter har mange psykiske plager?")


def test_every_stated_figure_says_what_it_is_about_not_only_its_years(assistant):
    # 6.1.2 p. 23: «I Bærum er det særlig aldersgruppen 25-34 år som har økt fra 1,6 prosent i 2015 til
    # 2,6 prosent i 2021. Det er en 65 prosent økning på bare 6 år.» The stretch of 2,6 prosent is
    # «i 2015 til … i 2021», and 65 prosent leans on the sentence before: both are about the age group.
    a = assistant.ask("Hvor mye har andelen unge uføre økt i Bærum?")
    figures = {f.value: f for f in a.stated_figures}
    assert {"65", "2,6"} <= set(figures)
    for value in ("65", "2,6"):
        assert "aldersgruppen 25-34 år som har økt" in figures[value].what, figures[value]
        assert not figures[value].what.endswith(" fra")


def test_a_stated_figure_s_label_drops_the_words_that_went_with_its_number(assistant):
    # 5.2.2 p. 17: «I 2021 bodde 16,6 prosent av barn i Bærum under 18 år trangt mot 18,5 prosent på
    # landsbasis.» With 16,6 prosent in the table's own column, «av» has nothing to belong to.
    a = assistant.ask("Hvor stor andel av barna i Bærum bor trangt?")
    first = a.stated_figures[0]
    assert (first.value, first.what) == ("16,6", "I 2021 bodde barn i Bærum under 18 år trangt"), first
    # 6.4.1: «Kun 8 prosent av guttene bruker 2 eller mer timer …»: «kun» weighs the figure, not the boys
    a = assistant.ask("Hvor mange gutter på videregående bruker mer enn to timer på lekser?")
    eight = next(f for f in a.stated_figures if f.value == "8")
    assert eight.what.startswith("guttene bruker 2 eller mer timer på skolearbeid"), eight


@pytest.mark.parametrize("question, asked, other", [
    # 6.1.1 p. 22: «I 2021 fullførte 87 prosent av de som begynte videregående opplæring …»;
    # 5.1.2 p. 13: «… 63 prosent på videregående at de trener minst 3 ganger i uken» names the level, not the measure
    ("Hvor mange elever fullfører videregående?", "87 prosent", "trener"),
    # 6.4.3 p. 32: «… deriblant hodepine (22 prosent versus 12 prosent)»; the same paragraph's
    # «Jeg føler meg stresset» (31 prosent of the girls) is another measure for the same group
    ("Hvor stor andel av jentene på mellomtrinnet har hodepine?", "22 prosent", "stresset"),
])
def test_a_figure_of_another_measure_for_the_same_group_is_not_quoted(assistant, question, asked, other):
    answer = assistant.ask(question).answer
    assert asked in answer and other not in answer


def test_a_follow_up_that_adds_only_a_place_keeps_the_figure_for_that_place(assistant):
    # 6.3 p. 28: «… en høyere andel innvandringsbefolkning (19,5 prosent) enn resten av landet (16 prosent)»
    first = "Hvor mange innbyggere i Bærum er innvandrere eller norskfødte med innvandrerforeldre?"
    answer = assistant.ask("Hvordan er det sammenlignet med resten av landet?", [first]).answer
    assert "31 050" in answer and "19,5 prosent" in answer


def test_a_further_figure_that_names_only_the_asked_group_stays_out(assistant):
    # 6.4.2, page 31: after «… mens det 41 prosent av jentene rapportere det samme.» (feeling very safe)
    # comes «51 prosent av guttene er aktive i organisasjoner, …, sammenlignet med 40 prosent av jentene
    # som oppgir det samme.»: another measure, which shares only «jentene» with the question
    a = assistant.ask("Hvor mange jenter på videregående føler seg trygge der de bor?")
    assert _first_figure(a) == "41 prosent"
    assert "40 prosent" not in a.answer and "organisasjoner" not in a.answer



def test_a_figure_whose_subject_is_dette_brings_the_sentence_it_leans_on(assistant):
    # 6.1.3 p. 23: «Justert for lokale lavinntektsgrenser er andelen barn som lever i vedvarende lavinntekt
    # i Bærum hele 12,4 prosent. I 2021 utgjorde dette 3247 barn.» Alone, «dette» says nothing.
    a = assistant.ask("Hvor mange barn i Bærum levde i vedvarende lavinntekt i 2021?")
    assert not a.abstained and _first_figure(a) == "3247 barn", a.answer
    assert "Justert for lokale lavinntektsgrenser er andelen barn" in a.answer


def test_a_figure_for_the_asked_noun_otherwise_qualified_comes_after_the_asked_one(assistant):
    # 5.2.1 p. 17: «I 2020 var det registrert at 12 prosent av barn under 18 år bodde i husholdninger med
    # vedvarende lavinntekt etter lokale lavinntektsgrenser (…). Det utgjør cirka 3300 barn og unge i Bærum.
    # Hvis vi sammenligner med den nasjonale inntekten, er tallet på 7 prosent.»: «lokale» limits are not
    # the «nasjonale» ones asked for
    a = assistant.ask("Hvor stor andel av barna i Bærum levde i vedvarende lavinntekt i 2020 målt med nasjonale "
                      "inntektsgrenser?")
    assert _first_figure(a) == "7 prosent", a.answer
    assert a.stated_figures[0].value == "7"


# 6.1.1, page 23: the 2016 figure's sentence names no group; it leans on the one before, which does
UNEMPLOYED = ("Til sammenligning, er andelen av innvandrere mellom 15-29 år som er utenfor arbeid, utdanning og "
              "opplæring 20,4 prosent. Det har vært en nedgang fra 26,5 prosent i 2016, men representerer "
              "allikevel en utfordring.")


def test_a_leaning_figure_for_the_asked_year_keeps_the_group_it_leans_on_and_comes_first():
    asked = {"background": {"innvandrer"}, "year": {"2016"}}
    assert lead([(split_sentences(UNEMPLOYED), "[1]")], asked).startswith("26,5 prosent (")
    assert lead([(split_sentences(UNEMPLOYED), "[1]")], {"background": {"innvandrer"}}).startswith("20,4 prosent (")


def test_a_question_for_a_past_year_is_answered_with_that_years_figure(assistant):
    a = assistant.ask("Hvor mange prosent av innvandrerne mellom 15 og 29 år var verken i jobb eller utdanning "
                      "i 2016?")
    assert not a.abstained and _first_figure(a) == "26,5 prosent", a.answer
    assert a.stated_figures[0].value == "26,5" and a.numbers_verified


# 6.4.3, page 31: «Kjønnsforskjellene er store. Det er dobbelt så mange jenter enn gutter som har hatt mange
# psykiske plager siste uke.»
TWICE = "Det er dobbelt så mange jenter enn gutter som har hatt mange psykiske plager siste uke."


def test_a_ratio_is_stated_for_both_groups_it_sets_side_by_side():
    text = lead([(split_sentences(TWICE), "[1]")], {"gender": {"jente", "gutt"}})
    assert text.startswith("dobbelt så mange (jenter, gutter)"), text


def test_how_many_more_girls_than_boys_is_answered_with_the_ratio(assistant):
    a = assistant.ask("Hvor mange flere jenter enn gutter har hatt mange psykiske plager den siste uka?")
    assert not a.abstained and a.answer.startswith("Det er dobbelt så mange jenter enn gutter"), a.answer


def test_a_share_that_says_what_it_is_the_share_of_leans_on_nothing():
    # 5.1.1, page 12: «… og andelen som opplever at de har opplevd negative hendelser på nettet eller mobilen
    # er 31 prosent av barn på barneskolen.» says what «andelen» is; «Andelen har økt.» does not
    from assistant.evidence.scoring import _leans_back
    assert not _leans_back("Med økt bruk av mobiltelefon og internett har mobbing også inntatt digitale former, og "
                           "andelen som opplever at de har opplevd negative hendelser på nettet eller mobilen er 31 "
                           "prosent av barn på barneskolen.")
    assert _leans_back("Andelen har økt siden 2019.") and _leans_back("Det utgjør rundt 110.700 barn.")


def test_bullying_by_other_children_is_answered_with_the_share_bullied_not_the_share_online(assistant):
    # 5.1.1, page 12: «… ti prosent av de som har svart opplever å ha blitt stengt ute, plaget eller truet av
    # andre barn på skolen eller fritiden.» Two sentences on, «… 31 prosent …» counts bad events online.
    a = assistant.ask("Hvor mange barneskoleelever blir mobbet av andre barn?")
    assert not a.abstained and a.stated_figures[0].value == "ti", a.answer


# 6.4.1, page 30: the pair stands in the opposite order to the groups, and «noe mer … enn» says whose is larger
DREAD = ("Likevel er den en tendens til at jenter på videregående skole gruer seg noe mer til å gå på skolen "
         "enn gutter (20 prosent mot 29 prosent).")


def test_a_comparison_says_which_group_the_larger_figure_belongs_to():
    assert lead([(split_sentences(DREAD), "[1]")], {"gender": {"jente"}}).startswith("29 prosent (jenter"), \
        lead([(split_sentences(DREAD), "[1]")], {"gender": {"jente"}})
    assert lead([(split_sentences(DREAD), "[1]")], {"gender": {"gutt"}}).startswith("20 prosent (gutter")
    # figures already in the order the comparison gives are read in order, as before
    assert lead([(split_sentences(DREAD.replace("20 prosent mot 29", "29 prosent mot 20")), "[1]")],
                {"gender": {"jente"}}).startswith("29 prosent (jenter")
    fewer = DREAD.replace("noe mer", "noe sjeldnere")
    assert lead([(split_sentences(fewer), "[1]")], {"gender": {"jente"}}).startswith("20 prosent (jenter")


@pytest.mark.parametrize("question, share", [
    ("Hvor stor andel av jentene på videregående gruer seg til å gå på skolen?", "29"),
    ("Hva er andelen gutter på videregående som gruer seg til skolen?", "20"),
])
def test_the_group_said_to_have_more_is_answered_with_the_larger_figure(assistant, question, share):
    a = assistant.ask(question)
    assert not a.abstained and _first_figure(a) == f"{share} prosent", a.answer
    assert a.stated_figures[0].value == share and a.numbers_verified


# 5.3.2, page 20: «4 prosent svarer at de har blitt slått selv, 1 eller flere ganger. 3 prosent svarer at de har
# sett en voksen i familien bli slått/sparket.» and «Omtrent 1 av 5 har opplevd psykisk vold fra foreldre, …
# Videre har 18 % opplevd at mor har vært utsatt for minst én form for fysisk eller psykisk vold, …»
@pytest.mark.parametrize("question, figure", [
    ("Hvor mange ungdommer har blitt slått av en voksen i familien?", "4 prosent"),
    ("Hvor stor andel av elevene sier at en voksen i familien har slått dem?", "4 prosent"),
    ("Hvor mange har blitt utsatt for psykisk vold fra foreldrene sine i oppveksten?", "1 av 5"),
    # asked what they saw, the witnessing figure answers
    ("Hvor mange har sett en voksen i familien bli slått?", "3 prosent"),
    ("Hvor mange har opplevd at mor ble utsatt for vold?", "18 %"),
    ("Hvor mange prosent har opplevd at mor ble utsatt for vold, ifølge NKVTS-undersøkelsen?", "18 %"),
])
def test_a_figure_for_what_the_counted_saw_happen_to_another_does_not_answer_what_happened_to_them(
        assistant, question, figure):
    a = assistant.ask(question)
    assert not a.abstained and _first_figure(a) == figure, a.answer


@pytest.mark.parametrize("text, witnessing", [
    ("3 prosent svarer at de har sett en voksen i familien bli slått/sparket.", True),
    ("7 % har sett en voksen hjemme slå søsken.", True),
    ("Videre har 18 % opplevd at mor har vært utsatt for minst én form for fysisk eller psykisk vold", True),
    ("Hvor mange ungdommer har sett at en voksen i familien ble slått?", True),
    ("4 prosent svarer at de har blitt slått selv, 1 eller flere ganger.", False),
    ("Omtrent 1 av 5 har opplevd psykisk vold fra foreldre", False),
    ("I 2023 har vi imidlertid sett en økning i ungdomskriminalitet og vold i Bærum", False),
    ("… andelen som opplever at de har opplevd negative hendelser på nettet eller mobilen er 31 prosent", False),
    ("Vi har sett at flere trives på skolen.", False),
])
def test_what_counts_witnesses_is_read_from_sentence_structure(text, witnessing):
    from assistant.reading.witnessing import witnesses

    assert witnesses(text) is witnessing


def test_a_question_about_what_happened_to_the_counted_leaves_the_witnessing_figures_out(assistant):
    # 5.3.2, page 20: «Omtrent 1 av 5 har opplevd psykisk vold fra foreldre …» and, further on, «Videre har
    # 18 % opplevd at mor har vært utsatt for …, mens 14 % har opplevd at far har vært utsatt for dette.»
    a = assistant.ask("Hvor mange har vært utsatt for psykisk vold fra mor eller far?")
    assert _first_figure(a) == "1 av 5", a.answer
    assert "18 %" not in a.answer and "14 %" not in a.answer


def test_a_follow_up_keeps_asking_about_witnesses(assistant):
    # the same passage: «Og far?» after the question about mor asks for the 14 % who saw it happen to far
    a = assistant.ask("Og far?", ["Hvor stor andel har opplevd at mor ble utsatt for vold, ifølge NKVTS?"])
    assert _first_figure(a) == "14 %", a.answer


@pytest.mark.parametrize("sentence, readings", [
    ("Videre har 18 % opplevd at mor har vært utsatt for minst én form for fysisk eller psykisk vold, mens 14 % "
     "har opplevd at far har vært utsatt for dette.", {True}),
    ("4 prosent svarer at de har blitt slått selv, mens 3 prosent har sett en voksen i familien bli slått.",
     {False, True}),
    ("Omtrent 1 av 5 har opplevd psykisk vold fra foreldre.", {False}),
])
def test_each_figure_clause_is_read_for_witnessing_on_its_own(sentence, readings):
    from assistant.reading.witnessing import clause_readings

    assert clause_readings(sentence) == readings

