"""The loading screen: a large data file read in a thread, with a progress bar, before the dashboard opens.

The app shows it first when the file is large (:mod:`tui.session.loading`
decides), so the terminal shows at once what is happening instead of staying
blank for seconds. The read runs in a thread worker; its progress comes back
as messages, one per chunk. The outcome goes to the app as a message that
bubbles up: :class:`LoadingScreen.Loaded` (the app opens the dashboard) or
:class:`LoadingScreen.Failed` (one line on stderr, exit 2, as for a small file).
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

from core import DataError, Dataset, load_dataset
from tui.output import EXIT_INTERRUPTED, EXIT_OK
from tui.session.loading import progress_line

__all__ = ["LoadingScreen"]


class _Stopped(Exception):
    """Raised from the progress callback to end a read nobody waits for any more."""


class LoadingScreen(Screen[None]):
    """Read ``path`` (``size`` bytes) in a thread, showing how far it has got; q or ctrl+c quits."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen #loading-box {
        width: 64; max-width: 100%; height: auto;
        border: round $primary; padding: 1 2;
    }
    LoadingScreen #loading-box Label { width: 100%; }
    LoadingScreen #loading-bar { margin: 1 0; }
    LoadingScreen #loading-hint { color: $text-muted; }
    """

    BINDINGS = [
        # As a key in the app's raw terminal, ctrl+c is not a SIGINT: it quits
        # with the status a SIGINT gets (130), and priority keeps any widget from taking it.
        Binding("ctrl+c", "interrupt", "Quit", priority=True),
        Binding("q", "leave", "Quit"),
    ]

    class Progressed(Message):
        """The read has got ``done`` bytes of ``total`` through ``stage`` (reading, then parsing)."""

        def __init__(self, stage: str, done: int, total: int) -> None:
            super().__init__()
            self.stage, self.done, self.total = stage, done, total

    class Loaded(Message):
        """The file is read and valid: ``dataset``."""

        def __init__(self, dataset: Dataset) -> None:
            super().__init__()
            self.dataset = dataset

    class Failed(Message):
        """The file turned out unusable; ``text`` is the reader's one-line message."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, path: Path, size: int) -> None:
        super().__init__()
        self.data_path, self.data_size = path, size
        #: Set when nobody waits for the read any more: the thread stops at its next chunk.
        self.stop = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="loading-box"):
            yield Label(f"Reading the data: {self.data_path}", id="loading-file", markup=False)
            # Reading, then parsing (or checking, line by line), each counted in the file's bytes.
            yield ProgressBar(total=2 * self.data_size, show_eta=False, id="loading-bar")
            yield Label(progress_line("reading", 0, self.data_size), id="loading-text")
            yield Label("The dashboard opens once it is read · q or ctrl+c quits", id="loading-hint")

    def on_mount(self) -> None:
        self.run_worker(self._read, thread=True, group="load", exit_on_error=True)

    def on_unmount(self) -> None:
        self.stop.set()

    def _read(self) -> None:
        """The thread: read the file, reporting each chunk, and post the outcome."""
        try:
            dataset = load_dataset(self.data_path, progress=self._progress)
        except _Stopped:
            return
        except DataError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(dataset))

    def _progress(self, stage: str, done: int, total: int) -> None:
        # Runs in the reading thread: post_message is thread-safe in Textual.
        if self.stop.is_set():
            raise _Stopped
        self.post_message(self.Progressed(stage, done, total))

    @on(Progressed)
    def _show_progress(self, message: Progressed) -> None:
        message.stop()  # the screen's own business: not for the app
        self.query_one(ProgressBar).update(progress=message.done + (0 if message.stage == "reading" else self.data_size))
        self.query_one("#loading-text", Label).update(progress_line(message.stage, message.done, message.total))

    def action_interrupt(self) -> None:
        """ctrl+c: stop reading and quit with 130, as an interrupted headless run does."""
        self.stop.set()
        self.app.exit(return_code=EXIT_INTERRUPTED)

    def action_leave(self) -> None:
        """q: stop reading and quit, as q does on the dashboard (status 0)."""
        self.stop.set()
        self.app.exit(return_code=EXIT_OK)
