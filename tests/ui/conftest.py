"""Fixtures for the chat UI: each test gets its own data folder whose default index is the one
real index of the report built once per session (a symlink, so nothing is rebuilt)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"


@pytest.fixture
def app_home(kunnskap_home, report_index_path) -> Path:
    """This test's KUNNSKAP_HOME, with the session's real index as its default index."""
    from kunnskap.paths import index_dir

    target = index_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(report_index_path, target_is_directory=True)
    return kunnskap_home


@pytest.fixture
def app(app_home):
    """The chat app, run once (the real assistant and the bundled model)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    return at


_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:  # ``tests/fakes`` importable as ``fakes`` (appended: never shadows)
    sys.path.append(_TESTS)

from fakes.plugin import fake_llm_spec, fake_openai  # noqa: E402,F401  (fixtures)


@pytest.fixture
def page():
    """A page in headless Debian Chromium (never a browser downloaded by `playwright install`)."""
    from browser_helpers import CHROMIUM, CHROMIUM_ARGS, require_chromium
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
            yield context.new_page()
        finally:
            browser.close()
