"""End to end over a real SSH session: the installed gd-tui behind a throwaway sshd, in a 100x30 pty read through pyte.

The path a remote user takes: ``ssh -tt`` to a server (tests/support/sshd.py:
127.0.0.1, a free port, temporary keys, keys only), which runs gd-tui in the
pseudo-terminal it allocates. sshd sets SSH_CONNECTION, so low-bandwidth mode
is on by itself. The test runs the book's training to the end, resizes the
terminal (SIGWINCH travels through ssh and sshd), quits, and checks that ssh
exits 0 and sshd saw the session close.

Skips only where OpenSSH is not installed; ``make test`` installs it as root
(tests/e2e/system-deps.sh).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.net import wait_until
from support.pty import DEADLINE, Terminal
from support.sshd import Sshd, missing_openssh

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal and OpenSSH"),
    pytest.mark.skipif(missing_openssh() is not None, reason=str(missing_openssh())),
]

ROWS, COLS = 30, 100
#: Bigger in both directions, so the redraw at the new size is unmistakable.
NEW_ROWS, NEW_COLS = 40, 120


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    """A running throwaway sshd, stopped at the end of the test."""
    root = tmp_path / "sshd"
    root.mkdir()
    server = Sshd(root)
    try:
        yield server
    finally:
        server.stop()


def remote_command(gd_tui: Path) -> str:
    """The command line sshd's shell runs: this installed gd-tui, with what a terminal user's environment holds."""
    # sshd gives the session a bare environment; LANG says the terminal is UTF-8
    # (else gd-tui would draw in ASCII, by design).
    return shlex.join(["env", "TERM=xterm-256color", "LANG=C.UTF-8", str(gd_tui.resolve())])


def test_the_book_over_ssh_then_a_resize_and_a_clean_exit(gd_tui: Path, sshd: Sshd, tmp_path: Path) -> None:
    term = Terminal("ssh", *sshd.ssh_args(remote_command(gd_tui)), cwd=tmp_path, rows=ROWS, cols=COLS, name="ssh (gd-tui)")
    try:
        # The screen is drawn in pieces: wait for the status panel too, which the next line reads.
        term.wait_for(
            "the dashboard: the form with lr 0.001, the status and the footer",
            lambda s: "0.001" in term.line_with(" lr  ") and "╭─ Status" in s and "Quit" in term.line_with("Pause/Resume"),
        )
        assert "low bandwidth" in term.text(), f"SSH_CONNECTION is set, so the status should say so:\n{term.text()}"

        term.child.send("\r")  # enter: run the form's values, the book's lr 0.001 for 100 iterations
        term.wait_for(
            "the run finished with the book's w",
            lambda s: "w=1.8436928702" in s and "finished" in term.line_with("state"),
        )

        # The footer sits on the last row; after the resize it must be on the new
        # last row, drawn across the new width, and the run still on screen.
        assert "Quit" in term.screen.display[ROWS - 1], term.text()
        term.resize(NEW_ROWS, NEW_COLS)
        term.wait_for(
            f"the dashboard redrawn at {NEW_COLS}x{NEW_ROWS}",
            lambda s: "Quit" in term.screen.display[NEW_ROWS - 1] and "w=1.8436928702" in s,
        )
        widths = [len(line.rstrip()) for line in term.screen.display]
        assert max(widths) > COLS, f"nothing drawn beyond column {COLS} after the resize:\n{term.text()}"
        assert "low bandwidth" in term.text(), term.text()

        term.child.send("q")
        status = term.wait_exit(deadline=DEADLINE)
        assert status == 0, f"ssh exited with {status} (signal {term.child.signalstatus}):\n{term.text()}"
        closed = f"Disconnected from user {sshd.user} 127.0.0.1"
        assert wait_until(lambda: closed in sshd.log(), deadline=10.0), f"sshd did not log {closed!r}:\n{sshd.log()}"
    finally:
        term.close()
