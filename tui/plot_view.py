"""A widget that shows a plotext figure built at the widget's own size.

Subclasses describe their picture in :meth:`PlotView.draw`; callers hand them
data through a public ``update(...)`` and the app calls :meth:`replot` at a
capped rate (the pattern of textual-plotext's weather example). The figure is
built colourless except for the marks that need a colour, so the frame, ticks
and labels take the app theme's text colour and the terminal gets few escape
codes to draw.
"""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

__all__ = ["Figure", "PlotView", "fit_title", "marker", "safe_limits", "LIMIT", "log_ticks"]

#: plotext's figure type (plotext exports no public name for it).
Figure = Any

#: Values beyond this never reach plotext: its ticks and line drawing are
#: not made for numbers near float64's range, and a diverging run gets there.
LIMIT = 1e100


def _plotext() -> Any:
    # plotext costs ~0.1 s to import (it builds its docs); the first screen
    # draws no chart, so it is imported on the first real one.
    import plotext

    return plotext


def marker(symbol: str, pixel: Any = None) -> Any:
    """A plotext marker: ``symbol`` (or a code like ``"hd"``) in a colour or (fg, bg, style)."""
    return _plotext().marker(symbol, pixel)


def safe_limits(low: float, high: float) -> tuple[float, float]:
    """Finite, ordered, non-degenerate axis limits from a data range."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    low, high = max(low, -LIMIT), min(high, LIMIT)
    if high <= low:
        pad = abs(low) * 0.05 or 0.5
        return low - pad, high + pad
    return low, high


def log_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Ticks for a log10 axis spanning exponents ``[low, high]``: whole powers, labelled ``1e3``.

    At most about six, so the labels stay apart; at least the nearest power
    when the span holds none.
    """
    first, last = math.ceil(low), math.floor(high)
    if last < first:
        nearest = round((low + high) / 2)
        return [float(nearest)], [f"1e{nearest}"]
    stride = max(1, math.ceil((last - first + 1) / 6))
    exponents = range(first, last + 1, stride)
    return [float(e) for e in exponents], [f"1e{e}" for e in exponents]


def fit_title(parts: list[str], width: int) -> str:
    """Join title ``parts`` with spaces, dropping trailing ones that would not fit in ``width``.

    plotext leaves out a title wider than the plot, so the legend-like extras go first.
    """
    title = parts[0][: max(width - 2, 1)]
    for part in parts[1:]:
        if len(title) + 3 + len(part) > width - 2:
            break
        title += "   " + part
    return title


class PlotView(Widget):
    """Base class: ``draw`` onto a fresh figure, ``replot`` to rebuild the cached text."""

    DEFAULT_CSS = """
    PlotView {
        width: 1fr;
        height: 1fr;
        min-height: 6;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text: Text = Text()
        self._rows: list[str] = []

    def placeholder(self) -> str | None:
        """A message to show instead of a picture (nothing to draw yet), or ``None``."""
        return None

    def draw(self, figure: Figure, width: int, height: int) -> None:
        """Describe the picture on ``figure`` (already cleared and sized). Override this."""

    def replot(self) -> None:
        """Rebuild the picture at the current size and repaint the rows that changed."""
        width, height = self.content_size.width, self.content_size.height
        if not (width and height):
            return  # not laid out yet (just shown): on_resize replots at the real size
        message = self.placeholder() if width >= 10 and height >= 4 else "(too small to plot)"
        if message is not None:
            self._rows = []
            self._text = Text(message, justify="center")
            self.refresh()
            return
        figure = _plotext().figure
        figure.clear()
        figure.theme("colorless")
        figure.plot_size(width, height)
        self.draw(figure, width, height)
        ansi = figure.build().string()
        rows = ansi.split("\n")
        self._text = Text.from_ansi(ansi, no_wrap=True, end="")
        if len(rows) == len(self._rows):
            # Over a slow SSH link bytes matter: most rows of a growing chart
            # (frame, ticks, the flat tail of the curve) are unchanged, and
            # Textual sends only the regions refreshed.
            for y, (old, new) in enumerate(zip(self._rows, rows)):
                if old != new:
                    self.refresh(Region(0, y, width, 1))
        else:
            self.refresh()
        self._rows = rows

    def on_resize(self) -> None:
        self.replot()

    def on_show(self) -> None:
        # A hidden view skips its redraws; bring it up to date when shown.
        self.replot()

    def render(self) -> Text:
        return self._text
