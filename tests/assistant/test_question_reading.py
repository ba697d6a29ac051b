"""A question is read once into a ``Reading``: what the evidence stage scores sentences against.

Expected values are read from the Norwegian of each question: which words name a group, level or
year, which word is the measure, what a follow-up adds, and which thing a definition question asks
to have explained.
"""

from __future__ import annotations

import pytest

from assistant.question.reading import read
from assistant.reading.text import TermStats

REPORT_LIKE = TermStats([
    "På ungdomsskolen oppgir 8 prosent av jentene at de blir mobbet.",
    "Aktivitetskortet gir barn i lavinntektsfamilier gratis fritidsaktiviteter.",
    "I 2022 ble 6 prosent av guttene mobbet.",
])


def test_a_figure_question_splits_its_group_level_and_year_from_its_measure():
    q = "Hvor mange jenter på ungdomsskolen i Bærum ble mobbet i 2022?"
    r = read(q, q, REPORT_LIKE)
    assert r.figure
    assert {slot for slot, _ in r.by_slot.values()} == {"gender", "level", "year"}
    assert r.measure_terms == ("mobb",)  # «mobbet» is what is measured; the rest says for whom
    assert r.named["year"] == {"2022"} and r.named["place"] == {"Bærum"}
    assert r.form == "figure" and r.thing == frozenset()
    assert r.total == pytest.approx(sum(r.idf.values()))
    assert r.measure_total == pytest.approx(r.idf["mobb"])


@pytest.mark.parametrize("q, frame", [
    ("Hvor mange innbyggere hadde Bærum ved inngangen til 2023?", "inngang"),
    ("Hvor mange ble mobbet i løpet av 2022?", "løp"),
    ("Hvor mange jenter ble mobbet våren 2022?", "vår"),
])
def test_a_noun_that_frames_a_year_names_the_time_not_the_measure(q, frame):
    r = read(q, q, REPORT_LIKE)
    assert frame in r.terms
    assert r.by_slot[frame] == ("year", q.rstrip("?")[-4:])
    assert frame not in r.measure_terms


def test_a_frame_noun_without_a_year_stays_a_measure_word():
    q = "Hvor mange elever deltok i starten på kurset?"
    r = read(q, q, REPORT_LIKE)
    assert "start" in r.measure_terms and "start" not in r.by_slot


def test_a_follow_up_is_read_from_the_question_searched_and_knows_what_it_adds():
    r = read("Og guttene?", "Hvor mange gutter på ungdomsskolen ble mobbet?", REPORT_LIKE)
    assert r.figure  # the searched question asks for a figure, though the turn does not say so
    assert r.measure_terms == ("mobb",)
    assert r.own == frozenset({"gutt"})  # what this turn adds to the one before
    assert r.named == {"gender": {"gutt"}}  # it names no year or place of its own


def test_a_definition_question_names_the_thing_to_explain_and_asks_for_no_figure():
    q = "Hva er aktivitetskortet for noe?"
    r = read(q, q, REPORT_LIKE)
    assert (r.form, r.thing, r.figure) == ("definition", frozenset({"aktivitetskort"}), False)
    assert r.wants is None  # not a factual «Hvem/Når/Hvor» question


def test_a_factual_question_says_what_kind_of_thing_answers_it():
    q = "Når ble barnevernsreformen innført?"
    assert read(q, q, REPORT_LIKE).wants == "time"


MUNICIPAL = TermStats([
    "I Bærum bor det 31 050 innvandrere.",
    "29 495 av innbyggerne i Bærum er barn under 18 år.",
    "I Oslo er andelen høyere enn i Bærum.",
    "På landsbasis bor 16 prosent trangt, i Norge som helhet.",
])


def test_i_kommunen_means_the_place_the_report_names_most():
    q = "Hvor mange barn under 18 år bor i kommunen?"
    r = read(q, q, MUNICIPAL)
    assert r.asked["place"] == {"Bærum"} and r.named["place"] == {"Bærum"}
    assert "kommun" not in r.terms  # a word every passage could say: the place is what it adds
    q = "Hvor mange barn bor i kommunen Oslo?"  # a place named is the place asked
    assert read(q, q, MUNICIPAL).asked["place"] == {"Oslo"}
    q = "Hvor mange kommuner har flere barn enn de andre kommunene?"
    assert "place" not in read(q, q, MUNICIPAL).asked
    q = "Hvor mange barn bor i kommunen?"
    assert "place" not in read(q, q, REPORT_LIKE).asked  # a corpus that names no place: nothing to mean
