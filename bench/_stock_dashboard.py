"""Not a benchmark (hence the underscore): the dashboard's first frame rebuilt from stock Textual widgets alone, for ``startup.py`` to time.

The same containers, fields, labels, tabs, progress bar, data table and
footer keys as gd-tui's first frame, with no gd-tui code: no data read, no
plots, no run. The one change to a stock widget is gd-tui's own: the
footer's keys come in the first frame (the stock Footer waits for a focus
change and a refresh). It imports numpy, as gd-tui must. ``startup.py`` times it
beside the bare one-Static app, so the report shows how much of gd-tui's
ratio the stock widgets of its layout cost by themselves.

    .venv/bin/python bench/_stock_dashboard.py   # to look at it (q quits)
"""

from __future__ import annotations

import numpy  # noqa: F401  (gd-tui's core needs it before the first frame)
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, DataTable, Footer, Input, Label, ProgressBar, Static, TabbedContent, TabPane

#: gd-tui's footer keys (the digits have no description, as there).
KEYS = [("enter", "Run"), ("space", "Pause/Resume"), ("n", "Step"), ("question_mark", "Help"), ("q", "Quit"), ("f", "Form")]
KEYS += [("ctrl+r", "Reset")]
#: The views' keys, grouped in the footer as gd-tui's are.
VIEW_KEYS = [(digit, name) for digit, name in zip("12345", ("Loss", "Curve", "Fit", "Surface", "Runs"))]
#: What startup.py waits for: the loss tab's text, the status and the footer's palette key.
READY_TEXT = "Press enter to run"


class FirstFrameFooter(Footer):
    """The stock footer, with its keys in the first frame as gd-tui's footer has them (tui/widgets/lean_footer.py)."""

    def __init__(self) -> None:
        super().__init__()
        self._shown = False

    def compose(self) -> ComposeResult:
        if not self._shown and self.is_attached:
            self._shown = True
            self.bindings_changed(self.screen)
        yield from super().compose()


class StockDashboard(App[None]):
    """gd-tui's first-frame widgets, stock and idle."""

    # Focus on the log, as gd-tui's: a focused field would hide the letter keys from the footer.
    AUTO_FOCUS = "#log"

    CSS = """
    #side { width: 40; }
    #stage { width: 1fr; }
    .field { height: auto; }
    .field Label { width: 12; }
    .hidden { display: none; }
    """
    # One action per key (the footer shows one key per action), each doing nothing.
    BINDINGS = [Binding(key, "quit" if key == "q" else f"nothing('{key}')", description) for key, description in KEYS]
    BINDINGS += [Binding(key, f"nothing('{key}')", name, group=Binding.Group("View")) for key, name in VIEW_KEYS]

    def action_nothing(self, key: str) -> None:
        """What every key but q does here."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="side"):
                for name, value in (("lr", "0.001"), ("iterations", "20000"), ("tolerance", "")):
                    with Horizontal(classes="field"):
                        yield Label(name)
                        yield Input(value)
                    yield Label("", classes="hidden")
                with Horizontal(classes="field"):
                    yield Label("start w0")
                    yield Input("0")
                    yield Label("b0")
                    yield Input("0")
                yield Label("", classes="hidden")
                yield Label("", classes="hidden")
                with Horizontal(classes="field"):
                    yield Label("train b")
                    yield Checkbox()
                with Horizontal(classes="field"):
                    yield Label("speed")
                    yield Static("< 1 >")
                yield Static("state        ready\nlr           0.001\nloss         -")
                yield ProgressBar(total=100, show_eta=False)
            with Vertical(id="stage"):
                with TabbedContent():
                    with TabPane("1 Loss"):
                        yield Static(READY_TEXT)
                    for label in ("2 Curve", "3 Fit", "4 Surface"):
                        with TabPane(label):
                            yield Static(label)
                    with TabPane("5 Runs"):
                        yield DataTable()
                        yield Static("final loss against lr")
                log = Static("─ Log ─", id="log")
                log.can_focus = True
                yield log
        yield Static("")
        yield FirstFrameFooter()


if __name__ == "__main__":
    StockDashboard().run()
