"""What counts as a figure, and near misses the figure's own words give away.

Sentences are quoted from the report: 4 (page 9: «fem årene (2019-2022) … 884 personer»), 4.1
(0-åringer, age groups), 5.1.1 (ti prosent on barnetrinnet, 31 prosent on barneskolen «en økning
fra 2019»), 5.1.3 (tre–fire ganger), 6.3.2 (26 prosent of ikke-heterofile 18-24 år), 6.4.3/6.4.4
(onlinespill: 12 prosent of girls, the level named in the sentence before the passage), 2.2/3.1
(«planstrategi hvert fjerde år»), 5.1.3 (ensomhet «nesten dobbel så stor», hodepine on mellomtrinnet and
videregående only), 5.2.2 (trangbodde: shares only), 6.1.2 («65 prosent økning på bare 6 år»).
"""

import pytest

from assistant.question.asking import counted_unit
from assistant.question.followup import rewrite_query
from assistant.reading.quantities import ages, ages_agree, quantities, stated_years


@pytest.mark.parametrize("sentence, expected", [
    ("De siste fem årene (2019-2022) har befolkningen økt med 884 personer i gjennomsnitt hvert år.",
     ["884 personer"]),
    ("Antall 0-åringer vil bli redusert frem til 2030 før det igjen forventes moderat vekst frem til 2042.", []),
    ("Det er flere videregående elever (16-19 år) sammenlignet med ungdomsskoleelever (13-16 år) som "
     "opplever slike plager.", []),
    ("På mellomtrinnet (5.-7. trinn) finner vi derimot snarere ingen forskjell mellom kjønnene.", []),
    ("På barnetrinnet svarer hele ti prosent at de ikke har minst en venn de kan stole helt på og "
     "snakke med om alt mulig.", ["ti prosent"]),
    ("Psykiske lidelser er tre–fire ganger mer utbredt hos barn av foreldre med lav inntekt.",
     ["tre–fire ganger"]),
    ("I Bærum er det særlig aldersgruppen 25-34 år som har økt fra 1,6 prosent i 2015 til 2,6 prosent i 2021.",
     ["1,6 prosent", "2,6 prosent"]),
    ("På påstanden At noen på en sårende måte kalte deg hore, homse eller andre ord med seksuelt innhold, "
     "svarer 12 prosent av guttene og 20 prosent av jentene på videregående skole at de har blitt utsatt for "
     "dette de siste 12 månedene.", ["12 prosent", "20 prosent"]),
])
def test_quantities_are_figures_not_years_ages_or_grades(sentence, expected):
    assert [q.text for q in quantities(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a year before the report's decades is a year when a preposition of time names it, or a range does
    ("Etter finskekrigen måtte Sverige i 1809 avstå sine østlige riksdeler.", []),
    ("Moren hans levde 1848–1934.", []),
    ("Fra 1200-tallet ble Finland gradvis integrert i det svenske riket.", []),
    # a four-digit number without a preposition of time still counts something
    ("Skolen hadde 1500 elever i 2021.", ["1500 elever"]),
])
def test_older_years_are_years_not_counts(sentence, expected):
    assert [q.text for q in quantities(sentence)] == expected


def test_kinds_tell_shares_counts_ratios_durations_and_frequencies_apart():
    kinds = {q.text: q.kind for q in quantities(
        "Det er en 65 prosent økning på bare 6 år, nesten dobbel så stor, og det utgjør 3300 barn "
        "som trener minst 3 ganger i uken.", every=True)}
    assert kinds == {"65 prosent": "share", "6 år": "duration", "dobbel så stor": "ratio",
                     "3300 barn": "count", "3 ganger i uken": "frequency"}
    assert [q.kind for q in quantities("… grunnlaget for arbeidet med ny planstrategi hvert fjerde år.",
                                       every=True)] == ["frequency"]
    assert quantities("… grunnlaget for arbeidet med ny planstrategi hvert fjerde år.") == []


