"""Answer metrics on hand-scored examples (issue 13): every expected value is counted by hand."""

from __future__ import annotations

import json

import pytest

from assistant.records import Answer, Citation
from evaluation.answers import (
    answer_metrics,
    answer_recall,
    answer_words,
    contains_gold,
    is_expected,
    first_is_expected,
    lead_figures,
    lead_of,
)
from evaluation.corpora import load_squad
from evaluation.testset import TestQuestion

QUOTE = "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum."


def _answer(text: str, quote: str = QUOTE, abstained: bool = False) -> Answer:
    cites = () if abstained else (Citation(1, "r:4:01", "4", "Befolkning", (9,), quote, quote),)
    return Answer(answer=text, abstained=abstained, query_used="q", citations=cites)


def test_answer_recall_counts_stems_of_the_reference_without_stopwords():
    # reference stems: resili, betyr, motstandskraft, risiko (4; «mot» is a stopword)
    assert answer_recall("Resiliens er motstandskraft [1].", "Resiliens betyr motstandskraft mot risiko") == 0.5
    # inflected forms share the stem: «risikofaktorer» is not «risiko», «barna» is «barn»
    assert answer_recall("Barna i Bærum.", "barn") == 1.0
    assert answer_recall("ingenting", "") is None


def test_answer_words_leave_out_markers():
    assert answer_words("Per 1. januar 2023 bodde det 129 874 innbyggere [1].") == 9
    assert answer_words("23,9 prosent [2][3]") == 2


def test_lead_is_the_text_before_the_first_quote_or_the_first_sentence():
    crowded = _answer(f"12 prosent (barn under 18 år, 2020), 7 prosent (landet, 2020) [1]. {QUOTE} [1]")
    assert lead_of(crowded) == "12 prosent (barn under 18 år, 2020), 7 prosent (landet, 2020) [1]."
    assert lead_figures(crowded) == ["12 prosent", "7 prosent"]  # 18 år is an age, 2020 a year
    opening = _answer(f"{QUOTE} [1] Det er flere enn før.")
    assert lead_of(opening) == QUOTE
    assert lead_figures(opening) == ["129 874 innbyggere"]  # with its unit; «1. januar» is a date


def test_a_lead_of_only_a_period_states_it_but_a_period_beside_a_figure_only_dates_it():
    # report, 4 p. 9: «… har denne aldersgruppen de siste 20 årene vært stabil eller synkende …»
    quote = "Derimot har denne aldersgruppen de siste 20 årene vært stabil eller synkende."
    assert first_is_expected(_answer(f"{quote} [1]", quote=quote), "20")
    # «De siste fem årene (2019-2022) har befolkningen økt med 884 personer i gjennomsnitt hvert år.»
    growth = "De siste fem årene har befolkningen økt med 884 personer i gjennomsnitt hvert år."
    assert first_is_expected(_answer(f"{growth} [1]", quote=growth), "884")
    assert not first_is_expected(_answer(f"{growth} [1]", quote=growth), "5")


def test_is_expected_and_contains_gold():
    assert is_expected("12,4 prosent", "12,4 prosent og 6,5 prosent")
    assert not is_expected("3247 barn", "12,4 prosent")
    assert is_expected("halvparten", "halvparten")
    # a figure in words is read without its hedge, like «cirka 3300» is «3300»: the lead that says
    # «nesten dobbel så stor» states the expected «nesten dobbel så stor» (the reader keeps «dobbel så stor»)
    assert is_expected("dobbel så stor", "nesten dobbel så stor")
    assert is_expected("nesten dobbel så stor", "dobbel så stor")
    assert not is_expected("dobbel så stor", "dobbelt så mange")
    assert not is_expected("halvparten", "en tredjedel")
    assert contains_gold("Turneringen heter  FIFA\u00a0VM [1].", ["fifa vm"])
    assert not contains_gold("Turneringen heter VM.", ["FIFA VM", ""])


def test_answer_metrics_on_four_hand_scored_pairs():
    figure = TestQuestion("f", "Hvor mange innbyggere?", ("129 874",), kind="figure", answer="129 874")
    why = TestQuestion("w", "Hvorfor?", ("x",), kind="why", answer="Flere flytter ut enn inn")
    fig_follow = TestQuestion("ff", "Og i 2022?", ("x",), kind="followup", form="figure", answer="129 874")
    near = TestQuestion("n", "Hvor mange i barnehage?", (), kind="unanswerable")
    pairs = [
        (figure, _answer(f"{QUOTE} [1]")),                                   # 4 words after the lead
        (why, _answer("Det flytter flere ut av kommunen enn inn [1].", quote="Det flytter flere ut")),
        (fig_follow, _answer("", abstained=True)),                            # a wrong abstention
        (near, _answer("Det finner jeg ikke.", abstained=True)),              # a right one
    ]
    m = answer_metrics(pairs)
    assert m["answer_figure_match"] == 1.0
    assert m["false_abstention_rate"] == pytest.approx(1 / 3)
    assert m["abstention_recall"] == 1.0 and m["abstention_precision"] == 0.5
    # why: reference stems flytt, ut, inn (flere, enn are stopwords) -> all 3 in the answer
    assert m["answer_recall_nonfigure"] == 1.0
    # recall over all three answerable: figure 1.0, why 1.0, abstained figure follow-up 0.0
    assert m["answer_recall"] == pytest.approx(2 / 3)
    # words: the figure answer opens with its quote (the lead), leaving 0; the why answer 8
    assert m["answer_words_median"] == 4.0 and m["answer_words_p90"] == 8.0
    assert m["lead_figures_median"] == 1.0 and m["lead_first_expected"] == 1.0


def test_squad_keeps_the_gold_spans(tmp_path):
    path = tmp_path / "squad.json"
    path.write_text(json.dumps({"data": [{"paragraphs": [{"context": "Oslo er hovedstaden.", "qas": [
        {"id": "a", "question": "Hva er hovedstaden?", "answers": [{"text": "Oslo", "answer_start": 0}]}]}]}]}),
        encoding="utf-8")
    corpus = load_squad(path)
    assert corpus.answers == {"a": ("Oslo",)}
