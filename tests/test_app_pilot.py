"""The dashboard driven like a person would: keys through Textual's Pilot.

The app is built with ``clock=False`` so nothing steps on a wall-clock timer:
each test advances the run itself with :meth:`GradientDescentApp.tick`, which
makes every run deterministic however slow the machine is. Key presses and
focus changes cost real time in Textual, so related checks share one app.
"""

from __future__ import annotations

import io

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, ContentSwitcher, Input, Label, Static

import core
from appkit import stage_built, started
from core.headless import write_transcript
from helpers import collect
from tui.app import GradientDescentApp
from tui.cli import Settings
from tui.help_screen import HelpScreen
from tui.run_form import SPEEDS
from tui.runner import RISING_LIMIT
from tui.speed_control import SpeedControl
from tui.transcript_log import TranscriptLog

SIZE = (120, 40)
#: Far more ticks than any run here needs: a stuck run fails instead of hanging.
MAX_TICKS = 20_000
FIELDS = ("lr", "iterations", "tolerance")


# --------------------------------------------------------------------- helpers
def make_app(
    dataset: core.Dataset,
    lr: float = 0.001,
    iterations: int = 100,
    train_bias: bool = False,
    tolerance: float | None = None,
    speed: int | None = 1,
) -> GradientDescentApp:
    """The dashboard without its clock, prefilled as ``gd-tui`` flags would."""
    return GradientDescentApp(Settings(dataset, lr, iterations, train_bias, tolerance), clock=False, speed=speed)


def ticks(app: GradientDescentApp, count: int) -> None:
    """Advance ``count`` ticks (at speed 1/tick: ``count`` iterations)."""
    for _ in range(count):
        app.tick()


async def run_to_end(app: GradientDescentApp, pilot: Pilot) -> str:
    """Tick until the run stops ``running`` (finished, converged, paused itself); return the state."""
    for _ in range(MAX_TICKS):
        if app.runner.state != "running":
            break
        app.tick()
    else:
        pytest.fail(f"run still running after {MAX_TICKS} ticks ({app.runner.done} iterations)")
    await pilot.pause()
    return app.runner.state


def headless(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool, tolerance: float | None) -> str:
    """What ``gd-tui --headless`` prints for these settings."""
    out = io.StringIO()
    run = core.descend(dataset, lr, iterations, train_bias=train_bias, tolerance=tolerance)
    write_transcript(run, out, train_bias=train_bias)
    return out.getvalue()


def log_text(app: GradientDescentApp) -> str:
    return app.query_one(TranscriptLog).text()


def field(app: GradientDescentApp, name: str) -> Input:
    return app.query_one(f"#field-{name}", Input)


def form_values(app: GradientDescentApp) -> dict[str, str]:
    return {name: field(app, name).value for name in FIELDS}


def set_form(app: GradientDescentApp, **values: str) -> None:
    """Fill fields directly (setup only; the keys are tested elsewhere)."""
    for name, text in values.items():
        field(app, name).value = text


def error_text(app: GradientDescentApp, name: str) -> str:
    """The error label beside field ``name``, or "" when it is hidden."""
    label = app.query_one(f"#error-{name}", Label)
    return str(label.render()) if label.display else ""


async def type_into(pilot: Pilot, app: GradientDescentApp, name: str, text: str) -> None:
    """Focus field ``name`` (which selects its text) and type ``text`` over it."""
    field(app, name).focus()
    await pilot.pause()
    if text:
        await pilot.press(*text)
    else:
        await pilot.press("backspace")
    assert field(app, name).value == text


