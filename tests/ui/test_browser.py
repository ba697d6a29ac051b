"""The chat in a real browser: Debian's Chromium driven by Playwright, the app started as
`make run` starts it (``streamlit run ui/app.py``) on a free port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_helpers import CHAT_INPUT, ROOT, ask, free_port, require_chromium, wait_healthy

ARTIFACTS = ROOT / "tests" / "artifacts"
POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
SCRIPT_QUESTION = "<script>alert(1)</script> Hvor mange innbyggere?"

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium_installed():
    require_chromium()


@pytest.fixture(scope="module")
def served(tmp_path_factory, report_index_path):
    """(url, KUNNSKAP_HOME) of the app served by `streamlit run` on a free port, over the
    session's real index."""
    home = tmp_path_factory.mktemp("browser-home")
    (home / "indexes").mkdir()
    (home / "indexes" / "default").symlink_to(report_index_path, target_is_directory=True)
    port = free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    log = open(home / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [str(streamlit), "run", "ui/app.py", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.port", str(port)],
        cwd=ROOT, env=os.environ | {"KUNNSKAP_HOME": str(home)}, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://localhost:{port}"
        wait_healthy(url, proc)
        yield url, home
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def served_app(served):
    return served[0]


def test_answer_with_citation_card_in_the_browser(served_app, page):
    started = time.perf_counter()
    page.goto(served_app)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=120_000)
    loaded = time.perf_counter()
    ask(page, POPULATION)
    answer = page.locator('[data-testid="stChatMessage"]').filter(has_text="129 874").first
    answer.wait_for(timeout=120_000)
    card = page.locator('[data-testid="stExpander"]').filter(has_text="s. 9").first
    card.wait_for(timeout=60_000)
    answered = time.perf_counter()
    card.locator("summary").click()
    mark = card.locator("mark").first
    mark.wait_for(timeout=30_000)
    assert "129 874" in mark.inner_text()
    assert "[1]" in answer.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # let the expander finish opening
    page.screenshot(path=str(ARTIFACTS / "answer.png"), full_page=True)
    (ARTIFACTS / "ui_timing.json").write_text(json.dumps({
        "page_load_s": round(loaded - started, 3),
        "first_answer_after_load_s": round(answered - loaded, 3)}), encoding="utf-8")


def test_script_in_question_is_text_and_no_dialog_fires(served_app, page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served_app)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=120_000)
    ask(page, SCRIPT_QUESTION)
    messages = page.locator('[data-testid="stChatMessage"]')
    messages.nth(1).wait_for(timeout=120_000)  # the assistant's reply is on the page
    page.locator('[data-testid="stExpander"]').first.wait_for(timeout=60_000)
    for i in range(page.locator('[data-testid="stExpander"] summary').count()):
        page.locator('[data-testid="stExpander"] summary').nth(i).click()  # render the passages
    page.wait_for_timeout(1000)
    assert SCRIPT_QUESTION in messages.first.inner_text()
    assert page.locator('[data-testid="stChatMessage"] script').count() == 0
    assert dialogs == []


def test_one_click_on_a_thumb_saves_one_line_and_the_labels_are_norwegian(served, page):
    url, home = served
    log = home / "feedback.jsonl"
    before = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    page.goto(url)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=120_000)
    ask(page, POPULATION)
    thumbs = page.get_by_role("radiogroup", name="Var svaret nyttig?")
    thumbs.wait_for(timeout=120_000)
    assert page.get_by_role("radio", name="Ikke nyttig").count() == 1
    assert page.locator("[aria-label*=Thumbs]").count() == 0  # Streamlit's English st.feedback labels
    thumbs.get_by_role("radio", name="Nyttig", exact=True).click()
    page.get_by_text("Vurderingen er lagret").wait_for(timeout=60_000)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == before + 1
    entry = json.loads(lines[-1])
    assert entry["question"] == POPULATION and entry["rating"] == "up" and entry["comment"] == ""
