"""Helpers shared by the dashboard benchmarks in ``bench/`` (not a benchmark itself).

Every benchmark prints the machine first, measures the two things it compares
in one run (alternating them when they are repeated), prints both, their
ratio, the target and ``PASS`` or ``ABOVE TARGET``, and exits 0: benchmarks
inform, they do not fail builds.

Running this file directly only prints the machine line, so ``make bench``
(which runs every ``bench/*.py``) passes over it harmlessly.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import re
import select
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the hints: startup.py must not pay for importing the app
    from tui.app import GradientDescentApp

__all__ = [
    "PTY_COLUMNS",
    "PTY_ROWS",
    "SCREEN_SIZE",
    "Terminal",
    "bench_parser",
    "cpu_model",
    "gc_paused",
    "gd_tui_command",
    "machine_lines",
    "median",
    "print_footer",
    "print_machine",
    "pty_env",
    "run_at_max_speed",
    "verdict",
]

#: The pseudo-terminal size every pty benchmark uses (pexpect wants rows, columns).
PTY_ROWS, PTY_COLUMNS = 40, 120

#: The same size as Textual's ``App.run_test(size=...)`` wants it (columns, rows),
#: so headless and pty benchmarks lay the dashboard out alike.
SCREEN_SIZE = (PTY_COLUMNS, PTY_ROWS)


def bench_parser(doc: str, quick_help: str) -> argparse.ArgumentParser:
    """The command line every benchmark starts from: ``doc``'s first line as description, and ``--quick``.

    ``quick_help`` says what ``--quick`` cuts in that benchmark; the caller
    adds its own options, if any, before parsing.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    return parser


def print_footer(started: float, quick: bool, caveat: str) -> None:
    """Close a report: under ``--quick``, ``caveat`` (why the numbers are only indicative), then the wall time since ``started``."""
    if quick:
        print(f"(--quick: {caveat})")
    print(f"(whole benchmark: {time.perf_counter() - started:.0f} s wall)")


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo`` (x86 and ARM spell it differently), else what platform knows."""
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
    """The machine (CPU, usable cores, load) and the versions that decide the numbers, one line each."""
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
    """Print :func:`machine_lines`: every benchmark's report starts with them."""
    for line in machine_lines():
        print(line)


def median(values: list[float]) -> float:
    """The median: one outlier on a noisy machine cannot move it, unlike the mean."""
    return statistics.median(values)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collect, then keep the garbage collector off for the block, as ``timeit`` does.

    Otherwise a collection triggered by one side's allocations would be
    charged to whichever timed run happens to come next.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def run_at_max_speed(app: GradientDescentApp) -> tuple[int, int]:
    """Start a run as enter does and let the app's own clock drive it to its end.

    ``app`` must be built with ``clock=True`` and ``speed=None`` (max): its
    timer then hands the run to the app's max-speed worker, which ticks back to
    back and yields to the event loop between ticks, exactly as in a terminal.
    Returns (ticks, self-pauses resumed): the runner pauses itself when the
    loss rises 5 steps in a row, and the run is resumed each time, as the
    learner would with space.
    """
    ticks = 0
    tick = app.tick

    def counted() -> None:
        nonlocal ticks
        ticks += 1
        tick()

    app.tick = counted  # type: ignore[method-assign]
    app.action_run()
    self_paused = 0
    while app.runner.live:
        await asyncio.sleep(0.01)
        if app.runner.live and app.runner.state != "running":
            self_paused += 1
            app.action_toggle_pause()
    return ticks, self_paused


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
        #: When the latest chunk was read, before pyte parsed it (perf_counter).
        self.arrived = self.started
        #: When the last wait_for saw its condition on the parsed screen (perf_counter).
        self.parsed = self.started

    def text(self) -> str:
        """What the emulated screen shows now, one line per row."""
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
        self.arrived = time.perf_counter()
        self.total += len(data)
        if self.recording is not None:
            self.recording.append(data)
        self.stream.feed(data)
        return True

    def wait_for(self, done: Callable[[str], bool], timeout: float) -> float:
        """Read until ``done(screen text)``; return when the bytes that made it true arrived (perf_counter).

        The arrival, not the moment pyte has parsed them: pyte is a
        pure-Python emulator that takes ~2 ms per KB (45 ms for the
        dashboard's first frame, 9 ms for a bare app's), where a real
        terminal takes a fraction of a millisecond, so parsing time would
        be the rig's cost charged to the program. :attr:`parsed` keeps the
        later time for whoever wants it.
        """
        deadline = time.perf_counter() + timeout
        arrived = time.perf_counter()
        while True:
            if done(self.text()):
                self.parsed = time.perf_counter()
                return arrived
            if time.perf_counter() > deadline:
                raise TimeoutError(f"timed out; the screen shows:\n{self.text()}")
            if not self.poll(0.02):
                raise EOFError(f"the program exited; the screen shows:\n{self.text()}")
            arrived = self.arrived

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
