"""End to end: the installed ``gd-tui`` in a real pseudo-terminal, read through a terminal emulator.

pexpect gives the command a 40x120 pty; everything it writes is fed to a
``pyte`` screen, and the test reads that screen as a person would.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest

ROWS, COLS = 40, 120
#: Generous: the first start imports Textual and numpy on a possibly busy machine.
DEADLINE = 30.0

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")


def pty_env() -> dict[str, str]:
    """The caller's environment, as a terminal user would have it: TERM set, no size overrides."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONPATH", "PYTHONWARNINGS")}
    env["TERM"] = "xterm-256color"
    return env


class Terminal:
    """A command in a pty, with its output rendered on a pyte screen."""

    def __init__(self, script: Path, *args: str, cwd: Path, rows: int = ROWS, cols: int = COLS) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.child = pexpect.spawn(str(script), list(args), dimensions=(rows, cols), env=pty_env(), cwd=str(cwd))

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def pump(self, seconds: float = 0.05) -> bool:
        """Feed what the command wrote (for up to ``seconds``) to the screen; False at end of output."""
        try:
            data = self.child.read_nonblocking(65536, timeout=seconds)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    def wait_for(self, what: str, ready: Callable[[str], bool], deadline: float = DEADLINE) -> None:
        """Read until ``ready(screen text)``; fail with the screen if it never is."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if ready(self.text()):
                return
            if not self.pump() and not ready(self.text()):
                pytest.fail(f"gd-tui ended before the screen showed {what}:\n{self.text()}")
        pytest.fail(f"after {deadline:.0f} s the screen does not show {what}:\n{self.text()}")

    def line_with(self, label: str) -> str:
        """The first screen line containing ``label``, or ""."""
        return next((line for line in self.text().splitlines() if label in line), "")

    def wait_exit(self, deadline: float) -> int | None:
        """Drain output until the command exits; its exit status."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if not self.pump(0.1):
                break
        else:
            pytest.fail(f"gd-tui did not exit within {deadline:.0f} s:\n{self.text()}")
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()


def test_dashboard_runs_the_book_and_quits(gd_tui: Path, tmp_path: Path) -> None:
    term = Terminal(gd_tui, cwd=tmp_path)
    try:
        term.wait_for("the form with lr 0.001", lambda s: "0.001" in term.line_with(" lr  "))

        # f goes into the form, at the lr field with its text selected: clear it, then type.
        term.child.send("f")
        term.wait_for("the footer offering to leave the form", lambda s: "Leave form" in s)
        term.child.send("\x15")  # ctrl+u: delete to the start of the field
        term.wait_for("an empty lr field (its placeholder)", lambda s: "e.g." in term.line_with(" lr  "))
        term.child.send("0.001")
        term.wait_for("lr 0.001 typed", lambda s: "0.001" in (line := term.line_with(" lr  ")) and "e.g." not in line)
        term.child.send("\r")

        last = "Iteration   99 => Loss: 69.1209628275"
        term.wait_for(f"{last!r} and the final w in the log", lambda s: last in s and "w=1.8436928702" in s)
        screen = term.text()
        assert "Iteration  100" not in screen, screen
        assert "finished" in term.line_with("state"), screen

        term.child.send("q")
        status = term.wait_exit(deadline=10.0)
        assert status == 0, f"exit status {status}, signal {term.child.signalstatus}:\n{term.text()}"
    finally:
        term.close()


def test_a_newcomers_first_keys_at_80x24(gd_tui: Path, tmp_path: Path) -> None:
    """?, then esc, then q: the help opens and says how to close it, closes, and q quits; nothing typed into lr."""
    term = Terminal(gd_tui, cwd=tmp_path, rows=24, cols=80)
    try:
        term.wait_for(
            "the footer with Run, Help and Quit",
            lambda s: all(word in term.line_with("Pause/Resume") for word in ("Run", "Help", "Quit")),
        )
        term.child.send("?")
        term.wait_for("the help, saying how to close it", lambda s: "closes this help" in s)
        term.child.send("\x1b")
        term.wait_for("the dashboard again", lambda s: "closes this help" not in s and "0.001" in term.line_with(" lr  "))
        assert "?" not in term.line_with(" lr  ")
        term.child.send("q")
        status = term.wait_exit(deadline=10.0)
        assert status == 0, f"exit status {status}:\n{term.text()}"
    finally:
        term.close()


def test_bad_flag_in_a_terminal_prints_one_line_and_exits_2(gd_tui: Path, tmp_path: Path) -> None:
    term = Terminal(gd_tui, "--lr", "abc", cwd=tmp_path)
    try:
        status = term.wait_exit(deadline=DEADLINE)
        output = bytes(term.raw).decode("utf-8", errors="replace")
        assert status == 2, f"exit status {status}:\n{output!r}"
        assert "\x1b" not in output, f"a screen was opened:\n{output!r}"
        lines = output.replace("\r\n", "\n").splitlines()
        assert len(lines) == 1, output
        assert lines[0].startswith("gd-tui: ") and "learning rate" in lines[0] and "'abc'" in lines[0], lines[0]
        assert "Traceback" not in output
    finally:
        term.close()
