"""A program under a pseudo-terminal, read like a person reads a screen: for the pty benchmarks (not a benchmark itself).

startup.py, pty_bytes.py and key_latency.py start the installed ``gd-tui``
(or a bare Textual app) in a pexpect pty at the size every benchmark uses and
read it through pyte, a terminal emulator.
"""

from __future__ import annotations

import os
import re
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _benchlib import PTY_COLUMNS, PTY_ROWS

__all__ = ["Terminal", "gd_tui_command", "pty_env"]


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

    def _read(self, timeout: float) -> tuple[list[tuple[float, bytes]], bool]:
        """Read what arrives within ``timeout``, then whatever follows at once, unparsed; (chunks with their arrival, EOF seen).

        Reading drains the pty before pyte parses anything (up to 50 ms or
        1 MB at a time), so a chunk's arrival time is not delayed by the
        parsing of the chunks before it (pyte takes ~2 ms per KB, and a
        dashboard frame is tens of KB).
        """
        import pexpect

        fd = self.child.child_fd
        chunks: list[tuple[float, bytes]] = []
        wait, size, drain_until = timeout, 0, float("inf")
        while size < 1 << 20 and time.perf_counter() < drain_until:
            try:
                ready, _, _ = select.select([fd], [], [], wait)
            except InterruptedError:
                continue
            if not ready:
                break
            try:
                data = self.child.read_nonblocking(1 << 16, timeout=0)
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                return chunks, True
            arrived = time.perf_counter()
            if not chunks:
                drain_until = arrived + 0.05
            chunks.append((arrived, data))
            size += len(data)
            wait = 0
        return chunks, False

    def _feed(self, arrived: float, data: bytes) -> None:
        self.arrived = arrived
        self.total += len(data)
        if self.recording is not None:
            self.recording.append(data)
        self.stream.feed(data)

    def poll(self, timeout: float) -> bool:
        """Read what is available (waiting up to ``timeout``) and parse it; False at EOF."""
        chunks, eof = self._read(timeout)
        for arrived, data in chunks:
            self._feed(arrived, data)
        return not eof

    def wait_for(self, done: Callable[[str], bool], timeout: float) -> float:
        """Read until ``done(screen text)``; return when the bytes that made it true arrived (perf_counter).

        The arrival, not the moment pyte has parsed them: pyte is a
        pure-Python emulator that takes ~2 ms per KB (about 100 ms for the
        dashboard's ~55 KB first frame, 10 ms for a bare app's), where a real
        terminal takes a fraction of a millisecond, so parsing time would
        be the rig's cost charged to the program. The screen is tested after
        each chunk read, so the time is the arrival of the chunk that
        completed it. :attr:`parsed` keeps the later time for whoever wants it.
        """
        deadline = time.perf_counter() + timeout
        if done(self.text()):
            self.parsed = time.perf_counter()
            return self.parsed
        while True:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"timed out; the screen shows:\n{self.text()}")
            chunks, eof = self._read(0.02)
            for position, (arrived, data) in enumerate(chunks):
                self._feed(arrived, data)
                if done(self.text()):
                    self.parsed = time.perf_counter()
                    # What was read after it goes on the screen too, as a terminal would show it.
                    for later in chunks[position + 1 :]:
                        self._feed(*later)
                    return arrived
            if eof:
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
