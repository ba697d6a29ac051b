"""Figure cards show what the figure shows (issue 14): the report's sentences that describe each
figure, with their printed pages, and the numbers they state.

Every expected value below was read in data/kunnskapsgrunnlag-barn-og-unge-2023.txt; printed pages
were counted by the report's own rule (line 1 is page 2; a page starts at a line that begins with
one space, or holds only its number).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPORT = Path(__file__).resolve().parents[2] / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"

# Figures the report's text does not describe. Figur 9 («Et utvalg indikatorer fra
# ungdataundersøkelsen for Bærum») sits at the foot of a page in 5.2.1, under a paragraph on low
# income; no sentence of the report names it or speaks of its indicators. Every other figure is
# named («se figur 14», «Figur 4 viser …», also by a wrong number: «Figur 1 viser …» in 4.1 is
# Figur 2, «se figur 10» in 6.4.3 is Figur 13) or described by the text around its caption
# (Figur 3: «Antall 0-åringer vil bli redusert frem til 2030 …»; Figur 5: «Modellen setter barnets
# behov i sentrum …»; Figur 11: «James Heckmans samfunnsøkonomiske modell viser til …»; Figur 16:
# «… brukt hasj eller marihuana …»; Figur 18: «Indikert forebygging er tiltak …»).
UNDESCRIBED = {9}


def _card(assistant, number):
    from assistant.proof.cards import card, find_figure

    return card(find_figure(assistant.documents, number))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_figure_the_report_describes_has_a_describing_sentence(assistant):
    cards = {n: _card(assistant, n) for n in range(1, 19)}
    assert {n for n, c in cards.items() if not c.described_by} == UNDESCRIBED
    letters = re.sub(r"[\d\s]", "", REPORT.read_text(encoding="utf-8"))  # note markers and wraps aside
    for c in cards.values():
        for s in c.described_by:
            assert re.sub(r"[\d\s]", "", s.text) in letters  # the report's own words
            assert 2 <= s.page <= 39


def test_figure_14_shows_the_sentence_with_the_shares_it_plots(assistant):
    c = _card(assistant, 14)
    # p. 32: «På ungdomskolen er andelen jenter som har rapporter «mange psykiske plager den siste
    # uka» på 24 prosent mot 9 prosent av guttene, og 27 prosent av jenter og 11 prosent av guttene
    # på videregående skole svarer det samme (se figur 14).»
    (shares,) = [s for s in c.described_by if "se figur 14" in s.text]
    assert "24 prosent mot 9 prosent" in shares.text and "27 prosent av jenter og 11 prosent" in shares.text
    assert shares.page == 32
    stated = {(f.value, f.applies_to) for f in c.stated}
    assert ("24 prosent", "jenter, ungdomskolen") in stated
    assert ("27 prosent", "jenter, videregående") in stated
    assert {f.value for f in c.stated} >= {"24 prosent", "9 prosent", "27 prosent", "11 prosent"}


def test_a_wrong_figure_number_in_the_text_is_linked_to_the_figure_next_to_it(assistant):
    # 4.1, p. 9: «Figur 1 viser historisk befolkningsutvikling …» stands over Figur 2's caption
    two = [s for s in _card(assistant, 2).described_by if s.text.startswith("Figur 1 viser")]
    assert two and two[0].page == 9
    assert not any("befolkningsutvikling" in s.text for s in _card(assistant, 1).described_by)
    # 6.4.3, p. 31: «… 37 prosent av jentene på ungdomskolen … se figur 10.» is Figur 13
    thirteen = [s for s in _card(assistant, 13).described_by if "37 prosent" in s.text]
    assert thirteen and thirteen[0].page == 31
    assert not any("37 prosent" in s.text for s in _card(assistant, 10).described_by)


def test_figure_1_is_named_in_the_introduction(assistant):
    # p. 2: «Det er en ambisjon at planen bygger på god kunnskapsbasert praksis (se figur 1), …»
    (s,) = [s for s in _card(assistant, 1).described_by if "se figur 1" in s.text]
    assert s.page == 2


def test_the_numbers_table_carries_the_year_and_the_group(assistant):
    c = _card(assistant, 10)
    # 6.1.3, p. 23: «I 2021 utgjorde dette 3247 barn.»
    assert any(f.value == "3247 barn" and f.year == "2021" and f.page == 23 for f in c.stated)
    # «Justert for lokale lavinntektsgrenser er andelen barn … i Bærum hele 12,4 prosent.»
    assert any(f.value == "12,4 prosent" and "Bærum" in f.applies_to for f in c.stated)


def test_a_figure_answer_carries_the_card_with_its_sentences(assistant):
    a = assistant.ask("Vis figur 14")
    (fig,) = a.figures
    assert fig.number == 14 and any("se figur 14" in s.text for s in fig.described_by)
    d = a.to_dict()["figures"][0]["described_by"][0]
    assert set(d) == {"text", "page"}


@pytest.mark.parametrize("number, words", [
    (5, "Modellen setter barnets behov i sentrum"),       # 5, p. 11
    (6, "troen på et lykkelig liv har gått ned fra 79 prosent til 70 prosent"),  # 5.1, p. 12
    (16, "brukt hasj eller marihuana"),                    # 6.4.4, p. 33
    (17, "30 prosent av guttene på ungdomskolen"),         # 6.4.4, p. 33 «(figur 17)»
])
def test_the_text_next_to_a_caption_describes_its_figure(assistant, number, words):
    assert any(words in _flat(s.text) for s in _card(assistant, number).described_by)


def test_a_describing_sentence_keeps_its_own_page_across_a_page_break(assistant):
    # Figur 3's paragraph runs from p. 9 onto p. 10 (« 2042. Det samme …» opens p. 10):
    # «Aldersgruppen 6-15 år vil også reduseres frem til 2034 og deretter øke.» is on p. 10
    c = _card(assistant, 3)
    (s,) = [s for s in c.described_by if s.text.startswith("Aldersgruppen 6-15")]
    assert s.page == 10
    assert re.search(r"frem til 2030", " ".join(x.text for x in c.described_by if x.page == 9))
