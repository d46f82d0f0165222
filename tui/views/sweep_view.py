"""Under the runs table: each kept run's final loss against its lr, both log scales, with the optimal and critical lr marked."""

from __future__ import annotations

import math

from core import Dataset
from tui.session.runs import RunBook
from tui.session.status import Frame, lr_limits
from tui.views.plot_view import Figure, PlotView, fit_title, log_ticks, marker, safe_limits

__all__ = ["SweepView"]

#: Losses drawn on the log axis are clipped here (a diverged run's loss is inf).
_CEILING = 1e300


class SweepView(PlotView):
    """Final loss over lr for the kept runs on this data: where the sweet spot is, and where it blows up."""

    def __init__(self, dataset: Dataset, book: RunBook, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.book = book
        self.train_bias = False

    def take(self, frame: Frame) -> None:
        self.train_bias = frame.train_bias

    def _points(self) -> list[tuple[float, float]]:
        runs = [run for run in self.book if run.source == self.dataset.source and run.train_bias == self.train_bias]
        return [(math.log10(run.lr), math.log10(min(max(run.loss, 1e-300), _CEILING))) for run in runs]

    def placeholder(self) -> str | None:
        if self._points():
            return None
        hint = "try a sweep, e.g. lr 0.0005..0.005 x8 log."
        if len(self.book):  # the table lists runs, none of them comparable here (other data, or b the other way)
            b = "with b trained" if self.train_bias else "with b fixed"
            return f"Final loss against lr\n\nNo kept run on this data {b} yet (the table lists the others): {hint}"
        return f"Final loss against lr\n\nKept runs show here: {hint}"

    def draw(self, figure: Figure, width: int, height: int) -> None:
        points = sorted(self._points())
        optimal, critical = lr_limits(self.dataset, self.train_bias)
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        dots = figure.signal(xs, ys, marker=marker("o", self.marks["line"], bold=True))
        dots.lines()
        figure.draw(dots)
        x_low, x_high = safe_limits(min([*xs, math.log10(optimal)]) - 0.1, max([*xs, math.log10(critical)]) + 0.1)
        y_low, y_high = safe_limits(min(ys), max(ys))
        for value, role, name in ((optimal, "minimum", "optimal"), (critical, "slope", "critical")):
            at = math.log10(value)
            mark = figure.signal([at, at], [y_low, y_high], marker=marker("|", self.marks[role]))
            mark.lines()
            mark.label(f"{name} lr {value:.4g}")
            figure.draw(mark)
        figure.ruler("x").lim(x_low, x_high)
        figure.ruler("y").lim(y_low, y_high)
        figure.ruler("x").ticks(*log_ticks(x_low, x_high))
        figure.ruler("y").ticks(*log_ticks(y_low, y_high))
        figure.title(fit_title(["Final loss against lr (log scales)"], width))
        figure.label("lr", axis="x")
        figure.label("final loss", axis="y")
