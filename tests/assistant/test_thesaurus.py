"""Everyday words for the report's own: the thesaurus, through the real assistant and index.

Expected values are read from the report: 5.2.2 «I 2021 bodde 16,6 prosent av barn i Bærum under
18 år trangt» (p. 17), 6.1.3 «I dag vokser 11,3 prosent av barna i Norge opp i en familie med
vedvarende lavinntekt» (p. 23).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.evidence.credits import credits_with_synonyms
from assistant.question.thesaurus import SYNONYM_CREDIT, _parse, _table, other_forms, report_words
from assistant.reading.text import terms


def test_a_user_word_is_carried_by_the_report_word_with_less_than_full_credit():
    credits = credits_with_synonyms("plass", frozenset({"trangt", "bolig", "plass"}))
    assert credits["plass"] == 1.0
    assert credits["trangt"] == SYNONYM_CREDIT < 1.0
    assert "bolig" not in credits


def test_entries_are_stemmed_like_the_index_and_never_map_a_word_to_itself():
    assert report_words(next(iter(terms("fattig")))) >= terms("lavinntekt")
    assert report_words("finnesikke") == frozenset()
    assert other_forms("bor") == terms("bodde")  # one word the stemmer keeps apart: full credit
    assert credits_with_synonyms("bor", frozenset({"bodd"}))["bodd"] == 1.0
    # a line that lists the word itself («fattig: fattige, lavinntekt») keeps only the other words
    assert _parse("fattig: fattige, lavinntekt  # note") == {"fatt": ("lavinntekt",)}
    assert all(stem not in report_words(stem) for stem in _table())


def test_a_definition_that_lives_in_a_footnote_is_found_and_cited_with_its_page(assistant):
    # note 10, page 17: «Å bo trangt er definert som følgende: 1. Antall rom i boligen er mindre enn
    # antall personer …, og 2. Antall kvadratmeter (p-areal) er under 25 kvm per person.»
    answer = assistant.ask("Hvordan er det å bo trangt definert?")
    assert not answer.abstained
    assert "1. Antall rom i boligen er mindre enn antall personer" in answer.citations[0].quote  # one sentence
    assert answer.citations[0].pages == (17,) and answer.citations[0].sources[0].note == 10
    figure = assistant.ask("Under hvor mange kvadratmeter per person regnes man for å bo trangt?")
    assert (figure.stated_figures[0].value, figure.stated_figures[0].unit) == ("25", "kvm")
    assert [f.value for f in figure.stated_figures] == ["25"]  # the list numbers «1.» and «2.» are no figures
    assert figure.numbers_verified


def test_a_number_in_words_is_the_number_in_digits_for_the_checks_but_not_for_bm25():
    from assistant.question.thesaurus import expand

    # 5.1.2: «trener minst 3 ganger i uken»; 5.1.1: «ti prosent av de som har svart»
    assert credits_with_synonyms("tre", frozenset({"3"}))["3"] == 1.0
    assert credits_with_synonyms("10", frozenset({"ti"}))["ti"] == 1.0
    added = expand("Hvor stor andel av 8.–10.-klassingene er fornøyd?").split()[7:]
    assert added == ["tilfreds", "tilfredshet"]  # the report's words for «fornøyd», no «åtte» or «ti» for grades


def test_an_inflected_word_finds_the_entry_of_its_base_form():
    # Snowball stems «forsørger» to «forsørg» but «forsørgeren» to «forsørger»; both are the
    # report's «hovedinntektstaker» (5.2.1, 6.1.3)
    assert report_words(next(iter(terms("forsørgeren")))) == report_words(next(iter(terms("forsørger")))) \
        == terms("hovedinntektstaker")
    # «fattigdommen» doubles the m of «fattigdom»; the report's poverty figures are «lavinntekt» (5.2.1)
    assert report_words(next(iter(terms("barnefattigdommen")))) >= terms("lavinntekt")


def test_a_score_or_range_takes_no_number_word_whatever_the_hash_seed():
    # «4-3» stems to 4-3, 4 and 3, and its other forms were looked up in whichever came first in a set:
    # «fir» under one PYTHONHASHSEED, «tre» under another, so the same question got two answers
    code = "from assistant.question.thesaurus import other_forms; print(sorted(other_forms('4-3')))"
    root = Path(__file__).resolve().parents[2]
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (7, 11, 0, 3)}
    assert seen == {"[]\n"}


def test_a_verb_with_a_particle_is_one_word_for_the_checks():
    from assistant.question.thesaurus import expand, plain

    assert plain("Har andelen gått ned siden 2014?") == "Har andelen synke siden 2014?"
    assert plain("Går tallet opp?") == "Går tallet opp?"  # the particle must follow the verb
    assert plain("Hvor mye gikk opp") == "Hvor mye øke"
    assert "reduseres" in expand("antallet vil gå ned").split()


def test_bm25_search_adds_the_reports_words_for_everyday_ones(retriever):
    from assistant.question.thesaurus import expand

    assert expand("lite plass hjemme").split()[3:] == ["trangt", "trangboddhet"]
    hits = retriever.search("Hvor mange prosent av barna har for lite plass hjemme?", k=5, mode="bm25")
    assert any("16,6 prosent av barn i Bærum under 18 år trangt" in h.chunk.text for h in hits)


@pytest.mark.parametrize("question, figure, page", [
    ("Hvor mange prosent av barna i kommunen har for lite plass hjemme?", "16,6 prosent", 17),
    ("Hvor stor andel av alle barn i Norge er fattige i dag?", "11,3 prosent", 23),
    # 4: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.»
    ("Hvor mange bor i Bærum?", "129 874", 9),
    # 4.2: «… innvandrerbakgrunn i Bærum mellom 0 og 29 år. Det utgjør over 5000 personer.»
    ("Omtrent hvor mange unge under 30 med innvandrerbakgrunn har vi i kommunen?", "5000", 10),
    # 6.1.1: «I Bærum er 9,7 prosent … Bærum skiller seg ikke ut fra landet …, hvor tallet er 9,5 prosent.
    # Dette utgjør allikevel 1860 barn og unge …»: the count is Bærum's, though «landet» came last
    ("Hvor mange unge i Bærum går verken på skole eller er i jobb, i antall personer?", "1860", 22),
    # 5.2.4: «… mange psykiske plager fra 2014 (10 prosent) og til i dag (16 prosent)»
    ("Hvor mange ungdomsskoleelever hadde mye psykiske plager i 2014?", "10 prosent", 13),
    # 6.3.2: «de yngste ikke-heterofile … er hele 26 prosent i gruppen 18-24 år»
    ("Hvor mange unge skeive mellom 18 og 24 sier at helsa deres er dårlig?", "26 prosent", 29),
    # 5.2.1: «Hvis vi sammenligner med den nasjonale inntekten, er tallet på 7 prosent. Det er en økning
    # fra 5,4 prosent i 2013.»: «nasjonale» there is how it is measured, not the place
    ("Målt mot nasjonal inntekt: hvor høy var andelen barn i vedvarende lavinntekt i Bærum i 2013?",
     "5,4 prosent", 17),
    # 5.1: «… misfornøyd med flere sider av livet har vært stabilt lavt på 6 prosent siden 2014.», in a
    # passage dense search ranks low: a figure answer looks two passages deeper than it decides on
    ("Stemmer det at bare en liten andel av de unge på ungdomsskolen er misfornøyd med flere ting i livet – "
     "hvor stor er den?", "6 prosent", 12),
    # 5.1.1: «Det er likt som snittet i Norge.» compares; the next figure is still Bærum's
    ("Hvor vanlig er det at barneskolebarn i Bærum har opplevd noe negativt på nettet eller mobilen?",
     "31 prosent", 12),
    # 4.1: «Aldersgruppen 6-15 år vil også reduseres frem til 2034»: grunnskolealder is 6–15 år, «gå ned»
    # is «reduseres», and «Hvor lenge» is no content word
    ("Hvor lenge vil antallet barn i grunnskolealder gå ned?", "2034", 10),
    # 5.2.1: «… bodde i husholdninger med vedvarende lavinntekt … Det utgjør cirka 3300 barn og unge i
    # Bærum.»: «lavinntektsfamilier» asks for «lavinntekt» (the «familier» adds little)
    ("Hvor mange barn i Bærum levde i lavinntektsfamilier i 2020?", "3300", 16),
    # 5.2.1: «… hovedinntektstaker har landbakgrunn fra et annet land enn Norge, med vedvarende
    # lavinntekt, er 38 prosent»: «et annet land enn Norge» is a background, not the place
    ("Hvor mange barn i Bærum med utenlandsk hovedforsørger lever i vedvarende lavinntekt?", "38 prosent", 17),
    # 6.1.1: «I Bærum er 9,7 prosent av unge mellom 15-29 år utenfor arbeid, …. Bærum skiller seg ikke ut
    # …. Dette utgjør allikevel 1860 barn og unge …»: the age is two sentences back
    ("Omtrent hvor mange unge mellom 15 og 29 år i Bærum er verken i jobb eller på skole, i antall?", "1860", 22),
    # 6.1.3: «I 2021 utgjorde dette 3247 barn.»: «fattige barn» counts children, not «fattige»
    ("Hvor mange fattige barn var det i Bærum i 2021?", "3247", 23),
    # 6.3: «Ved inngangen til 2023 var det bosatt 25 342 innvandrere i Bærum» (4.2 gives 31 050 with
    # «norskfødte med innvandrerforelder», which the question leaves out)
    ("Hvor mange innvandrere bodde i Bærum ved starten av 2023, uten å regne med norskfødte barn av "
     "innvandrere?", "25 342", 28),
])

def test_questions_in_everyday_words_get_the_reports_figure(assistant, question, figure, page):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert figure in answer.answer
    assert any(page in c.pages for c in answer.citations), [c.pages for c in answer.citations]
    assert answer.numbers_verified


def test_a_count_of_people_for_a_measure_the_report_gives_only_as_a_share_is_a_near_miss(assistant):
    # 6.1.2 gives unge uføre only as shares (1,6 and 2,6 prosent); «personer» is how it is counted,
    # not what: the note defining «bo trangt» («antall personer») is no answer
    answer = assistant.ask("Hvor mange unge uføre er det i Bærum, i antall personer?")
    assert answer.abstained, answer.answer


def test_bullying_is_the_reports_stengt_ute_plaget_eller_truet(assistant):
    # 5.1.1, page 12: «… ti prosent av de som har svart opplever å ha blitt stengt ute, plaget eller truet»
    answer = assistant.ask("Hvor mange barn blir mobbet på skolen eller i fritida?")
    assert "ti prosent" in answer.answer and any(12 in c.pages for c in answer.citations)


def test_an_inflected_everyday_word_reaches_the_reports_figure(assistant):
    # 6.1.3, page 24: «… hovedinntektstaker har landbakgrunn fra et annet land enn Norge, med vedvarende
    # lavinntekt, er 38 prosent»
    answer = assistant.ask("Hvor mange av barna i familier der forsørgeren kommer fra et annet land, lever "
                           "med lav inntekt over tid i Bærum?")
    opening = answer.answer.split("[")[0]
    assert "38 prosent" in opening
    assert any(24 in c.pages or 17 in c.pages for c in answer.citations if "38 prosent" in c.quote)


def test_a_figure_for_what_the_user_leaves_out_is_not_given(assistant):
    # 6.1.3, page 23: «Tilsvarende tall for Bærum er 6,5 prosent … Justert for lokale lavinntektsgrenser er
    # andelen … i Bærum hele 12,4 prosent.»
    answer = assistant.ask("Hvor stor andel av barna i Bærum lever i vedvarende lavinntekt når man ikke "
                           "justerer for lokale inntektsgrenser?")
    opening = answer.answer.split("[")[0]
    assert "6,5 prosent" in opening and answer.stated_figures[0].value == "6,5"
    assert "12,4 prosent" not in opening


@pytest.mark.parametrize("question, figure", [
    # 4.1, page 10: «Aldersgruppen 6-15 år vil også reduseres frem til 2034 og deretter øke.»
    ("Hvor lenge vil antallet barn i grunnskolealder, 6 til 15 år, fortsette å synke før det snur?", "2034"),
    # 3.5, page 7: «Siden 2016 har Bærum kommune vært engasjert i et tverrsektorielt samarbeidsprosjekt for å
    # gi Startlån til utsatte barnefamilier …»
    ("Hvor lenge har kommunen hjulpet utsatte barnefamilier med startlån selv om de ikke fyller de vanlige "
     "kravene?", "2016"),
    # 6.3, page 28: «Ved inngangen til 2023 var det bosatt 25 342 innvandrere i Bærum»; 4.2's 31 050 counts
    # the «norskfødte med innvandrerforelder» the question leaves out
    ("Hvor mange innvandrere bor i Bærum i dag, ikke medregnet norskfødte med innvandrerforeldre?", "25 342"),
])
def test_how_long_and_left_out_questions_get_the_reports_figure(assistant, question, figure):
    answer = assistant.ask(question)
    assert not answer.abstained and figure in answer.answer, answer.answer
