"""Screenshot the chat answering one question, in headless Chromium (Debian's /usr/bin/chromium).

Starts `streamlit run ui/app.py` from ``--repo`` (default: this checkout) on a free port with the
given KUNNSKAP_HOME, asks the question, waits for the answer and saves a full-page PNG. Used for
the before/after screenshots in docs/screenshots/.

Usage: python scripts/chat_screenshot.py "Spørsmål?" out.png [--repo DIR] [--home DIR]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
BOX = "Still et spørsmål om rapporten …"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not become healthy in {timeout} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("question")
    p.add_argument("out", type=Path)
    p.add_argument("--repo", type=Path, default=ROOT)
    p.add_argument("--home", type=Path, default=None, help="KUNNSKAP_HOME (default: as set)")
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    env = dict(os.environ, PYTHONPATH=str(args.repo))
    if args.home:
        env["KUNNSKAP_HOME"] = str(args.home)
    port = _free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    proc = subprocess.Popen([str(streamlit), "run", "ui/app.py", "--server.headless", "true",
                             "--browser.gatherUsageStats", "false", "--server.port", str(port)],
                            cwd=args.repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://localhost:{port}"
        _wait(url, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_context(viewport={"width": 1100, "height": 900}, locale="nb-NO").new_page()
            page.goto(url)
            box = page.get_by_placeholder(BOX)
            box.wait_for(timeout=180_000)
            box.fill(args.question)
            box.press("Enter")
            page.locator('[data-testid="stChatMessage"]').nth(1).wait_for(timeout=180_000)
            page.locator('[data-testid="stExpander"]').first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=True)
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
