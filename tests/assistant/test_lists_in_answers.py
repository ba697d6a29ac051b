"""A list is quoted with the sentence it completes, and once, on the real report (2.2.1, page 3).

The report: «I utarbeidelsen av temaplanen for barn og unge, vil flere lovverk være førende for
arbeidet» and then ten bullets, seven laws and three regulations («• Lov om barneverntjenester
(barnevernloven)» … «• Forskrift om rammeplan for skolefritidsordningen (rammeplan for SFO)»). The
list is longer than a chunk, so its end is in two overlapping chunks.
"""

from __future__ import annotations

LEAD_IN = "I utarbeidelsen av temaplanen for barn og unge, vil flere lovverk være førende for arbeidet"


def test_a_list_is_quoted_with_the_open_sentence_that_leads_into_it(assistant):
    a = assistant.ask("Hvilke lover er viktige for temaplanen?")
    assert a.answer.startswith(LEAD_IN)
    assert f"{LEAD_IN}\n• Lov om barneverntjenester (barnevernloven)" in a.answer
    assert "• Lov om folkehelsearbeid (folkehelseloven)" in a.answer
    assert a.citations[0].section == "2.2.1"


def test_an_item_two_overlapping_passages_share_is_quoted_once(assistant):
    a = assistant.ask("Hvilke forskrifter gjelder?")
    for item in ("Forskrift om rammeplan for barnehagens innhold og oppgaver",
                 "Forskrift om rammeplan for skolefritidsordningen",
                 "Læreplanverket for kunnskapsløftet"):
        assert a.answer.count(item) == 1, item


def test_examples_are_answered_by_the_list_the_report_gives_of_them(assistant):
    # 6.2.1 p. 27: «Beskyttelsesfaktorer kan typisk være (ikke uttømmende):» and six bullets, from «• Barnet
    # har aldersadekvat eller bedre fungering …» to «• Omsorgspersonene har god omsorgsutøvelse»
    a = assistant.ask("Kan du gi eksempler på beskyttelsesfaktorer?")
    assert a.answer.startswith("Beskyttelsesfaktorer kan typisk være (ikke uttømmende):"), a.answer
    assert "• Barnet har venner/tilhører et sosialt felleskap" in a.answer
    assert "• Omsorgspersonene har god omsorgsutøvelse" in a.answer
