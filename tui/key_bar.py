"""The key bar: the keys that apply where focus is, in one line, as one widget."""

from __future__ import annotations

import string
from dataclasses import dataclass
from itertools import groupby

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.keys import _character_to_key, key_to_character
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["KeyBar", "KeyHint"]

#: The character each printable key types. Textual's key_to_character misses
#: some ("plus" and "minus" among them), so its own filter leaves "+ Faster"
#: in the bar while the lr field would type the "+" (textual is pinned).
_TYPED = {_character_to_key(character): character for character in string.printable if character.isprintable()}


def _typed_character(key: str) -> str | None:
    return key_to_character(key) or _TYPED.get(key)


@dataclass(frozen=True)
class KeyHint:
    """One key (or a group of keys) as the bar shows it, and the columns it covers."""

    keys: tuple[str, ...]
    displays: tuple[str, ...]
    description: str
    enabled: tuple[bool, ...]
    start: int = 0

    @property
    def width(self) -> int:
        """Cells taken: the keys, a space between them, a space and the description."""
        return len(" ".join(self.displays)) + (len(self.description) + 1 if self.description else 0)


class KeyBar(Widget):
    """Textual's ``Footer`` in one widget: what it shows, without a widget per key.

    The same bindings as ``Footer`` (``screen.active_bindings`` with
    ``show=True``, one per action, grouped keys side by side before their
    group's name), dimmed when ``check_action`` says they do not apply now,
    and without the keys the focused field would type (Footer misses + and -).
    ``Footer`` mounts a widget per key and recomposes on every state change;
    here a change is one repaint of one line, which keeps start-up and every
    run/pause/reset cheap. Clicking a key presses it.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    KEY_STYLE = "bold $footer-key-foreground"
    #: Spaces between two keys' hints (one when the bar would overflow).
    GAP = 2
    OFF_STYLE = "dim"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints: list[KeyHint] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def hints(self) -> list[KeyHint]:
        """The keys shown now, left to right, with their columns (closer together when they would not fit)."""
        focused = self.screen.focused
        by_action: dict[str, tuple[Binding, bool]] = {}
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in by_action:
                continue
            if focused is not None and node is not focused and focused.check_consume_key(binding.key, _typed_character(binding.key)):
                continue  # the focused field types this key: the binding would not run
            by_action[binding.action] = (binding, enabled)
        shown = list(by_action.values())
        hints = self._layout(shown, self.GAP)
        if hints and hints[-1].start + hints[-1].width > self.size.width:
            hints = self._layout(shown, 1)
        return hints

    def _layout(self, shown: list[tuple[Binding, bool]], gap: int) -> list[KeyHint]:
        hints: list[KeyHint] = []
        column = 0
        for group, members in groupby(shown, lambda item: item[0].group):
            items = list(members)
            if group is not None and len(items) > 1:
                parts = [(items, group.description)]
            else:
                parts = [([item], item[0].description) for item in items]
            for keys, description in parts:
                hint = KeyHint(
                    keys=tuple(binding.key for binding, _ in keys),
                    displays=tuple(self.app.get_key_display(binding) for binding, _ in keys),
                    description=description,
                    enabled=tuple(enabled for _, enabled in keys),
                    start=column,
                )
                hints.append(hint)
                column += hint.width + gap
        return hints

    def render(self) -> Content:
        self._hints = self.hints()
        pieces: list[tuple[str, str] | str] = []
        for previous, hint in zip([None, *self._hints], self._hints):
            if previous is not None:
                pieces.append(" " * (hint.start - previous.start - previous.width))
            for index, (display, enabled) in enumerate(zip(hint.displays, hint.enabled)):
                if index:
                    pieces.append(" ")
                pieces.append((display, self.KEY_STYLE if enabled else f"{self.KEY_STYLE} {self.OFF_STYLE}"))
            if hint.description:
                pieces.append((f" {hint.description}", "" if any(hint.enabled) else self.OFF_STYLE))
        return Content.assemble(*pieces)

    def key_at(self, x: int) -> tuple[str, bool] | None:
        """The key drawn at column ``x`` and whether it applies now (``None`` between keys)."""
        for hint in self._hints:
            column = hint.start
            for key, display, enabled in zip(hint.keys, hint.displays, hint.enabled):
                if column <= x < column + len(display):
                    return key, enabled
                column += len(display) + 1
            if hint.description and hint.start <= x < hint.start + hint.width and len(hint.keys) == 1:
                return hint.keys[0], hint.enabled[0]
        return None

    def on_click(self, event: events.Click) -> None:
        hit = self.key_at(event.x)
        if hit is None:
            return
        key, enabled = hit
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
