"""The message line: what just happened and what to do next, across the whole width above the footer."""

from __future__ import annotations

from textual.reactive import var
from textual.widgets import Static

from tui.session.status import StatusView

__all__ = ["HINTS", "INVALID_HINT", "MessageBar"]

#: What the line says when the run has nothing to report, by state: the keys that matter now.
HINTS = {
    "ready": "enter runs gradient descent · f edits the form (an lr list runs a sweep) · 1-5 views · ? every key",
    "running": "space pauses · + and - change the speed · 1-5 views · l log y · ? every key",
}
#: What the line says instead, before a run, while a form field does not parse (enter then only points at it).
INVALID_HINT = "A field in the form does not parse (the line under it says why): fix it and press enter, or ctrl+r restores."


class MessageBar(Static):
    """Two lines across the screen for the run's latest message (a dim hint when there is none).

    Across the whole width, not in the side panel: at 80x24 the panel has
    no room left for a divergence's cause and remedy, which must be read
    whole. Always two lines, so a message appearing moves nothing else.
    """

    DEFAULT_CSS = """
    MessageBar {
        height: 2;
        padding: 0 1;
        color: $text-muted;
        &.-message { color: $text; }
        &.-diverged { color: $error; text-style: bold; }
        &.-converged, &.-finished { color: $success; }
    }
    """

    #: What to show; the dashboard binds it to its own ``status``.
    status: var[StatusView | None] = var(None)
    #: Whether a form field does not parse; the dashboard binds it to its own ``form_invalid``.
    form_invalid: var[bool] = var(False)
    #: The text on show now.
    shown: var[str] = var("")

    def watch_form_invalid(self) -> None:
        self.watch_status(self.status)

    def watch_status(self, view: StatusView | None) -> None:
        message = view.message if view is not None else ""
        state = view.state if view is not None else "ready"
        # Before a run, enter is what a bad field blocks; during one, the running hint's keys still work.
        hint = INVALID_HINT if self.form_invalid and state == "ready" else HINTS.get(state, "")
        text = message or hint
        if text != self.shown:
            # Static.update repaints (and lays out) even for the same text: ten times a second while running.
            self.shown = text
            self.update(text)
        self.set_class(bool(message), "-message")
        for state in ("diverged", "converged", "finished"):
            self.set_class(view is not None and bool(message) and view.state == state, f"-{state}")
