"""A two-column label/value table that repaints only the rows whose text changed."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

__all__ = ["RowTable"]

Row = tuple[str, Text]


class RowTable(Widget):
    """Rows of ``label  value``; :meth:`set_rows` refreshes just the changed lines.

    At 10 redraws a second a status panel that repaints whole would send
    every row to the terminal each time, though only a few numbers move.
    """

    DEFAULT_CSS = """
    RowTable { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, label_width: int = 12, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label_width = label_width
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` (label, value); each row is one line."""
        old, self._rows = self._rows, rows
        if len(old) != len(rows):
            self.refresh(layout=True)
            return
        width = self.size.width
        value_x = self.label_width + 1
        for y, (before, after) in enumerate(zip(old, rows)):
            if before[0] != after[0]:
                self.refresh(Region(0, y, width, 1))
            elif before[1] != after[1]:
                # Only the value's cells: the label is sent again only when it changes.
                self.refresh(Region(value_x, y, max(width - value_x, 0), 1))

    def render(self) -> Text:
        # Plain text, not a rich Table: the columns are fixed, and measuring
        # a table costs more than everything else this widget does.
        room = max(self.size.width - self.label_width - 1, 0)
        lines = []
        for label, value in self._rows:
            # The value padded to the edge in its own style: one style change on the wire, not two.
            padded = value.copy()
            padded.pad_right(room - len(value))
            lines.append(Text.assemble((label.ljust(self.label_width) + " ", "dim"), padded))
        return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)
