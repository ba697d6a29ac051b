"""Which body paragraphs go with each figure: by number, by a wrong number next to the caption,
and by proximity (issue 14). Expected values read in the report text."""

from __future__ import annotations

import json

from ingest.records import DocumentInfo


def _paragraphs(doc, number, link=None):
    (fig,) = [f for f in doc.figures if f.number == number]
    return [p for p in fig.paragraphs if link is None or p.link == link]


def test_a_mention_means_its_own_figure_when_that_caption_is_near(doc):
    # 6.4.3: «… 27 prosent av jenter og 11 prosent av guttene … (se figur 14).» just above Figur 14
    assert any("(se figur 14)" in p.text for p in _paragraphs(doc, 14, "named"))
    # 1: «… kunnskapsbasert praksis (se figur 1) …», its caption further down in chapter 1
    assert any("(se figur 1)" in p.text for p in _paragraphs(doc, 1, "named"))


def test_a_wrong_number_goes_to_the_caption_next_to_it(doc):
    # 4.1: «Figur 1 viser historisk befolkningsutvikling …» over «Figur 2: Historisk befolkningsvekst …»
    assert any(p.text.startswith("Figur 1 viser") for p in _paragraphs(doc, 2, "named"))
    assert not any(p.text.startswith("Figur 1 viser") for p in _paragraphs(doc, 1))
    # 6.4.3: «… se figur 10.» over Figur 13; Figur 10 is in 6.1.3
    assert any("se figur 10" in p.text for p in _paragraphs(doc, 13, "named"))
    assert not any("se figur 10" in p.text for p in _paragraphs(doc, 10))


def test_the_paragraph_before_a_caption_is_adjacent_and_keeps_its_pages(doc):
    # Figur 3: «Antall 0-åringer vil bli redusert … frem til» (p. 9) « 2042. Det samme …» (p. 10)
    (adjacent,) = _paragraphs(doc, 3, "adjacent")
    assert adjacent.text.startswith("Antall 0-åringer")
    assert [p for _, p in adjacent.page_starts] == [9, 10]


def test_figure_paragraphs_survive_the_index_files(doc):
    info = DocumentInfo.of(doc)
    again = DocumentInfo.from_dict(json.loads(json.dumps(info.to_dict())))
    assert again == info
    assert again.figure(14).paragraphs == info.figure(14).paragraphs != ()
