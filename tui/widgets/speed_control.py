"""The speed field: steps per tick, picked from a short list with the arrow keys."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.widgets.keys_in_order import KeysInOrder

__all__ = ["SpeedControl"]


class SpeedControl(KeysInOrder, Widget, can_focus=True):
    """``◂ 100/tick ▸``: ←/→ (or a click on an arrow) step through the choices.

    Not Textual's ``Select``: five ordered choices are a stepper, not a menu.
    A ``Select`` takes enter, arrows and enter to move one notch, and its
    overlay covers the Status while open, where the speed's effect shows; here
    one key moves one notch, as ``+``/``-`` do anywhere on the dashboard.
    """

    DEFAULT_CSS = """
    SpeedControl {
        height: 1;
        width: 1fr;
        background: $surface;
        &:focus { background: $surface-lighten-1; }
    }
    """

    BINDINGS = [
        Binding("left", "shift(-1)", "Slower", show=False),
        Binding("right", "shift(1)", "Faster", show=False),
    ]

    class Changed(Message):
        """The user picked another speed (not sent when the app sets :attr:`value`)."""

        def __init__(self, control: SpeedControl, value: int) -> None:
            super().__init__()
            self.speed_control = control
            self.value = value

        @property
        def control(self) -> SpeedControl:
            """The field that changed (lets ``@on(SpeedControl.Changed, "#id")`` match it)."""
            return self.speed_control

    #: Index into :attr:`labels`.
    value: reactive[int] = reactive(0)

    def __init__(self, labels: tuple[str, ...], value: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.set_reactive(SpeedControl.value, value)

    def render(self) -> Content:
        first, last = self.value == 0, self.value == len(self.labels) - 1
        return Content.assemble(
            ("◂", "dim" if first else "bold $accent"),
            f" {self.labels[self.value]} ",
            ("▸", "dim" if last else "bold $accent"),
        )

    def action_shift(self, delta: int) -> None:
        """Move ``delta`` choices along, stopping at either end."""
        value = min(max(self.value + delta, 0), len(self.labels) - 1)
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def on_click(self, event: events.Click) -> None:
        # The left arrow slows down; anywhere else speeds up.
        self.action_shift(-1 if event.x == 0 else 1)
