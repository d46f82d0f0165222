"""The runs table (view 5): every run kept this session, sortable, one row each; enter shows a run again."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable

from tui.session.runs import RunBook, RunRecord
from tui.session.status import Frame
from tui.widgets.keys_in_order import KeysInOrder

__all__ = ["RunsTable"]

#: Columns: (key, label). The key names what a column sorts by.
COLUMNS = (
    ("number", "#"),
    ("lr", "lr"),
    ("ending", "outcome"),
    ("at", "at"),
    ("loss", "final loss"),
    ("done", "iterations"),
    ("w", "w"),
    ("b", "b"),
    ("bias", "b trained"),
    ("start", "start (w0, b0)"),
    ("source", "data"),
)

#: Sort order of the outcome column: the good ones first.
_ENDING_ORDER = {"converged": 0, "finished": 1, "stopped": 2, "diverging": 3, "diverged": 4}


def _float(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return f"{value:.6e}" if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-4) else f"{value:.6f}"


def _sort_key(column: str, run: RunRecord) -> tuple[float, ...] | tuple[str, ...]:
    values: dict[str, tuple[float, ...] | tuple[str, ...]] = {
        "number": (run.number,),
        "source": (Path(run.source).name,),
        "lr": (run.lr,),
        "done": (run.done,),
        "bias": (float(run.train_bias),),
        "start": (run.w0, run.b0),
        "loss": (run.loss if math.isfinite(run.loss) else math.inf,),
        "w": (run.w if math.isfinite(run.w) else math.inf,),
        "b": (run.b if math.isfinite(run.b) else math.inf,),
        "ending": (_ENDING_ORDER[run.ending],),
        "at": (run.at if run.at is not None else math.inf,),
    }
    return values[column]


class RunsTable(KeysInOrder, DataTable[Text]):
    """A stock ``DataTable`` of the kept runs: ``s`` sorts by the next column, clicking a header sorts by it.

    Focused while view 5 shows, so its keys act in the order typed
    (:class:`KeysInOrder`), as the log's do: ``f0.002`` in one burst types
    the lr into the field f opened.
    """

    DEFAULT_CSS = """
    RunsTable { height: 1fr; min-height: 4; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort_next", "Sort", tooltip="Runs table: sort by the next column (again: reverse)"),
    ]

    #: The dashboard's frame: a new ``runs`` revision refills the table.
    frame: var[Frame | None] = var(None)

    @dataclass
    class Show(Message):
        """The learner picked run ``number`` to show in every view."""

        number: int

    def __init__(self, book: RunBook, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.book = book
        self._revision = -1
        self._sort = "number"
        self._reverse = False

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)
        self.refill()

    def watch_frame(self, frame: Frame | None) -> None:
        if self.book.revision != self._revision and self.is_mounted:
            self.refill()

    def refill(self) -> None:
        """Rebuild the rows from the book, in the current sort order, keeping the cursor's run."""
        self._revision = self.book.revision
        # The lowest loss on each data set: losses on different data do not compare.
        best = {self.book.best(source) for source in {run.source for run in self.book}}
        selected = self._selected()
        self.clear()
        runs = sorted(self.book, key=lambda run: _sort_key(self._sort, run), reverse=self._reverse)
        for run in runs:
            self.add_row(*self._cells(run, run in best), key=str(run.number))
        if selected is not None and str(selected) in self.rows:
            self.move_cursor(row=self.get_row_index(str(selected)))
        self.border_subtitle = "none kept yet: every run that ends is kept here" if not runs else f"sorted by {self._sort}"

    def _selected(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _cells(self, run: RunRecord, lowest: bool) -> list[Text]:
        style = {"diverged": "bold red", "diverging": "red", "converged": "green", "finished": "green"}.get(run.ending, "")
        outcome = run.ending + (", lowest loss" if lowest else "")
        return [
            Text(str(run.number)),
            Text(f"{run.lr:g}" + (", changed" if run.lr_changed else "")),
            Text(outcome, style=style),
            Text("" if run.at is None else f"{run.at:,}"),
            Text(_float(run.loss), style="bold" if lowest else ""),
            Text(f"{run.done:,} of {run.iterations:,}"),
            Text(_float(run.w)),
            Text(_float(run.b)),
            Text("yes" if run.train_bias else "no"),
            Text(f"({run.w0:g}, {run.b0:g})"),
            Text(Path(run.source).name),
        ]

    def action_sort_next(self) -> None:
        """Sort by the next column; the same column again reverses."""
        keys = [key for key, _ in COLUMNS]
        self._sort = keys[(keys.index(self._sort) + 1) % len(keys)]
        self._reverse = False
        self.refill()

    def action_select_cursor(self) -> None:
        """Enter shows the run under the cursor; with no run kept yet it runs, as everywhere else."""
        if not self.row_count:
            self.call_later(self.run_action, "screen.run")
            return
        super().action_select_cursor()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = str(event.column_key.value)
        self._reverse = not self._reverse if key == self._sort else False
        self._sort = key
        self.refill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Show(int(event.row_key.value)))