def test_every_unit_of_time_makes_a_duration_not_a_count():
    # NorQuAD-style news text: hours and minutes are as much durations as years and weeks
    assert [(q.text, q.kind) for q in quantities("Lørdag ble han avhørt i tre timer, og han fikk drøyt "
                                                 "18 minutter på isen.", every=True)] == [
        ("tre timer", "duration"), ("18 minutter", "duration")]
    assert quantities("Han fikk drøyt 18 minutter på isen og to døgn fri.") == []
    assert [q.text for q in quantities("De fant 12 sekundære kilder.")] == ["12"]
    assert [q.text for q in quantities("Han ble dømt til fire måneders ubetinget fengsel.", every=True)] == [
        "fire måneders"]
    # a count in words: «tusener av fisk» answers «Hvor mange fisk …?»
    from assistant.question.asking import counts
    assert [(q.text, q.kind) for q in quantities("… og tusener av fisk døde.")] == [("tusener", "count")]
    assert counts("… og tusener av fisk døde.", "fisk") and not counts("… og tusener av fisk døde.", "fugl")
    from assistant.question.asking import wanted_kinds
    assert wanted_kinds("I hvor mange timer ble han avhørt?") == {"duration"}
    assert wanted_kinds("Hvor mange minutter spilte han?") == {"duration"}


def test_a_baseline_year_is_not_the_year_a_figure_is_for():
    s = "Det er en økning fra 2019."
    assert stated_years(s) == frozenset()
    assert stated_years("I 2021 bodde 16,6 prosent av barn i Bærum under 18 år trangt.") == {"2021"}
    assert stated_years("… har vært stabilt lavt på 6 prosent siden 2014.") == {"2014"}
    # 5.2.4: the year of a change's start is stated when its own figure follows it
    assert stated_years("… som rapporterer at de har mange psykiske plager fra 2014 (10 prosent) og til i dag "
                        "(16 prosent).") == {"2014"}


def test_age_groups_are_read_in_both_spellings():
    assert ages("Hvor mange personer mellom 25 og 34 år mottar uføretrygd?") == {"25-34"}
    assert ages("hele 26 prosent i gruppen 18-24 år") == {"18-24"}
    assert ages("Hvor stor andel av 18–24-åringene er uføre?") == {"18-24"}
    # «under 30», «yngre enn 30» and «mellom 0 og 29 år» are one group; «år» may be left out
    assert ages("unge under 30 med innvandrerbakgrunn") == ages("yngre enn 30") == ages("mellom 0 og 29 år") == {"0-29"}
    assert ages("bæringene som ikke har fylt 18 år") == ages("barn under 18 år") == {"0-17"}
    assert ages("over 50 prosent") == ages("over 5000 personer") == ages("under 30%") == frozenset()
    # a number with a unit after it counts something (NorQuAD: «en befolkning på over 16 millioner»)
    assert ages("en befolkning på over 16 millioner") == ages("under 20 timer") == frozenset()
    # 4.1: «aldersgruppene (0-5 år, 6-15 år og 16-19 år)», «barn i barnehagealder (1-5 år)»
    assert ages("barn i grunnskolealder") == ages("Aldersgruppen 6-15 år") == {"6-15"}
    assert ages("barn i barnehagealderen") == {"1-5"}
    # 4.1: «Antall 0-åringer vil bli redusert frem til 2030»: the newborn
    assert ages("Antall 0-åringer vil bli redusert") == ages("antallet nyfødte i Bærum") == {"0-0"}


def test_age_groups_agree_when_they_end_at_the_same_age_and_a_figure_without_one_does_not():
    assert ages_agree(frozenset({"0-29"}), frozenset({"15-29"}))
    assert not ages_agree(frozenset({"25-34"}), frozenset({"18-24"}))
    assert not ages_agree(frozenset({"16-19"}), frozenset())  # «129 874 innbyggere» is no 16–19 figure
    assert ages_agree(frozenset(), frozenset({"18-24"}))
    # 4.2 gives «mellom 0 og 29 år»: no answer to «i alderen 20–29 år», which it only contains
    assert not ages_agree(frozenset({"20-29"}), frozenset({"0-29"}))


def test_how_long_has_is_answered_by_since_but_how_many_hours_is_not():
    from assistant.question.asking import wanted_kinds

    # 3.5: «Siden 2016 har Bærum kommune vært engasjert i et … samarbeidsprosjekt …»
    kinds = [q.kind for q in quantities("Siden 2016 har Bærum kommune vært engasjert i et prosjekt.", every=True)]
    assert kinds == ["since"]
    assert "since" in wanted_kinds("Hvor lenge har kommunen hjulpet utsatte barnefamilier med startlån?")
    assert "since" not in wanted_kinds("Hvor mange timer om dagen sitter ungdommer foran skjermen?")


