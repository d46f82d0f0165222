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

import plotext as plt
from rich.text import Text
from textual.widget import Widget

__all__ = ["Figure", "PlotView", "fit_title", "safe_limits", "LIMIT", "log_ticks"]

#: plotext's figure type (plotext exports no public name for it).
Figure = Any

#: Values beyond this never reach plotext: its ticks and line drawing are
#: not made for numbers near float64's range, and a diverging run gets there.
LIMIT = 1e100


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
    """Powers of ten spanning ``[low, high]`` (positive), labelled compactly (``1e3``)."""
    first = math.floor(math.log10(low))
    last = math.ceil(math.log10(high))
    stride = max(1, (last - first) // 5)
    exponents = range(first, last + 1, stride)
    return [10.0**e for e in exponents], [f"1e{e}" for e in exponents]


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
        self._built_size: tuple[int, int] = (0, 0)

    def draw(self, figure: Figure, width: int, height: int) -> str | None:
        """Describe the picture on ``figure`` (already cleared and sized). Override this.

        Return a message instead to show it in place of an empty chart.
        """
        return "nothing to show yet"

    def replot(self) -> None:
        """Rebuild the picture at the current size and repaint."""
        width, height = self.content_size.width, self.content_size.height
        self._built_size = (width, height)
        if width < 10 or height < 4:
            self._text = Text("(too small to plot)", no_wrap=True)
        else:
            figure = plt.figure
            figure.clear()
            figure.theme("colorless")
            figure.plot_size(width, height)
            message = self.draw(figure, width, height)
            if message is not None:
                self._text = Text(message, no_wrap=False, justify="center")
            else:
                self._text = Text.from_ansi(figure.build().string(), no_wrap=True, end="")
        self.refresh()

    def on_resize(self) -> None:
        self.replot()

    def on_show(self) -> None:
        # A hidden view skips its redraws; bring it up to date when shown.
        self.replot()

    def render(self) -> Text:
        return self._text
