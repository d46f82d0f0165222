"""A widget that shows a plotext figure built at the widget's own size.

Subclasses read what to draw from the dashboard's :class:`~tui.session.status.Frame`
(bound to their ``frame``) in :meth:`PlotView.take` and describe their
picture in :meth:`PlotView.draw`. The figure is built colourless except for
the marks, whose colours come from the app theme, so the frame, ticks and
labels take the theme's text colour and every theme keeps the marks apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual.color import Color
from textual.geometry import Region
from textual.reactive import var
from textual.theme import Theme
from textual.widget import Widget

from tui.session.history import History
from tui.session.status import Frame

__all__ = [
    "LIMIT",
    "OVERLAY_MARKS",
    "Figure",
    "Overlay",
    "Palette",
    "PlotView",
    "fit_title",
    "log_ticks",
    "marker",
    "palette",
    "safe_limits",
]

#: plotext's figure type (plotext exports no public name for it).
Figure = Any

#: Values beyond this never reach plotext: its ticks and line drawing are
#: not made for numbers near float64's range, and a diverging run gets there.
LIMIT = 1e100


def _plotext() -> Any:
    # plotext takes ~0.1 s to import (it builds its docs) and the first
    # screen shows no chart yet: imported with the first real one.
    import plotext

    return plotext


#: The runs drawn beside the current one (kept runs, a sweep's others): (legend label, history) each.
Overlay = Callable[[], list[tuple[str, History]]]

#: The overlaid runs' marks, the same in every view (the loss chart's legend
#: names them): told apart by character (readable with NO_COLOR) and by colour.
OVERLAY_MARKS = (
    ("+", "data"),
    ("x", "minimum"),
    ("*", "hiker"),
    ("o", "slope"),
    ("#", "ink"),
    ("%", "data"),
    ("@", "minimum"),
    ("=", "hiker"),
)


#: A colour as plotext takes it: an ANSI palette index (follows the terminal's
#: palette, as the ``ansi-*`` themes do) or an RGB triple.
PlotColor = Any
#: The marks' colours by role: ``line``, ``minimum``, ``hiker``, ``slope``, ``data``, ``ink``.
Palette = dict[str, PlotColor]


#: Least contrast a mark keeps against the background (brightness ratio).
MIN_CONTRAST = 2.0


def _contrast(a: Color, b: Color) -> float:
    high, low = sorted((a.brightness, b.brightness), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _plot_color(value: str, background: Color, foreground: Color) -> PlotColor:
    color = Color.parse(value)
    if color.ansi is not None:
        # An ansi theme: the terminal's own palette (-1 is its default colour).
        return None if color.ansi < 0 else color.ansi
    # Some theme colours are made for text on panels, not marks on the
    # background (textual-light's orange on light grey): move them toward the
    # foreground until they stand out.
    for step in range(11):
        mixed = color.blend(foreground, step / 10)
        if _contrast(mixed, background) >= MIN_CONTRAST:
            return mixed.rgb
    return foreground.rgb


def palette(theme: Theme) -> Palette:
    """The marks' colours from ``theme``, each kept readable on its background."""
    # The theme's full set of colours, as its CSS variables see them (a theme may leave some to be derived).
    colors = theme.to_color_system().generate()
    roles = {"line": "primary", "minimum": "success", "hiker": "warning", "slope": "error", "data": "accent", "ink": "foreground"}
    background, foreground = Color.parse(colors["background"]), Color.parse(colors["foreground"])
    return {role: _plot_color(colors[name], background, foreground) for role, name in roles.items()}


def marker(symbol: str, color: PlotColor, *, bold: bool = False) -> Any:
    """A plotext marker: ``symbol`` (or a code like ``"hd"``) in ``color``, bold if asked."""
    plotext = _plotext()
    return plotext.marker(symbol, plotext.pixel(color, None, "bold" if bold else None))


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


def fit_title(parts: list[str], width: int, short: list[str] | None = None) -> str:
    """Join title ``parts`` two spaces apart; if they do not all fit in ``width``, the ``short`` ones, one space apart.

    Trailing parts that still do not fit are dropped (plotext leaves out a
    title wider than the plot), so the legend-like extras go last.
    """
    room = max(width - 2, 1)
    if short is not None and len("  ".join(parts)) > room:
        parts, gap = short, " "
    else:
        gap = "  "
    title = parts[0][:room]
    for part in parts[1:]:
        if len(title) + len(gap) + len(part) > room:
            break
        title += gap + part
    return title


class PlotView(Widget):
    """Base class: ``take`` a frame, ``draw`` onto a fresh figure, ``replot`` to rebuild the cached text."""

    DEFAULT_CSS = """
    PlotView {
        width: 1fr;
        height: 1fr;
        min-height: 6;
    }
    """

    #: The moment to draw; the dashboard binds it to its own ``frame``.
    frame: var[Frame | None] = var(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: Text = Text()
        self._rows: list[str] = []
        self.marks: Palette = {}

    def on_mount(self) -> None:
        self.marks = palette(self.app.current_theme)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        # A placeholder needs no size: in the first frame, not one frame after the first resize.
        message = self.placeholder()
        if message is not None:
            self._text = Text(message, justify="center")

    def _theme_changed(self, theme: Theme) -> None:
        self.marks = palette(theme)
        self.replot()

    def watch_frame(self, frame: Frame | None) -> None:
        if frame is None:
            return
        self.take(frame)
        # A hidden view only takes the state; it draws it when shown (on_show).
        if self.is_on_screen:
            self.replot()

    def take(self, frame: Frame) -> None:
        """Read what the next :meth:`replot` shows from ``frame`` (and the history). Override this."""

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
            if self._rows or self._text.plain != message:
                # A placeholder shown again (each frame before the first step) is not sent again.
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

    def render(self) -> RenderableType:
        # RenderableType, not Text: a subclass may draw its own renderable (the surface view's heat map).
        return self._text
