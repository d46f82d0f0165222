"""View 1: the loss per iteration, live, from the downsampled history, with kept runs and a sweep's others overlaid."""

from __future__ import annotations

import sys

import numpy as np

from tui.session.history import History
from tui.session.status import Frame
from tui.session.summary import downsample
from tui.views.plot_view import LIMIT, OVERLAY_MARKS, Figure, Overlay, PlotView, fit_title, log_ticks, marker, safe_limits

__all__ = ["LossChart"]

#: Smallest loss drawn on the log axis (a perfect fit has loss 0).
_FLOOR = 1e-300
#: Largest loss drawn on the log axis: float64's largest finite value.
_CEILING = sys.float_info.max
#: Columns taken by the y tick labels ("812.9", "1.4e8") and the frame.
_MARGIN = 8


class LossChart(PlotView):
    """Loss per iteration; ``log_y`` switches to a logarithmic y axis."""

    def __init__(self, history: History, *, overlay: Overlay | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history = history
        self.overlay: Overlay = overlay or list
        self.log_y = False
        self.cursor: int | None = None
        self.planned: int | None = None

    def take(self, frame: Frame) -> None:
        self.log_y = frame.log_y
        self.cursor = frame.cursor
        self.planned = frame.planned

    def placeholder(self) -> str | None:
        if len(self.history) == 0 and not any(len(other) for _, other in self.overlay()):
            return "Loss per iteration\n\nPress enter to run gradient descent."
        return None

    def _scale(self, values: np.ndarray) -> np.ndarray:
        """Finite values for plotext: log10 of the loss on the log axis (which holds any float), else clipped at LIMIT."""
        if self.log_y:
            finite = np.nan_to_num(values, nan=_CEILING, posinf=_CEILING)
            return np.log10(np.clip(finite, _FLOOR, _CEILING))
        return np.clip(np.nan_to_num(values, nan=LIMIT, posinf=LIMIT), -LIMIT, LIMIT)

    def clips(self) -> bool:
        """Whether the linear axis draws some loss lower than it is (above LIMIT, or not finite)."""
        return not self.log_y and not self.history.max_abs_loss <= LIMIT

    def _points(self, history: History, columns: int) -> tuple[np.ndarray, np.ndarray]:
        count = len(history)
        if count <= 2 * columns:
            return np.arange(count, dtype=np.float64), self._scale(np.array(history.loss))
        # At most two points per column, extremes kept: cost set by width, not by count.
        xs, ys = downsample(history.summary, columns)
        return xs, self._scale(ys)

    def draw(self, figure: Figure, width: int, height: int) -> None:
        history = self.history
        count = len(history)
        # The canvas is the widget less the y tick labels and the frame.
        columns = max(width - _MARGIN, 1)
        others = [(label, other) for label, other in self.overlay() if len(other)]
        lows, highs, longest = [], [], count
        drawn_points: list[tuple[np.ndarray, np.ndarray]] = []
        for (label, other), (symbol, role) in zip(others, OVERLAY_MARKS):
            oxs, oys = self._points(other, columns)
            drawn_points.append((oxs, oys))
            lows.append(float(oys.min()))
            highs.append(float(oys.max()))
            longest = max(longest, len(other))
            drawn = figure.signal(oxs.tolist(), oys.tolist(), marker=marker(symbol, self.marks[role]))
            drawn.label(label)
            figure.draw(drawn)
        xs, ys = self._points(history, columns)
        drawn_points.append((xs, ys))
        if count:
            line = figure.signal(xs.tolist(), ys.tolist(), marker=marker("hd", self.marks["line"]))
            line.lines()
            if others:
                line.label("this run")
            figure.draw(line)
            lows.append(float(ys.min()))
            highs.append(float(ys.max()))
        if self.cursor is not None and 0 <= self.cursor < count:
            value = float(self._scale(history.loss[self.cursor : self.cursor + 1])[0])
            figure.draw(figure.signal([float(self.cursor)], [value], marker=marker("●", self.marks["hiker"], bold=True)))
        low, high = safe_limits(min(lows), max(highs))
        # A live run's x axis spans the iterations it will reach: the curve then
        # grows to the right and only its newest columns change between frames
        # (rescaling to the iterations so far moved every point, every frame).
        # An ended run spans what it did, which is the same for a full run.
        last = longest - 1 if self.planned is None else max(self.planned - 1, longest - 1)
        figure.ruler("x").lim(0, max(last, 1))
        figure.ruler("y").lim(low, high)
        if others:
            # The legend in a top corner the curves leave free: plotext's
            # top-left is where a falling loss starts, the part worth seeing,
            # and the top-right is where a diverging one climbs to.
            if _crowded_right(drawn_points, last, low, high):
                figure.legend(x=0, y=high, relative=True, ha="left", va="top")
            else:
                figure.legend(x=max(last, 1), y=high, relative=True, ha="right", va="top")
        if self.log_y:
            # plotext 6's own log ruler mislays explicit ticks, so the chart
            # plots log10(loss) on a linear ruler labelled in powers of ten.
            positions, labels = log_ticks(low, high)
            figure.ruler("y").ticks(positions, labels)
        if last < 10:
            # plotext would label fractional iterations on a short run.
            figure.ruler("x").ticks(list(range(last + 1)))
        if self.clips():
            # Say so rather than draw a flat line at the limit while the status shows 1e306.
            figure.title(fit_title(["Loss per iteration", "clipped at 1e100", "l: log y"], width))
        else:
            figure.title(f"Loss per iteration{' (log scale)' if self.log_y else ''}")
        figure.label("iteration", axis="x")
        figure.label("loss", axis="y")


def _crowded_right(series: list[tuple[np.ndarray, np.ndarray]], last: int, low: float, high: float) -> bool:
    """Whether the curves' top quarter holds more of their points on the right (last 40% of x) than on the left."""
    top = low + 0.75 * (high - low)
    right = left = 0
    for xs, ys in series:
        up = ys >= top
        right += int(np.count_nonzero(up & (xs > 0.6 * last)))
        left += int(np.count_nonzero(up & (xs < 0.4 * last)))
    return right > left
