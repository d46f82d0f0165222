"""The dashboard's experiment actions: the runs kept and compared, the optimal lr, clearing and export.

A mixin of :class:`~tui.screens.dashboard.DashboardScreen`, kept apart so that
the dashboard reads as stepping and views, and this as what a learner does
with the runs afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import TabbedContent

from core import Dataset, optimal_lr
from tui.screens.confirm import ConfirmScreen
from tui.screens.open_dialog import OpenDialog
from tui.screens.path_dialog import PathDialog
from tui.session.exports import Written, export_runs_table, export_shown_run
from tui.session.history import History
from tui.session.runner import Runner
from tui.session.runs import OVERLAY_LIMIT
from tui.session.settings import Settings
from tui.widgets.run_form import RunForm
from tui.widgets.runs_table import RunsTable

__all__ = ["ExperimentActions"]


class ExperimentActions(Screen[None]):
    """Runs kept, the overlay, the optimal lr, clearing the kept runs, export (``e``) and other data (``o``)."""

    runner: Runner
    settings: Settings
    #: The dashboard's browsing cursor (a reactive there).
    cursor: int | None
    #: Whether the form's train-b box is ticked (a reactive there).
    form_bias: bool
    #: Whether the loss chart overlays the kept runs and a sweep's others (c toggles it).
    overlay: var[bool] = var(True)

    @dataclass
    class DataOpened(Message):
        """A good data file was read (the open dialog, ``o``): the dashboard goes on with it."""

        dataset: Dataset

    def publish(self) -> None:
        """Show the runner as it is now (the dashboard's)."""
        raise NotImplementedError

    def overlay_runs(self) -> list[tuple[str, History]]:
        """What the loss chart draws beside the run: a sweep's other runs, then the newest kept ones (c toggles)."""
        if not self.overlay:
            return []
        runner = self.runner
        lines: list[tuple[str, History]] = []
        if runner.companions is not None:
            lines += [(f"lr {lr:g}", history) for lr, history in zip(runner.companions.lrs, runner.companions.histories)]
        shown = runner.shown
        # Numbered: two kept runs may share an lr (and a start).
        lines += [
            (f"#{run.number} {run.label()}", run.chart) for run in runner.book.overlay(self.settings.source) if run is not shown
        ]
        return lines[-OVERLAY_LIMIT:]

    def action_overlay(self) -> None:
        """Toggle drawing the kept runs (and a sweep's others) on the loss chart."""
        self.overlay = not self.overlay
        self.notify("Kept runs in views 1, 2 and 4: " + ("shown" if self.overlay else "hidden"), timeout=2)

    @on(RunsTable.Show)
    def _show_run(self, event: RunsTable.Show) -> None:
        run = self.runner.book[event.number]
        if run.source != self.settings.source:
            # Its views (the fit, the surface) belong to other data: drawn over this data's, they would mislead.
            self.notify(
                f"Run {run.number} used {Path(run.source).name}: open that file (o) to see it in the views.",
                severity="warning",
                timeout=5,
            )
            return
        self.runner.show(run)
        self.cursor = None  # the dashboard's reactive: follow the shown run's end
        self.publish()

    def action_optimal_lr(self) -> None:
        """Put the optimal lr, 2 / (λmin + λmax), in the form's lr field."""
        form = self.query_one(RunForm)
        best = optimal_lr(self.settings.dataset, form.train_bias())
        form.set_lr(repr(best))
        self.notify(f"lr set to the optimal {best:.6g} (2 / (λmin + λmax)); enter runs it.", timeout=4)

    @work
    async def action_clear_runs(self) -> None:
        """Forget every kept run, after asking."""
        count = len(self.runner.book)
        if not count:
            self.notify("No kept runs to clear.", timeout=2)
            return
        if await self.app.push_screen_wait(
            ConfirmScreen(f"Forget {'the kept run' if count == 1 else f'all {count} kept runs'}? This cannot be undone.")
        ):
            self.runner.book.clear()
            self.publish()

    def action_export(self, kinds: str = "txt,csv,svg") -> None:
        """Write the shown run (``txt``, ``csv``, ``svg``) or the runs table (``runs``) to the export directory."""
        self._export(Path(self.settings.export_dir).resolve(), kinds.split(","))

    @work
    async def action_export_to(self) -> None:
        """Ask for a directory, then export the shown run there."""
        directory = await self.app.push_screen_wait(
            PathDialog("Export the shown run (.txt, .csv, .svg) into which directory? (esc cancels)", self.settings.export_dir)
        )
        if directory is not None:
            self._export(directory, ["txt", "csv", "svg"])

    async def action_open_data(self) -> None:
        """Ask for a data file; a good one replaces the data (the kept runs stay, and the form as typed)."""
        # Awaited until the dialog is up, with its field focused: o is a
        # priority key, run before the keys after it are passed on, so a path
        # typed at once (or arriving in one burst over SSH) lands in the field.
        await self.app.push_screen(OpenDialog(self.settings.source), self._data_picked)

    def _data_picked(self, dataset: Dataset | None) -> None:
        if dataset is not None:
            # Handled in the screen's own message loop: recompose builds (and binds) the new widgets there.
            self.post_message(self.DataOpened(dataset))

    @on(DataOpened)
    async def _use_data(self, event: DataOpened) -> None:
        """Go on with the new data: a run under way is kept (stopped), the views are built anew for it."""
        dataset = event.dataset
        form = self.query_one(RunForm)
        typed, pane = form.texts(), self.query_one(TabbedContent).active
        kept = len(self.runner.book)
        self.runner.reset()  # a run cut short goes into the book, as a reset does
        stopped = [run.number for run in self.runner.book][kept:]
        self.settings = replace(self.settings, dataset=dataset, train_bias=self.form_bias)
        self.runner = Runner(dataset, self.runner.book)
        # Every view, the form and the status are made for one data set: make them again for this one.
        await self.recompose()
        self.query_one(RunForm).take_texts(typed)
        self.query_one(TabbedContent).active = pane
        self.sub_title = dataset.source
        self.cursor = None
        self.set_focus(self.query_one("#log"))
        self.publish()
        rows = f"{dataset.size:,} row{'s' if dataset.size != 1 else ''}"
        said = f"Opened {dataset.source}: {rows} ({dataset.x_name}, {dataset.y_name}). Kept runs stay in view 5."
        if stopped:
            said += f" The run under way was stopped and kept as run {', '.join(map(str, stopped))}."
        self.notify(said, timeout=6)

    def _export(self, directory: Path, kinds: list[str]) -> None:
        if "runs" not in kinds and self.runner.config is None:
            self.notify("Nothing to export yet: run first (enter).", severity="warning", timeout=3)
            return
        try:
            if kinds == ["runs"]:
                written = [export_runs_table(self.runner.book, directory)]
            else:
                screenshot = self.app.export_screenshot() if "svg" in kinds else None
                written = export_shown_run(self.runner, directory, kinds, screenshot)
        except OSError as error:
            # One line, and nothing lost: the run and the form are as they were.
            self.notify(f"Export failed: {error.strerror or error} ({directory})", severity="error", timeout=8)
            return
        self.notify(_said(written), title="Exported", timeout=8)


def _said(written: list[Written]) -> str:
    """The notification: each path, and which names were taken already."""
    lines = [str(item.path) for item in written]
    if any(item.renamed for item in written):
        lines.append("(a file of that name existed: the next free name was taken)")
    return "\n".join(lines)
