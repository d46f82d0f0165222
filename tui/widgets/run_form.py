"""The input panel: learning rate, iterations, tolerance, train-b and speed, validated as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.validation import ValidationResult, Validator
from textual.widgets import Checkbox, Input, Label

from core import parse_iterations, parse_lr, parse_tolerance
from tui.session.settings import SPEEDS, RunConfig, speed_label
from tui.widgets.panel import Panel
from tui.widgets.speed_control import SpeedControl

__all__ = ["RunForm"]


class _Parsed(Validator):
    """A Textual validator around one of core's parsers, reusing its message."""

    def __init__(self, parse: Callable[[str], Any]) -> None:
        super().__init__()
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        try:
            self.parse(value)
        except ValueError as error:
            return self.failure(str(error))
        return self.success()


class RunForm(Panel):
    """The run's settings. :meth:`read` validates them all and returns a :class:`RunConfig`."""

    DEFAULT_CSS = """
    RunForm .field { height: 1; margin-bottom: 0; }
    RunForm .field Label { width: 11; color: $text-muted; }
    RunForm .field Input { width: 1fr; }
    RunForm .field Checkbox { width: 1fr; }
    RunForm .error { color: $error; width: 1fr; height: auto; padding-left: 11; }
    RunForm .error.-hidden { display: none; }
    """

    FIELDS = {
        "lr": parse_lr,
        "iterations": parse_iterations,
        "tolerance": parse_tolerance,
    }

    def __init__(self, config: RunConfig, speed: int | None, *, id: str | None = None) -> None:
        super().__init__("Run", id=id)
        self.initial = config
        self.initial_speed = speed

    def compose(self) -> ComposeResult:
        values = {
            "lr": repr(self.initial.lr),
            "iterations": str(self.initial.iterations),
            "tolerance": "" if self.initial.tolerance is None else repr(self.initial.tolerance),
        }
        placeholders = {"lr": "e.g. 0.001", "iterations": "1 to 10,000,000", "tolerance": "none (e.g. 1e-6)"}
        for name, parse in self.FIELDS.items():
            with Horizontal(classes="field"):
                yield Label(name)
                yield Input(
                    values[name],
                    placeholder=placeholders[name],
                    validators=[_Parsed(parse)],
                    validate_on=["changed", "submitted"],
                    compact=True,
                    id=f"field-{name}",
                )
            yield Label("", id=f"error-{name}", classes="error -hidden")
        with Horizontal(classes="field"):
            yield Label("train b")
            yield Checkbox("", self.initial.train_bias, compact=True, id="field-bias")
        with Horizontal(classes="field"):
            yield Label("speed")
            yield SpeedControl(tuple(speed_label(s) for s in SPEEDS), SPEEDS.index(self.initial_speed), id="field-speed")

    @on(Input.Changed)
    def _show_validation(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        result = event.validation_result
        self._show_error(name, None if result is None or result.is_valid else result.failure_descriptions[0])

    def _show_error(self, name: str, message: str | None) -> None:
        label = self.query_one(f"#error-{name}", Label)
        label.update(message or "")
        label.set_class(message is None, "-hidden")

    def read(self) -> RunConfig | None:
        """Validate every field; show each fault beside its field and focus the first.

        Returns the config, or ``None`` when a field is invalid. Field contents
        are never changed, so nothing the user typed is lost.
        """
        values: dict[str, Any] = {}
        first_bad: Input | None = None
        for name, parse in self.FIELDS.items():
            field = self.query_one(f"#field-{name}", Input)
            try:
                values[name] = parse(field.value)
                self._show_error(name, None)
            except ValueError as error:
                self._show_error(name, str(error))
                first_bad = first_bad or field
        if first_bad is not None:
            first_bad.focus()
            return None
        return RunConfig(values["lr"], values["iterations"], self.query_one("#field-bias", Checkbox).value, values["tolerance"])

    def read_lr(self) -> float | None:
        """The lr field's value if valid (for resuming with a new lr), else ``None`` with its error shown."""
        field = self.query_one("#field-lr", Input)
        try:
            return parse_lr(field.value)
        except ValueError as error:
            self._show_error("lr", str(error))
            field.focus()
            return None

    def train_bias(self) -> bool:
        """Whether the train-b box is ticked (views show the matching picture before a run)."""
        return self.query_one("#field-bias", Checkbox).value

    def set_speed(self, speed: int | None) -> None:
        """Show ``speed`` in the speed field (after +/-)."""
        self.query_one("#field-speed", SpeedControl).value = SPEEDS.index(speed)
