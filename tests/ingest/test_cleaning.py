"""Cleaning helpers on single strings."""

from __future__ import annotations

import pytest

from ingest import join_lines, normalize_spaces, strip_note_markers


@pytest.mark.parametrize("text, notes, clean, found", [
    ("trivsel og livskvalitet1.", {1}, "trivsel og livskvalitet.", (1,)),
    ("over en treårsperiode)7. Det utgjør", {7}, "over en treårsperiode). Det utgjør", (7,)),
    ("i Bærum hele 12,4 prosent. I 2021 utgjorde dette 3247 barn22.", {22},
     "i Bærum hele 12,4 prosent. I 2021 utgjorde dette 3247 barn.", (22,)),
    ("utvikle ferdigheter23. Sammenhengen", {23}, "utvikle ferdigheter. Sammenhengen", (23,)),
    ("Trangboddhet10 er én av flere indikatorer", {10}, "Trangboddhet er én av flere indikatorer", (10,)),
    ("i en levekårsundersøkelse fra 202036, fremkommer", {36},
     "i en levekårsundersøkelse fra 2020, fremkommer", (36,)),
    ("fra 1,6 prosent i 2015 til 2,6 prosent i 202119. Det er en", {19},
     "fra 1,6 prosent i 2015 til 2,6 prosent i 2021. Det er en", (19,)),
    ("ikke er skambelagt.15", {15}, "ikke er skambelagt.", (15,)),
    ("(gitt ikke for høy alvorlighetsgrad)29.Det er", {29}, "(gitt ikke for høy alvorlighetsgrad).Det er", (29,)),
    ("forbedre helse sin.52 Helsefremmende", None, "forbedre helse sin. Helsefremmende", (52,)),
])
def test_markers_removed(text, notes, clean, found):
    out, markers = strip_note_markers(text, notes)
    assert out == clean
    assert tuple(n for _, n in markers) == found


def test_marker_offset_points_after_the_word():
    out, markers = strip_note_markers("trivsel og livskvalitet1. Neste", {1})
    assert markers == ((len("trivsel og livskvalitet"), 1),)


@pytest.mark.parametrize("text", [
    "Sist ungdataundersøkelse ble gjennomført i 2022.", "stabilt lavt på 6 prosent siden 2014.",
    "omkring 1 av 4 har opplevd", "bodde det 129 874 innbyggere", "utgjør 23,9 prosent",
    "mellom 5-10 prosent av barn", "De siste fem årene (2019-2022) har", "rundt 110.700 barn",
    "Covid-19-pandemien", "mellomtrinnet (5.-7.trinn)", "fra 1.- til 3. vgs.",
])
@pytest.mark.parametrize("notes", [None, set(range(1, 56))])
def test_real_numbers_are_not_markers(text, notes):
    assert strip_note_markers(text, notes) == (text, ())


def test_numbers_not_on_the_page_are_kept():
    assert strip_note_markers("livskvalitet1.", {2, 3}) == ("livskvalitet1.", ())


@pytest.mark.parametrize("lines, joined", [
    (["Covid-19-", "pandemien understreket"], "Covid-19-pandemien understreket"),
    (["«barnet i sentrum-", "modellen» som er"], "«barnet i sentrum-modellen» som er"),
    (["mellomtrinnet (5.-", "7.trinn)."], "mellomtrinnet (5.-7.trinn)."),
    (["Noen viktige beskyttelses-", "og risikofaktorer"], "Noen viktige beskyttelses- og risikofaktorer"),
    (["helse- og omsorgs-", "eller sosialtjenester"], "helse- og omsorgs- eller sosialtjenester"),
    (["fremover -", "og også"], "fremover - og også"),
    (["en   linje  ", "", "  til"], "en linje til"),
])
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


def test_narrow_and_no_break_spaces_become_spaces():
    assert normalize_spaces("129\u202f874 og 5\u00a0%") == "129 874 og 5 %"
