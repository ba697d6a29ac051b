"""`make run` on an empty KUNNSKAP_HOME: the index is ready before the page serves, so the first
question in a real browser is answered at once (issue 14).

Runs the real command (`make run PORT=<free port>`) in its own process group, which is ended
whatever happens.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import pytest
from browser_helpers import CHAT_INPUT, ROOT, ask, free_port, healthy, require_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST_ANSWER_S = 2.0
# Chapter 4, page 9: «Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum kommune».
QUESTION = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
NUMBER = "129 874"
BUILDING = "Forbereder kunnskapsgrunnlaget"  # the in-app build's status label


def _stop(proc: subprocess.Popen) -> None:
    """End `make` and everything it started (streamlit) by their process group."""
    if proc.poll() is None or _group_alive(proc.pid):
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 15)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and _group_alive(proc.pid):
                proc.poll()
                time.sleep(0.2)
            if not _group_alive(proc.pid):
                break
    proc.wait(timeout=15)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def make_run(tmp_path):
    """`make run PORT=<free port>` with a new, empty KUNNSKAP_HOME; yields (url, home, log)."""
    if shutil.which("make") is None:
        pytest.fail("`make` is missing: the test runs the README's `make run`")
    home = tmp_path / "kunnskap-home"
    port = free_port()
    log_path = tmp_path / "make-run.log"
    log = open(log_path, "wb")
    env = os.environ | {"KUNNSKAP_HOME": str(home)}
    proc = subprocess.Popen(["make", "run", f"PORT={port}"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)  # its own process group, ended below
    try:
        yield f"http://localhost:{port}", home, proc, log_path
    finally:
        _stop(proc)
        log.close()
        assert not _group_alive(proc.pid), "make run left processes behind"


def test_make_run_on_an_empty_home_answers_the_first_question_at_once(make_run, page):
    require_chromium()
    url, home, proc, log_path = make_run
    deadline = time.monotonic() + 600  # a cold ingest on a busy 2-core machine
    while not healthy(url):
        if proc.poll() is not None:
            pytest.fail(f"make run exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"make run did not serve in 600 s:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    # The page serves: the index was built before the server started.
    assert (home / "indexes" / "default" / "manifest.json").is_file()
    page.goto(url)
    page.get_by_placeholder(CHAT_INPUT).wait_for(timeout=60_000)
    assert BUILDING not in page.locator("body").inner_text()
    asked = time.perf_counter()
    ask(page, QUESTION)
    answer = page.locator('[data-testid="stChatMessage"]').filter(has_text=NUMBER)
    answer.first.wait_for(timeout=60_000)
    seconds = time.perf_counter() - asked
    print(f"first answer {seconds:.2f} s after asking")
    assert seconds <= FIRST_ANSWER_S, f"first answer took {seconds:.2f} s"
    assert BUILDING not in page.locator("body").inner_text()
