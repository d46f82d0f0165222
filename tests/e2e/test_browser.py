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
from support.net import free_port, wait_until

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


def test_the_book_in_a_browser_then_q_ends_the_session(server: Server, browser: Browser) -> None:
    url = server.wait_for_url()
    assert url.startswith("http://127.0.0.1:"), url
    browser.open(url)

    # No footer yet: Textual's web driver starts the app blurred, and Textual's
    # Footer fills in at the first key or click (as the user's enter, below).
    # The page draws in pieces: wait for every piece the test reads.
    first = browser.wait_for(
        "the dashboard: the form with lr 0.001, the status ready, the chart's invitation, the hint",
        lambda s: all(
            piece in s
            for piece in ("0.001", "╭─ Status", "ready", "Press enter to run gradient descent.", "enter runs gradient descent")
        ),
        server,
    )
    # A browser's defaults: not the low-bandwidth mode that an SSH session (for
    # instance the server's own) would turn on, and UTF-8 box drawing.
    assert "low bandwidth" not in first, first
    assert "╭─ Run" in first, first

    browser.press("\n")  # enter: the book's default run, lr 0.001 for 100 iterations
    browser.wait_for(
        "the finished run, the book's w, and the footer (the page has the focus now)",
        lambda s: all(
            piece in s
            for piece in ("w=1.8436928702", "finished", "all 100 done", "Iteration   99 => Loss: 69.1209628275", "Quit")
        ),
        server,
    )

    browser.press("q")  # the tab's gd-tui quits; the page says the session ended
    browser.wait_session_ended(server)
    assert server.process.poll() is None, "the server should outlive a tab"
    assert wait_until(lambda: not server.others_in_group(), deadline=10.0), (
        f"the tab's gd-tui still runs: {server.others_in_group()}"
    )
    assert "Traceback" not in server.output(), server.output()
