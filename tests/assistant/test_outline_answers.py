"""A question about a chapter, or the whole report, also gets the parts under it, from the report's
own headings: chapter 6 «Et nærmere blikk på noen viktige tema for planarbeidet» (pages 22–35) has
6.1 «Ungt utenforskap i Bærum» … 6.5 «Konsekvenser av covid-19-pandemien for barn og unge» (page 35)."""

from __future__ import annotations

from ingest.records import Section as Part  # the outline's own record
from ui.cli.ask_cmd import format_answer
from ui.render import contents_markdown

CHAPTER_6 = (
    Part("6.1", "Ungt utenforskap i Bærum", 22, 24),
    Part("6.2", "Forebyggende arbeid som hovedperspektiv", 25, 27),
    Part("6.3", "Mangfold og inkludering i oppvekst i Bærum", 28, 30),
    Part("6.4", "Kjønnsforskjeller blant barn og unge i Bærum", 30, 34),
    Part("6.5", "Konsekvenser av covid-19-pandemien for barn og unge", 35, 35),
)


def test_a_chapter_answer_lists_its_subsections_and_their_pages(assistant):
    a = assistant.ask("Hva står i kapittel 6?")
    assert a.contents == CHAPTER_6
    assert a.answer.startswith("Deltakelse og inkludering utgjør fundamentale prinsipper")
    assert a.numbers_verified and "covid" not in a.answer  # the list is not in the quoted text
    assert "- 6.5 Konsekvenser av covid-19-pandemien for barn og unge (s. 35)" in contents_markdown(a.contents)
    assert "  6.1 Ungt utenforskap i Bærum (s. 22–24)" in format_answer(a).splitlines()


def test_a_section_without_subsections_lists_none(assistant):
    assert assistant.ask("Hva handler delkapittel 5.2.3 om?").contents == ()


def test_the_whole_report_answer_lists_its_chapters(assistant):
    a = assistant.ask("Hva handler rapporten om?")
    assert [p.number for p in a.contents] == [str(n) for n in range(1, 9)]
    assert a.contents[0] == Part("1", "Introduksjon", 2, 2)
    assert a.contents[6] == Part("7", "Behov for helhet og samordning i kommunens tjenester", 36, 37)


def test_a_topic_question_lists_no_parts(assistant):
    assert assistant.ask("Hva sier rapporten om mobbing?").contents == ()
