"""Helpers shared by the dashboard benchmarks in ``bench/`` (not a benchmark itself).

Every benchmark prints the machine first, measures the two things it compares
in one run (alternating them when they are repeated), prints both, their
ratio, the target and ``PASS`` or ``ABOVE TARGET``, and exits 0: benchmarks
inform, they do not fail builds.

Running this file directly only prints the machine line, so ``make bench``
(which runs every ``bench/*.py``) passes over it harmlessly.
"""

from __future__ import annotations

import os
import platform
import re
import select
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = [
    "PTY_COLUMNS",
    "PTY_ROWS",
    "Terminal",
    "cpu_model",
    "gd_tui_command",
    "machine_lines",
    "median",
    "print_machine",
    "pty_env",
    "verdict",
]

#: The pseudo-terminal size every pty benchmark uses (pexpect wants rows, columns).
PTY_ROWS, PTY_COLUMNS = 40, 120


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.lower().startswith(("model name", "hardware", "cpu model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_lines() -> list[str]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 0
    try:
        load = "load %.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "load unknown"
    return [
        f"machine: {platform.machine()}, {cpu_model()}, {usable} of {os.cpu_count()} cores usable, {load}",
        f"software: Python {platform.python_version()}, textual {_version('textual')}, rich {_version('rich')}, "
        f"plotext {_version('plotext')}, numpy {_version('numpy')}",
    ]


def print_machine() -> None:
    for line in machine_lines():
        print(line)


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(value: float, target: float) -> str:
    """``PASS`` when ``value`` is at most ``target`` (all our targets are upper bounds)."""
    return "PASS" if value <= target else "ABOVE TARGET"


def gd_tui_command() -> Path:
    """The installed console script beside this interpreter (what ``make run`` starts)."""
    script = Path(sys.executable).parent / "gd-tui"
    if not script.is_file():
        sys.exit(f"{script} is not installed; run `make test` once to set up .venv")
    return script


def pty_env() -> dict[str, str]:
    """The environment for apps under a pty: a 256-colour xterm with truecolour, like most users'."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONWARNINGS", "TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR"):
        env.pop(name, None)
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LINES=str(PTY_ROWS), COLUMNS=str(PTY_COLUMNS))
    return env


# Textual positions every chunk of an update with a cursor move, ESC [ row ; col H.
_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")


class Terminal:
    """A program in a pexpect pseudo-terminal, read through a pyte screen.

    Every byte the program writes is counted, and attributed to the screen
    cell where Textual's preceding cursor move put it (see :meth:`attribute`).
    """

    def __init__(self, argv: list[str], *, rows: int = PTY_ROWS, columns: int = PTY_COLUMNS) -> None:
        import pexpect
        import pyte

        self.started = time.perf_counter()
        self.child = pexpect.spawn(argv[0], argv[1:], env=pty_env(), dimensions=(rows, columns), echo=False)
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.total = 0  # bytes read since spawn
        self.recording: list[bytes] | None = None

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def poll(self, timeout: float) -> bool:
        """Read what is available (waiting up to ``timeout``); False at EOF."""
        import pexpect

        fd = self.child.child_fd
        try:
            ready, _, _ = select.select([fd], [], [], timeout)
        except InterruptedError:
            return True
        if not ready:
            return True
        try:
            data = self.child.read_nonblocking(1 << 16, timeout=0)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.total += len(data)
        if self.recording is not None:
            self.recording.append(data)
        self.stream.feed(data)
        return True

    def wait_for(self, done: Callable[[str], bool], timeout: float) -> float:
        """Read until ``done(screen text)``; return the time it became true (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while True:
            if done(self.text()):
                return time.perf_counter()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"timed out; the screen shows:\n{self.text()}")
            if not self.poll(0.02):
                raise EOFError(f"the program exited; the screen shows:\n{self.text()}")

    def wait_quiet(self, quiet: float, timeout: float) -> None:
        """Read until nothing has arrived for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            before = self.total
            end = time.perf_counter() + quiet
            while time.perf_counter() < end:
                if not self.poll(0.02):
                    return
            if self.total == before:
                return

    def close(self) -> None:
        """Quit the program (ctrl+q, Textual's quit key), forcefully if it lingers."""
        try:
            if self.child.isalive():
                self.child.send("\x11")
                deadline = time.perf_counter() + 5
                while time.perf_counter() < deadline and self.poll(0.05):
                    pass
        finally:
            if self.child.isalive():
                self.child.terminate(force=True)
            self.child.close(force=True)

    @staticmethod
    def attribute(data: bytes, regions: dict[str, tuple[int, int, int, int]]) -> dict[str, int]:
        """Split ``data`` by Textual's cursor moves and sum the bytes landing in each named region.

        ``regions`` maps a name to ``(x, y, width, height)`` in screen cells.
        Bytes before the first move, or at a cell no region covers, count as
        ``"other"``; each cursor move itself counts towards where it points.
        """
        counts = {name: 0 for name in regions}
        counts["other"] = 0
        position = None
        start = 0

        def where(pos: tuple[int, int] | None) -> str:
            if pos is not None:
                x, y = pos
                for name, (rx, ry, rw, rh) in regions.items():
                    if rx <= x < rx + rw and ry <= y < ry + rh:
                        return name
            return "other"

        for match in _MOVE.finditer(data):
            counts[where(position)] += match.start() - start
            start = match.start()
            position = (int(match.group(2)) - 1, int(match.group(1)) - 1)
        counts[where(position)] += len(data) - start
        return counts

    @staticmethod
    def repaints(data: bytes, regions: dict[str, tuple[int, int, int, int]]) -> dict[str, int]:
        """How often each region's middle row was rewritten: cursor moves to its most rewritten chunk there."""
        moves = [(int(m.group(1)) - 1, int(m.group(2)) - 1) for m in _MOVE.finditer(data)]
        result = {}
        for name, (rx, ry, rw, rh) in regions.items():
            row = ry + rh // 2
            columns = [x for y, x in moves if y == row and rx <= x < rx + rw]
            result[name] = max(columns.count(x) for x in set(columns)) if columns else 0
        return result


if __name__ == "__main__":
    print_machine()
