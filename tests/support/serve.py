"""``gd-tui --serve`` as a user starts it: a subprocess in its own process group, its output in files."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from support.cli import cli_env

__all__ = ["DEADLINE", "Server"]

#: Generous: the server and each tab's gd-tui import Textual on a possibly busy machine.
DEADLINE = 60.0


class Server:
    """``gd-tui --serve`` in its own process group (so the tabs' gd-tui processes go with it), its output in files."""

    def __init__(self, gd_tui: Path, *args: str, cwd: Path) -> None:
        self.out_path, self.err_path = cwd / "serve.out", cwd / "serve.err"
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.process = subprocess.Popen(
                [str(gd_tui), "--serve", *args],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=cli_env(),
                start_new_session=True,
            )

    def output(self) -> str:
        """What the server has written so far, stdout then stderr."""
        return self.out_path.read_text(errors="replace") + self.err_path.read_text(errors="replace")

    def wait_for_url(self) -> str:
        """The URL from the server's one line on stdout, once it prints it."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            for line in self.out_path.read_text(errors="replace").splitlines():
                if " at http://" in line:
                    return line.split(" at ", 1)[1].split()[0]
            if self.process.poll() is not None:
                pytest.fail(f"gd-tui --serve exited with {self.process.returncode}:\n{self.output()}")
            time.sleep(0.1)
        pytest.fail(f"gd-tui --serve printed no URL within {DEADLINE:.0f} s:\n{self.output()}")

    def others_in_group(self) -> list[int]:
        """The processes the server has started and that still run (its tabs' shells and gd-tui): Linux's /proc."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != self.process.pid:
                with contextlib.suppress(OSError):  # gone meanwhile
                    if os.getpgid(int(entry.name)) == self.process.pid:
                        found.append(int(entry.name))
        return found

    def stop(self) -> None:
        """Stop the server and everything it started: SIGTERM to the group, then SIGKILL to whatever is left of it."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return  # the whole group has gone
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        # The server, if it lingers, or a tab's gd-tui that outlived it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
