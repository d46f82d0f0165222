"""The numbers behind the book's pictures: the loss curve, the surface, the tangent.

The loss is quadratic in (w, b), so five means of the data describe it
completely. Grids for the pictures are evaluated from those means in
O(grid size), whatever the number of rows, and computed once per run (or per
b for the slice) by the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from core.data import Dataset

__all__ = ["Quadratic", "Segment", "loss_curve", "quadratic", "slice_minimum", "span", "surface", "tangent"]


@dataclass(frozen=True)
class Quadratic:
    """L(w, b) = xx·w² + 2·x·w·b + b² − 2·xy·w − 2·y·b + yy, from the data's means."""

    xx: float
    x: float
    xy: float
    y: float
    yy: float

    def __call__(self, w: np.ndarray | float, b: np.ndarray | float) -> np.ndarray | float:
        """The loss at (w, b); broadcasts over arrays. Far from the data it may be inf, quietly."""
        # A diverging hiker widens the picture to |w| ~ 1e150 and beyond: the
        # loss there overflows, which is a fact to draw, not a warning to print.
        with np.errstate(over="ignore", invalid="ignore"):
            return self.xx * w * w + 2 * self.x * w * b + b * b - 2 * self.xy * w - 2 * self.y * b + self.yy

    def slope_w(self, w: float, b: float) -> float:
        """dL/dw at (w, b)."""
        return 2 * (self.xx * w + self.x * b - self.xy)


def quadratic(dataset: Dataset) -> Quadratic:
    """The loss of ``dataset`` as a :class:`Quadratic` (one pass over the data)."""
    X, Y = dataset.X, dataset.Y
    return Quadratic(float(np.mean(X * X)), float(np.mean(X)), float(np.mean(X * Y)), float(np.mean(Y)), float(np.mean(Y * Y)))


class Segment(NamedTuple):
    """A line segment from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float


def span(values: list[float], default: tuple[float, float], margin: float = 0.1) -> tuple[float, float]:
    """``default`` widened to hold every finite value in ``values``, with a margin on widened sides."""
    low, high = default
    finite = [v for v in values if np.isfinite(v)]
    if finite:
        lo, hi = min(finite), max(finite)
        pad = (max(hi, high) - min(lo, low)) * margin
        if lo < low:
            low = lo - pad
        if hi > high:
            high = hi + pad
    return low, high


def loss_curve(q: Quadratic, b: float, w_range: tuple[float, float], points: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """L(w, b) for ``points`` values of w across ``w_range`` (b held fixed)."""
    ws = np.linspace(w_range[0], w_range[1], points)
    return ws, np.asarray(q(ws, b), dtype=np.float64)


def slice_minimum(q: Quadratic, b: float) -> tuple[float, float]:
    """(w, L) at the bottom of the slice L(·, b): where dL/dw = 0."""
    w = (q.xy - q.x * b) / q.xx
    return w, float(q(w, b))


def tangent(q: Quadratic, w: float, b: float, half_width: float) -> Segment:
    """The tangent to L(·, b) at w, ``half_width`` either side: its slope is dL/dw."""
    level = float(q(w, b))
    slope = q.slope_w(w, b)
    return Segment(w - half_width, level - slope * half_width, w + half_width, level + slope * half_width)


def surface(
    q: Quadratic, w_range: tuple[float, float], b_range: tuple[float, float], columns: int, rows: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L on a ``rows`` × ``columns`` grid: returns (ws, bs, grid) with grid[row, column].

    Row 0 is the highest b, so the grid reads like the picture (b up).
    """
    ws = np.linspace(w_range[0], w_range[1], columns)
    bs = np.linspace(b_range[1], b_range[0], rows)
    grid = q(ws[np.newaxis, :], bs[:, np.newaxis])
    return ws, bs, np.asarray(grid, dtype=np.float64)
