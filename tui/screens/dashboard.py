"""The dashboard: the form and status on the left, the five views and the log on the right, and the run's clock.

The screen owns the :class:`~tui.session.runner.Runner` and a few reactives
(``state``, ``cursor``, ``log_y``, ``speed_index``, ``revision``). ``frame``
and ``status`` are computed from them, and every view, the log, the status
panel and the message bar are bound to those two: a change of state redraws
what depends on it, and nothing else. What is done with kept runs is in
:mod:`tui.screens.experiments`.
"""

from __future__ import annotations

import asyncio
import time

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.widgets import Checkbox, Input, TabbedContent, TabPane
from textual.worker import Worker

from core.pictures import quadratic
from tui.screens.browsing import BrowsingActions
from tui.screens.experiments import ExperimentActions
from tui.screens.keys import DASHBOARD_KEYS
from tui.session.pace import FRAME_RATE, LOW_BANDWIDTH_FRAME_RATE, LOW_BANDWIDTH_LOG_RATE, TICK_BUDGET, TICK_RATE
from tui.session.runner import Runner, State
from tui.session.settings import SPEEDS, Settings, speed_label
from tui.session.status import Frame, StatusView
from tui.views.fit_view import FitView
from tui.views.loss_chart import LossChart
from tui.views.loss_curve import LossCurveView
from tui.views.surface_view import SurfaceView
from tui.views.sweep_view import SweepView
from tui.widgets.lean_footer import LeanFooter
from tui.widgets.log_pane import LogPane
from tui.widgets.message_bar import MessageBar
from tui.widgets.run_form import RunForm
from tui.widgets.runs_table import RunsTable
from tui.widgets.speed_control import SpeedControl
from tui.widgets.status_panel import StatusPanel
from tui.widgets.transcript_log import TranscriptLog

__all__ = ["VIEWS", "DashboardScreen"]

#: The views, in key order: (pane id, tab label).
VIEWS = (
    ("view-loss", "1 Loss"),
    ("view-curve", "2 Curve"),
    ("view-fit", "3 Fit"),
    ("view-surface", "4 Surface"),
    ("view-runs", "5 Runs"),
)


