"""A titled, bordered box: the look shared by the side panels."""

from __future__ import annotations

from textual import events
from textual.containers import Vertical

__all__ = ["Panel"]


class Panel(Vertical):
    """A vertical container with a rounded border and its title in the border."""

    DEFAULT_CSS = """
    Panel {
        height: auto;
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title

    # The border brightens while focus is inside. Not with CSS :focus-within:
    # Textual restyles the panel and everything in it on each focus change,
    # which cost start-up a whole restyle of the form; an inline border
    # colour repaints the panel alone.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._show_focus()

    def _show_focus(self) -> None:
        # Asked of the screen, not the event: moving between two fields
        # sends the new field's focus and the old one's blur in either order.
        if self.has_focus_within:
            self.styles.border = ("round", self.app.current_theme.primary)
        else:
            for edge in ("border_top", "border_right", "border_bottom", "border_left"):
                self.styles.clear_rule(edge)  # "border" is shorthand: each edge is its own rule
            self.refresh()
