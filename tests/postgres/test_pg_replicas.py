"""Acceptance 4: two chat replicas (two `streamlit run` processes on two ports) against one
database. In headless Chromium a question is asked and feedback sent on each; both feedback
entries are in the one `kunnskap_feedback` table."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
QUESTIONS = ("Hvor mange innbyggere bodde i Bærum 1. januar 2023?",
             "Hvor mange barn i Bærum bor i familier med vedvarende lavinntekt?")
EXPECTED = ("129 874", "3247")  # from the report: page 9, and section 5.4.1

pytestmark = [pytest.mark.postgres, pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
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


@pytest.fixture
def replicas(pg_report_url, tmp_path):
    """Two `streamlit run ui/app.py` processes, each with its own empty data folder, one database."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does this)")
    streamlit = Path(sys.executable).with_name("streamlit")
    procs, urls, logs = [], [], []
    try:
        for n in range(2):
            home = tmp_path / f"replica-{n}"
            home.mkdir()
            port = _free_port()
            log = open(home / "streamlit.log", "wb")
            logs.append(log)
            env = os.environ | {"KUNNSKAP_HOME": str(home), "KUNNSKAP_DATABASE_URL": pg_report_url}
            procs.append(subprocess.Popen(
                [str(streamlit), "run", "ui/app.py", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false", "--server.port", str(port)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
            urls.append(f"http://localhost:{port}")
        for url, proc in zip(urls, procs):
            _wait_healthy(url, proc)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in logs:
            log.close()


def _ask_and_rate(page, url: str, question: str, expected: str) -> None:
    page.goto(url)
    box = page.get_by_placeholder(re.compile("Still et spørsmål"))
    box.wait_for(timeout=180_000)
    box.fill(question)
    box.press("Enter")
    answer = page.locator('[data-testid="stChatMessage"]').filter(has_text=expected).first
    answer.wait_for(timeout=180_000)
    thumbs = page.get_by_role("radiogroup", name="Var svaret nyttig?")  # one click saves (issue 14)
    thumbs.wait_for(timeout=120_000)
    thumbs.get_by_role("radio", name="Nyttig", exact=True).click()
    page.get_by_text("Vurderingen er lagret").wait_for(timeout=60_000)


def test_two_replicas_one_feedback_table(replicas, pg_report_url):
    from playwright.sync_api import sync_playwright

    with psycopg.connect(pg_report_url) as conn:
        conn.execute("DELETE FROM kunnskap_feedback")
        conn.commit()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            for url, question, expected in zip(replicas, QUESTIONS, EXPECTED):
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                _ask_and_rate(page, url, question, expected)
        finally:
            browser.close()
    with psycopg.connect(pg_report_url) as conn:
        rows = conn.execute("SELECT entry FROM kunnskap_feedback ORDER BY id").fetchall()
    assert [r[0]["question"] for r in rows] == list(QUESTIONS)
    assert all(r[0]["rating"] == "up" for r in rows)
    assert EXPECTED[0] in rows[0][0]["answer"] and EXPECTED[1] in rows[1][0]["answer"]