class DashboardScreen(ExperimentActions, BrowsingActions):
    """Watch gradient descent on a data set, steered from the keyboard (the keys are in tui.screens.keys)."""

    # Outside the form, so the keys a newcomer tries first (enter, space, q,
    # ?, 1-4) do what the footer says; f or tab goes into the form, esc out.
    AUTO_FOCUS = "#log"

    BINDINGS = DASHBOARD_KEYS

    #: The runner's state, mirrored so that the footer re-checks which keys apply.
    state: var[State] = var("ready", bindings=True)
    #: Bumped whenever the run has something new to show (at most frame_rate a second while running).
    revision: var[int] = var(0)
    #: The iteration every view shows while browsing; ``None`` follows the newest step.
    cursor: var[int | None] = var(None, bindings=True)
    log_y: var[bool] = var(False)
    speed_index: var[int] = var(0, bindings=True)
    #: Whether the form's train-b box is ticked (the views' picture before a run has its own).
    form_bias: var[bool] = var(False)
    #: Whether some form field does not parse (ctrl+r then restores it, so the key applies).
    form_invalid: var[bool] = var(False, bindings=True)
    #: The form's iterations while they parse: the status's "– / N" before a run.
    form_iterations: var[int] = var(0)
    frame: var[Frame | None] = var(None)
    status: var[StatusView | None] = var(None)

    def __init__(self, settings: Settings, *, clock: bool = True, speed: int | None = 1) -> None:
        """``clock=False`` leaves stepping to the caller (:meth:`tick`), for deterministic tests."""
        super().__init__()
        self.settings, self.runner, self.clock = settings, Runner(settings.dataset), clock
        self.set_reactive(DashboardScreen.speed_index, SPEEDS.index(speed))
        self.set_reactive(DashboardScreen.form_bias, settings.train_bias)
        self.set_reactive(DashboardScreen.form_iterations, settings.iterations)
        self._last_frame = 0.0
        self._flat_out: Worker[None] | None = None
        self.frame_rate = LOW_BANDWIDTH_FRAME_RATE if settings.low_bandwidth else FRAME_RATE

    def compose(self) -> ComposeResult:
        runner, dataset = self.runner, self.settings.dataset
        surface = quadratic(dataset)
        views = (
            LossChart(runner.history, overlay=self.overlay_runs, id="loss-chart"),
            LossCurveView(surface, runner.history, overlay=self.overlay_runs, id="loss-curve"),
            FitView(dataset, runner.history, id="fit"),
            SurfaceView(surface, runner.history, runner.best(True), overlay=self.overlay_runs, id="surface"),
            # View 5: the kept runs, and their final loss against lr beneath.
            (RunsTable(runner.book, id="runs"), SweepView(dataset, runner.book, id="sweep")),
        )
        with Horizontal(id="main"):
            # Not focusable itself: tab goes from the log straight to the first field.
            with VerticalScroll(id="side", can_focus=False):
                yield RunForm(self.settings.run_config(), SPEEDS[self.speed_index], id="form")
                yield StatusPanel(id="status").data_bind(DashboardScreen.status)
            with Vertical(id="stage"):
                with TabbedContent(id="views"):
                    for (pane, label), shown in zip(VIEWS, views):
                        with TabPane(label, id=pane):
                            for view in shown if isinstance(shown, tuple) else (shown,):
                                yield view.data_bind(DashboardScreen.frame)
                with LogPane(id="log-pane"):
                    yield TranscriptLog(runner, id="log").data_bind(DashboardScreen.frame)
        yield MessageBar(id="message").data_bind(DashboardScreen.status, DashboardScreen.form_invalid)
        yield LeanFooter()

    def on_mount(self) -> None:
        self.sub_title = self.settings.source
        if self.settings.low_bandwidth:
            # A blinking cursor is a repaint twice a second for nothing.
            self.query_one(TranscriptLog).rate = LOW_BANDWIDTH_LOG_RATE
            for field in self.query(Input):
                field.cursor_blink = False
        self.publish()
        if self.clock:
            self.set_interval(1 / TICK_RATE, self._clock_tick)

    # --------------------------------------------------------------- derived state
    # Textual recomputes these whenever any reactive of the screen changes;
    # the bound widgets hear of it only when the value differs.
    def compute_frame(self) -> Frame:
        return Frame.of(self.runner, cursor=self.cursor, train_bias=self.form_bias, log_y=self.log_y, overlay=self.overlay)

    def compute_status(self) -> StatusView:
        return StatusView.of(
            self.runner,
            cursor=self.cursor,
            train_bias=self.form_bias,
            total=self.form_iterations,
            speed=speed_label(SPEEDS[self.speed_index]),
            low_bandwidth=self.settings.low_bandwidth,
        )

    def publish(self) -> None:
        """Show the runner as it is now: its state, and a new revision for everything drawn from it."""
        self._last_frame = time.monotonic()
        self.state = self.runner.state
        self.revision += 1

    # -------------------------------------------------------------------- stepping
    def _clock_tick(self) -> None:
        if SPEEDS[self.speed_index] is not None:
            self.tick()
        elif self.runner.moving and (self._flat_out is None or self._flat_out.is_finished):
            self._flat_out = self.run_worker(self._run_flat_out(), group="max-speed", exclusive=True)

    async def _run_flat_out(self) -> None:
        """Max speed: tick back to back, yielding to the event loop between ticks.

        The 30 Hz timer would leave the processor idle between ticks; here the
        next tick waits only for what arrived meanwhile (keys, paints), so keys
        are still answered within one tick's budget.
        """
        runner = self.runner
        while self.app.is_running and SPEEDS[self.speed_index] is None and runner.moving:
            self.tick()
            # A millisecond, not a bare yield: a key passes through several
            # tasks (driver, app, screen, widget) before its action runs, and
            # each bare yield would cost it a whole tick.
            await asyncio.sleep(0.001)

    def tick(self) -> None:
        """Advance a running run by one tick's worth of steps; show it at the capped rate, or at once when it stops."""
        runner = self.runner
        # A sweep's other runs go on after the steered one has ended.
        if not runner.moving:
            return
        runner.advance(SPEEDS[self.speed_index], TICK_BUDGET)
        if not runner.moving or time.monotonic() - self._last_frame >= 1 / self.frame_rate:
            self.publish()

    # --------------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the keys that do nothing in the current state."""
        state, live = self.runner.state, self.runner.live
        applies = {
            "toggle_pause": live,
            "step": live and state in ("paused", "diverged"),
            "reset": state != "ready" or self.form_invalid,
            "edit": not self.in_form(),
            "leave_form": self.in_form(),
            "speed": self.speed_index < len(SPEEDS) - 1 if parameters == (1,) else self.speed_index > 0,
            **dict.fromkeys(("browse", "browse_to"), self.can_browse()),
        }
        if action in ("edit", "leave_form"):  # one of the two, whichever applies: the other is hidden
            return applies[action]
        return True if applies.get(action, True) else None

    def action_run(self) -> None:
        """Start a new run with the form's values, if they are valid."""
        config = self.query_one(RunForm).read()
        if config is None:
            return
        self.runner.start(config)
        self.cursor = None
        # Single-key bindings work outside the form, so the learner can pause at once.
        self.action_leave_form()
        self.publish()

    def action_toggle_pause(self) -> None:
        """Pause a running run, or resume a paused one (with the form's lr)."""
        runner = self.runner
        if runner.state == "running":
            runner.pause()
        elif runner.live:
            lr = self.query_one(RunForm).read_lr()
            if lr is None:
                return
            runner.resume(lr)
            self.cursor = None  # resuming continues from the newest step
        self.publish()

    def action_step(self) -> None:
        """Take one step while paused, with the form's lr (as resuming does)."""
        lr = self.query_one(RunForm).read_lr()
        if lr is None:
            return
        self.cursor = None
        self.runner.step_once(lr)
        self.publish()

    def action_reset(self) -> None:
        """Forget the run; the form keeps its values, with invalid ones restored."""
        self.query_one(RunForm).restore()
        self.runner.reset()
        self.cursor = None
        self.publish()

    def action_log_y(self) -> None:
        """Toggle the loss chart's logarithmic y axis."""
        self.log_y = not self.log_y

    def action_speed(self, delta: int) -> None:
        """More (``delta`` 1) or fewer (-1) steps per tick, within the choices."""
        self.speed_index = min(max(self.speed_index + delta, 0), len(SPEEDS) - 1)

    def watch_speed_index(self, index: int) -> None:
        if self.is_mounted:
            self.query_one(RunForm).set_speed(SPEEDS[index])

    @on(SpeedControl.Changed, "#field-speed")
    def _speed_picked(self, event: SpeedControl.Changed) -> None:
        self.speed_index = event.value

    @on(Checkbox.Changed, "#field-bias")
    def _bias_picked(self, event: Checkbox.Changed) -> None:
        self.form_bias = event.value

    @on(Input.Changed)
    def _field_changed(self) -> None:
        form = self.query_one(RunForm)
        self.form_invalid = bool(form.invalid())
        self.form_iterations = form.iterations() or self.form_iterations

    def action_view(self, pane: str) -> None:
        """Show the view in tab ``pane`` (its id); the runs table takes the keys while shown (↑/↓, enter, s)."""
        self.query_one(TabbedContent).active = pane
        table = self.query_one(RunsTable)
        if pane == "view-runs":
            self.set_focus(table)
        elif self.focused is table:
            self.action_leave_form()  # back to the log, where ←/→ browse

    def in_form(self) -> bool:
        """Whether focus is in the form (where keys type, and esc leaves)."""
        focused = self.focused
        return focused is not None and self.query_one(RunForm) in focused.ancestors_with_self

    def action_edit(self) -> None:
        """Go into the form, at the lr field."""
        # set_focus, not widget.focus(): at once, so the keys typed next land in the field.
        self.set_focus(self.query_one("#field-lr"))

    def action_leave_form(self) -> None:
        """Move focus out of the form, to the log, so single-key bindings apply."""
        self.set_focus(self.query_one(TranscriptLog))

    def action_help(self) -> None:
        """Show the help screen."""
        # Imported when first asked for: its Markdown parser is a tenth of the start-up.
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
