"""View 3: the data as a scatter and the current line y = w·x + b over it."""

from __future__ import annotations

import numpy as np

from core import Dataset
from tui.session.history import History
from tui.session.status import Frame
from tui.views.plot_view import LIMIT, Figure, PlotView, fit_title, marker, safe_limits

__all__ = ["MAX_POINTS", "FitView"]

#: A scatter of more points than this shows nothing more at terminal
#: resolution; a fixed sample keeps the frame cost independent of the data size.
MAX_POINTS = 2000


class FitView(PlotView):
    """The examples and the model's line; axes named from the file's header."""

    def __init__(self, dataset: Dataset, history: History, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.history = history
        if dataset.size > MAX_POINTS:
            pick = np.random.default_rng(0).choice(dataset.size, MAX_POINTS, replace=False)
            self._xs, self._ys = dataset.X[pick], dataset.Y[pick]
        else:
            self._xs, self._ys = dataset.X, dataset.Y
        self._x_range = (float(dataset.X.min()), float(dataset.X.max()))
        self._y_range = (float(dataset.Y.min()), float(dataset.Y.max()))
        self.w: float | None = None
        self.b = 0.0

    def take(self, frame: Frame) -> None:
        # The line of the shown iteration; before a run, the data alone.
        if frame.index is None:
            self.w, self.b = None, 0.0
        else:
            self.w, self.b = float(self.history.w[frame.index]), float(self.history.b[frame.index])

    def draw(self, figure: Figure, width: int, height: int) -> None:
        figure.draw(figure.signal(self._xs.tolist(), self._ys.tolist(), marker=marker("•", self.marks["data"])))
        low, high = self._y_range
        title = [f"Fit: {self.dataset.y_name} vs {self.dataset.x_name}"]
        if self.w is not None and np.isfinite(self.w) and np.isfinite(self.b):
            x0, x1 = self._x_range
            y0, y1 = self.w * x0 + self.b, self.w * x1 + self.b
            line = figure.signal(
                [x0, x1],
                [float(np.clip(y0, -LIMIT, LIMIT)), float(np.clip(y1, -LIMIT, LIMIT))],
                marker=marker("hd", self.marks["slope"]),
            )
            line.lines()
            figure.draw(line)
            # The middle dot is a separator in ASCII mode ("|"): there the product is written "*".
            times = "*" if self.app.has_class("-ascii") else "·"
            title.append(f"y = {self.w:.4g}{times}x + {self.b:.4g}")
            # Keep the data's scale; a wild line is clipped rather than squashing the points.
            span = high - low or 1.0
            low = max(min(low, y0, y1), low - span)
            high = min(max(high, y0, y1), high + span)
        figure.ruler("y").lim(*safe_limits(low, high))
        figure.title(fit_title(title, width))
        figure.label(self.dataset.x_name, axis="x")
        figure.label(self.dataset.y_name, axis="y")
