"""The installed ``gd-tui`` in a real pseudo-terminal, its output rendered on a pyte screen, read as a person would."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest

__all__ = ["COLS", "DEADLINE", "ROWS", "Terminal", "pty_env"]

ROWS, COLS = 40, 120
#: Generous: the first start imports Textual and numpy on a possibly busy machine.
DEADLINE = 30.0


def pty_env(term: str = "xterm-256color") -> dict[str, str]:
    """The caller's environment, as a terminal user would have it: TERM set, no size overrides."""
    # TEXTUAL_DRIVER too: it would let the dashboard start without a terminal (as under --serve).
    dropped = ("COLUMNS", "LINES", "PYTHONPATH", "PYTHONWARNINGS", "TEXTUAL_DRIVER")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["TERM"] = term
    return env


class Terminal:
    """A command in a pty, with its output rendered on a pyte screen.

    The command is usually the installed ``gd-tui``; the SSH test runs ``ssh``,
    which runs gd-tui at the other end (``name`` says which, in failures).
    ``env`` adds to or overrides the terminal user's environment (a locale, say).
    """

    def __init__(
        self,
        script: Path | str,
        *args: str,
        cwd: Path,
        rows: int = ROWS,
        cols: int = COLS,
        term: str = "xterm-256color",
        name: str = "gd-tui",
        env: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        environment = {**pty_env(term), **(env or {})}
        self.child = pexpect.spawn(str(script), list(args), dimensions=(rows, cols), env=environment, cwd=str(cwd))

    def resize(self, rows: int, cols: int) -> None:
        """Resize the pty (the command gets SIGWINCH) and the screen it is read through."""
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)

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
                pytest.fail(f"{self.name} ended before the screen showed {what}:\n{self.text()}")
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
            pytest.fail(f"{self.name} did not exit within {deadline:.0f} s:\n{self.text()}")
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()
