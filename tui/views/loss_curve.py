"""View 2: the book's loss curve, with its minimum, the hiker and the slope under their feet."""

from __future__ import annotations

import math

import numpy as np

from core.pictures import Quadratic, loss_curve, slice_minimum, span, tangent
from tui.session.history import History
from tui.session.status import Frame
from tui.views.plot_view import LIMIT, OVERLAY_MARKS, Figure, Overlay, PlotView, fit_title, marker, safe_limits

__all__ = ["BOOK_W_RANGE", "LossCurveView"]

#: The book plots the loss curve for w from -1 to 4.
BOOK_W_RANGE = (-1.0, 4.0)
#: Points of the path drawn at most: every one of the first EARLY (where a
#: large lr bounces widest), then evenly spread samples of the rest. About a
#: book run's worth, so a long run's frame costs what a short one's does.
PATH_POINTS = 120
EARLY = 40


def path_sample(ws: np.ndarray, bs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At most PATH_POINTS of the path (w, b), its start, first steps and end always among them."""
    if ws.size <= PATH_POINTS:
        return np.array(ws), np.array(bs)
    pick = np.unique(np.concatenate([np.arange(EARLY), np.linspace(0, ws.size - 1, PATH_POINTS - EARLY).astype(np.int64)]))
    return ws[pick], bs[pick]


#: An overlaid history's sampled path: (the history, its length then, ws, bs).
_Sample = tuple[History, int, np.ndarray, np.ndarray]


class LossCurveView(PlotView):
    """L(w) (or the slice L(w, b) when b is trained) with the hiker at the current w."""

    def __init__(self, q: Quadratic, history: History, *, overlay: Overlay | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.q = q
        self.history = history
        self.overlay: Overlay = overlay or list
        #: The overlaid runs' paths (sampled), each with its mark's index in OVERLAY_MARKS.
        self.others: list[tuple[int, np.ndarray, np.ndarray]] = []
        # Each overlaid history's sampled path, by identity.
        self._samples: dict[int, _Sample] = {}
        self.train_bias = False
        self.w: float | None = None
        self.b = 0.0
        self._curve_key: tuple[float, float, float] | None = None
        self._curve: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        #: The hiker's positions so far (sampled), up to the shown iteration.
        self.path_w = np.empty(0)
        self.path_b = np.empty(0)

    def take(self, frame: Frame) -> None:
        # The hiker stands at the shown iteration's (w, b); before a run, the curve alone.
        self.train_bias = frame.train_bias
        if frame.index is None:
            self.w, self.b = None, 0.0
        else:
            # b trained: the slice at the current b; b fixed: the curve at the run's b0 (0 in the book).
            self.w, self.b = float(self.history.w[frame.index]), float(self.history.b[frame.index])
        end = 0 if frame.index is None else frame.index + 1
        self.path_w, self.path_b = path_sample(self.history.w[:end], self.history.b[:end])
        # Sampled as the run's own path is, so a frame's cost does not grow with
        # their length; and only when a run has grown: a kept one never does.
        samples = [self._sample(other) for _, other in self.overlay()[: len(OVERLAY_MARKS)]]
        self._samples = {id(sample[0]): sample for sample in samples}
        self.others = [(index, ws, bs) for index, (_, count, ws, bs) in enumerate(samples) if count]

    def _sample(self, other: History) -> _Sample:
        cached = self._samples.get(id(other))
        if cached is not None and cached[0] is other and cached[1] == len(other):
            return cached
        ws, bs = path_sample(other.w, other.b)
        return other, len(other), ws, bs

    def on_curve(self) -> list[tuple[int, np.ndarray]]:
        """The overlaid runs that lie on this curve (b fixed at its b throughout), with their w paths."""
        return [(index, ws) for index, ws, bs in self.others if bs[0] == self.b and bs[-1] == self.b]

    def w_range(self) -> tuple[float, float]:
        """The book's range, widened to hold the start (0), the minimum, the hiker's path and the kept runs' on the curve."""
        best, _ = slice_minimum(self.q, self.b)
        # The kept runs' starts only: a diverged one's end would squash the curve (it is drawn at the edge).
        kept = [float(ws[0]) for _, ws in self.on_curve()]
        return span([0.0, best, *self.path_w.tolist(), *kept], BOOK_W_RANGE)

    def curve(self) -> tuple[np.ndarray, np.ndarray]:
        """The curve's points, recomputed only when b or the range changes."""
        low, high = self.w_range()
        key = (self.b, low, high)
        if key != self._curve_key:
            self._curve_key = key
            self._curve = loss_curve(self.q, self.b, (low, high))
        return self._curve

    def short_title(self) -> str:
        """The title in a few characters, for narrow terminals."""
        return f"L(w, b={self.b:.3g})" if self.train_bias else f"L(w), b={self.b:.3g}"

    def title(self) -> str:
        """What the picture is: the curve, or the slice of the surface at the current b."""
        if self.train_bias:
            return f"Loss slice L(w, b = {self.b:.4g})"
        return f"Loss curve L(w), b = {self.b:.4g}"

    def draw(self, figure: Figure, width: int, height: int) -> None:
        ws, losses = self.curve()
        losses = np.clip(losses, -LIMIT, LIMIT)
        curve = figure.signal(ws.tolist(), losses.tolist(), marker=marker("hd", self.marks["line"]))
        curve.lines()
        figure.draw(curve)
        best_w, best_loss = slice_minimum(self.q, self.b)
        figure.draw(figure.signal([best_w], [best_loss], marker=marker("✕", self.marks["minimum"], bold=True)))
        low, high = safe_limits(float(losses.min()), float(losses.max()))
        lead, short = [self.title(), "✕ minimum"], [self.short_title(), "✕ min"]
        finite = np.isfinite(self.path_w)
        if finite.sum() > 1:
            # Where the hiker has been, on the curve: a large lr bounces across the valley.
            with np.errstate(over="ignore", invalid="ignore"):
                levels = np.clip(np.nan_to_num(np.asarray(self.q(self.path_w[finite], self.b)), nan=LIMIT), -LIMIT, LIMIT)
            trail = figure.signal(self.path_w[finite].tolist(), levels.tolist(), marker=marker("•", self.marks["data"]))
            trail.lines()
            figure.draw(trail)
            lead.append("• path")
            short.append("• path")
        kept = self.on_curve()
        for index, kept_w in kept:
            symbol, role = OVERLAY_MARKS[index]
            finite_w = kept_w[np.isfinite(kept_w)]
            with np.errstate(over="ignore", invalid="ignore"):
                levels = np.clip(np.nan_to_num(np.asarray(self.q(finite_w, self.b)), nan=LIMIT), -LIMIT, LIMIT)
            figure.draw(figure.signal(finite_w.tolist(), levels.tolist(), marker=marker(symbol, self.marks[role])))
        if kept:
            symbols = "".join(OVERLAY_MARKS[index][0] for index, _ in kept)
            lead.append(f"{symbols} kept runs (legend in view 1)")
            short.append(f"{symbols} kept")
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
            lead[2:2] = [f"● hiker w={self.w:.4g}", f"slope {downhill}"]
            short[2:2] = [f"●w={self.w:.3g}", "─slope" + ("→" if "→" in downhill else "←")]
        figure.ruler("y").lim(low, high)
        figure.ruler("x").lim(float(ws[0]), float(ws[-1]))
        figure.title(fit_title(lead, width, short))
        figure.label("w", axis="x")


def _clip(value: float, low: float, high: float) -> float:
    # Keep the tangent inside the plotted range, so a steep slope doesn't rescale the axes.
    return min(max(value, low), high)
