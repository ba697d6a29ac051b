"""The Streamlit chat, driven with AppTest against the real assistant, model and index."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"

POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
# From the report, page 9: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.»
POPULATION_NUMBER = "129 874"
# A near miss from the dev set (q084): child welfare is in the report (5.3.1, p. 19), the number
# of reports of concern in 2022 is not.
UNANSWERABLE = "Hvor mange bekymringsmeldinger fikk barnevernet i Bærum i 2022?"
NOT_FOUND = "Det finner jeg ikke i kunnskapsgrunnlaget"


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def chat_texts(at: AppTest, role: str) -> list[str]:
    """The markdown shown in the chat bubbles of one role, bubble by bubble."""
    return ["\n".join(m.value for m in msg.markdown) for msg in at.chat_message if msg.name == role]


def plain(md: str) -> str:
    """Markdown source to the text a reader sees (escapes and emphasis removed)."""
    return re.sub(r"\\(.)", r"\1", md.replace("**", ""))


def test_title_sidebar_and_about(app):
    assert app.title[0].value == "Kunnskapsassistenten"
    assert "Temaplan barn og unge" in app.caption[0].value
    assert [o for o in app.sidebar.selectbox(key="search_mode").options] == ["Hybrid (ord og betydning)",
                                                                           "Ordsøk (BM25)",
                                                                           "Betydning (vektorsøk)"]
    assert app.sidebar.slider(key="k").value == 5
    assert app.sidebar.radio(key="answer_mode").value == "extractive"
    about = next(e for e in app.sidebar.expander if e.label == "Om")
    text = about.markdown[0].value
    assert "s. 2–39" in text and "kontrollert mot kildeteksten" in text
    assert not app.chat_message  # nothing asked yet


def test_ask_shows_answer_with_citation_card(app):
    ask(app, POPULATION)
    assert chat_texts(app, "user") == [POPULATION]
    (answer,) = chat_texts(app, "assistant")
    assert POPULATION_NUMBER in plain(answer)
    assert re.search(r"\\\[1\\\]", answer)  # the [1] marker, shown as text
    cards = [e for e in app.main.expander]
    assert cards and cards[0].label.startswith("[1] 4 ")
    assert any("s. 9" in e.label for e in cards)
    card = next(e for e in cards if "s. 9" in e.label)
    passage = card.markdown[0]
    assert passage.allow_html
    marked = re.search(r"<mark>(.*?)</mark>", passage.value).group(1)
    assert "<strong>129 874</strong>" in marked  # the quote is highlighted, the number emphasised
    assert not any(c.value.startswith("Søkte etter") for c in app.caption)  # not a follow-up


def test_follow_up_shows_the_query_used(app):
    ask(app, "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?")
    ask(app, "Og jentene?")
    searched = [c.value for c in app.caption if c.value.startswith("Søkte etter:")]
    assert len(searched) == 1
    assert "jenter" in searched[0] and "trygge" in searched[0]
    # The report, p. 18: «… mens det 41 prosent av jentene rapportere det samme»
    assert "41 prosent" in plain(chat_texts(app, "assistant")[1])
    assert app.session_state.messages[-1].history == (
        "Hvor mange gutter på videregående føler seg svært trygge i nærområdet?",)


def test_a_question_that_refers_back_shows_the_topic_it_was_searched_with(app):
    """«Hvorfor har veksten bremset opp?» names no topic; the earlier question's is searched beside
    it, and the user is told so. The report, p. 9: «Dette skyldes i hovedsak at det flytter flere ut
    av kommunen enn det flytter inn.»"""
    from ui.export import conversation_markdown

    growth = "Vokser folketallet i Bærum like mye som før?"
    ask(app, growth)
    ask(app, "Hvorfor har veksten bremset opp?")
    steered = [c.value for c in app.caption if c.value.startswith("Søkt i sammenheng med forrige spørsmål:")]
    assert len(steered) == 1 and growth in plain(steered[0])
    assert not any(c.value.startswith("Søkte etter") for c in app.caption)  # the question was searched as asked
    assert "flytter flere ut av kommunen" in " ".join(plain(chat_texts(app, "assistant")[1]).split())
    exported = conversation_markdown(app.session_state.messages, "Kunnskapsgrunnlag")
    assert f"*Søkt i sammenheng med forrige spørsmål: {growth}*" in exported


def test_abstention_shows_nearest_passages(app):
    ask(app, UNANSWERABLE)
    (answer,) = chat_texts(app, "assistant")
    assert NOT_FOUND in answer
    assert "**Nærmeste avsnitt**" in answer
    assert len(app.main.expander) >= 1
    assert all(re.match(r"\[\d+\] .* · s\. \d", e.label) for e in app.main.expander)


def test_one_click_on_a_thumb_saves_the_rating_and_the_form_updates_it(app, app_home):
    from assistant.feedback import FeedbackLog, export_testset, merge_updates, write_testset
    from evaluation.testset import read_testset

    ask(app, POPULATION)
    thumbs = app.segmented_control[0]
    assert thumbs.label == "Var svaret nyttig?"
    assert thumbs.options == ["Nyttig", "Ikke nyttig"]  # the text read aloud (the thumbs are icons)
    thumbs.set_value("down").run()  # one click, nothing else
    assert not app.exception
    log = app_home / "feedback.jsonl"
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1
    (rated,) = FeedbackLog().read(errors="raise")
    assert rated.question == POPULATION and rated.rating == "down" and rated.entry_id
    assert any("Vurderingen er lagret" in c.value for c in app.caption)

    app.text_input[0].input("Mangler antall barn").run()  # the optional form updates the same entry
    box = app.selectbox(key=next(s.key for s in app.main.selectbox))
    pick = next(i for i, label in enumerate(box.options) if "s. 9" in label)
    box.set_value(pick - 1).run()  # options are [None, 0, 1, ...]
    next(b for b in app.main.button if b.label == "Send tilbakemelding").click().run()
    assert not app.exception
    assert any("Takk for tilbakemeldingen" in c.value for c in app.caption)

    lines = FeedbackLog().read(errors="raise")
    assert len(lines) == 2 and lines[0].entry_id == lines[1].entry_id  # an update line
    (entry,) = merge_updates(lines)
    cited = app.session_state.messages[-1].answer.citations[pick - 1]
    assert entry.rating == "down" and entry.comment == "Mangler antall barn"
    assert entry.chunk_id == cited.chunk_id
    assert POPULATION_NUMBER in entry.evidence.replace("\u202f", " ")

    out = app_home / "feedback-testset.jsonl"
    write_testset(export_testset(lines), out)  # the export merges the update
    (question,) = read_testset(out)
    assert question.question == POPULATION and question.kind == "feedback"
    assert json.loads(out.read_text(encoding="utf-8"))["evidence"] == [entry.evidence]


def test_changing_the_thumb_updates_the_same_entry(app, app_home):
    from assistant.feedback import FeedbackLog, merge_updates

    ask(app, POPULATION)
    app.segmented_control[0].set_value("up").run()
    app.segmented_control[0].set_value("down").run()
    lines = FeedbackLog().read(errors="raise")
    assert [e.rating for e in lines] == ["up", "down"]
    assert [e.rating for e in merge_updates(lines)] == ["down"]


def test_new_conversation_clears_history(app):
    ask(app, POPULATION)
    assert len(app.session_state.messages) == 2
    next(b for b in app.sidebar.button if b.label == "Ny samtale").click().run()
    assert app.session_state.messages == []
    assert not app.chat_message
    ask(app, "Og jentene?")
    assert app.session_state.messages[-1].history == ()  # the old question is forgotten


def test_export_download_contains_question_citations_and_pages(app_home, monkeypatch):
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: list[bytes] = []

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            if filename and filename.endswith(".md"):
                files.append(path_or_data)
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    at = AppTest.from_file(str(APP), default_timeout=240)
    at.run()
    assert at.sidebar.get("download_button")[0].proto.disabled  # nothing to download yet
    ask(at, POPULATION)
    assert not at.sidebar.get("download_button")[0].proto.disabled
    text = files[-1].decode("utf-8")
    assert f"## 1. {POPULATION}" in text
    assert POPULATION_NUMBER in text
    assert re.search(r"\[1\] 4 Befolkning.* · s\. 9", text)


def test_empty_input_is_ignored(app):
    ask(app, "   \n\t ")
    assert not app.chat_message and app.session_state.messages == []
    assert not app.error


def test_overlong_input_is_cut_with_a_notice(app):
    from assistant.question.validation import MAX_QUESTION_CHARS

    ask(app, POPULATION + " " + "barn " * 5000)
    question = app.session_state.messages[0].content
    assert len(question) <= MAX_QUESTION_CHARS and question.startswith(POPULATION)
    assert any("for langt" in i.value for i in app.info)
    assert len(chat_texts(app, "assistant")) == 1 and not app.error


@pytest.mark.parametrize("question, escaped", [
    ("<script>alert(1)</script> Hvor mange innbyggere?", r"\<script\>alert(1)\</script\>"),
    ("[klikk her](javascript:alert(1)) **fet** $x$ Hvor mange innbyggere?",
     r"\[klikk her\](javascript:alert(1)) \*\*fet\*\* \$x\$"),
    ("'; DROP TABLE svar; -- <img src=x onerror=alert(2)> Hvor mange barn?",
     r"'; DROP TABLE svar; -- \<img src=x onerror=alert(2)\>"),
])
def test_markup_in_question_is_shown_as_text(app, question, escaped):
    ask(app, question)
    (shown,) = chat_texts(app, "user")
    assert shown.startswith(escaped)  # escaped markdown: the reader sees the literal text
    assert plain(shown) == question
    html_elements = [m for m in app.get("markdown") if m.allow_html]
    assert html_elements  # our passage cards
    for m in html_elements:
        assert "<script" not in m.value.lower() and "<img" not in m.value.lower()


def test_sessions_do_not_share_conversations(app_home):
    first = AppTest.from_file(str(APP), default_timeout=240)
    second = AppTest.from_file(str(APP), default_timeout=240)
    first.run()
    second.run()
    ask(first, POPULATION)
    second.run()
    assert len(first.session_state.messages) == 2
    assert second.session_state.messages == [] and not second.chat_message


def _copy_index(report_index_path: Path, **manifest_changes) -> Path:
    """A copy of the real index as this test's default index, its manifest edited."""
    from kunnskap.paths import index_dir

    shutil.copytree(report_index_path, index_dir())
    manifest = index_dir() / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for key, value in manifest_changes.items():
        data[key] = value(data[key]) if callable(value) else value
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return index_dir()


