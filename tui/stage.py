"""The right-hand side of the dashboard: the view tabs, the four views and the log.

The app mounts it a frame after the form (see ``GradientDescentApp.on_mount``)
and imports this module only then, so none of the views' code is loaded
before the first frame.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher

from core import Dataset, Optimum
from core.pictures import quadratic
from tui.fit_view import FitView
from tui.loss_chart import LossChart
from tui.loss_curve import LossCurveView
from tui.plot_view import PlotView
from tui.runner import Runner
from tui.surface_view import SurfaceView
from tui.transcript_log import TranscriptLog
from tui.view_tabs import ViewTabs

__all__ = ["Stage", "VIEWS"]

#: The views, in key order: (widget id, tab label, short label for narrow terminals).
VIEWS = (
    ("view-loss", "1 Loss/iteration", "1 Loss"),
    ("view-curve", "2 Loss curve", "2 Curve"),
    ("view-fit", "3 Fit", "3 Fit"),
    ("view-surface", "4 Surface", "4 Surface"),
)


class Stage(Vertical):
    """Tabs, the views (one shown at a time) and the transcript log, redrawn together by :meth:`redraw`."""

    def __init__(self, runner: Runner, dataset: Dataset, best_with_bias: Optimum, view: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.runner = runner
        self.dataset = dataset
        self.best_with_bias = best_with_bias
        self.view = view
        # Made here and kept: redraw runs up to ten times a second and need not search the DOM.
        self.tabs = ViewTabs(tuple(label for _, label, _ in VIEWS), tuple(short for _, _, short in VIEWS), id="view-tabs")
        self.tabs.active = self.view
        surface = quadratic(self.dataset)
        self.loss_chart = LossChart(self.runner.history, id="view-loss")
        self.loss_curve = LossCurveView(surface, id="view-curve")
        self.fit = FitView(self.dataset, id="view-fit")
        self.surface = SurfaceView(surface, self.best_with_bias, id="view-surface")
        self.views: tuple[PlotView, ...] = (self.loss_chart, self.loss_curve, self.fit, self.surface)
        self.switcher = ContentSwitcher(*self.views, initial=VIEWS[self.view][0], id="views")
        self.transcript = TranscriptLog(self.runner, id="log")

    def compose(self) -> ComposeResult:
        yield self.tabs
        yield self.switcher
        yield self.transcript

    def show(self, index: int) -> None:
        """Switch to view ``index`` (0-based); the caller redraws after the next refresh."""
        self.view = index
        self.switcher.current = VIEWS[index][0]
        self.tabs.active = index

    def redraw(self, *, index: int | None, cursor: int | None, train_bias: bool, log_y: bool, log: bool) -> None:
        """Bring the log (when ``log``) and every view to iteration ``index`` (``None``: before the first step).

        Only the visible view is re-plotted; the others take the new state
        now and draw it when they are shown.
        """
        runner = self.runner
        if log:
            self.transcript.sync(cursor, scroll_to_highlight=cursor is not None)
        if index is None:
            w, b = None, 0.0
            path_end = None
        else:
            w, b = float(runner.history.w[index]), float(runner.history.b[index])
            path_end = index + 1
        self.loss_chart.update(log_y=log_y, cursor=cursor)
        for view in (self.loss_curve, self.surface):  # the surface view is a loss curve too
            view.update(train_bias=train_bias, w=w, b=b)
        self.fit.update(w=w, b=b)
        self.surface.set_path(runner.history.w[:path_end], runner.history.b[:path_end])
        self.views[self.view].replot()
