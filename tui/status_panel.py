"""The status panel: where the run is, how far from the answer, and what just happened."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.panel import Panel
from tui.progress_line import ProgressLine
from tui.row_table import RowTable

if TYPE_CHECKING:  # numpy's side: the panel shows its first frame before numpy loads
    from core import Optimum
    from tui.runner import Runner

__all__ = ["StatusPanel", "StatusView"]


@dataclass(frozen=True)
class StatusView:
    """Everything the panel shows, computed by the app from the runner and the cursor."""

    source: str
    rows: int
    state: str
    iteration: int | None
    total: int | None
    done: int
    w: float | None
    b: float | None
    train_bias: bool
    loss: float | None
    grad_norm: float | None
    loss_gap: float | None
    w_gap: float | None
    b_gap: float | None
    lr: float | None
    speed: str
    message: str = ""
    browsing: bool = False

    @classmethod
    def before_start(cls, source: str, rows: int, total: int, speed: str, train_bias: bool) -> StatusView:
        """The view before the runner exists (the first frame): ready, every number "–"."""
        return cls(
            source=source,
            rows=rows,
            state="ready",
            iteration=None,
            total=total,
            done=0,
            w=None,
            b=None,
            train_bias=train_bias,
            loss=None,
            grad_norm=None,
            loss_gap=None,
            w_gap=None,
            b_gap=None,
            lr=None,
            speed=speed,
        )

    @classmethod
    def of(
        cls,
        runner: Runner,
        index: int | None,
        *,
        best: Optimum,
        train_bias: bool,
        total: int,
        speed: str,
        browsing: bool,
    ) -> StatusView:
        """The view of ``runner`` at iteration ``index`` (``None``: before the first step)."""
        dataset = runner.dataset
        w = b = loss = grad = None
        if index is not None:
            step = runner.last
            if step is not None and index == runner.done - 1:
                w, b, loss, grad_w, grad_b = step.w, step.b, step.loss, step.grad_w, step.grad_b
            else:
                # Browsing: the history keeps w, b and loss; the gradient is
                # recomputed (bit-identical) rather than stored per iteration.
                from core import gradient

                w, b = float(runner.history.w[index]), float(runner.history.b[index])
                loss = float(runner.history.loss[index])
                grad_w, grad_b = gradient(dataset.X, dataset.Y, w, b)
            grad = math.hypot(grad_w, grad_b) if train_bias else abs(grad_w)
        return cls(
            source=dataset.source,
            rows=dataset.size,
            state=runner.state,
            iteration=index,
            total=total,
            done=runner.done,
            w=w,
            b=b,
            train_bias=train_bias,
            loss=loss,
            grad_norm=grad,
            loss_gap=None if loss is None else loss - best.loss,
            w_gap=None if w is None else abs(w - best.w),
            b_gap=None if b is None else abs(b - best.b),
            lr=runner.lr if runner.config else None,
            speed=speed,
            message=runner.message,
            browsing=browsing,
        )


def _number(value: float | None, digits: int = 10) -> str:
    if value is None:
        return "–"
    if abs(value) >= 1e9 or (value != 0 and abs(value) < 1e-4):
        return f"{value:.6e}"
    return f"{value:.{digits}f}"


class StatusPanel(Panel):
    """Data, iteration, parameters, loss, gradient, state, progress and the latest message."""

    DEFAULT_CSS = """
    StatusPanel #status-message { height: auto; margin-top: 1; }
    StatusPanel #status-message.-empty { display: none; }
    StatusPanel #status-message.-diverged { color: $error; text-style: bold; }
    StatusPanel #status-message.-converged, StatusPanel #status-message.-finished { color: $success; }
    """

    STATE_STYLES = {
        "ready": "bold",
        "running": "bold green",
        "paused": "bold yellow",
        "finished": "bold green",
        "converged": "bold green",
        "diverged": "bold red",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Status", id=id)
        self._message = ""

    def compose(self) -> ComposeResult:
        yield RowTable(id="status-table")
        yield ProgressLine(id="status-progress")
        yield Static(id="status-message", classes="-empty")

    def show(self, view: StatusView) -> None:
        """Render ``view``."""
        def row(label: str, value: str, style: str = "") -> tuple[str, Text]:
            return label, Text(value, style=style)

        if view.iteration is None:
            iteration = f"– / {view.total:,}" if view.total else "–"
        else:
            iteration = f"{view.iteration:,} / {view.total:,}" if view.total else f"{view.iteration:,}"
        rows = [
            row("state", view.state + (", browsing" if view.browsing else ""), self.STATE_STYLES.get(view.state, "")),
            row("data", f"{Path(view.source).name} ({view.rows})"),
            row("iteration", iteration),
            row("lr · speed", f"{view.lr:g} · {view.speed}" if view.lr else f"– · {view.speed}"),
            row("w", _number(view.w)),
            row("b", _number(view.b) if view.train_bias else "0 (fixed)"),
            row("loss", _number(view.loss)),
            row("|gradient|", _number(view.grad_norm, 6)),
            row("loss − loss*", _number(view.loss_gap, 6)),
            row("|w − w*|", _number(view.w_gap, 6)),
        ]
        if view.train_bias:  # its own row: beside |w − w*| it did not fit the panel
            rows.append(row("|b − b*|", _number(view.b_gap, 6)))
        self.query_one(RowTable).set_rows(rows)
        self.query_one(ProgressLine).update(total=view.total or 1, progress=view.done if view.total else 0)
        message = self.query_one("#status-message", Static)
        if view.message != self._message:
            self._message = view.message
            message.update(view.message)
            message.set_class(not view.message, "-empty")
        for state in ("diverged", "converged", "finished"):
            message.set_class(view.state == state, f"-{state}")
