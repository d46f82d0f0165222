"""The input panel: learning rate (or a sweep of them), iterations, tolerance, the start point, train-b and speed, validated as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label

from core import parse_iterations, parse_lrs, parse_start, parse_tolerance
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


def _start_text(value: float) -> str:
    """A start value as the field shows it: ``0``, ``-10``, ``2.5``."""
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


class RunForm(Panel):
    """The run's settings. :meth:`read` validates them all and returns a :class:`RunConfig`."""

    DEFAULT_CSS = """
    RunForm .field { height: 1; margin-bottom: 0; }
    RunForm .field Label { width: 11; color: $text-muted; }
    RunForm .field FormInput { width: 1fr; }
    RunForm .field BiasSwitch { width: 1fr; }
    RunForm .field .start { width: 1fr; }
    RunForm .field .start-gap { width: 4; color: $text-muted; padding-left: 1; }
    RunForm .error { color: $error; width: 1fr; height: auto; }
    RunForm .error.-hidden { display: none; }
    """

    FIELDS: dict[str, Callable[[str], Any]] = {
        "lr": parse_lrs,
        "iterations": parse_iterations,
        "tolerance": parse_tolerance,
        "w0": lambda text: parse_start(text, "w0"),
        "b0": lambda text: parse_start(text, "b0"),
    }

    def __init__(self, config: RunConfig, speed: int | None, *, id: str | None = None) -> None:
        super().__init__("Run", id=id)
        self.initial = config
        self.initial_speed = speed
        #: Each text field's text when it last ran (or the prefill): what ``restore`` puts back.
        self.valid: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        initial = self.initial
        values = {
            "lr": ", ".join(repr(lr) for lr in (initial.lr, *initial.sweep)),
            "iterations": str(initial.iterations),
            "tolerance": "" if initial.tolerance is None else repr(initial.tolerance),
            "w0": _start_text(initial.w0),
            "b0": _start_text(initial.b0),
        }
        placeholders = {
            "lr": "0.001, or 0.001..0.01 x5",
            "iterations": "1 to 10,000,000",
            "tolerance": "none (e.g. 1e-6)",
            "w0": "0",
            "b0": "0",
        }
        self.valid = dict(values)

        def field(name: str, classes: str = "") -> FormInput:
            return FormInput(
                values[name],
                placeholder=placeholders[name],
                validators=[_Parsed(self.FIELDS[name])],
                validate_on=["changed", "submitted"],
                compact=True,
                id=f"field-{name}",
                classes=classes,
            )

        for name in ("lr", "iterations", "tolerance"):
            with Horizontal(classes="field"):
                yield Label(name)
                yield field(name)
            yield Label("", id=f"error-{name}", classes="error -hidden")
        # The start point on one row: w0 and b0 side by side, as (w, b) reads.
        with Horizontal(classes="field"):
            yield Label("start w0")
            yield field("w0", "start")
            yield Label("b0", classes="start-gap")
            yield field("b0", "start")
        yield Label("", id="error-w0", classes="error -hidden")
        yield Label("", id="error-b0", classes="error -hidden")
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

    def iterations(self) -> int | None:
        """The iterations field's value, or ``None`` while it does not parse."""
        try:
            return parse_iterations(self.query_one("#field-iterations", Input).value)
        except ValueError:
            return None

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
        lrs = values["lr"]
        return RunConfig(
            lrs[0],
            values["iterations"],
            self.query_one(BiasSwitch).value,
            values["tolerance"],
            values["w0"],
            values["b0"],
            sweep=lrs[1:],
        )

    def read_lr(self) -> float | None:
        """The lr field's value if valid (for resuming with a new lr), else ``None`` with its error shown.

        A list resumes with its first lr: in a sweep that is the run you steer.
        """
        field = self.query_one("#field-lr", Input)
        try:
            lr = parse_lrs(field.value)[0]
        except ValueError as error:
            self._show_error("lr", str(error))
            self.screen.set_focus(field)
            return None
        self.valid["lr"] = field.value
        return lr

    def texts(self) -> tuple[dict[str, str], dict[str, str]]:
        """Each text field as typed (valid or not), and as it last ran: what the form on new data takes over."""
        return {name: self.query_one(f"#field-{name}", Input).value for name in self.FIELDS}, dict(self.valid)

    def take_texts(self, texts: tuple[dict[str, str], dict[str, str]]) -> None:
        """Put back what :meth:`texts` gave (each field validated again, as if typed)."""
        typed, self.valid = texts[0], dict(texts[1])
        for name, text in typed.items():
            self.query_one(f"#field-{name}", Input).value = text

    def set_lr(self, text: str) -> None:
        """Put ``text`` in the lr field (the palette's optimal lr)."""
        self.query_one("#field-lr", Input).value = text

    def train_bias(self) -> bool:
        """Whether the train-b box is ticked (views show the matching picture before a run)."""
        return self.query_one(BiasSwitch).value

    def set_speed(self, speed: int | None) -> None:
        """Show ``speed`` in the speed field (after +/-)."""
        self.query_one("#field-speed", SpeedControl).value = SPEEDS.index(speed)
