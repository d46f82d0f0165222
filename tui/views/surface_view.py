"""View 4: the loss surface L(w, b) as a heat map, with the path so far and the optimum."""

from __future__ import annotations

import math

import numpy as np

from core import Optimum
from core.pictures import Quadratic, span, surface
from tui.session.history import History
from tui.views.loss_curve import BOOK_W_RANGE, LossCurveView
from tui.views.plot_view import LIMIT, Figure, fit_title, marker

__all__ = ["SurfaceView"]


class SurfaceView(LossCurveView):
    """Heat map of L(w, b) in train-b mode; in w-only mode, the loss curve with an explanation."""

    def __init__(self, q: Quadratic, history: History, best: Optimum, *, id: str | None = None) -> None:
        super().__init__(q, history, id=id)
        self.best = best
        self._grid_key: tuple[float, ...] | None = None
        self._grid = np.empty((0, 0))

    def short_title(self) -> str:
        if not self.train_bias:
            return "no surface: b fixed, L(w)"
        return super().short_title()

    def title(self) -> str:
        if not self.train_bias:
            return "No surface: b is fixed at 0, so L is the curve L(w)"
        return super().title()

    def ranges(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """w and b ranges holding the start, the path's ends, the hiker and the optimum."""
        ws = [0.0, self.best.w] + [float(v) for v in self.path_w[[0, -1]]] if self.path_w.size else [0.0, self.best.w]
        bs = [0.0, self.best.b] + [float(v) for v in self.path_b[[0, -1]]] if self.path_b.size else [0.0, self.best.b]
        b_default = (min(0.0, self.best.b) - 10.0, max(0.0, self.best.b) + 10.0)
        return span(ws, BOOK_W_RANGE, 0.15), span(bs, b_default, 0.15)

    def draw(self, figure: Figure, width: int, height: int) -> None:
        if not self.train_bias:
            super().draw(figure, width, height)
            return
        (w0, w1), (b0, b1) = self.ranges()
        columns, rows = max(width - 10, 4), max(height - 5, 3)
        key = (w0, w1, b0, b1, columns, rows)
        if key != self._grid_key:
            # Once per range and size, not per frame; log spreads the bowl's colours.
            self._grid_key = key
            _, _, grid = surface(self.q, (w0, w1), (b0, b1), columns, rows)
            with np.errstate(over="ignore", invalid="ignore"):
                above = np.nan_to_num(grid - self.best.loss, nan=LIMIT, posinf=LIMIT)
            self._grid = np.log10(np.clip(above, 0.0, LIMIT) + 1.0)
        figure.draw(figure.heatmap(self._grid.tolist(), map="viridis", fill=True))

        def cells(w: np.ndarray | float, b: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
            x = (np.asarray(w, dtype=float) - w0) / (w1 - w0) * (columns - 1)
            y = (np.asarray(b, dtype=float) - b0) / (b1 - b0) * (rows - 1)
            return np.clip(x, 0, columns - 1), np.clip(y, 0, rows - 1)

        if self.path_w.size:
            finite = np.isfinite(self.path_w) & np.isfinite(self.path_b)
            px, py = cells(self.path_w[finite], self.path_b[finite])
            path = figure.signal(px.tolist(), py.tolist(), marker=marker("hd", self.marks["slope"], bold=True))
            path.lines()
            figure.draw(path)
        bx, by = cells(self.best.w, self.best.b)
        figure.draw(figure.signal([float(bx)], [float(by)], marker=marker("✕", self.marks["ink"], bold=True)))
        lead = ["Loss surface L(w, b)", "✕ minimum"]
        if self.w is not None and math.isfinite(self.w) and math.isfinite(self.b):
            hx, hy = cells(self.w, self.b)
            figure.draw(figure.signal([float(hx)], [float(hy)], marker=marker("●", self.marks["hiker"], bold=True)))
            lead += ["● hiker", "— path"]
        xt = np.linspace(0, columns - 1, 5)
        yt = np.linspace(0, rows - 1, 4)
        figure.ruler("x").ticks(xt.tolist(), [f"{w0 + t / (columns - 1) * (w1 - w0):.3g}" for t in xt])
        figure.ruler("y").ticks(yt.tolist(), [f"{b0 + t / (rows - 1) * (b1 - b0):.3g}" for t in yt])
        figure.title(fit_title(lead, width))
        figure.label("w", axis="x")
        figure.label("b", axis="y")
