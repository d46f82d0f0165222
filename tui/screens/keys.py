"""The dashboard's keys, in one list: the footer, the command palette and the help screen all read it.

Each binding's tooltip is its description in the command palette and the
help's key table, so a key is described once. The footer shows the
essentials, in this order, so that they fit 80 columns; every key is in the
help (?) and the palette (ctrl+p).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

__all__ = ["DASHBOARD_KEYS", "PALETTE_COMMANDS"]

_VIEW_KEYS = Binding.Group("View")
_BROWSE_KEYS = Binding.Group("Browse")  # the history, while paused or ended

DASHBOARD_KEYS: list[BindingType] = [
    Binding("enter", "run", "Run", tooltip="Start a new run (or a sweep of lrs) with the form's values, from its start w0, b0"),
    Binding(
        "r", "run", "Run", show=False, tooltip="Start a new run (or a sweep of lrs) with the form's values, from its start w0, b0"
    ),
    Binding("space", "toggle_pause", "Pause/Resume", tooltip="Pause the run, or resume it (with the form's lr)"),
    Binding("n", "step", "Step", tooltip="Take one step of a paused run"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key, and what the numbers and pictures mean"),
    Binding("q", "app.quit", "Quit", tooltip="Quit gd-tui"),
    Binding("f", "edit", "Form", tooltip="Go into the form to change lr, iterations, tolerance, train b or speed"),
    Binding("escape", "leave_form", "Leave form", key_display="esc", tooltip="Leave the form so single keys work"),
    Binding("ctrl+r", "reset", "Reset", tooltip="Forget the run, and put any invalid field back to the value it last ran with"),
    Binding("1", "view('view-loss')", "Loss", group=_VIEW_KEYS, tooltip="Show view 1: the loss per iteration"),
    Binding("2", "view('view-curve')", "Curve", group=_VIEW_KEYS, tooltip="Show view 2: the loss curve, the hiker and the slope"),
    Binding("3", "view('view-fit')", "Fit", group=_VIEW_KEYS, tooltip="Show view 3: the data and the current line"),
    Binding("4", "view('view-surface')", "Surface", group=_VIEW_KEYS, tooltip="Show view 4: the loss surface and the path"),
    Binding(
        "5",
        "view('view-runs')",
        "Runs",
        group=_VIEW_KEYS,
        tooltip="Show view 5: every run kept this session (enter shows one again)",
    ),
    Binding("c", "overlay", "Compare", show=False, tooltip="Toggle the kept runs (and a sweep's others) on the loss chart"),
    Binding(
        "e",
        "export",
        "Export",
        show=False,
        tooltip="Export the shown run: its transcript .txt, history .csv and a .svg screenshot",
    ),
    Binding("x", "clear_runs", "Clear runs", show=False, tooltip="Forget every kept run (asks first)"),
    Binding(
        "o",
        "open_data",
        "Open data",
        show=False,
        tooltip="Open another data file (a path with completion, or a file tree); the kept runs stay",
        # Run before the keys typed after it are passed on, so that they go into the dialog's field (see action_open_data).
        priority=True,
    ),
    Binding("left", "browse(-1)", "Back", group=_BROWSE_KEYS, show=False, tooltip="Paused: one iteration back in the history"),
    Binding(
        "right", "browse(1)", "Forward", group=_BROWSE_KEYS, show=False, tooltip="Paused: one iteration forward in the history"
    ),
    Binding("home", "browse_to('first')", "First", group=_BROWSE_KEYS, show=False, tooltip="Paused: go to iteration 0"),
    Binding(
        "end", "browse_to('newest')", "Newest", group=_BROWSE_KEYS, show=False, tooltip="Paused: back to the newest iteration"
    ),
    Binding("l", "log_y", "Log y", show=False, tooltip="Toggle a logarithmic y axis on the loss chart"),
    Binding("plus", "speed(1)", "Faster", key_display="+", show=False, tooltip="More steps per tick (1, 10, 100, 1000, max)"),
    Binding("minus", "speed(-1)", "Slower", key_display="-", show=False, tooltip="Fewer steps per tick"),
    Binding("ctrl+z", "app.suspend_process", "Suspend", show=False, tooltip="Suspend gd-tui to the shell (fg brings it back)"),
]

#: Actions with no key of their own, offered in the command palette: (title, description, action).
PALETTE_COMMANDS: list[tuple[str, str, str]] = [
    ("Set lr to the optimal value", "Put 2 / (λmin + λmax) in the lr field: the fastest steady convergence", "optimal_lr"),
    ("Export: transcript (.txt)", "The shown run's log, as gd-tui --headless prints it", "export('txt')"),
    ("Export: history (.csv)", "iteration,w,b,loss,grad_w,grad_b for every iteration of the shown run", "export('csv')"),
    ("Export: screenshot (.svg)", "The screen as it is now", "export('svg')"),
    ("Export: runs table (.csv)", "Every kept run's settings and result, one row each", "export('runs')"),
    ("Export to a typed directory", "Ask where, then write the shown run's .txt, .csv and .svg there", "export_to"),
]
