"""The chat in a real browser: Debian's Chromium driven by Playwright, the app started as
`make run` starts it (``streamlit run ui/app.py``) on a free port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
POPULATION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
SCRIPT_QUESTION = "<script>alert(1)</script> Hvor mange innbyggere?"

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium_installed():
    """A missing browser is a failed set-up, not a silent skip of the real-browser tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (as root with apt), or run "
                    "`sudo apt-get install -y chromium`")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


@pytest.fixture(scope="module")
def served_app(tmp_path_factory, report_index_path):
    """The app served by `streamlit run` on a free port, over the session's real index."""
    home = tmp_path_factory.mktemp("browser-home")
    (home / "indexes").mkdir()
    (home / "indexes" / "default").symlink_to(report_index_path, target_is_directory=True)
    port = _free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    log = open(home / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [str(streamlit), "run", "ui/app.py", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.port", str(port)],
        cwd=ROOT, env=os.environ | {"KUNNSKAP_HOME": str(home)}, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://localhost:{port}"
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
            yield context.new_page()
        finally:
            browser.close()


def _ask(page, question: str) -> None:
    box = page.get_by_placeholder("Still et spørsmål om rapporten …")
    box.fill(question)
    box.press("Enter")


def test_answer_with_citation_card_in_the_browser(served_app, page):
    started = time.perf_counter()
    page.goto(served_app)
    page.get_by_placeholder("Still et spørsmål om rapporten …").wait_for(timeout=120_000)
    loaded = time.perf_counter()
    _ask(page, POPULATION)
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
    page.get_by_placeholder("Still et spørsmål om rapporten …").wait_for(timeout=120_000)
    _ask(page, SCRIPT_QUESTION)
    messages = page.locator('[data-testid="stChatMessage"]')
    messages.nth(1).wait_for(timeout=120_000)  # the assistant's reply is on the page
    page.locator('[data-testid="stExpander"]').first.wait_for(timeout=60_000)
    for i in range(page.locator('[data-testid="stExpander"] summary').count()):
        page.locator('[data-testid="stExpander"] summary').nth(i).click()  # render the passages
    page.wait_for_timeout(1000)
    assert SCRIPT_QUESTION in messages.first.inner_text()
    assert page.locator('[data-testid="stChatMessage"] script').count() == 0
    assert dialogs == []
