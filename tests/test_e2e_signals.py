"""Signals and job control on the real dashboard in a pseudo-terminal: the terminal is restored and the status says why.

Each test starts the installed ``gd-tui`` through the pty harness of
tests/support/pty.py, waits for the dashboard, then signals it as a shell or a
closing terminal would.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from support.pty import DEADLINE, Terminal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals and a pseudo-terminal")

#: What a restored terminal has been sent last: the alternate screen left and the cursor shown.
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


def dashboard(gd_tui: Path, tmp_path: Path) -> Terminal:
    term = Terminal(gd_tui, cwd=tmp_path, rows=24, cols=80)
    term.wait_for("the dashboard", lambda s: "Pause/Resume" in s and "state" in s)
    return term


def process_state(pid: int) -> str:
    """The kernel's one-letter state of ``pid`` (R, S, T for stopped, ...)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda n: signal.Signals(n).name)
def test_a_signal_ends_the_dashboard_with_128_plus_it_and_the_terminal_restored(
    gd_tui: Path, tmp_path: Path, number: int
) -> None:
    term = dashboard(gd_tui, tmp_path)
    try:
        term.child.send("\r")  # a run going: the signal comes at a busy moment
        time.sleep(0.5)
        before = len(term.raw)
        os.kill(term.child.pid, number)
        status = term.wait_exit(deadline=DEADLINE)
        after = bytes(term.raw[before:])
        assert status == 128 + number, (status, term.child.signalstatus)
        assert LEAVE_ALTERNATE_SCREEN in after and SHOW_CURSOR in after, after[-200:]
        assert b"Traceback" not in bytes(term.raw)
    finally:
        term.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_ctrl_z_suspends_and_a_continue_redraws_the_dashboard(gd_tui: Path, tmp_path: Path) -> None:
    term = dashboard(gd_tui, tmp_path)
    try:
        term.child.send("\x1a")  # ctrl+z: in raw mode a key, which the app turns into SIGTSTP
        end = time.monotonic() + DEADLINE
        while process_state(term.child.pid) != "T" and time.monotonic() < end:
            term.pump(0.05)
        assert process_state(term.child.pid) == "T", "ctrl+z did not suspend the app"
        term.pump(0.2)
        assert LEAVE_ALTERNATE_SCREEN in bytes(term.raw), "the terminal was not handed back to the shell"
        term.screen.reset()  # what the shell drew meanwhile is gone; the app must draw it all again
        os.kill(term.child.pid, signal.SIGCONT)  # as fg does
        term.wait_for("the dashboard again, redrawn whole", lambda s: "Pause/Resume" in s and "state" in s and "Status" in s)
        assert term.child.isalive()
        term.child.send("q")
        assert term.wait_exit(deadline=DEADLINE) == 0
    finally:
        term.close()


def test_a_dumb_terminal_gets_one_line_and_exit_2(gd_tui: Path, tmp_path: Path) -> None:
    term = Terminal(gd_tui, cwd=tmp_path, term="dumb")
    try:
        status = term.wait_exit(deadline=DEADLINE)
        output = bytes(term.raw).decode("utf-8", errors="replace").replace("\r\n", "\n")
        assert status == 2, output
        assert "\x1b" not in output and output.count("\n") == 1, output
        assert "TERM is dumb" in output and "--headless" in output
    finally:
        term.close()
