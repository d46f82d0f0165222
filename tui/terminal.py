"""Textual's Linux/macOS driver, with the terminal's input passed through :class:`~tui.session.replies.ReplyFilter`.

Why a driver: replies to queries and non-UTF-8 bytes go wrong inside
Textual's input thread, before any event exists that an App or Screen could
filter. A stray reply becomes ordinary key events, indistinguishable from
typing, and a Latin-1 byte ends the thread with a ``UnicodeDecodeError``;
see :mod:`tui.session.replies`. So the bytes are cleaned before Textual reads
them, through public names only and without changing Textual's own parsing:

* a relay thread reads the terminal, filters what it reads, and writes the
  rest into a pipe;
* Textual's input thread (``run_input_thread``, unchanged) reads that pipe:
  ``fileno`` is the pipe for that thread alone, and the terminal for every
  other use (raw mode, restoring it, flushing input on ctrl+z).
"""

from __future__ import annotations

import os
import selectors
import threading
import time
from typing import TYPE_CHECKING, Any

from textual.drivers.linux_driver import LinuxDriver

from tui.session.glyphs import ascii_cells
from tui.session.replies import ReplyFilter

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["AsciiOutputDriver", "FilteredInputDriver"]

#: The relay's longest wait between checks of the driver's exit event (Textual's own input loop uses 0.1 s).
POLL = 0.1


class FilteredInputDriver(LinuxDriver):
    """:class:`LinuxDriver` reading the terminal through a :class:`ReplyFilter` (terminal replies never become keys)."""

    def __init__(self, app: App[Any], *, debug: bool = False, mouse: bool = True, size: tuple[int, int] | None = None) -> None:
        self._terminal = -1
        self._pipe: int | None = None
        self._reader: int | None = None
        super().__init__(app, debug=debug, mouse=mouse, size=size)

    @property
    def fileno(self) -> int:
        """The pipe for Textual's input thread while it runs; the terminal for everything else."""
        if self._pipe is not None and threading.get_ident() == self._reader:
            return self._pipe
        return self._terminal

    @fileno.setter
    def fileno(self, value: int) -> None:
        self._terminal = value  # LinuxDriver.__init__ sets the terminal (stdin) here

    def run_input_thread(self) -> None:
        """Textual's input loop, reading a pipe that a relay thread fills with the terminal's filtered bytes."""
        read_end, write_end = os.pipe()
        relay = threading.Thread(target=self._relay, args=(write_end,), name="gd-tui-input-filter", daemon=True)
        self._pipe, self._reader = read_end, threading.get_ident()
        relay.start()
        try:
            super().run_input_thread()
        finally:
            self._pipe = self._reader = None
            relay.join()
            os.close(read_end)

    def _relay(self, write_end: int) -> None:
        """Copy the terminal to ``write_end`` through a filter until the driver's exit event is set."""
        replies = ReplyFilter()
        selector = selectors.DefaultSelector()
        selector.register(self._terminal, selectors.EVENT_READ)
        ended = False
        try:
            while not self.exit_event.is_set():
                deadline = replies.deadline()
                wait = POLL if deadline is None else min(POLL, max(deadline - time.monotonic(), 0.0))
                if ended:
                    self.exit_event.wait(POLL)  # the terminal is gone (hung up): nothing to read
                    continue
                if selector.select(wait):
                    try:
                        data = os.read(self._terminal, 4096)
                    except OSError:
                        data = b""
                    ended = not data
                    out = replies.feed(data, time.monotonic())
                else:
                    out = replies.flush(time.monotonic())
                if out:
                    os.write(write_end, out)
        finally:
            selector.close()
            os.close(write_end)


class AsciiOutputDriver(FilteredInputDriver):
    """:class:`FilteredInputDriver` whose every write reaches the terminal as ASCII (``--ascii``).

    Why at the driver: the screen is drawn by many hands (our views, plotext's
    grid, Textual's tabs, scroll bars, progress bar, footer and Markdown), and
    each has glyphs of its own. The driver is the one place every frame passes
    through on its way to the terminal, so this is where ASCII is certain: each
    glyph becomes one ASCII character (:func:`~tui.session.glyphs.ascii_cells`,
    columns kept), and the escape sequences, ASCII already, pass unchanged.
    Our own widgets still choose ASCII looks where they can do better than a
    stand-in (frames, the surface's heat map, key names).
    """

    def write(self, data: str) -> None:
        """Write ``data`` with every non-ASCII glyph replaced by its ASCII stand-in."""
        super().write(ascii_cells(data))