def test_how_many_people_is_not_answered_by_a_ratio_but_how_many_more_is():
    from assistant.question.asking import wanted_kinds

    # 5.1.3: «… nesten dobbel så stor som for gutter …» is no answer to «Hvor mange elever …?»
    assert "ratio" not in wanted_kinds("Hvor mange elever på videregående er plaget av ensomhet?")
    assert "ratio" in wanted_kinds("Hvor mange flere jenter enn gutter har mange psykiske plager?")
    assert "ratio" in wanted_kinds("Hvor mye vanligere er psykiske lidelser hos barn fra familier med lav inntekt?")
    assert "ratio" in wanted_kinds("Hvor mye større er andelen jenter enn gutter som er plaget av ensomhet?")


def test_a_compound_with_a_weak_last_part_is_carried_by_its_first_and_an_opposite_is_not():
    from assistant.evidence.credits import credits

    assert credits("lavinntektsfamili", frozenset({"lavinntekt"}))["lavinntekt"] == 1.0
    assert credits("fritidsklubb", frozenset({"fritid"}))["fritid"] < 0.5
    # 5.1: «misfornøyd med flere sider av livet» is not «fornøyd med livet»
    assert "misfornøyd" not in credits("fornøyd", frozenset({"misfornøyd", "fornøyd"}))


def test_a_how_many_question_counts_things_not_people_or_verbs():
    assert counted_unit("Hvor mange bekymringsmeldinger fikk barnevernet i Bærum?") == "bekymringsmelding"
    assert counted_unit("Hvor mange fritidsklubber i Bærum?") == "fritidsklubb"
    # an adjective before people is no counted thing when the report knows the word; one it never
    # uses («polske») is, so that only a sentence counting it could answer
    assert counted_unit("Hvor mange fattige barn var det i Bærum i 2021?") is None
    assert counted_unit("Hvor mange polske innvandrere bor i Bærum?", known=lambda t: t != "polsk") == "polsk"
    # 3.4: «Det var særlig fokus på fire kritiske grupper»: the noun after an adjective is what is counted
    assert counted_unit("Hvor mange utsatte grupper så prosjektet Sammen om velferd spesielt på?") == "grupp"


def test_what_the_user_leaves_out_is_no_measure_word():
    from assistant.question.asking import question_terms

    q = "Hvor mange innvandrere bodde i Bærum ved starten av 2023, uten å regne med norskfødte barn av innvandrere?"
    got = question_terms(q, q)
    assert "norskfød" not in got and "innvandrer" in got  # asked for, so it stays
    q = "Hvor mange innvandrere bor i Bærum i dag, ikke medregnet norskfødte med innvandrerforeldre?"
    assert "medregn" not in question_terms(q, q)  # the words that leave it out go too
    assert counted_unit("Hvor mange jenter på videregående har hodepine?") is None
    assert counted_unit("Hvor mange fullfører videregående skole?") is None


def test_follow_ups_without_words_of_their_own_or_with_a_demonstrative_lean_on_history():
    base = "Hvor mange prosent av ungdomsskoleelevene i Bærum er misfornøyd med flere sider av livet?"
    assert "misfornøyd" in rewrite_query("Hva var andelen i 2014?", [base])
    q = rewrite_query("Hvilken aldersgrense gjelder for seksuelle overgrep i den definisjonen?",
                      ["Hvor stor andel har vært utsatt for alvorlig vold i barndommen?"])
    assert "vold" in q and "aldersgrense" in q
    q = rewrite_query("Og i resten av befolkningen?", ["Hvor stor andel av innvandrerne i Bærum bor trangt?"])
    assert "bor trangt" in q and q.endswith("i befolkningen")  # «resten» is everyone but them: not searched
    q = rewrite_query("Og for alle ungdomsskoleelevene tilbake i 2014?",
                      ["Hvor mange prosent av jentene på ungdomsskolen har hatt mange psykiske plager den siste uka?"])
    assert "jente" not in q and "ungdomsskolen" in q and "psykiske plager" in q and "2014" in q


