"""The log pane: the book's transcript, scrollable back to iteration 0, formatted only where visible.

Not Textual's ``Log`` or ``RichLog``: they keep every line as a string (or a
rendered strip), about 100 bytes an iteration, and a million-iteration run
would hold them all. Here lines are not stored: each visible line is formatted
from the run's numpy history when painted (``Log``'s own approach to
painting), so a million iterations cost the history's 24 bytes each.
"""

from __future__ import annotations

import time

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.session.pace import LOG_RATE
from tui.session.runner import Runner
from tui.session.status import Frame
from tui.widgets.keys_in_order import KeysInOrder

__all__ = ["TranscriptLog"]


class TranscriptLog(KeysInOrder, ScrollView, can_focus=True, inherit_bindings=False):
    """Shows ``runner``'s transcript; follows the newest line unless scrolled up.

    It has the focus where single keys are commands, so its keys act in the
    order typed (:class:`KeysInOrder`): in ``f0.002`` arriving in one burst,
    the digits go into the field f opened, not to the views' keys.
    """

    DEFAULT_CSS = """
    TranscriptLog {
        height: 1fr;
        /* The border and the gap on the left are the LogPane's (see there why). */
        background: $surface;
        /* A line too wide ends in an ellipsis instead: a horizontal scrollbar
           would take a row from a pane that is five rows tall at 80x24. */
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        /* Its place kept, so the lines do not move when it comes back. */
        scrollbar-gutter: stable;
        /* Following a run: every frame moves the thumb, a repaint of the whole
           column (a third of the log's bytes), to say only "at the end". */
        &.-following { scrollbar-visibility: hidden; }
    }
    TranscriptLog > .transcript--marker {
        color: $warning;
        text-style: italic;
    }
    TranscriptLog > .transcript--cursor {
        background: $accent 40%;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {"transcript--marker", "transcript--cursor"}

    # Only vertical scrolling: left/right/home/end belong to the app's history
    # cursor, which must work while the log has focus.
    BINDINGS = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    #: The moment to show; the dashboard binds it to its own ``frame``.
    frame: var[Frame | None] = var(None)

    def __init__(self, runner: Runner, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.runner = runner
        self.highlight: int | None = None
        self.follow = True
        #: Whether the run is going (the scrollbar hides while the log follows it).
        self.running = False
        #: Redraws per second at most while a run goes (the dashboard lowers it on a slow link).
        self.rate = LOG_RATE
        self._synced = 0.0

    def watch_frame(self, old: Frame | None, frame: Frame | None) -> None:
        if frame is None:
            return
        steady = old is not None and old.state == frame.state == "running" and old.generation == frame.generation
        now = time.monotonic()
        if steady and now - self._synced < 1 / self.rate:
            return
        self._synced = now
        self.running = frame.state == "running"
        self.sync(frame.cursor, scroll_to_highlight=frame.cursor is not None)

    def sync(self, highlight: int | None = None, *, scroll_to_highlight: bool = False) -> None:
        """Take up the runner's new lines; keep following the end if we were there."""
        self.virtual_size = Size(self.runner.line_width(), self.runner.line_count())
        if highlight is None and self.highlight is not None:
            self.follow = True  # back from browsing history: show the newest again
        self.highlight = highlight
        if scroll_to_highlight and highlight is not None:
            line = self.runner.line_of_iteration(highlight)
            if not (self.scroll_y <= line < self.scroll_y + self.scrollable_content_region.height):
                self.scroll_to(y=max(0, line - self.scrollable_content_region.height // 2), animate=False, immediate=True)
        elif self.follow:
            # Scroll now, in this frame: a deferred scroll would paint the
            # log a second time, doubling the bytes sent to the terminal.
            end = max(0, self.runner.line_count() - self.scrollable_content_region.height)
            self.scroll_to(y=end, animate=False, immediate=True, force=True)
        self.refresh()
        self.set_class(self.running and self.follow, "-following")

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        number = scroll_y + y
        if number >= self.runner.line_count():
            return Strip.blank(width, base)
        text, iteration = self.runner.line(number)
        style = base
        if iteration is None and text.startswith("#"):
            style = base + self.get_component_rich_style("transcript--marker")
        elif iteration is not None and iteration == self.highlight:
            style = base + self.get_component_rich_style("transcript--cursor")
        # A line wider than the pane (a diverging loss has 30 digits) is never
        # cut silently: an ellipsis marks each side that goes on out of sight.
        if len(text) > scroll_x + width and width > 1:
            text = text[: scroll_x + width - 1] + "…"
        if scroll_x > 0 and len(text) > scroll_x:
            text = text[:scroll_x] + "…" + text[scroll_x + 1 :]
        # Padded to the width in the same segment: one style change per line on the wire, not two.
        text = text[scroll_x : scroll_x + width].ljust(width)
        return Strip([Segment(text, style)], width).apply_offsets(scroll_x, number)

    def watch_scroll_y(self, old: float, new: float) -> None:
        # Scrolling back up stops the follow; reaching the end again resumes it.
        super().watch_scroll_y(old, new)
        self.follow = new >= self.max_scroll_y
        self.set_class(self.running and self.follow, "-following")

    def text(self) -> str:
        """The whole transcript, as the headless mode prints it."""
        return self.runner.transcript()
