"""The gd-tui dashboard: a thin layer of widgets and key bindings over :class:`tui.runner.Runner`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.worker import Worker
from textual.widgets import Input

from tui.cli import Settings
from tui.key_bar import KeyBar
from tui.run_form import SPEEDS, RunForm, speed_label
from tui.run_config import RunConfig
from tui.speed_control import SpeedControl
from tui.status_panel import StatusPanel, StatusView

if TYPE_CHECKING:  # imported after the first frame: they bring numpy, the views and plotting
    from core import Optimum
    from tui.runner import Runner
    from tui.stage import Stage
    from tui.view_tabs import ViewTabs

__all__ = ["GradientDescentApp", "TICK_RATE", "TICK_BUDGET", "FRAME_RATE", "LOG_RATE"]

#: Ticks per second: one step per tick animates the book's 100 iterations in ~3 s.
TICK_RATE = 30.0
#: Seconds of stepping per tick at most, so keys are answered well within 100 ms.
TICK_BUDGET = 0.015
#: Redraws per second at most while running (status, log and chart).
FRAME_RATE = 10.0
#: The log scrolls its whole pane on every redraw, the costliest repaint in
#: bytes (every line moves); nobody reads 30 lines a second, so it redraws at
#: half the rate while a run is going, and at once when anything else happens.
LOG_RATE = 5.0

_VIEW_KEYS = Binding.Group("View")
_BROWSE_KEYS = Binding.Group("Browse")


class GradientDescentApp(App[int]):
    """Watch gradient descent on a data set, steered from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "gd-tui"
    # Every action has a key; the palette would only take key-bar room at 80 columns.
    ENABLE_COMMAND_PALETTE = False
    # Straight to the lr field: Textual's default ("*") would first focus the
    # side panel's scroll container, and each focus change restyles a subtree.
    AUTO_FOCUS = "#field-lr"

    BINDINGS = [
        Binding("enter", "run", "Run"),
        Binding("r", "run", "Run", show=False),
        Binding("space", "toggle_pause", "Pause/Resume"),
        Binding("n", "step", "Step"),
        Binding("ctrl+r", "reset", "Reset"),
        # Help and quit early: at 80 columns the key bar cannot show every key.
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("l", "log_y", "Log y"),
        Binding("plus", "faster", "Faster", key_display="+"),
        Binding("minus", "slower", "Slower", key_display="-"),
        Binding("escape", "leave_form", "Leave form", key_display="esc"),
        Binding("1", "view(0)", "Loss/iteration", group=_VIEW_KEYS),
        Binding("2", "view(1)", "Loss curve", group=_VIEW_KEYS),
        Binding("3", "view(2)", "Fit", group=_VIEW_KEYS),
        Binding("4", "view(3)", "Surface", group=_VIEW_KEYS),
        Binding("left", "browse(-1)", "Back", group=_BROWSE_KEYS),
        Binding("right", "browse(1)", "Forward", group=_BROWSE_KEYS),
        Binding("home", "browse_to('first')", "First", group=_BROWSE_KEYS),
        Binding("end", "browse_to('newest')", "Newest", group=_BROWSE_KEYS),
    ]

    speed_index: reactive[int] = reactive(0)
    log_y: reactive[bool] = reactive(False)
    #: The iteration every view shows while browsing; ``None`` follows the newest step.
    cursor: reactive[int | None] = reactive(None)
    view: reactive[int] = reactive(0)

    def __init__(
        self, settings: Settings, *, clock: bool = True, speed: int | None = 1, on_started: Callable[[], None] | None = None
    ) -> None:
        """``clock=False`` leaves stepping to the caller (:meth:`tick`), for deterministic tests.

        ``on_started`` is called once the whole dashboard is mounted (the
        command uses it to end its start-up pause of the garbage collector).
        """
        super().__init__()
        self._on_started = on_started
        self.settings = settings
        # Made on first use (see the runner property), after the first frame.
        self._runner: Runner | None = None
        self._best: dict[bool, Optimum] = {}
        self.clock = clock
        self.initial = RunConfig(settings.lr, settings.iterations, settings.train_bias, settings.tolerance)
        self.set_reactive(GradientDescentApp.speed_index, SPEEDS.index(speed))
        self._last_frame = 0.0
        self._last_log = 0.0
        self._flat_out: Worker[None] | None = None
        # Watchers act only once what they touch exists: the form and status
        # after on_mount, the views and log once _build_stage has mounted them.
        # (App.is_mounted is a method about other widgets, not a flag.)
        self._form_ready = False
        self._stage: Stage | None = None

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with VerticalScroll(id="side") as side:
                side.can_focus = False  # scrolls with the mouse; tab goes straight to the fields
                yield RunForm(self.initial, SPEEDS[self.speed_index], id="form")
                yield StatusPanel(id="status")
            # The stage (views and log) joins #main once the first frame is out (see on_mount).
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.settings.source
        self._form_ready = True
        self.query_one(StatusPanel).show(self.status_view())
        # The form and the status come first: they are what a learner reads
        # and types into, and every widget styled before the first frame
        # delays it. The views and the log follow a frame later.
        self.call_after_refresh(self._build_stage)

    async def _build_stage(self) -> None:
        from tui.stage import Stage

        stage = Stage(self.runner, self.settings.dataset, self._best[True], self.view, id="stage")
        await self.query_one("#main").mount(stage)
        self._stage = stage
        if self.focused is None:  # a run started before the log existed
            stage.transcript.focus()
        if self.clock:
            self.set_interval(1 / TICK_RATE, self._clock_tick)
        self.refresh_views()
        if self._on_started is not None:
            self._on_started()

    @property
    def stage_ready(self) -> bool:
        """Whether the views and the log are mounted (a frame after the form)."""
        return self._stage is not None

    def on_resize(self, event: events.Resize) -> None:
        # The event's size: self.size may not be updated yet when this runs.
        # On #main, not self.screen: the help screen may be the current screen.
        self.query_one("#main").set_class(event.size.width < 100, "-narrow")

    # --------------------------------------------------------------- stepping
    def _clock_tick(self) -> None:
        if SPEEDS[self.speed_index] is not None:
            self.tick()
        elif self.runner.state == "running" and (self._flat_out is None or self._flat_out.is_finished):
            self._flat_out = self.run_worker(self._run_flat_out(), group="max-speed", exclusive=True)

    async def _run_flat_out(self) -> None:
        """Max speed: tick back to back, yielding to the event loop between ticks.

        The 30 Hz timer would leave the processor idle between ticks; here the
        next tick waits only for what arrived meanwhile (keys, paints), so keys
        are still answered within one tick's budget.
        """
        # is_running turns False first thing at shutdown, before widgets go.
        while self.is_running and SPEEDS[self.speed_index] is None and self.runner.state == "running":
            self.tick()
            # A millisecond, not a bare yield: a key passes through several
            # tasks (driver, app, screen, widget) before its action runs, and
            # each bare yield would cost it a whole tick.
            await asyncio.sleep(0.001)

    def tick(self) -> None:
        """Advance a running run by one tick's worth of steps and redraw at the capped rate."""
        runner = self.runner
        if runner.state != "running":
            return
        runner.advance(SPEEDS[self.speed_index], TICK_BUDGET)
        now = time.monotonic()
        if runner.state != "running":
            self._state_changed()
        elif now - self._last_frame >= 1 / FRAME_RATE:
            self.refresh_views(log=now - self._last_log >= 1 / LOG_RATE)

    @property
    def runner(self) -> Runner:
        """The run controller, made on first use.

        Making it imports numpy and builds the data set, ~50 ms that the first
        frame does not wait for: nothing on it needs the runner (before the
        first run every number shows "–"). The stage, mounted a frame later,
        is its first user, unless a key gets there sooner.
        """
        if self._runner is None:
            from core import optimum
            from tui.runner import Runner

            dataset = self.settings.dataset
            self._best = {bias: optimum(dataset, bias) for bias in (False, True)}
            self._runner = Runner(dataset)
        return self._runner

    def shown_iteration(self) -> int | None:
        """The iteration the views show: the cursor while browsing, else the newest."""
        if self._runner is None or self._runner.done == 0:
            return None
        return self.cursor if self.cursor is not None else self._runner.done - 1

    def refresh_views(self, *, log: bool = True) -> None:
        """Redraw the status, the log and the visible view from the runner and the cursor."""
        self._last_frame = time.monotonic()
        if log:
            self._last_log = self._last_frame
        index = self.shown_iteration()
        self.query_one(StatusPanel).show(self.status_view())
        if self._stage is None:
            return
        runner = self.runner
        train_bias = runner.config.train_bias if runner.config else self.query_one(RunForm).train_bias()
        self._stage.redraw(index=index, cursor=self.cursor, train_bias=train_bias, log_y=self.log_y, log=log)

    def status_view(self) -> StatusView:
        """What the status panel shows now (at the cursor while browsing)."""
        speed = speed_label(SPEEDS[self.speed_index])
        if self._runner is None:
            return StatusView.before_start(
                self.settings.source, self.settings.rows, self.initial.iterations, speed, self.initial.train_bias
            )
        config = self.runner.config
        train_bias = config.train_bias if config else self.initial.train_bias
        return StatusView.of(
            self.runner,
            self.shown_iteration(),
            best=self._best[train_bias],
            train_bias=train_bias,
            total=config.iterations if config else self.initial.iterations,
            speed=speed,
            browsing=self.cursor is not None,
        )

    # ---------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the keys that do nothing in the current state."""
        # Asked while the first frame is drawn too: no runner yet means "ready".
        state = self._runner.state if self._runner else "ready"
        live = self._runner.live if self._runner else False
        if action == "toggle_pause":
            return True if live else None
        if action == "step":
            return True if live and state in ("paused", "diverged") else None
        if action == "reset":
            return True if state != "ready" else None
        if action == "faster":
            return True if self.speed_index < len(SPEEDS) - 1 else None
        if action == "slower":
            return True if self.speed_index > 0 else None
        if action in ("browse", "browse_to"):
            return True if self.can_browse() else None
        return True

    def can_browse(self) -> bool:
        """Going back in time is for a run that is not moving: paused or ended."""
        return self._runner is not None and self._runner.state != "running" and self._runner.done > 0

    def action_run(self) -> None:
        """Start a new run with the form's values, if they are valid."""
        config = self.query_one(RunForm).read()
        if config is None:
            return
        self.runner.start(config)
        self.cursor = None
        # Single-key bindings work outside the form, so the learner can pause at once.
        self._leave_form()
        self._state_changed()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_run()

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
        self._state_changed()

    def action_step(self) -> None:
        """Take one step while paused."""
        self.cursor = None
        self.runner.step_once()
        self._state_changed()

    def action_reset(self) -> None:
        """Forget the run; the form keeps its values."""
        self.runner.reset()
        self.cursor = None
        self._state_changed()

    def _state_changed(self) -> None:
        # Redraw everything at once (not at the capped rate) and re-check
        # which keys apply, so the key bar dims the right ones.
        self.refresh_views()
        self.refresh_bindings()

    def action_log_y(self) -> None:
        """Toggle the loss chart's logarithmic y axis."""
        self.log_y = not self.log_y

    def watch_log_y(self) -> None:
        if self.stage_ready:
            self.refresh_views()

    def action_faster(self) -> None:
        """More steps per tick."""
        self.speed_index = min(self.speed_index + 1, len(SPEEDS) - 1)

    def action_slower(self) -> None:
        """Fewer steps per tick."""
        self.speed_index = max(self.speed_index - 1, 0)

    def watch_speed_index(self, index: int) -> None:
        if self._form_ready:
            self.query_one(RunForm).set_speed(SPEEDS[index])
            self.query_one(StatusPanel).show(self.status_view())
            self.refresh_bindings()

    @on(SpeedControl.Changed, "#field-speed")
    def _speed_picked(self, event: SpeedControl.Changed) -> None:
        self.speed_index = event.value

    def action_view(self, index: int) -> None:
        """Show view ``index`` (0-based: loss per iteration, curve, fit, surface)."""
        self.view = index

    def watch_view(self, index: int) -> None:
        if self._stage is not None:
            self._stage.show(index)
            # After the switch is laid out, so the view is built at its real size.
            self.call_after_refresh(self.refresh_views)

    def on_view_tabs_picked(self, event: ViewTabs.Picked) -> None:
        # By name rather than @on(ViewTabs.Picked): the decorator would import
        # tui.view_tabs before the first frame.
        self.view = event.index

    def action_browse(self, delta: int) -> None:
        """Move the cursor ``delta`` iterations through the recorded history."""
        if not self.can_browse():
            return
        newest = self.runner.done - 1
        current = self.cursor if self.cursor is not None else newest
        self.cursor = min(max(current + delta, 0), newest)

    def action_browse_to(self, where: str) -> None:
        """Jump the cursor to the ``first`` iteration or back to the ``newest``."""
        if self.can_browse():
            self.cursor = 0 if where == "first" else None

    def watch_cursor(self) -> None:
        if self.stage_ready:
            self.refresh_views()

    def action_leave_form(self) -> None:
        """Move focus out of the form so single-key bindings apply."""
        self._leave_form()

    def _leave_form(self) -> None:
        if self._stage is not None:
            self._stage.transcript.focus()
        else:  # no log yet: nothing focused still lets single keys through
            self.screen.set_focus(None)

    def action_help(self) -> None:
        """Show the help screen."""
        # Imported on demand: its Markdown widget costs start-up time.
        from tui.help_screen import HelpScreen

        self.push_screen(HelpScreen())