def test_follow_ups_that_compare_or_name_a_new_group_keep_the_measure():
    base = "Hvor mange barn på mellomtrinnet i Bærum blir stengt ute, plaget eller truet av andre barn?"
    q = rewrite_query("Er det vanligere her enn i resten av landet?", [base])
    assert "stengt ute" in q and "Bærum" in q and "landet" in q
    q = rewrite_query("Og for barna i grunnskolealder?", ["Frem til hvilket år ventes antallet 0-åringer å gå ned?"])
    assert "gå ned" in q and "grunnskolealder" in q


@pytest.mark.parametrize("question", [
    "Hvor mange bekymringsmeldinger kom inn til barnevernet i Bærum i 2022?",  # only their causes
    "Hvor stor andel av ikke-heterofile mellom 25 og 34 år opplever helsen sin som dårlig?",  # 18-24
    "Hvor stor andel av barneskoleelevene hadde opplevd negative hendelser på nett i 2019?",  # baseline
    "Hvor mange prosent av jentene på ungdomsskolen har blitt slått eller sparket av en annen ungdom?",  # boys
    "Hvor mange prosent av jentene på vgs er ganske eller veldig mye plaget av ensomhet?",  # «dobbel så stor»
    "Hva er antallet barn under 18 år i Bærum som bor trangt?",  # a share, not a count
    "Hvor mange prosent av jentene på ungdomsskolen har hatt hodepine?",  # mellomtrinnet and vgs only
    "Hvor mange prosent av elevene i Bærum trives på skolen?",  # 5.2.3: «de aller fleste», «høy», no number
    "Hvor mange barn i Bærum bodde trangt i 2021, i antall?",  # 5.2.2: 16,6 prosent, no count
    "Hvor mange prosent av innbyggerne i Bærum er barn under 18 år?",  # 4: two counts, no share
    "Hvor mange barn i Sandvika lever i familier med vedvarende lavinntekt?",  # Bærum and Norge only
    "Hvor mange innvandrere fra Polen bor i Bærum?",  # 4.2: «registrert flest innvandrere fra Polen», no count
])
def test_near_misses_the_figure_gives_away_abstain(assistant, question):
    a = assistant.ask(question)
    assert a.abstained and a.nearest


@pytest.mark.parametrize("question, figure", [
    ("Hvor stor andel av ikke-heterofile mellom 18 og 24 år opplever helsen sin som dårlig?", "26 prosent"),
    ("Hvor stor andel av barneskoleelevene har opplevd negative hendelser på nett eller mobil?", "31 prosent"),
    ("Hvor mange jenter på videregående spiller onlinespill med andre store deler av kvelden?", "12 prosent"),
    ("Hvor mange elever på barnetrinnet mangler en venn de kan stole helt på?", "ti prosent"),
    ("Hvor stor andel av barna i Bærum bor trangt?", "16,6 prosent"),
])
def test_their_answerable_twins_give_the_figure(assistant, question, figure):
    a = assistant.ask(question)
    assert not a.abstained and a.numbers_verified
    assert figure in a.answer


@pytest.mark.parametrize("question, words", [
    ("Hvor ofte lages det en ny planstrategi i Bærum?", "hvert fjerde år"),
    ("Over hvor mange år har andelen unge uføre i Bærum økt med 65 prosent?", "6 år"),
])
def test_how_often_and_how_long_are_answered_by_frequencies_and_durations(assistant, question, words):
    a = assistant.ask(question)
    assert not a.abstained and words in a.answer



def test_a_question_for_a_year_age_or_grade_is_answered_with_a_sentence_that_names_one(assistant):
    from assistant.reading.quantities import asked_detail, states_detail

    assert asked_detail("Fra hvilket år har andelen økt?") == "year"
    assert asked_detail("Hvilken aldersgruppe gjelder tallet?") == "age"
    assert asked_detail("Hvilket klassetrinn har fått mer mobbing?") == "grade"
    assert asked_detail("Hvor mange prosent trener?") is None
    assert states_detail("Det er en økning fra 2019.", "year")
    assert states_detail("videregående elever (16-19 år)", "age")
    assert not states_detail("videregående elever", "age")
    # 5.1.1: «… er 31 prosent av barn på barneskolen. Det er en økning fra 2019.»
    a = assistant.ask("Fra hvilket år har andelen barneskolebarn som har opplevd noe negativt på nettet "
                      "eller mobilen økt?")
    assert "Det er en økning fra 2019." in a.answer and a.numbers_verified


