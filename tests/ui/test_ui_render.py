"""Escaping, highlighting and headings of the chat (pure functions, no streamlit)."""

from __future__ import annotations

import re

from assistant.records import Citation, Source
from ui.render import (answer_markdown, citation_heading, html_escape, md_escape, pages_label,
                       passage_html, quote_spans, safe_url, sources_html)

# The report, page 9 (section 4), wrapped as in the text layer (U+202F in the number).
PASSAGE = ("Per 1. januar 2023 bodde det 129\u202f874 innbyggere i Bærum. 29 495 av disse er barn "
           "under 18 år (SSB, 2023).")
QUOTE = "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum."


def _citation(**over) -> Citation:
    fields = dict(n=1, chunk_id="c1", section="4", section_title="Befolkning, demografi og "
                  "sammensetning", pages=(9,), quote=QUOTE, text=PASSAGE)
    fields.update(over)
    return Citation(**fields)


def _visible(html_fragment: str) -> str:
    """What a browser shows: tags dropped, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", html_fragment.replace("<br>", "\n")))


def test_heading_names_section_and_printed_pages():
    assert citation_heading(_citation()) == "[1] 4 Befolkning, demografi og sammensetning · s. 9"
    c = _citation(n=2, section="5.1.2", section_title="Fysisk helse", pages=(12,))
    assert citation_heading(c) == "[2] 5.1.2 Fysisk helse · s. 12"
    assert pages_label((13, 12)) == "s. 12–13"
    assert pages_label((12, 14)) == "s. 12, 14"


def test_quote_is_marked_inside_its_passage_and_numbers_are_strong():
    out = passage_html(PASSAGE, QUOTE)
    marked = re.findall(r"<mark>(.*?)</mark>", out)
    assert len(marked) == 1
    assert _visible(marked[0]) == "Per 1. januar 2023 bodde det 129\u202f874 innbyggere i Bærum."
    strong = [_visible(s) for s in re.findall(r"<strong>(.*?)</strong>", out)]
    assert "129\u202f874" in strong and "29 495" in strong and "18" in strong
    assert _visible(out) == PASSAGE


def test_quote_of_two_separate_sentences_marks_both():
    text = "A er 12 prosent. Noe annet her. B er 7 prosent."
    assert quote_spans(text, "A er 12 prosent. B er 7 prosent.") == [(0, 16), (32, 47)]


def test_document_html_is_escaped_in_passages_and_sources():
    evil = 'Tekst <script>alert(1)</script> <img src=x onerror="alert(2)"> $x$ *fet* [lenke](javascript:x)'
    out = passage_html(evil, "")
    assert "<script" not in out and "<img" not in out
    assert _visible(out) == evil
    assert "$" not in out and "*" not in out and "[" not in out  # no math, emphasis or links
    src = sources_html((Source(3, "<b>SSB</b>", "javascript:alert(1)"),
                        Source(4, "Bufdir", "https://www.bufdir.no/statistikk?a=1&b=<2>")))
    assert "<b>" not in src and "javascript:" not in src
    assert '<a href="https://www.bufdir.no/statistikk?a=1&amp;b=' not in src  # < > not allowed
    ok = sources_html((Source(4, "Bufdir", "https://www.bufdir.no/statistikk"),))
    assert '<a href="https://www.bufdir.no/statistikk" target="_blank"' in ok


def test_safe_url_accepts_only_http():
    assert safe_url("https://www.ssb.no/a") == "https://www.ssb.no/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_markdown_escape_shows_user_text_literally():
    out = md_escape("<script>alert(1)</script> **x** [a](http://e) $1$ # h")
    assert "\\<script\\>" in out
    assert "\\*\\*x\\*\\*" in out and "\\[a\\]" in out and "\\$1\\$" in out
    assert md_escape("1. punkt\n- strek") == "1\\. punkt\n\\- strek"


def test_only_the_asked_figure_is_bold_and_markers_stay_text():
    text = "Det bodde 129 874 innbyggere i Bærum per 1. januar 2023 [1]. 29 495 av disse er barn."
    out = answer_markdown(text, bold=["129 874 innbyggere"])
    assert "**129 874**" in out and out.count("**") == 2  # the asked figure only, not 2023 or 29 495
    assert "\\[1\\]" in out and "**1**]" not in out  # the [1] marker is not a number
    assert "**" not in answer_markdown(text)  # no figure asked (a definition, an overview): nothing bold
    # 5.2.3 p. 18, asked for both groups: each asked figure bold where it first stands, once
    both = ("70 prosent av guttene på videregående skole rapporter …, mens det 41 prosent av jentene "
            "rapportere det samme. [1] … sammenlignet med 40 prosent av jentene. 70 prosent [2]")
    out = answer_markdown(both, bold=["70 prosent", "41 prosent"])
    assert out.startswith("**70** prosent") and "**41** prosent" in out and out.count("**") == 4


def test_an_answers_list_items_keep_their_lines():
    # 7.1, p. 36: «Det var særlig fokus på fire kritiske grupper:» and its bullets, a line each; a
    # single newline in markdown is a space, so each becomes a hard break («  \n»)
    text = ("Det var særlig fokus på fire kritiske grupper:\n• Barn og familier med flere risikofaktorer "
            "(svangerskap – 2 år)\n• Barn, unge og familier som trenger tverrfaglig bistand [1]\n\nNeste avsnitt.")
    out = answer_markdown(text)
    assert out.count("  \n") == 2 and "grupper:  \n• Barn og familier" in out
    assert "bistand \\[1\\]\n\nNeste avsnitt." in out  # a paragraph break stays one


def test_figure_table_rows_and_escaping():
    from assistant.records import StatedFigure
    from ui.render import figure_rows, figure_table_markdown

    cite = Citation(1, "r:6.1.3:01", "6.1.3", "Lavinntektsfamilier i Bærum", (23,), "q", "t",
                    sources=(Source(22, "Kilde: Bufdir", "https://bufdir.no"),))
    stated = [StatedFigure("12,4", "prosent", "andelen barn i vedvarende lavinntekt", "", "Bærum", "2021", 1, True),
              StatedFigure("6,5", "prosent", "Tilsvarende tall | <b>", "", "", "", 1)]
    rows = figure_rows(stated, [cite])
    assert rows[0] == ("12,4 prosent", "Bærum: andelen barn i vedvarende lavinntekt", "2021", "[1] Bufdir")
    table = figure_table_markdown(stated, [cite])
    assert table.splitlines()[0] == "| Tall | Gjelder | År | Kilde |"
    assert "\\|" in table and "\\<b\\>" in table  # document text cannot break the table or add HTML
    assert figure_table_markdown([], [cite]) == ""
    # 6.1.2: a label that names the place already is not prefixed with it again
    own = StatedFigure("2,6", "prosent", "I Bærum er det særlig aldersgruppen 25-34 år som har økt", "", "Bærum",
                       "2021", 1, True)
    assert figure_rows([own], [cite])[0][1] == "I Bærum er det særlig aldersgruppen 25-34 år som har økt"


def test_html_escape_keeps_no_markdown_meaning():
    assert html_escape("a_b*c`d~e|f:g#h\n") == "a&#95;b&#42;c&#96;d&#126;e&#124;f&#58;g&#35;h<br>"


def test_quote_with_ellipsis_marks_its_parts_only():
    text = "Her … står det. I Bærum bor det 31 050 innbyggere. Mer tekst. Det er 23,9 prosent."
    spans = quote_spans(text, "I Bærum bor det 31 050 innbyggere. … Det er 23,9 prosent.")
    assert [text[a:b] for a, b in spans] == ["I Bærum bor det 31 050 innbyggere.",
                                             "Det er 23,9 prosent."]
