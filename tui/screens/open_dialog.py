"""Open a data file (``o``): a path field that completes names, a file tree beside it, and the reader's verdict.

The file is read in a thread worker, so a large one leaves the dashboard
alive behind the dialog; a bad one's one-line :class:`~core.DataError` is
shown under the field, with the text kept for mending. Only a good file
closes the dialog, with its :class:`~core.Dataset`; esc closes it with none,
and the data already loaded stays.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import DirectoryTree, Input, Label
from textual.worker import Worker, WorkerState

from core import DataError, Dataset, load_dataset

__all__ = ["DataFileTree", "OpenDialog", "PathSuggester"]


class PathSuggester(Suggester):
    """Suggest the rest of a file or directory name as it is typed (→ or end accepts it), as a shell's tab would.

    The first name in sorted order that starts with what is typed; a
    directory ends with ``/`` so that its own names follow. Hidden names only
    once a ``.`` is typed. Not cached: the directory may change while the
    dialog is open.
    """

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        """``value`` completed to the first matching name in its directory, or None."""
        folder, _, prefix = value.rpartition("/")
        where = Path(os.path.expanduser(folder + "/" if folder or value.startswith("/") else "."))
        try:
            entries = sorted(os.scandir(where), key=lambda entry: entry.name)
        except OSError:
            return None
        for entry in entries:
            if entry.name.startswith(prefix) and (prefix.startswith(".") or not entry.name.startswith(".")):
                try:
                    slash = "/" if entry.is_dir() else ""
                except OSError:
                    slash = ""
                completed = value + entry.name[len(prefix) :] + slash
                return completed if completed != value else None
        return None


class DataFileTree(DirectoryTree):
    """Textual's ``DirectoryTree`` without hidden names (``.git``, caches): data files are what is looked for."""

    def on_mount(self) -> None:
        if self.app.has_class("-ascii"):
            # The stock icons are emoji, two cells each: in ASCII they would be "??" for folders and files alike.
            self.ICON_NODE_EXPANDED, self.ICON_NODE, self.ICON_FILE = "- ", "+ ", "  "

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """The paths whose names do not start with a dot."""
        return [path for path in paths if not path.name.startswith(".")]


class OpenDialog(ModalScreen[Dataset | None]):
    """Ask for a data file; enter reads it (closing only if it is good), esc cancels (None)."""

    DEFAULT_CSS = """
    OpenDialog { align: center middle; }
    OpenDialog > Vertical {
        width: 76; max-width: 95%; height: auto; max-height: 95%; padding: 0 1;
        border: round $primary; background: $surface;
    }
    OpenDialog Label { width: 1fr; }
    OpenDialog #open-error { color: $error; height: auto; }
    OpenDialog #open-error.-reading { color: $text-muted; }
    OpenDialog #open-tree { height: 12; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str) -> None:
        """``current`` is the data loaded now: the field starts with it, the tree in its folder."""
        super().__init__()
        self.current = current
        self._reading: Worker[Dataset] | None = None

    def compose(self) -> ComposeResult:
        start = Path.cwd()  # where gd-tui was started: where a user's own files most likely are
        with Vertical():
            yield Label(
                "Open a data file (two columns, an optional header naming them): type a path, → completes; or pick below. esc cancels."
            )
            yield Input(self.current, suggester=PathSuggester(), id="open-path")
            yield Label("", id="open-error")
            yield DataFileTree(start, id="open-tree")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#open-path", Input))

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.read(event.value.strip())

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        field = self.query_one("#open-path", Input)
        field.value = str(event.path)
        self.read(field.value)

    @on(Input.Changed, "#open-path")
    def _typed(self) -> None:
        if self._reading is None or self._reading.is_finished:
            self._say("")

    def read(self, path: str) -> None:
        """Read ``path`` behind the dialog; it closes with the data if the file is good."""
        if not path:
            self._say("Type a path to a data file.")
            return
        self._say(f"Reading {Path(path).name}…", error=False)
        self._reading = self.run_worker(
            lambda: load_dataset(os.path.expanduser(path)), thread=True, exclusive=True, group="open-data", exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The read is done: close with the data, or say in one line why the file cannot be used."""
        if event.worker is not self._reading:
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Dataset):
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self._say(str(error) if isinstance(error, DataError) else f"cannot read it: {error}")

    def _say(self, text: str, *, error: bool = True) -> None:
        label = self.query_one("#open-error", Label)
        label.update(text)
        label.set_class(not error, "-reading")

    def action_cancel(self) -> None:
        """Close without new data (the loaded data stays)."""
        self.dismiss(None)