def test_the_question_word_decides_what_detail_is_asked():
    from assistant.reading.quantities import asked_detail, states_detail

    # a later «når» joins a clause; the question asks how old
    assert asked_detail("Hvor gamle er videregåendeelevene som sammenlignes med ungdomsskoleelevene når det "
                        "gjelder psykiske plager?") == "age"
    assert asked_detail("Vet du når kommunen startet prosjektet?") == "year"
    assert asked_detail("Hvilke aldre regnes som barnehagealder?") == "age"  # «aldre», the plural of «alder»
    assert asked_detail("Over hvilken periode har tryggheten holdt seg på samme nivå?") == "year"
    # 3.2's list of protective factors names one age the Norwegian way
    assert states_detail("• Fra 8-års alder; barnet har en hobby, fritidsinteresse – opplever mestring", "age")
    assert states_detail("Han var 15 år gammel da han flyttet.", "age")
    assert not states_detail("Barnet har venner/tilhører et sosialt felleskap", "age")


def test_an_age_question_opens_with_the_sentence_that_names_the_ages(assistant):
    # 5.1.2: «Det er flere videregående elever (16-19 år) sammenlignet med ungdomsskoleelever (13-16 år) som
    # opplever slike plager.» comes after the sentence on the rise since 2014
    a = assistant.ask("Hvor gamle er videregåendeelevene som sammenlignes med ungdomsskoleelevene når det gjelder "
                      "psykiske plager?")
    assert a.answer.startswith("Det er flere videregående elever (16-19 år)")
    a = assistant.ask("Fra hvilken alder regnes det som en beskyttelsesfaktor at barnet har en hobby?")
    assert a.answer.startswith("• Fra 8-års alder; barnet har en hobby")


def test_a_year_question_for_one_age_group_opens_with_that_groups_sentence(assistant):
    # 4.1 p. 10: «Antall 0-åringer vil bli redusert frem til 2030 … Aldersgruppen 6-15 år vil også
    # reduseres frem til 2034 og deretter øke.»: the 0-åringer's year is not the 6–15-åringer's
    a = assistant.ask("Fram til hvilket år ventes antallet barn i alderen 6–15 år å gå ned før det øker igjen?")
    assert a.answer.startswith("Aldersgruppen 6-15 år vil også reduseres frem til 2034"), a.answer


def test_a_figure_that_is_the_size_of_a_change_is_told_from_a_level():
    # 6.1.2 p. 23 and 4 p. 9 of the report, and the ways Norwegian states a change
    def changes(sentence):
        return [(q.text, q.change) for q in quantities(sentence)]

    assert changes("Det er en 65 prosent økning på bare 6 år.") == [("65 prosent", True)]
    assert changes("De siste fem årene (2019-2022) har befolkningen økt med 884 personer i gjennomsnitt "
                   "hvert år.") == [("884 personer", True)]
    assert changes("I Bærum er det særlig aldersgruppen 25-34 år som har økt fra 1,6 prosent i 2015 til "
                   "2,6 prosent i 2021.") == [("1,6 prosent", False), ("2,6 prosent", False)]
    assert changes("Den koster nå 39,90 kroner, en oppgang på 8,1 prosent.") == [
        ("39,90 kroner", False), ("8,1 prosent", True)]


def test_the_comparison_asked_for_is_no_topic_word():
    # «flere jenter enn gutter som sliter med fysiske plager» (5.1.2) shares «flere» with a question on
    # psychological complaints; the topic of «Hvor mange flere jenter enn gutter …» is what is compared
    from assistant.question.asking import question_terms

    q = "Hvor mange flere jenter enn gutter har mange psykiske plager?"
    got = question_terms(q, q)
    assert "fler" not in got and {"psykisk", "plag"} <= got


@pytest.mark.parametrize("question, kinds", [
    ("Hvor mange barn i Norge lever i fattige familier – ikke andelen, men antallet?", {"count"}),
    ("Hvor mange elever dropper ut? Jeg vil ha antallet.", {"count"}),
    ("Hvor mange unge står utenfor skole og jobb, ikke i prosent?", {"share", "count"}),
    ("Hvor stor andel av barna lever i fattige familier?", {"share"}),
])
def test_a_kind_the_question_says_it_does_not_want_is_not_wanted(question, kinds):
    from assistant.question.asking import wanted_kinds
    assert wanted_kinds(question) == kinds