def test_index_that_cannot_be_rebuilt_is_a_norwegian_error(kunnskap_home, report_index_path):
    # From an older version AND holding a document other than the bundled report: rebuilding
    # from the bundled report would lose that document, so the app must refuse and explain.
    def other_source(sources):
        return [dict(sources[0], name="annen-rapport.pdf")]

    _copy_index(report_index_path, package_version="0.0.1", sources=other_source)
    at = AppTest.from_file(str(APP), default_timeout=240)
    at.run()
    assert not at.exception
    assert at.error and at.error[0].value.startswith("Kunnskapsgrunnlaget kunne ikke lastes.")
    assert "kunnskap ingest" in at.error[0].value
    assert not at.chat_input


@pytest.mark.slow
@pytest.mark.parametrize("state", ["missing", "stale", "garbage"])
def test_index_is_built_with_progress_when_missing_or_stale(state, kunnskap_home, session_home,
                                                            report_index_path):
    from kunnskap import __version__
    from kunnskap.paths import embedding_cache_dir, index_dir

    # Reuse the session's embeddings so the build is quick; the reading and indexing are real.
    cache = session_home / embedding_cache_dir().relative_to(kunnskap_home)
    if cache.exists():
        shutil.copytree(cache, embedding_cache_dir())
    if state == "stale":  # built by an older version from the bundled report alone
        _copy_index(report_index_path, package_version="0.0.1")
    elif state == "garbage":
        index_dir().mkdir(parents=True)
        (index_dir() / "manifest.json").write_text("{ødelagt", encoding="utf-8")
    at = AppTest.from_file(str(APP), default_timeout=600)
    at.run()
    assert not at.exception and not at.error
    (status,) = at.status
    assert status.label.startswith("Søkeindeksen er klar")
    manifest = json.loads((index_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package_version"] == __version__
    ask(at, POPULATION)
    assert POPULATION_NUMBER in plain(chat_texts(at, "assistant")[0])


def test_figure_question_shows_an_open_figure_card(app):
    ask(app, "Hva viser figur 12?")
    bubble = [m for m in app.chat_message if m.name == "assistant"][0]
    heading = "**Figur 12** · s. 30"  # the report: Figur 12's caption is on page 30
    everywhere = [m.value for m in bubble.markdown].count(heading)
    in_cards = sum([m.value for m in e.markdown].count(heading) for e in bubble.expander)
    assert everywhere - in_cards >= 1  # shown openly, not only inside a folded citation card
    assert any("Ungdataundersøkelsen 2022" in c.value for c in bubble.caption)  # its source


def test_odd_characters_are_cleaned_and_answered(app):
    ask(app, "Hvor mange\x00 innbyggere\u200f bodde i\x07 Bærum\u202e 1. januar 2023? 😀")
    assert app.session_state.messages[0].content == "Hvor mange innbyggere bodde i Bærum 1. januar 2023? 😀"
    assert POPULATION_NUMBER in plain(chat_texts(app, "assistant")[0])
    assert not app.error


def test_the_issue_conversation_ends_on_figure_14_without_the_old_topic(app):
    ask(app, "Hvor mange barn i Bærum lever i lavinntektsfamilier?")
    ask(app, "Hva med i landet som helhet?")
    ask(app, "Vis figur 14")
    bubble = [m for m in app.chat_message if m.name == "assistant"][-1]
    texts = [m.value for m in bubble.markdown]
    assert "**Figur 14** · s. 32" in texts  # the report: Figur 14's caption is on page 32
    searched = [c.value for c in bubble.caption if c.value.startswith("Søkte etter")]
    assert not any(re.search(r"lavinntekt|inntekt|landet|helhet", s, re.IGNORECASE) for s in searched)
    # the card says what the figure shows: the sentence with its shares (p. 32) and a table
    text = plain("\n".join(texts))
    assert "**Rapporten om figuren**".replace("**", "") in text
    assert "24 prosent mot 9 prosent av guttene" in text and "(s. 32)" in text
    table = next(t for t in texts if t.startswith("| Tall | Gjelder | År |"))
    assert "27 prosent" in table and "videregående" in table


def test_a_chapter_question_shows_the_chapters_parts_as_a_list(app):
    ask(app, "Hva står i kapittel 6?")
    bubble = [m for m in app.chat_message if m.name == "assistant"][0]
    listed = next(m.value for m in bubble.markdown if m.value.startswith("**Innhold**"))
    # the report's headings: 6.1 «Ungt utenforskap i Bærum» (pp. 22–24) … 6.5 on p. 35
    assert "- 6.1 Ungt utenforskap i Bærum (s. 22–24)" in listed
    assert listed.splitlines()[-1] == "- 6.5 Konsekvenser av covid-19-pandemien for barn og unge (s. 35)"
