"""A titled, bordered box: the look shared by the side panels."""

from __future__ import annotations

from textual.containers import Vertical

__all__ = ["Panel"]


class Panel(Vertical):
    """A vertical container with a rounded border, its title in the border, brighter while focus is inside."""

    DEFAULT_CSS = """
    Panel {
        height: auto;
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
        &:focus-within { border: round $primary; }
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
