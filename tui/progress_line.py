"""A one-line progress bar drawn as text: done / total and a percentage."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["ProgressLine"]


class ProgressLine(Widget):
    """``━━━━━━━━━━──────────  57%``, as wide as the widget.

    Textual's ``ProgressBar`` is three widgets with an animated bar; the status
    panel only needs a proportion, and one widget of text is cheaper to start
    and to repaint at the frame rate.
    """

    DEFAULT_CSS = """
    ProgressLine { height: 1; }
    """

    DONE_STYLE = "$accent"
    LEFT_STYLE = "$foreground 20%"

    progress: reactive[float] = reactive(0.0)
    total: reactive[float] = reactive(1.0)

    def update(self, *, total: float, progress: float) -> None:
        """Show ``progress`` out of ``total`` (``total`` of 0 shows an empty bar)."""
        self.total = total
        self.progress = progress

    @property
    def fraction(self) -> float:
        """Progress as a proportion in [0, 1]."""
        if self.total <= 0:
            return 0.0
        return min(max(self.progress / self.total, 0.0), 1.0)

    def render(self) -> Content:
        fraction = self.fraction
        # Rounded down: 100% only once the run has done every step.
        label = f" {int(fraction * 100):3d}%"
        width = max(self.size.width - len(label), 0)
        done = int(fraction * width)
        return Content.assemble(("━" * done, self.DONE_STYLE), ("─" * (width - done), self.LEFT_STYLE), label)
