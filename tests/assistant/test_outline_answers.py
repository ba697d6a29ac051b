"""A question about a chapter, or the whole report, also gets the parts under it, from the report's
own headings: chapter 6 «Et nærmere blikk på noen viktige tema for planarbeidet» (pages 22–35) has
6.1 «Ungt utenforskap i Bærum» … 6.5 «Konsekvenser av covid-19-pandemien for barn og unge» (page 35)."""

from __future__ import annotations

CHAPTER_6 = [
    "• 6.1 Ungt utenforskap i Bærum (s. 22–24)",
    "• 6.2 Forebyggende arbeid som hovedperspektiv (s. 25–27)",
    "• 6.3 Mangfold og inkludering i oppvekst i Bærum (s. 28–30)",
    "• 6.4 Kjønnsforskjeller blant barn og unge i Bærum (s. 30–34)",
    "• 6.5 Konsekvenser av covid-19-pandemien for barn og unge (s. 35)",
]


def test_a_chapter_answer_ends_with_its_subsections_and_their_pages(assistant):
    a = assistant.ask("Hva står i kapittel 6?")
    quoted, listed = a.answer.split("\n\nInnhold:\n")
    assert listed.split("\n") == CHAPTER_6
    assert quoted.startswith("Deltakelse og inkludering utgjør fundamentale prinsipper")
    assert a.numbers_verified  # «covid-19» and the pages are the outline's own


def test_a_section_without_subsections_lists_none(assistant):
    a = assistant.ask("Hva handler delkapittel 5.2.3 om?")
    assert "Innhold:" not in a.answer


def test_the_whole_report_answer_ends_with_its_chapters(assistant):
    a = assistant.ask("Hva handler rapporten om?")
    listed = a.answer.split("\n\nInnhold:\n")[1].split("\n")
    assert len(listed) == 8
    assert listed[0] == "• 1 Introduksjon (s. 2)"
    assert listed[6] == "• 7 Behov for helhet og samordning i kommunens tjenester (s. 36–37)"
    assert a.numbers_verified