def focused_id(app: GradientDescentApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def enabled(app: GradientDescentApp, action: str) -> bool:
    return bool(app.check_action(action, ()))


# ------------------------------------------------------------------ start-up
async def test_start_focuses_lr_with_book_defaults_and_enter_runs(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        assert focused_id(app) == "field-lr"
        assert form_values(app) == {"lr": "0.001", "iterations": "100", "tolerance": ""}
        assert app.query_one("#field-bias", Checkbox).value is False
        assert app.query_one("#field-speed", SpeedControl).value == 0
        assert app.runner.state == "ready"
        await pilot.press("enter")
        assert app.runner.state == "running"
        config = app.runner.config
        assert config is not None
        assert (config.lr, config.iterations, config.train_bias, config.tolerance) == (0.001, 100, False, None)
        assert focused_id(app) == "log"  # single keys work at once


# --------------------------------------------------------- log == headless
@pytest.mark.parametrize(
    ("lr", "iterations", "train_bias", "tolerance", "end"),
    [
        pytest.param(0.001, 100, False, None, "finished", id="book-w-only"),
        pytest.param(0.001, 300, True, None, "finished", id="bias-300"),
        pytest.param(0.001, 1000, False, 1e-6, "converged", id="tolerance"),
    ],
)
async def test_log_equals_headless_transcript(
    pizza: core.Dataset, lr: float, iterations: int, train_bias: bool, tolerance: float | None, end: str
) -> None:
    app = make_app(pizza, lr, iterations, train_bias, tolerance, speed=10)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == end
        assert log_text(app) + "\n" == headless(pizza, lr, iterations, train_bias, tolerance)
        if end == "converged":
            assert "converged" in app.runner.message.lower()
            assert app.runner.done < iterations
        else:
            assert app.runner.done == iterations
        if not train_bias and tolerance is None:  # the book's published run
            lines = log_text(app).splitlines()
            assert lines[0] == "Iteration    0 => Loss: 812.8666666667"
            assert lines[-2:] == ["", "w=1.8436928702"]


async def test_bias_checkbox_and_enter_in_iterations_field(pizza: core.Dataset) -> None:
    """Values typed into the form are what runs; enter in the iterations field runs."""
    app = make_app(pizza, speed=100)
    async with started(app, SIZE) as pilot:
        app.query_one("#field-bias", Checkbox).focus()
        await pilot.press("space")
        assert app.query_one("#field-bias", Checkbox).value is True
        assert app.runner.state == "ready"  # space toggled the box, not a run
        await type_into(pilot, app, "iterations", "300")
        await pilot.press("enter")
        assert app.runner.state == "running"
        await run_to_end(app, pilot)
        assert log_text(app) + "\n" == headless(pizza, 0.001, 300, True, None)


# ------------------------------------------------------------------- keys
async def test_enter_and_r_restart_from_the_log(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=20)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        assert (app.runner.state, app.runner.done) == ("finished", 20)
        assert focused_id(app) == "log"
        for key in ("r", "enter"):
            await pilot.press(key)
            assert (app.runner.state, app.runner.done) == ("running", 0), key
            ticks(app, 3)
            assert app.runner.done == 3, key


async def test_space_pauses_and_resumes_and_n_steps_once(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=12)
    async with started(app, SIZE) as pilot:
        await pilot.press("escape", "space", "n")  # nothing to pause or step yet
        assert (app.runner.state, app.runner.done) == ("ready", 0)
        await pilot.press("enter")
        ticks(app, 4)
        await pilot.press("n")  # greyed out while running
        assert (app.runner.state, app.runner.done) == ("running", 4)
        await pilot.press("space")
        assert app.runner.state == "paused"
        ticks(app, 5)
        assert app.runner.done == 4  # a paused run does not advance
        for expected in (5, 6):
            await pilot.press("n")
            assert (app.runner.state, app.runner.done) == ("paused", expected)
        assert log_text(app).splitlines()[-1].startswith("Iteration    5 => ")
        await pilot.press("space")
        assert app.runner.state == "running"
        ticks(app, 5)
        assert app.runner.done == 11
        await pilot.press("space", "n")  # the last iteration, by one step
        assert app.runner.state == "finished"
        assert log_text(app) + "\n" == headless(pizza, 0.001, 12, False, None)


async def test_ctrl_r_resets_and_keeps_the_form(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        set_form(app, lr="0.002", iterations="50", tolerance="1e-9")
        await pilot.press("enter")
        ticks(app, 3)
        assert (app.runner.state, app.runner.done) == ("running", 3)
        await pilot.press("ctrl+r")
        assert app.runner.state == "ready"
        assert app.runner.done == 0 and len(app.runner.history) == 0
        assert app.runner.last is None and app.runner.config is None
        assert log_text(app) == ""
        assert form_values(app) == {"lr": "0.002", "iterations": "50", "tolerance": "1e-9"}
        assert not enabled(app, "reset")


async def test_escape_leaves_the_form_then_l_and_r_work(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=30)
    async with started(app, SIZE) as pilot:
        await pilot.press("escape")
        assert focused_id(app) == "log"
        assert field(app, "lr").value == "0.001"
        await pilot.press("l")
        assert app.log_y is True
        await pilot.press("r")
        assert app.runner.state == "running"
        await run_to_end(app, pilot)  # the chart draws on a log axis without trouble
        await pilot.press("l")
        assert app.log_y is False


async def test_plus_minus_change_speed_within_bounds(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=1000)
    async with started(app, SIZE) as pilot:
        select = app.query_one("#field-speed", SpeedControl)
        top = len(SPEEDS) - 1
        await pilot.press("escape", "minus")
        assert (app.speed_index, select.value) == (0, 0)
        for expected in [*range(1, top + 1), top]:  # one press past the top
            await pilot.press("plus")
            assert (app.speed_index, select.value) == (expected, expected)
        assert app.status_view().speed == "max"
        for expected in [*range(top - 1, -1, -1), 0]:  # one press past the bottom
            await pilot.press("minus")
            assert (app.speed_index, select.value) == (expected, expected)
        assert app.status_view().speed == "1/tick"
        await pilot.press("plus", "plus", "enter")  # 100 steps per tick (within a time budget)
        assert SPEEDS[app.speed_index] == 100
        ticks(app, 3)
        assert 3 < app.runner.done <= 300


async def test_help_opens_and_closes_and_q_quits(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        # q on the help screen closes the help, not the app.
        await pilot.press("question_mark", "q")
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code in (None, 0)


async def test_form_comes_first_and_a_run_started_before_the_views_goes_on(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with app.run_test(size=SIZE) as pilot:
        # The first frame holds the form and the status; the views and the log follow.
        assert not app.stage_ready and not app.query("#log")
        assert focused_id(app) == "field-lr"
        app.action_run()  # as if enter came before the second frame
        assert app.runner.state == "running" and app.focused is None
        await stage_built(pilot)
        assert focused_id(app) == "log"  # single keys still reach the app
        ticks(app, 5)
        app.refresh_views()
        assert app.query_one(TranscriptLog).text().splitlines()[-1].startswith("Iteration    4 => Loss: ")


# ------------------------------------------------------------ check_action
async def test_check_action_greys_keys_by_state(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=20)
    async with started(app, SIZE) as pilot:
        assert not enabled(app, "toggle_pause") and not enabled(app, "step") and not enabled(app, "reset")
        assert enabled(app, "run") and enabled(app, "quit") and enabled(app, "help")
        assert enabled(app, "faster") and not enabled(app, "slower")
        await pilot.press("enter")
        assert enabled(app, "toggle_pause") and not enabled(app, "step") and enabled(app, "reset")
        await pilot.press("space")
        assert enabled(app, "toggle_pause") and enabled(app, "step") and enabled(app, "reset")
        await pilot.press("space")
        assert await run_to_end(app, pilot) == "finished"
        assert not enabled(app, "toggle_pause") and not enabled(app, "step") and enabled(app, "reset")
        await pilot.press("space", "n")  # both do nothing now
        assert (app.runner.state, app.runner.done) == ("finished", 20)
        app.speed_index = len(SPEEDS) - 1
        assert not enabled(app, "faster") and enabled(app, "slower")


# ---------------------------------------------------------- keys in fields
async def test_keys_in_lr_field_are_typed_not_bound(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        view = app.query_one(ContentSwitcher).current
        await pilot.press("end", "5")
        assert field(app, "lr").value == "0.0015"
        assert error_text(app, "lr") == ""
        await pilot.press("1", "2", "3", "4", "r", "n", "l", "q")
        await pilot.pause()
        assert app.is_running
        assert field(app, "lr").value == "0.00151234rnlq"
        assert app.query_one(ContentSwitcher).current == view
        assert (app.runner.state, app.log_y) == ("ready", False)
        assert focused_id(app) == "field-lr"
        assert "learning rate" in error_text(app, "lr")  # checked as typed


# -------------------------------------------------------------- validation
BAD_VALUES = [
    ("lr", "abc", "learning rate"),
    ("lr", "0", "learning rate"),
    ("lr", "-1", "learning rate"),
    ("lr", "nan", "learning rate"),
    ("lr", "", "learning rate"),
    ("iterations", "0", "iterations"),
    ("iterations", "1.5", "iterations"),
    ("iterations", "abc", "iterations"),
    ("iterations", "20000000", "iterations"),
    ("tolerance", "x", "tolerance"),
    ("tolerance", "0", "tolerance"),
]


async def test_invalid_fields_block_the_run(pizza: core.Dataset) -> None:
    """Each bad value: its message beside its field, focus there, nothing typed is lost."""
    good = {"lr": "0.002", "iterations": "250", "tolerance": "1e-7"}
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        for name, text, mentions in BAD_VALUES:
            case = f"{name}={text!r}"
            typed = dict(good, **{name: text})
            set_form(app, **typed)
            # Submit from a different field, so the focus has to move to the bad one.
            field(app, "tolerance" if name != "tolerance" else "lr").focus()
            await pilot.press("enter")
            assert app.runner.state == "ready", case
            assert focused_id(app) == f"field-{name}", case
            message = error_text(app, name)
            assert message and mentions in message, (case, message)
            assert all(error_text(app, other) == "" for other in FIELDS if other != name), case
            assert form_values(app) == typed, case
        # Fixing the last one clears its error and runs.
        await type_into(pilot, app, "tolerance", "1e-7")
        assert error_text(app, "tolerance") == ""
        await pilot.press("enter")
        assert app.runner.state == "running"
        assert app.runner.config is not None and app.runner.config.tolerance == 1e-7


async def test_typed_bad_value_shows_error_then_enter_keeps_ready(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        await type_into(pilot, app, "iterations", "1.5")
        assert "iterations" in error_text(app, "iterations")
        await pilot.press("enter")
        assert (app.runner.state, focused_id(app)) == ("ready", "field-iterations")
        assert form_values(app) == {"lr": "0.001", "iterations": "1.5", "tolerance": ""}


# ------------------------------------------------------- lr changed mid-run
async def test_lr_changed_while_paused_continues_from_current_w(pizza: core.Dataset) -> None:
    iterations, k = 20, 5
    app = make_app(pizza, iterations=iterations)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        ticks(app, k)
        await pilot.press("space")
        assert (app.runner.state, app.runner.done) == ("paused", k)
        await type_into(pilot, app, "lr", "0.002")
        await pilot.press("escape")
        assert focused_id(app) == "log"
        await pilot.press("space")
        assert app.runner.state == "running" and app.runner.lr == 0.002
        assert await run_to_end(app, pilot) == "finished"

        # Independently: k steps at 0.001 from 0, then the rest at 0.002 from there.
        first, before = collect(core.descend(pizza, 0.001, k))
        rest, after = collect(core.descend(pizza, 0.002, iterations - k, w=before.w))
        expected = [core.iteration_line(i, s.loss) for i, s in enumerate(first)]
        expected.append(f"# lr 0.001 -> 0.002 at iteration {k}")
        expected += [core.iteration_line(k + i, s.loss) for i, s in enumerate(rest)]
        expected += ["", core.final_line(after.w, 0.0, False)]
        assert log_text(app).splitlines() == expected
        assert app.runner.history.w[k] == before.w
        assert app.runner.done == iterations
        assert app.runner.outcome is not None and app.runner.outcome.w == after.w


async def test_invalid_lr_on_resume_keeps_paused(pizza: core.Dataset) -> None:
    app = make_app(pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        ticks(app, 3)
        await pilot.press("space")
        set_form(app, lr="fast")
        await pilot.press("space")
        assert (app.runner.state, app.runner.done) == ("paused", 3)
        assert focused_id(app) == "field-lr"
        assert "learning rate" in error_text(app, "lr")
        assert "# lr" not in log_text(app)


async def test_end_messages_count_from_iteration_0_after_lr_change(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=100)
    ends: dict[str, tuple[int, str]] = {}
    async with started(app, SIZE) as pilot:
        for new_lr in ("0.002", "1e6"):
            set_form(app, lr="0.001")
            await pilot.press("escape", "r")
            ticks(app, 10)
            await pilot.press("space")
            set_form(app, lr=new_lr)
            await pilot.press("space")
            if await run_to_end(app, pilot) == "diverged" and app.runner.live:
                await pilot.press("space")  # past the rising-loss pause
                await run_to_end(app, pilot)
            ends[app.runner.state] = (app.runner.done, app.runner.message)
    assert set(ends) == {"finished", "diverged"}
    # The run took 100 iterations, not the 90 after the change ...
    finished_ok = f"Finished {ends['finished'][0]} iterations" in ends["finished"][1]
    # ... and its loss stopped being finite at the recorded count, not 10 fewer.
    diverged_ok = f"at iteration {ends['diverged'][0]}." in ends["diverged"][1]
    assert finished_ok and diverged_ok, ends


# -------------------------------------------------------------- divergence
async def test_rising_loss_pauses_itself_and_names_critical_lr(pizza: core.Dataset) -> None:
    app = make_app(pizza, lr=0.01)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "diverged"
        assert app.runner.live and app.runner.done == RISING_LIMIT + 1
        limit = "%.4g" % core.critical_lr(pizza, False)
        assert limit in app.runner.message
        message = app.query_one("#status-message", Static)
        assert message.display and limit in str(message.render())
        losses = list(app.runner.history.loss)
        assert all(a < b for a, b in zip(losses[1:], losses[2:]))
        assert enabled(app, "toggle_pause") and enabled(app, "step")
        await pilot.press("space")
        assert app.runner.state == "running" and app.runner.message == ""
        assert await run_to_end(app, pilot) == "finished"  # it does not pause itself again
        assert app.runner.done == 100


async def test_non_finite_loss_ends_diverged(pizza: core.Dataset) -> None:
    app = make_app(pizza, lr=1e6)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "diverged"
        assert app.runner.live  # the rising-loss pause comes first
        await pilot.press("space")
        assert await run_to_end(app, pilot) == "diverged"
        _, outcome = collect(core.descend(pizza, 1e6, 100))
        assert outcome.reason == "diverged" and outcome.at is not None
        assert not app.runner.live
        assert f"iteration {outcome.at}" in app.runner.message
        assert "%.4g" % core.critical_lr(pizza, False) in app.runner.message
        assert app.runner.done == outcome.at
        assert not enabled(app, "toggle_pause") and not enabled(app, "step")
        await pilot.press("space", "n")
        assert (app.runner.state, app.runner.done) == ("diverged", outcome.at)
        assert log_text(app) + "\n" == headless(pizza, 1e6, 100, False, None)


async def test_converges_before_the_iteration_limit(pizza: core.Dataset) -> None:
    app = make_app(pizza, iterations=10_000, tolerance=1e-6, speed=1000)
    async with started(app, SIZE) as pilot:
        assert core.parse_tolerance(field(app, "tolerance").value) == 1e-6
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "converged"
        assert 1 < app.runner.done < 10_000
        assert "converged" in app.runner.message.lower()
        assert not enabled(app, "toggle_pause")


async def test_form_prefill_keeps_flag_values_exactly(pizza: core.Dataset) -> None:
    app = make_app(pizza, lr=0.0012345678901, tolerance=1.234567891e-3)
    async with started(app, SIZE) as pilot:
        assert core.parse_lr(field(app, "lr").value) == 0.0012345678901
        assert core.parse_tolerance(field(app, "tolerance").value) == 1.234567891e-3


# ------------------------------------------------------------------ layout
async def test_main_widgets_visible_at_80x24(pizza: core.Dataset) -> None:
    width, height = 80, 24
    app = make_app(pizza, iterations=30)
    async with started(app, (width, height)) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        for selector in ("#form", "#status", "#view-loss", "#log", "#field-lr", "#field-speed"):
            region = app.query_one(selector).region
            assert region.width > 0 and region.height > 0, (selector, region)
            assert region.right <= width and region.bottom <= height, (selector, region)
        assert app.query_one("#log").region.height >= 3
