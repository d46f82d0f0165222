"""View 2: the book's loss curve, with its minimum, the hiker and the slope under their feet."""

from __future__ import annotations

import math

import numpy as np

from core.pictures import Quadratic, loss_curve, slice_minimum, span, tangent
from tui.session.history import History
from tui.session.status import Frame
from tui.views.plot_view import LIMIT, Figure, PlotView, fit_title, marker, safe_limits

__all__ = ["BOOK_W_RANGE", "LossCurveView"]

#: The book plots the loss curve for w from -1 to 4.
BOOK_W_RANGE = (-1.0, 4.0)


class LossCurveView(PlotView):
    """L(w) (or the slice L(w, b) when b is trained) with the hiker at the current w."""

    def __init__(self, q: Quadratic, history: History, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.q = q
        self.history = history
        self.train_bias = False
        self.w: float | None = None
        self.b = 0.0
        self._curve_key: tuple[float, float, float] | None = None
        self._curve: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))

    def take(self, frame: Frame) -> None:
        # The hiker stands at the shown iteration's (w, b); before a run, the curve alone.
        self.train_bias = frame.train_bias
        if frame.index is None:
            self.w, self.b = None, 0.0
        else:
            self.w = float(self.history.w[frame.index])
            self.b = float(self.history.b[frame.index]) if frame.train_bias else 0.0

    def w_range(self) -> tuple[float, float]:
        """The book's range, widened to hold the start (0), the hiker and the minimum."""
        best, _ = slice_minimum(self.q, self.b)
        return span([0.0, best] + ([self.w] if self.w is not None else []), BOOK_W_RANGE)

    def curve(self) -> tuple[np.ndarray, np.ndarray]:
        """The curve's points, recomputed only when b or the range changes."""
        low, high = self.w_range()
        key = (self.b, low, high)
        if key != self._curve_key:
            self._curve_key = key
            self._curve = loss_curve(self.q, self.b, (low, high))
        return self._curve

    def title(self) -> str:
        """What the picture is: the curve, or the slice of the surface at the current b."""
        if self.train_bias:
            return f"Loss slice L(w, b = {self.b:.4g})"
        return "Loss curve L(w), b = 0"

    def draw(self, figure: Figure, width: int, height: int) -> None:
        ws, losses = self.curve()
        losses = np.clip(losses, -LIMIT, LIMIT)
        curve = figure.signal(ws.tolist(), losses.tolist(), marker=marker("hd", self.marks["line"]))
        curve.lines()
        figure.draw(curve)
        best_w, best_loss = slice_minimum(self.q, self.b)
        figure.draw(figure.signal([best_w], [best_loss], marker=marker("✕", self.marks["minimum"], bold=True)))
        low, high = safe_limits(float(losses.min()), float(losses.max()))
        lead = [self.title(), "✕ minimum"]
        if self.w is not None and math.isfinite(self.w):
            level = float(self.q(self.w, self.b))
            # The tangent's slope is dL/dw: the gradient, which points uphill.
            half = (ws[-1] - ws[0]) / 12
            seg = tangent(self.q, self.w, self.b, half)
            slope = figure.signal(
                [seg.x0, seg.x1], [_clip(seg.y0, low, high), _clip(seg.y1, low, high)], marker=marker("hd", self.marks["slope"])
            )
            slope.lines()
            figure.draw(slope)
            figure.draw(figure.signal([self.w], [min(level, LIMIT)], marker=marker("●", self.marks["hiker"], bold=True)))
            downhill = "downhill →" if self.q.slope_w(self.w, self.b) < 0 else "← downhill"
            lead += [f"● hiker w={self.w:.4g}", f"slope {downhill}"]
        figure.ruler("y").lim(low, high)
        figure.ruler("x").lim(float(ws[0]), float(ws[-1]))
        figure.title(fit_title(lead, width))
        figure.label("w", axis="x")


def _clip(value: float, low: float, high: float) -> float:
    # Keep the tangent inside the plotted range, so a steep slope doesn't rescale the axes.
    return min(max(value, low), high)
