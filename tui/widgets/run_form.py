"""The input panel: learning rate, iterations, tolerance, train-b and speed, validated as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label

from core import parse_iterations, parse_lr, parse_tolerance
from tui.session.settings import SPEEDS, RunConfig, speed_label
from tui.widgets.bias_switch import BiasSwitch
from tui.widgets.form_input import FormInput
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
    RunForm .field FormInput { width: 1fr; }
    RunForm .field BiasSwitch { width: 1fr; }
    RunForm .error { color: $error; width: 1fr; height: auto; }
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
        #: Each text field's text when it last ran (or the prefill): what ``restore`` puts back.
        self.valid: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        values = {
            "lr": repr(self.initial.lr),
            "iterations": str(self.initial.iterations),
            "tolerance": "" if self.initial.tolerance is None else repr(self.initial.tolerance),
        }
        placeholders = {"lr": "e.g. 0.001", "iterations": "1 to 10,000,000", "tolerance": "none (e.g. 1e-6)"}
        self.valid = dict(values)
        for name, parse in self.FIELDS.items():
            with Horizontal(classes="field"):
                yield Label(name)
                yield FormInput(
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
            yield BiasSwitch(self.initial.train_bias, id="field-bias")
        with Horizontal(classes="field"):
            yield Label("speed")
            yield SpeedControl(tuple(speed_label(s) for s in SPEEDS), SPEEDS.index(self.initial_speed), id="field-speed")

    @on(Input.Changed)
    def _show_validation(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        result = event.validation_result
        if result is None or result.is_valid:
            self._show_error(name, None)
        else:
            self._show_error(name, result.failure_descriptions[0])

    def invalid(self) -> list[str]:
        """The text fields whose value does not parse now."""
        invalid = []
        for name, parse in self.FIELDS.items():
            try:
                parse(self.query_one(f"#field-{name}", Input).value)
            except ValueError:
                invalid.append(name)
        return invalid

    def restore(self) -> None:
        """Put each invalid field back to the text it last ran with (what ctrl+r does to the form)."""
        for name in self.invalid():
            self.query_one(f"#field-{name}", Input).value = self.valid[name]
            self._show_error(name, None)

    def _show_error(self, name: str, message: str | None) -> None:
        label = self.query_one(f"#error-{name}", Label)
        if message is not None:
            message += f" (ctrl+r restores {self.valid[name] or 'none'})"
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
            self.screen.set_focus(first_bad)
            return None
        self.valid = {name: self.query_one(f"#field-{name}", Input).value for name in self.FIELDS}
        return RunConfig(values["lr"], values["iterations"], self.query_one(BiasSwitch).value, values["tolerance"])

    def read_lr(self) -> float | None:
        """The lr field's value if valid (for resuming with a new lr), else ``None`` with its error shown."""
        field = self.query_one("#field-lr", Input)
        try:
            lr = parse_lr(field.value)
        except ValueError as error:
            self._show_error("lr", str(error))
            self.screen.set_focus(field)
            return None
        self.valid["lr"] = field.value
        return lr

    def train_bias(self) -> bool:
        """Whether the train-b box is ticked (views show the matching picture before a run)."""
        return self.query_one(BiasSwitch).value

    def set_speed(self, speed: int | None) -> None:
        """Show ``speed`` in the speed field (after +/-)."""
        self.query_one("#field-speed", SpeedControl).value = SPEEDS.index(speed)
