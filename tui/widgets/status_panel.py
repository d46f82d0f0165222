"""The status panel: where the run is, how far from the answer, and what just happened."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import var
from textual.widgets import ProgressBar

from tui.session.status import StatusView
from tui.widgets.panel import Panel
from tui.widgets.row_table import RowTable

__all__ = ["StatusPanel"]


def _number(value: float | None, digits: int = 10) -> str:
    if value is None:
        return "–"
    # Wider than the panel's value column otherwise (a diverging w has 8+ digits before the point).
    if abs(value) >= 1e6 or (value != 0 and abs(value) < 1e-4):
        return f"{value:.6e}"
    return f"{value:.{digits}f}"


class StatusPanel(Panel):
    """State, iteration, parameters, loss, gradient, distance to the optimum and progress (the data in its title)."""

    DEFAULT_CSS = """
    StatusPanel #status-progress Bar { width: 1fr; }
    """

    STATE_STYLES = {
        "ready": "bold",
        "running": "bold green",
        "paused": "bold yellow",
        "finished": "bold green",
        "converged": "bold green",
        "diverged": "bold red",
    }

    #: What to show; the dashboard binds it to its own ``status``.
    status: var[StatusView | None] = var(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Status", id=id)

    def compose(self) -> ComposeResult:
        yield RowTable(id="status-table")
        yield ProgressBar(show_eta=False, id="status-progress")

    def watch_status(self, old: StatusView | None, view: StatusView | None) -> None:
        if view is None:
            return

        def row(label: str, value: str, style: str = "") -> tuple[str, Text]:
            return label, Text(value, style=style)

        if view.final:
            iteration = f"all {view.done:,} done" if view.done == view.total else f"{view.done:,} done, of {view.total:,}"
        elif view.iteration is None:
            iteration = f"– / {view.total:,}" if view.total else "–"
        else:
            iteration = f"{view.iteration:,} / {view.total:,}" if view.total else f"{view.iteration:,}"
        rows = [
            row("state", view.state + (", browsing" if view.browsing else ""), self.STATE_STYLES.get(view.state, "")),
            row("iteration", iteration),
            row("lr · speed", f"{view.lr:g} · {view.speed}" if view.lr else f"– · {view.speed}"),
            # At 80x24 with b trained there is no line to spare: the runs view (5) shows both there.
            *(
                []
                if view.train_bias and self.screen.has_class("-narrow")
                else [
                    row(
                        "lr opt · max",
                        f"{view.optimal_lr:.4g} · {view.critical_lr:.4g}" if view.optimal_lr and view.critical_lr else "–",
                    )
                ]
            ),
            # b fixed at 0 needs no row of its own: one line saved for the messages at 80x24.
            row("w", _number(view.w)) if view.train_bias else row(f"w  (b = {view.b or 0:g})", _number(view.w)),
            *([row("b", _number(view.b))] if view.train_bias else []),
            row("loss", _number(view.loss)),
            row("|gradient|", _number(view.grad_norm, 6)),
            row("loss − loss*", _number(view.loss_gap, 6)),
            row("|w − w*|", _number(view.w_gap, 6)),
        ]
        if view.train_bias:  # its own row: beside |w − w*| it did not fit the panel
            rows.append(row("|b − b*|", _number(view.b_gap, 6)))
        # The mode before the data's name: where the title is cut, it is the name that goes.
        mode = "low bandwidth · " if view.low_bandwidth else ""
        title = f"Status · {mode}{Path(view.source).name} ({view.rows:,})"
        if title != self.border_title:
            # Setting a border title repaints the whole panel, even to the same text.
            self.border_title = title
        self.query_one(RowTable).set_rows(rows)
        self.query_one(ProgressBar).update(total=view.total or 1, progress=view.done if view.total else 0)
