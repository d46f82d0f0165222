"""Keys that arrive in one burst act in the order they were typed, on the form's fields."""

from __future__ import annotations

from typing import cast

from textual import events
from textual.widget import Widget

__all__ = ["KeysInOrder"]


class KeysInOrder:
    """A mixin for the form's widgets: each key acts as it is taken from the widget's queue.

    Over SSH a quickly typed ``0.002<tab>500`` arrives in one read, and
    Textual queues every key on the focused field at once. A stock field acts
    on a bound key (end, backspace, tab, enter, space on a checkbox) only once
    the key has bubbled up to the app, after the keys queued behind it were
    handled, and a key queued before a focus change is still given to the
    field it left (Textual issue #6605). Here a bound key acts at once,
    wherever it is bound (the field, the dashboard, the app), and a key that
    arrives after focus has moved on is passed to the widget focused now.

    A plain mixin (list it before the widget class): a Widget base here
    would come before the widget's own CSS and component classes.
    """

    #: Whether printable keys are text to type (an Input), not keys to look up.
    TYPES_TEXT = False

    async def on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        focused = widget.screen.focused
        if focused is not widget:
            # Typed after a key that moved focus away: it belongs where focus is now.
            event.prevent_default()
            event.stop()
            if focused is not None:
                focused.post_message(events.Key(event.key, event.character))
            return
        if event.is_printable and self.TYPES_TEXT:
            return  # the field types it
        active = widget.screen.active_bindings.get(event.key)
        if active is not None and active.enabled:
            event.prevent_default()
            event.stop()
            await widget.app.run_action(active.binding.action, active.node)
