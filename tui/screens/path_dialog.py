"""Ask for a path: a stock ``Input`` with a validator, over the dashboard (export to a typed directory)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label

__all__ = ["PathDialog"]


class _Directory(Validator):
    """An existing directory (a leading ``~`` is the home directory)."""

    def validate(self, value: str) -> ValidationResult:
        path = Path(value.strip()).expanduser()
        if not value.strip():
            return self.failure("type a directory")
        if not path.is_dir():
            return self.failure(f"no directory {str(path)!r}")
        return self.success()


class PathDialog(ModalScreen[Path | None]):
    """Ask for a directory; enter accepts it (if it exists), esc cancels (None)."""

    DEFAULT_CSS = """
    PathDialog { align: center middle; }
    PathDialog > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: round $primary; background: $surface;
    }
    PathDialog Label { width: 1fr; }
    PathDialog #path-error { color: $error; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, default: str) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(self.default, validators=[_Directory()], validate_on=["changed", "submitted"], id="path")
            yield Label("", id="path-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        self.query_one("#path-error", Label).update("" if result is None or result.is_valid else result.failure_descriptions[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.dismiss(Path(event.value.strip()).expanduser())

    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
