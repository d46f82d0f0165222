"""View 4: the loss surface L(w, b) as a heat map, with the path so far and the optimum.

The map is drawn directly, one terminal cell per grid point (see
:mod:`tui.views.heat_map`), not through plotext: plotext cost ~40 ms to build
and as much to paint per frame. The grid, its levels and its segments are
computed once per range, size, theme and glyph mode; a frame only lays the
path, the hiker and the optimum over them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region

from core import Optimum
from core.pictures import Quadratic, span, surface
from tui.session.glyphs import ascii_cells
from tui.session.history import History
from tui.views.heat_map import Lines, Picture, level_styles, quantise, rich_color, row_segments
from tui.views.loss_curve import BOOK_W_RANGE, LossCurveView
from tui.views.plot_view import LIMIT, OVERLAY_MARKS, Overlay, fit_title

__all__ = ["SurfaceView"]

#: Tick labels on each axis (ends included).
X_TICKS, Y_TICKS = 5, 4
PLAIN = Style()


@dataclass
class _Base:
    """What a frame reuses: the map's geometry, its levels and the unmarked rows, the axes."""

    margin: int  # columns left of the map: tick labels and the b axis
    columns: int
    rows: int
    levels: np.ndarray  # rows x columns of ints, row 0 the highest b
    styles: list[Style]  # each level's colour
    plain_rows: Lines  # each map row unmarked
    left: list[str]  # each map row's margin: tick label and axis
    bottom: Lines  # the w axis and its tick labels


