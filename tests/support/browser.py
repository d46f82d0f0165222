"""``gd-tui --serve`` as a subprocess, and a real headless Chromium (Debian's, via chromedriver) reading its page.

textual-serve's page draws the terminal with xterm.js onto a canvas (WebGL),
so the screen's text is not in the DOM. The page's own script keeps the xterm
``Terminal`` in ``this.terminal`` of its session object (textual_serve/static/
js/textual.js: ``this.terminal=new v.Terminal(...)``); a script that Chromium
runs before the page's catches that assignment and keeps the terminal in
``window.__gdTerminal``. The test then reads the screen through xterm's public
buffer API (``buffer.active.getLine(y).translateToString()``): the cells as
the page shows them, after xterm has parsed what the app sent.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from support.serve import DEADLINE, Server

__all__ = ["Browser", "missing_chromium"]

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

#: Runs before the page's scripts: keep the xterm Terminal the page assigns to ``this.terminal``.
CATCH_TERMINAL = r"""
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active) { window.__gdTerminal = value; }
  },
});
"""
#: The terminal's visible rows as text, or null before the page has made its terminal.
READ_SCREEN = r"""
const terminal = window.__gdTerminal;
if (!terminal) { return null; }
const buffer = terminal.buffer.active, rows = [];
for (let y = 0; y < terminal.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  rows.push(line ? line.translateToString(true) : "");
}
return rows.join("\n");
"""


def _chromium() -> str | None:
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


def _chromedriver() -> str | None:
    return CHROMEDRIVER if os.access(CHROMEDRIVER, os.X_OK) else shutil.which("chromedriver")


def missing_chromium() -> str | None:
    """Why the browser test cannot run here (what is missing), or None when it can."""
    missing = [name for name, path in (("chromium", _chromium()), ("chromedriver", _chromedriver())) if path is None]
    if not missing:
        return None
    return (
        f"{' and '.join(missing)} not found (Debian's chromium and chromium-driver); "
        "`make test` installs them as root via tests/e2e/system-deps.sh"
    )


class Browser:
    """A headless Chromium driven through chromedriver, with a fresh profile in ``profile``."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 900) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(_chromium())
        # Headless as root (CI), with nothing reaching out to the network by itself.
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--window-size={width},{height}",
            f"--user-data-dir={profile}",
        ):
            options.add_argument(flag)
        # The driver's path given: Selenium Manager has nothing to look up (or download).
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=str(_chromedriver())))
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})

    def open(self, url: str) -> None:
        """Load ``url`` (textual-serve's page; it connects its websocket by itself)."""
        self.driver.get(url)

    def screen(self) -> str | None:
        """The page's terminal, row by row, or None until the page has made it."""
        text: Any = self.driver.execute_script(READ_SCREEN)
        return text if isinstance(text, str) else None

    def wait_for(self, what: str, ready: Callable[[str], bool], server: Server) -> str:
        """Read the page's terminal until ``ready(text)``; the text. Fails with the screen and the server's output."""
        end = time.monotonic() + DEADLINE
        text: str | None = None
        while time.monotonic() < end:
            text = self.screen()
            if text is not None and ready(text):
                return text
            if server.process.poll() is not None:
                break
            time.sleep(0.2)
        if text is None:
            what += " (the page made no terminal: has textual.js stopped assigning this.terminal?)"
        pytest.fail(f"the page does not show {what}:\n{text}\n--- server:\n{server.output()}")

    def press(self, keys: str) -> None:
        """Type ``keys`` into the terminal, as a user would: into xterm's input element, which has the focus."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(keys)

    def wait_session_ended(self, server: Server) -> None:
        """Wait for the page's "Session ended" dialog (textual-serve shows it when the tab's app exits and the websocket closes)."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if self.driver.execute_script('return document.body.classList.contains("-closed");'):
                return
            time.sleep(0.2)
        pytest.fail(f"the page never said the session ended:\n{self.screen()}\n--- server:\n{server.output()}")

    def quit(self) -> None:
        """Close the browser and its driver."""
        self.driver.quit()
