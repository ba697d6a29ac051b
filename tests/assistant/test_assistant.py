"""The assistant over the real index; expected values read from the report."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.evidence.abstention import ABSTAIN_MESSAGE
from assistant.proof.numbers import unproven_numbers
from kunnskap.paths import DEFAULT_TESTSET

DEVSET = DEFAULT_TESTSET
LOW_INCOME = "Hvor mange barn i Bærum bor i familier med vedvarende lavinntekt?"
BOYS = "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?"


def test_low_income_gives_local_and_national_figures_with_bufdir(assistant):
    a = assistant.ask(LOW_INCOME)
    assert not a.abstained and a.numbers_verified
    # 5.2.1: 12 % by local limits, 7 % by the national one (2020); 6.1.3: 12,4 % local, 6,5 % (2021):
    # the politician sees both pairs, in the answer or in its table of figures, each with its year
    stated = {(f.value, f.unit): f for f in a.stated_figures}
    for value, year in (("12", "2020"), ("7", "2020"), ("12,4", "2021")):
        assert stated[(value, "prosent")].year == year
    assert ("6,5", "prosent") in stated
    cited = {f.n: c for f in a.stated_figures for c in a.citations if c.n == f.n}
    assert all(f.value.split()[-1] in cited[f.n].text for f in a.stated_figures)  # from the cited passage
    sections = {c.section for c in a.citations}
    assert {"5.2.1", "6.1.3"} <= sections
    sources = [s for c in a.citations for s in c.sources]
    assert any(s.note in (7, 22) and "Bufdir" in s.text for s in sources)
    assert any("bufdir" in (s.url or "") for s in sources)


def test_follow_up_about_girls_finds_41_percent(assistant):
    a = assistant.ask("Og jentene?", [BOYS])
    assert "41 prosent" in a.answer
    assert "jenter" in a.query_used
    assert any(c.pages[0] in (18, 31) for c in a.citations)


def test_quote_is_exact_and_its_page_comes_first(assistant):
    a = assistant.ask("Hvor mange innbyggere har Bærum?")
    c = a.citations[0]
    assert "129 874" in c.quote and c.quote in c.text
    assert c.pages[0] == 9


def test_figure_12_card(assistant):
    a = assistant.ask("Hva viser figur 12?")
    assert [f.number for f in a.figures] == [12]
    card = a.figures[0]
    assert card.page == 30 and "mye press" in card.caption and "Ungdata" in card.source


def test_descriptive_chart_question_finds_the_forecast(assistant):
    a = assistant.ask("Hvilken figur viser prognosen for barn?")
    assert [f.number for f in a.figures] == [3]


def test_unknown_figure_abstains(assistant):
    a = assistant.ask("Hva viser figur 25?")
    assert a.abstained and a.nearest


def test_unanswerable_abstains_with_nearest_passages(assistant):
    a = assistant.ask("Hvor mange barn i Bærum går i barnehage?")
    assert a.abstained and a.answer == ABSTAIN_MESSAGE
    assert a.nearest and not a.citations


def test_every_devset_answer_has_proven_numbers(assistant):
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        a = assistant.ask(row["question"], row.get("history", []))
        assert a.numbers_verified, row["id"]
        assert unproven_numbers(a.answer, [c.text for c in a.citations]) == [], row["id"]


def test_concurrent_answers_equal_sequential(assistant):
    questions = [LOW_INCOME, "Hva er resiliens?", "Hva viser figur 7?", "Hvor mange innbyggere har Bærum?"] * 4
    sequential = [assistant.ask(q) for q in questions]
    with ThreadPoolExecutor(16) as pool:
        parallel = list(pool.map(assistant.ask, questions))
    strip = lambda a: (a.answer, a.citations, a.figures, a.abstained)  # noqa: E731
    assert [strip(a) for a in parallel] == [strip(a) for a in sequential]


def test_bad_mode_is_a_usage_error(assistant):
    from kunnskap.errors import UsageError

    with pytest.raises(UsageError, match="hybrid"):
        assistant.ask("Hva er resiliens?", mode="fuzzy")


def test_cli_json_has_the_issue_field_names(report_index_path, capsys):
    from ui.cli import main

    rc = main(["ask", "--json", "--index", str(report_index_path), "--history", BOYS, "Og jentene?"])
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert {"answer", "abstained", "query_used", "citations", "figures", "numbers_verified", "mode",
            "seconds"} <= set(d)
    assert {"n", "chunk_id", "section", "section_title", "pages", "quote", "text", "sources"} <= set(d["citations"][0])
    assert "41 prosent" in d["answer"]


def test_cli_says_when_the_earlier_question_steered_the_search(report_index_path, capsys):
    """The report, p. 9: «Dette skyldes i hovedsak at det flytter flere ut av kommunen …»."""
    from ui.cli import main

    growth = "Vokser folketallet i Bærum like mye som før?"
    assert main(["ask", "--index", str(report_index_path), "--history", growth,
                 "Hvorfor har veksten bremset opp?"]) == 0
    out = capsys.readouterr().out
    assert f"(Søkt i sammenheng med forrige spørsmål: {growth})" in out
    assert "flytter flere ut av kommunen" in " ".join(out.split())


def test_cli_empty_question_exits_2(capsys):
    from ui.cli import main

    assert main(["ask", "  "]) == 2
    assert "Spørsmålet er tomt" in capsys.readouterr().err
