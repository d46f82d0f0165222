"""A heat map drawn cell by cell as Rich segments: one terminal cell per grid point, no plotext.

The surface view (view 4) uses it. Values are quantised to :data:`LEVELS`
levels, each a character of a density ramp (readable under ``NO_COLOR``) and
a colour from the theme; neighbouring cells of one level share a segment, so
a frame is a few hundred bytes per row at most, not one escape per cell.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator

import numpy as np
from rich.color import Color as RichColor
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.theme import Theme

__all__ = ["ASCII_RAMP", "LEVELS", "RAMP", "Lines", "Picture", "level_styles", "quantise", "rich_color", "row_segments"]

#: Density ramps, sparse (low loss) to dense (high): the ASCII one has a character per level.
#: The classic ASCII ramp ends in "@", but "@" is the hiker in ASCII mode: it would vanish on a wall.
RAMP = " ░▒▓█"
ASCII_RAMP = " .:-=+*#%"
#: Colour levels (and ASCII characters); the Unicode ramp's five shades cover two levels each.
LEVELS = len(ASCII_RAMP)

#: One line of the picture, as Rich segments.
Lines = list[list[Segment]]


def ramp_char(level: int, ascii_mode: bool) -> str:
    """The ramp's character for ``level`` (0 .. LEVELS-1): level 0 alone is blank."""
    if ascii_mode:
        return ASCII_RAMP[level]
    return RAMP[math.ceil(level * (len(RAMP) - 1) / (LEVELS - 1))]


def quantise(values: np.ndarray) -> np.ndarray:
    """``values`` (finite) as integer levels 0 .. LEVELS-1 of about equal area, lowest to highest.

    Equal-area levels (thresholds at quantiles) rather than equal steps: a
    bowl's walls rise steeply, and equal steps would paint most of the
    picture in the top level, hiding the shape of the valley.
    """
    if values.size == 0 or not float(values.max()) > float(values.min()):
        return np.zeros(values.shape, dtype=np.int64)
    thresholds = np.quantile(values, np.linspace(0, 1, LEVELS + 1)[1:-1])
    return np.searchsorted(thresholds, values, side="right").astype(np.int64)


def level_styles(theme: Theme) -> list[Style]:
    """A style per level: the theme's primary colour, faint over the background at low levels, full at the top."""
    colors = theme.to_color_system().generate()
    background, primary = Color.parse(colors["background"]), Color.parse(colors["primary"])
    if primary.ansi is not None or background.ansi is not None:
        # An ansi theme follows the terminal's palette, which cannot be blended: one colour, the ramp tells levels apart.
        return [Style(color=primary.rich_color)] * LEVELS
    return [Style(color=background.blend(primary, 0.3 + 0.7 * level / (LEVELS - 1)).rich_color) for level in range(LEVELS)]


def rich_color(color: object) -> RichColor | None:
    """A plotext colour from :func:`tui.views.plot_view.palette` (ANSI index, RGB triple or ``None``) as a Rich colour."""
    if isinstance(color, int):
        return RichColor.from_ansi(color)
    if isinstance(color, tuple):
        red, green, blue = color
        return RichColor.from_rgb(red, green, blue)
    return None


def row_segments(levels: Iterable[int], styles: list[Style], ascii_mode: bool, marks: dict[int, Segment]) -> list[Segment]:
    """One row of the map: runs of a level as one segment each, ``marks`` (column → segment) in place of their cells."""
    out: list[Segment] = []
    column = 0
    for level, run in itertools.groupby(levels):
        length = sum(1 for _ in run)
        start, column = column, column + length
        hits = [c for c in marks if start <= c < column]
        if not hits:
            out.append(Segment(ramp_char(level, ascii_mode) * length, styles[level]))
            continue
        cursor = start
        for hit in sorted(hits):
            if hit > cursor:
                out.append(Segment(ramp_char(level, ascii_mode) * (hit - cursor), styles[level]))
            out.append(marks[hit])
            cursor = hit + 1
        if column > cursor:
            out.append(Segment(ramp_char(level, ascii_mode) * (column - cursor), styles[level]))
    return out


class Picture:
    """A Rich renderable of ready-made lines of segments (the view builds them; this only hands them over)."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _with_newlines(self.lines)


def _with_newlines(lines: Lines) -> Iterator[Segment]:
    for number, line in enumerate(lines):
        if number:
            yield Segment.line()
        yield from line
