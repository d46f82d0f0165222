"""The strip naming the views above the chart: which one shows, and the key for each."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["ViewTabs"]


class ViewTabs(Widget):
    """One line of view names; the active one stands out. Clicking a name picks it.

    One widget rather than Textual's ``Tabs`` (a widget per tab, an underline
    and a scroll container): the views change by number keys, so this only
    has to show where you are, and it costs one line of text to draw.
    """

    DEFAULT_CSS = """
    ViewTabs {
        height: 1;
        color: $text-muted;
    }
    """

    ACTIVE_STYLE = "bold underline $text"
    GAP = 2

    class Picked(Message):
        """A view was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    #: Index of the view shown.
    active: reactive[int] = reactive(0)

    def __init__(self, labels: tuple[str, ...], short_labels: tuple[str, ...] | None = None, *, id: str | None = None) -> None:
        """``short_labels`` (one per label) are shown when the full ones do not fit."""
        super().__init__(id=id)
        self.labels = labels
        self.short_labels = short_labels or labels

    def shown_labels(self) -> tuple[str, ...]:
        """The labels that fit the widget's width: the full ones if they do, else the short ones."""
        full = sum(map(len, self.labels)) + self.GAP * (len(self.labels) - 1)
        return self.labels if full <= self.size.width else self.short_labels

    def render(self) -> Content:
        pieces: list[tuple[str, str] | str] = []
        for index, label in enumerate(self.shown_labels()):
            if index:
                pieces.append(" " * self.GAP)
            pieces.append((label, self.ACTIVE_STYLE if index == self.active else ""))
        return Content.assemble(*pieces)

    def index_at(self, x: int) -> int | None:
        """The view whose name is drawn at column ``x``, if any."""
        column = 0
        for index, label in enumerate(self.shown_labels()):
            if column <= x < column + len(label):
                return index
            column += len(label) + self.GAP
        return None

    def on_click(self, event: events.Click) -> None:
        index = self.index_at(event.x)
        if index is not None:
            self.post_message(self.Picked(index))
