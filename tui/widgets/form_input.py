"""A form field that takes a burst of keys in the order they were typed, and shows its start once left."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.widgets.keys_in_order import KeysInOrder

__all__ = ["FormInput"]


class FormInput(KeysInOrder, Input, inherit_bindings=False):
    """Textual's ``Input``, with its keys in the order typed (see :class:`KeysInOrder`).

    Enter is not bound here: it is the dashboard's run key, as in every field,
    and runs at once rather than through an ``Input.Submitted`` message that
    would wait behind the keys typed after it.

    Left, a field shows its text from the start: scrolled to where typing
    ended, a long lr list read from its tail ("5, 0.001, 0.0015" for
    "0.0005, 0.001, 0.0015": lr 5?).
    """

    TYPES_TEXT = True
    BINDINGS: ClassVar[list[BindingType]] = [
        binding for binding in Binding.make_bindings(Input.BINDINGS) if binding.key != "enter"
    ]

    def on_blur(self) -> None:
        self.cursor_position = 0