class SurfaceView(LossCurveView):
    """Heat map of L(w, b) in train-b mode; in w-only mode, the loss curve with an explanation."""

    def __init__(
        self, q: Quadratic, history: History, best: Optimum, *, overlay: Overlay | None = None, id: str | None = None
    ) -> None:
        super().__init__(q, history, overlay=overlay, id=id)
        self.best = best
        self._base_key: tuple[object, ...] | None = None
        self._base: _Base | None = None
        #: The heat map shown (train-b mode), or None while the plotext picture or a message is.
        self._picture: Picture | None = None

    def short_title(self) -> str:
        if not self.train_bias:
            return "no surface: b fixed, L(w)"
        return super().short_title()

    def title(self) -> str:
        if not self.train_bias:
            return "No surface: b is fixed at 0, so L is the curve L(w)"
        return super().title()

    def ranges(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """w and b ranges holding the start, the path's ends (the kept runs' too), the hiker and the optimum."""
        # The kept runs' starts, not their ends: a diverged one's end would squash everything else into a corner.
        ends = [(w[[0, -1]], b[[0, -1]]) for w, b in [(self.path_w, self.path_b)] if w.size]
        ends += [(w[:1], b[:1]) for _, w, b in self.others if w.size]
        ws = [0.0, self.best.w] + [float(v) for w, _ in ends for v in w]
        bs = [0.0, self.best.b] + [float(v) for _, b in ends for v in b]
        b_default = (min(0.0, self.best.b) - 10.0, max(0.0, self.best.b) + 10.0)
        return span(ws, BOOK_W_RANGE, 0.15), span(bs, b_default, 0.15)

    def replot(self) -> None:
        """Draw the heat map at the current size (train-b mode); otherwise as every plot view does."""
        width, height = self.content_size.width, self.content_size.height
        if not self.train_bias or width < 10 or height < 4:
            # The loss curve (b fixed), the "too small" message, or not laid out yet: PlotView's way.
            if self._picture is not None:
                self._picture = None
                self.refresh()
            super().replot()
            return
        lines = self.lines(width, height)
        old = self._picture.lines if self._picture is not None else None
        self._picture = Picture(lines)
        # What PlotView shows next (a message, the curve) is then sent afresh.
        self._text, self._rows = Text(), []
        if old is not None and len(old) == len(lines):
            # Only the rows the hiker and path touched change from frame to frame: send those.
            for y, (before, after) in enumerate(zip(old, lines)):
                if before != after:
                    self.refresh(Region(0, y, width, 1))
        else:
            self.refresh()

    def render(self) -> RenderableType:
        return self._picture if self._picture is not None else self._text

    def base(self, width: int, height: int) -> _Base:
        """The map and axes for the current ranges, size, theme and glyphs, computed when one of them changes."""
        (w0, w1), (b0, b1) = self.ranges()
        ascii_mode = self.app.has_class("-ascii")
        key = (w0, w1, b0, b1, width, height, self.app.theme, ascii_mode)
        if key == self._base_key and self._base is not None:
            return self._base
        rows = height - 3  # a title above, the w axis and its labels below
        tick_rows = sorted({round(t) for t in np.linspace(0, rows - 1, min(Y_TICKS, rows))})
        labels = {r: f"{b1 - r / max(rows - 1, 1) * (b1 - b0):.3g}" for r in tick_rows}
        label_width = max(len(text) for text in labels.values())
        margin = label_width + 1
        columns = max(width - margin - 2, 1)  # room for " w" after the w axis
        _, _, grid = surface(self.q, (w0, w1), (b0, b1), columns, rows)
        # Log of the height above the optimum spreads the bowl's levels (as the plotext version did).
        with np.errstate(over="ignore", invalid="ignore"):
            above = np.nan_to_num(grid - self.best.loss, nan=LIMIT, posinf=LIMIT)
        levels = quantise(np.log10(np.clip(above, 0.0, LIMIT) + 1.0))
        styles = level_styles(self.app.current_theme)
        plain_rows = [row_segments(row.tolist(), styles, ascii_mode, {}) for row in levels]
        left = [labels.get(r, "").rjust(label_width) + ("┤" if r in labels else "│") for r in range(rows)]
        tick_columns = sorted({round(t) for t in np.linspace(0, columns - 1, min(X_TICKS, columns))})
        axis = [" " * label_width + "└" + "".join("┬" if c in tick_columns else "─" for c in range(columns)) + " w"]
        under = [" "] * width
        for c in tick_columns:
            text = f"{w0 + c / max(columns - 1, 1) * (w1 - w0):.3g}"
            start = min(max(margin + c - len(text) // 2, 0), width - len(text))
            if all(cell == " " for cell in under[max(start - 1, 0) : start + len(text) + 1]):
                under[start : start + len(text)] = text
        bottom_text = [*axis, "".join(under).rstrip()]
        if ascii_mode:
            left, bottom_text = [ascii_cells(s) for s in left], [ascii_cells(s) for s in bottom_text]
        bottom = [[Segment(text, PLAIN)] for text in bottom_text]
        self._base_key = key
        self._base = _Base(margin, columns, rows, levels, styles, plain_rows, left, bottom)
        return self._base

    def lines(self, width: int, height: int) -> Lines:
        """This frame's picture: the title, the map with the path, optimum and hiker laid over it, the axes."""
        base = self.base(width, height)
        (w0, w1), (b0, b1) = self.ranges()
        ascii_mode = self.app.has_class("-ascii")

        def cells(w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            # Grid row 0 is the highest b; off-range points sit on the edge (a diverging hiker stays in view).
            x = np.rint((w - w0) / (w1 - w0) * (base.columns - 1))
            y = np.rint((b1 - b) / (b1 - b0) * (base.rows - 1))
            return np.clip(x, 0, base.columns - 1).astype(int), np.clip(y, 0, base.rows - 1).astype(int)

        def mark(glyph: str, role: str) -> Segment:
            return Segment(ascii_cells(glyph) if ascii_mode else glyph, Style(color=rich_color(self.marks.get(role)), bold=True))

        marks: dict[tuple[int, int], Segment] = {}
        lead = ["Loss surface L(w, b)", "✕ minimum"]
        # The kept runs first, so that this run's path is drawn over theirs where they cross.
        for index, kept_w, kept_b in self.others:
            symbol, role = OVERLAY_MARKS[index]
            kept = np.isfinite(kept_w) & np.isfinite(kept_b)
            glyph = mark(symbol, role)
            for x, y in zip(*cells(*trail(kept_w[kept], kept_b[kept], w1 - w0, b1 - b0, base))):
                marks[int(y), int(x)] = glyph
        finite = np.isfinite(self.path_w) & np.isfinite(self.path_b)
        if finite.any():
            dot = mark("•", "slope")
            for x, y in zip(*cells(*trail(self.path_w[finite], self.path_b[finite], w1 - w0, b1 - b0, base))):
                marks[int(y), int(x)] = dot
        bx, by = cells(np.array([self.best.w]), np.array([self.best.b]))
        marks[int(by[0]), int(bx[0])] = mark("✕", "ink")
        if self.w is not None and math.isfinite(self.w) and math.isfinite(self.b):
            hx, hy = cells(np.array([self.w]), np.array([self.b]))
            marks[int(hy[0]), int(hx[0])] = mark("●", "hiker")
            lead += ["● hiker", "• path"]
        if self.others:
            lead.append("".join(OVERLAY_MARKS[index][0] for index, _, _ in self.others) + " kept runs")
        title = " " * (base.margin - 1) + "b " + fit_title(lead, width - base.margin - 1)
        out: Lines = [[Segment(ascii_cells(title) if ascii_mode else title, PLAIN)]]
        by_row: dict[int, dict[int, Segment]] = {}
        for (y, x), segment in marks.items():
            by_row.setdefault(y, {})[x] = segment
        for y in range(base.rows):
            row = base.plain_rows[y]
            if y in by_row:
                row = row_segments(base.levels[y].tolist(), base.styles, ascii_mode, by_row[y])
            out.append([Segment(base.left[y], PLAIN), *row])
        return out + base.bottom


def trail(ws: np.ndarray, bs: np.ndarray, w_span: float, b_span: float, base: _Base) -> tuple[np.ndarray, np.ndarray]:
    """The sampled path joined point to point: enough points between neighbours to touch every cell on the way."""
    if ws.size < 2:
        return ws, bs
    # Cells crossed by each step, at the map's resolution (capped: a diverging jump spans the map at most).
    steps = np.maximum(np.abs(np.diff(ws)) / w_span * base.columns, np.abs(np.diff(bs)) / b_span * base.rows)
    counts = np.clip(np.nan_to_num(np.ceil(steps), nan=1.0), 1, base.columns + base.rows).astype(int)
    fractions = np.concatenate([np.arange(n) / n for n in counts])
    starts = np.repeat(np.arange(ws.size - 1), counts)
    joined_w = ws[starts] + fractions * (ws[starts + 1] - ws[starts])
    joined_b = bs[starts] + fractions * (bs[starts + 1] - bs[starts])
    return np.append(joined_w, ws[-1]), np.append(joined_b, bs[-1])
