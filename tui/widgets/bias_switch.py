"""The train-b field: a checkbox that says ``on``/``off`` in words and lets enter run."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox

from tui.widgets.keys_in_order import KeysInOrder

__all__ = ["BiasSwitch"]


class BiasSwitch(KeysInOrder, Checkbox, inherit_bindings=False):
    """Textual's ``Checkbox``, with two changes a learner needs.

    * Its state is written out (``▐X▌ on`` / ``▐ ▌ off``): the stock box draws
      the same X in both states and tells them apart by colour alone, which
      ``NO_COLOR`` and 16-colour terminals lose.
    * Space toggles it and enter does not: enter runs from every field of the
      form, and here it used to toggle instead.

    Its keys act in the order typed (:class:`KeysInOrder`).
    """

    BINDINGS = [Binding("space", "toggle_button", "Toggle", show=False)]

    def __init__(self, value: bool = False, *, id: str | None = None) -> None:
        super().__init__("", value, compact=True, id=id)
        self._show_state(value)

    def watch_value(self) -> None:
        super().watch_value()  # the stock box's -on class and Changed message
        self._show_state(self.value)

    def _show_state(self, value: bool) -> None:
        # BUTTON_INNER is the class's documented glyph; set per instance so each state draws its own.
        self.BUTTON_INNER = "X" if value else " "
        self.label = "on" if value else "off"
