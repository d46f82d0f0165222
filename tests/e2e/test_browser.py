"""End to end in a browser: ``gd-tui --serve``, and a real headless Chromium that opens the page, presses enter and reads the run.

The server runs as a user starts it (the installed gd-tui, a free port on
127.0.0.1); Chromium is Debian's, driven by its chromedriver through Selenium.
The screen is read from the page's xterm.js terminal (tests/support/browser.py
says how). Skips only where Chromium or its driver is not installed; ``make
test`` installs them as root (tests/e2e/system-deps.sh).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.browser import Browser, Server, missing_chromium
from support.net import free_port

pytestmark = pytest.mark.skipif(missing_chromium() is not None, reason=str(missing_chromium()))


@pytest.fixture
def server(gd_tui: Path, tmp_path: Path) -> Iterator[Server]:
    """``gd-tui --serve`` on a free port; it and every gd-tui it started are killed at the end."""
    running = Server(gd_tui, "--port", str(free_port()), cwd=tmp_path)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    """Headless Chromium with a fresh profile, closed at the end."""
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    opened = Browser(profile)
    try:
        yield opened
    finally:
        opened.quit()


def test_the_book_in_a_browser(server: Server, browser: Browser) -> None:
    url = server.wait_for_url()
    assert url.startswith("http://127.0.0.1:"), url
    browser.open(url)

    # No footer yet: Textual's web driver starts the app blurred, and Textual's
    # Footer fills in at the first key or click (as the user's enter, below).
    first = browser.wait_for(
        "the dashboard: the form with lr 0.001, the status ready, the hint",
        lambda s: "0.001" in s and "Status" in s and "ready" in s and "enter runs gradient descent" in s,
        server,
    )
    # The first screen is the dashboard's, in a browser's defaults: not the
    # low-bandwidth mode that an SSH session, for instance the server's, would turn on.
    assert "Press enter to run gradient descent." in first, first
    assert "low bandwidth" not in first, first
    assert "╭─ Run" in first, f"box-drawing (UTF-8) expected in a browser:\n{first}"

    browser.press("\n")  # enter: the book's default run, lr 0.001 for 100 iterations
    last = browser.wait_for(
        "the finished run and the book's w",
        lambda s: "w=1.8436928702" in s and "finished" in s and "Iteration   99 => Loss: 69.1209628275" in s,
        server,
    )
    assert "all 100 done" in last, last
    assert "Quit" in last, f"the footer, once the page has the focus:\n{last}"
    assert "Traceback" not in server.output(), server.output()
