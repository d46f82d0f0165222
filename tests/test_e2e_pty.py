"""End to end: the installed ``gd-tui`` in a real pseudo-terminal, read through a terminal emulator.

pexpect gives the command a 40x120 pty; everything it writes is fed to a
``pyte`` screen, and the test reads that screen as a person would
(tests/support/pty.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.pty import DEADLINE, Terminal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")


def test_dashboard_runs_the_book_and_quits(gd_tui: Path, tmp_path: Path) -> None:
    term = Terminal(gd_tui, cwd=tmp_path)
    try:
        term.wait_for("the form with lr 0.001", lambda s: "0.001" in term.line_with(" lr  "))

        # f goes into the form, at the lr field with its text selected: clear it, then type.
        term.child.send("f")
        term.wait_for("the footer offering to leave the form", lambda s: "Leave form" in s)
        term.child.send("\x15")  # ctrl+u: delete to the start of the field
        term.wait_for("an empty lr field (its placeholder)", lambda s: "x5" in term.line_with(" lr  "))
        term.child.send("0.001")
        term.wait_for("lr 0.001 typed", lambda s: "0.001" in (line := term.line_with(" lr  ")) and "x5" not in line)
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
