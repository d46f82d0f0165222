"""The log's frame: the border, title and gap around the transcript, outside the part that scrolls."""

from __future__ import annotations

from textual.containers import Vertical

__all__ = ["LogPane"]


class LogPane(Vertical):
    """A bordered box titled "Log" holding the :class:`~tui.widgets.transcript_log.TranscriptLog`.

    The border and the gap live here, not on the log itself: the log's
    scrollable height grows with every line, and Textual repaints the whole
    region of a widget whose virtual size changed, its border included. On
    its own widget the frame stays put and only the lines are sent again (a
    third of the log's bytes on the wire while a run goes).
    """

    DEFAULT_CSS = """
    LogPane {
        height: 1fr;
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
        background: $surface;
        &:focus-within { border: round $primary; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Log"
