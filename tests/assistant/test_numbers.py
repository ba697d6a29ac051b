"""Number extraction and proof, on sentences taken from the report itself."""

from pathlib import Path

import pytest

from assistant.proof.numbers import unproven_numbers
from assistant.reading.numbers import extract_numbers, normalize_for_match, number_key

REPORT = Path(__file__).resolve().parents[2] / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"


@pytest.fixture(scope="module")
def report() -> str:
    return REPORT.read_text(encoding="utf-8")


# (text as in the report, numbers a reader sees in it)
REPORT_SENTENCES = [
    ("Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum. 29 495 av disse er barn under 18 ",
     ["1", "2023", "129 874", "29 495", "18"]),
    ("år. De siste fem årene (2019-2022) har befolkningen økt med 884 personer i gjennomsnitt",
     ["2019-2022", "884"]),
    ("aldersgruppene (0-5 år, 6-15 år og 16-19 år) har vært stabile", ["0-5", "6-15", "16-19"]),
    ("I Bærum bor det 31 050 innvandrere inkludert norskfødte med innvandrerforelder. Dette \n\n"
     "utgjør 23,9 prosent av befolkningen. 153 nasjonaliteter er representert i kommunen.",
     ["31 050", "23,9", "153"]),
    ("medianinntekt for Bærum kommune over en treårsperiode)7. Det utgjør cirka 3300 barn og",
     ["3300"]),
    ("egen hånd i fremtiden. Dette legger grunnlaget for god psykisk helse, som er sentralt for god \n"
     "trivsel og livskvalitet1.  ", []),
    ("utgjør rundt 110.700 barn21. Tilsvarende tall for Bærum er 6,5 prosent", ["110.700", "6,5"]),
    ("Studier viser at mellom 5-10 prosent av barn og unge i Norge har atferdsvansker", ["5-10"]),
    ("stress (NKVTS) viser at omkring 1 av 4 har opplevd minst en type alvorlig barndomsvold",
     ["1 av 4"]),
    ("Videre har 18 % opplevd at mor har vært utsatt for minst én form for fysisk eller psykisk vold,",
     ["18"]),
    ("utgjorde dette 3247 barn22. ", ["3247"]),
    ("utvikle ferdigheter23. Sammenhengen mellom oppvekst i lavinntektsfamilier", []),
    ("gjeldende fra 1. august 2023. Disse endringene", ["1", "2023"]),
    ("• Meld. St. 15 (2022 –2023) Folkehelsemeldinga", ["15", "2022-2023"]),
    ("til 2,6 prosent i 202119. Det er en", ["2,6", "2021"]),  # year 2021 + note 19
]


@pytest.mark.parametrize("text,expected", REPORT_SENTENCES)
def test_extract_numbers_from_report_sentences(report, text, expected):
    assert normalize_for_match(text) in normalize_for_match(report)  # really from the report
    assert extract_numbers(text) == expected


@pytest.mark.parametrize("glued", ["livskvalitet1.", "treårsperiode)7.", "kår22.", "ferdigheter23.",
                                   "trivsel.6", "skambelagt.15", "lidelser20.", "(16 prosent)31."])
def test_note_markers_are_never_numbers(glued):
    assert extract_numbers(glued) in ([], ["16"])  # «(16 prosent)31.»: 16 is a figure, 31 a note


def test_citation_markers_list_numbers_and_urls_are_not_numbers():
    text = ("Det gjelder 12 prosent [1], [2, 3].\n1. Det digitale sporet\n2) Arbeidsmodell\n"
            "https://www2.bufdir.no/Statistikk_og_analyse/Barnefattigdom/#/3024&3025")
    assert extract_numbers(text) == ["12"]


def test_separators_u202f_and_nbsp_give_the_same_number():
    for sep in (" ", "\u202f", "\u00a0", "\u2009"):
        assert extract_numbers(f"det 129{sep}874 innbyggere") == ["129 874"]


def test_two_numbers_are_not_grouped_as_thousands():
    assert extract_numbers("i 2022 og 2023") == ["2022", "2023"]
    assert extract_numbers("i 2021 125 barn") == ["2021", "125"]
    assert extract_numbers("20 2022") == ["20", "2022"]


def test_number_key_ignores_thousands_separators_and_dash_style():
    assert number_key("129 874") == number_key("129874") == number_key("129\u202f874") == "129874"
    assert number_key("110.700") == "110700"
    assert number_key("2019–2022") == number_key("2019-2022")
    assert number_key("23,9") != number_key("239")


def test_unproven_numbers_matches_whole_numbers_only():
    source = "Per 1. januar 2023 bodde det 129\u202f874 innbyggere i Bærum, mot 2012 i fjor."
    assert unproven_numbers("Bærum hadde 129 874 innbyggere i 2023 [1].", [source]) == []
    assert unproven_numbers("Bærum hadde 129874 innbyggere [1].", [source]) == []
    assert unproven_numbers("Det gjelder 12 barn [1].", [source]) == ["12"]
    assert unproven_numbers("Det gjelder 874 barn [1].", [source]) == ["874"]


def test_unproven_numbers_on_the_low_income_passage(report):
    start = report.index("I 2020 var det registrert at 12 prosent")
    passage = report[start:start + 400]
    good = ("12 prosent av barn under 18 år bodde i 2020 i husholdninger med vedvarende lavinntekt, "
            "cirka 3300 barn; etter nasjonal grense er tallet 7 prosent [1].")
    assert unproven_numbers(good, [passage]) == []
    # 7 is only a note marker in «treårsperiode)7.», so this passage alone does not prove «7»
    before_national = passage[: passage.index("Hvis vi sammenligner")]
    assert unproven_numbers(good, [before_national]) == ["7"]
    assert unproven_numbers("Det gjelder 13 prosent [1].", [passage]) == ["13"]


def test_range_and_av_parts_prove_single_numbers_but_not_other_ranges():
    src = ["mellom 5-10 prosent, omkring 1 av 4 (2019-2022)"]
    assert unproven_numbers("5 til 10 prosent, 1 av 4, fra 2019 til 2022", src) == []
    assert unproven_numbers("5-12 prosent og 1 av 5", src) == ["5-12", "1 av 5"]


def test_unproven_numbers_are_unique_and_in_order():
    assert unproven_numbers("999 og 5 og 999 og 4", ["5"]) == ["999", "4"]


def test_normalize_for_match():
    assert normalize_for_match("  a\u202fb\u00a0\u00a0c\n\n d\t") == "a b c d"
    assert normalize_for_match("ﬁ ２") == "fi 2"  # NFKC
