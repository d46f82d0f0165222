"""The dashboard driven like a person would, part one: start-up, the keys, and the log.

The app is built with ``clock=False`` so nothing steps on a wall-clock timer:
each test advances the run itself with :meth:`GradientDescentApp.tick`, which
makes every run deterministic however slow the machine is. Key presses and
focus changes cost real time in Textual, so related checks share one app.
Runs that go wrong (bad values, lr changes, divergence) are in test_app_runs.py.
"""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, ContentSwitcher

import core
from support.app import (
    enabled,
    error_text,
    field,
    focused_id,
    form_values,
    headless,
    log_text,
    make_app,
    run_to_end,
    set_form,
    started,
    status,
    tick_app,
    type_into,
)
from tui.screens.help import HelpScreen
from tui.session.settings import SPEEDS
from tui.widgets.speed_control import SpeedControl

SIZE = (120, 40)


# ------------------------------------------------------------------ start-up
async def test_start_outside_the_form_with_book_defaults_and_enter_runs(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        assert focused_id(app) == "log"  # the keys a newcomer tries first do what the footer says
        assert form_values(app) == {"lr": "0.001", "iterations": "100", "tolerance": ""}
        assert app.query_one("#field-bias", Checkbox).value is False
        assert app.query_one("#field-speed", SpeedControl).value == 0
        assert app.dashboard.runner.state == "ready"
        await pilot.press("enter")
        assert app.dashboard.runner.state == "running"
        config = app.dashboard.runner.config
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
    app = make_app(lr, iterations, bias=train_bias, tolerance=tolerance, speed=10, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == end
        assert log_text(app) + "\n" == headless(pizza, lr, iterations, train_bias, tolerance)
        if end == "converged":
            assert "converged" in app.dashboard.runner.message.lower()
            assert app.dashboard.runner.done < iterations
        else:
            assert app.dashboard.runner.done == iterations
        if not train_bias and tolerance is None:  # the book's published run
            lines = log_text(app).splitlines()
            assert lines[0] == "Iteration    0 => Loss: 812.8666666667"
            assert lines[-2:] == ["", "w=1.8436928702"]


async def test_bias_checkbox_and_enter_in_iterations_field(pizza: core.Dataset) -> None:
    """Values typed into the form are what runs; enter in the iterations field runs."""
    app = make_app(speed=100, dataset=pizza)
    async with started(app, SIZE) as pilot:
        app.query_one("#field-bias", Checkbox).focus()
        await pilot.press("space")
        assert app.query_one("#field-bias", Checkbox).value is True
        assert app.dashboard.runner.state == "ready"  # space toggled the box, not a run
        await type_into(pilot, app, "iterations", "300")
        await pilot.press("enter")
        assert app.dashboard.runner.state == "running"
        await run_to_end(app, pilot)
        assert log_text(app) + "\n" == headless(pizza, 0.001, 300, True, None)


# ------------------------------------------------------------------- keys
async def test_enter_and_r_restart_from_the_log(pizza: core.Dataset) -> None:
    app = make_app(iterations=20, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("finished", 20)
        assert focused_id(app) == "log"
        for key in ("r", "enter"):
            await pilot.press(key)
            assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("running", 0), key
            tick_app(app, 3)
            assert app.dashboard.runner.done == 3, key


async def test_space_pauses_and_resumes_and_n_steps_once(pizza: core.Dataset) -> None:
    app = make_app(iterations=12, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("escape", "space", "n")  # nothing to pause or step yet
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("ready", 0)
        await pilot.press("enter")
        tick_app(app, 4)
        await pilot.press("n")  # greyed out while running
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("running", 4)
        await pilot.press("space")
        assert app.dashboard.runner.state == "paused"
        tick_app(app, 5)
        assert app.dashboard.runner.done == 4  # a paused run does not advance
        for expected in (5, 6):
            await pilot.press("n")
            assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("paused", expected)
        assert log_text(app).splitlines()[-1].startswith("Iteration    5 => ")
        await pilot.press("space")
        assert app.dashboard.runner.state == "running"
        tick_app(app, 5)
        assert app.dashboard.runner.done == 11
        await pilot.press("space", "n")  # the last iteration, by one step
        assert app.dashboard.runner.state == "finished"
        assert log_text(app) + "\n" == headless(pizza, 0.001, 12, False, None)


async def test_ctrl_r_resets_and_keeps_the_form(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        set_form(app, lr="0.002", iterations="50", tolerance="1e-9")
        await pilot.press("enter")
        tick_app(app, 3)
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("running", 3)
        await pilot.press("ctrl+r")
        assert app.dashboard.runner.state == "ready"
        assert app.dashboard.runner.done == 0 and len(app.dashboard.runner.history) == 0
        assert app.dashboard.runner.last is None and app.dashboard.runner.config is None
        assert log_text(app) == ""
        assert form_values(app) == {"lr": "0.002", "iterations": "50", "tolerance": "1e-9"}
        assert not enabled(app, "reset")


async def test_escape_leaves_the_form_then_l_and_r_work(pizza: core.Dataset) -> None:
    app = make_app(iterations=30, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("escape")
        assert focused_id(app) == "log"
        assert field(app, "lr").value == "0.001"
        await pilot.press("l")
        assert app.dashboard.log_y is True
        await pilot.press("r")
        assert app.dashboard.runner.state == "running"
        await run_to_end(app, pilot)  # the chart draws on a log axis without trouble
        await pilot.press("l")
        assert app.dashboard.log_y is False


async def test_plus_minus_change_speed_within_bounds(pizza: core.Dataset) -> None:
    app = make_app(iterations=1000, dataset=pizza)
    async with started(app, SIZE) as pilot:
        select = app.query_one("#field-speed", SpeedControl)
        top = len(SPEEDS) - 1
        await pilot.press("escape", "minus")
        assert (app.dashboard.speed_index, select.value) == (0, 0)
        for expected in [*range(1, top + 1), top]:  # one press past the top
            await pilot.press("plus")
            assert (app.dashboard.speed_index, select.value) == (expected, expected)
        assert status(app).speed == "max"
        for expected in [*range(top - 1, -1, -1), 0]:  # one press past the bottom
            await pilot.press("minus")
            assert (app.dashboard.speed_index, select.value) == (expected, expected)
        assert status(app).speed == "1/tick"
        await pilot.press("plus", "plus", "enter")  # 100 steps per tick (within a time budget)
        assert SPEEDS[app.dashboard.speed_index] == 100
        tick_app(app, 3)
        assert 3 < app.dashboard.runner.done <= 300


async def test_help_opens_and_closes_and_q_quits(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
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


# ------------------------------------------------------------ check_action
async def test_check_action_greys_keys_by_state(pizza: core.Dataset) -> None:
    app = make_app(iterations=20, dataset=pizza)
    async with started(app, SIZE) as pilot:
        assert not enabled(app, "toggle_pause") and not enabled(app, "step") and not enabled(app, "reset")
        assert enabled(app, "run") and enabled(app, "quit") and enabled(app, "help")
        assert enabled(app, "speed", 1) and not enabled(app, "speed", -1)
        await pilot.press("enter")
        assert enabled(app, "toggle_pause") and not enabled(app, "step") and enabled(app, "reset")
        await pilot.press("space")
        assert enabled(app, "toggle_pause") and enabled(app, "step") and enabled(app, "reset")
        await pilot.press("space")
        assert await run_to_end(app, pilot) == "finished"
        assert not enabled(app, "toggle_pause") and not enabled(app, "step") and enabled(app, "reset")
        await pilot.press("space", "n")  # both do nothing now
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("finished", 20)
        app.dashboard.speed_index = len(SPEEDS) - 1
        assert not enabled(app, "speed", 1) and enabled(app, "speed", -1)


# ---------------------------------------------------------- keys in fields
async def test_keys_in_lr_field_are_typed_not_bound(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        view = app.query_one(ContentSwitcher).current
        await pilot.press("f")  # into the form, at lr
        assert focused_id(app) == "field-lr"
        await pilot.press("end", "5")
        assert field(app, "lr").value == "0.0015"
        assert error_text(app, "lr") == ""
        await pilot.press("1", "2", "3", "4", "r", "n", "l", "q")
        await pilot.pause()
        assert app.is_running
        assert field(app, "lr").value == "0.00151234rnlq"
        assert app.query_one(ContentSwitcher).current == view
        assert (app.dashboard.runner.state, app.dashboard.log_y) == ("ready", False)
        assert focused_id(app) == "field-lr"
        assert "learning rate" in error_text(app, "lr")  # checked as typed


# ------------------------------------------------------------------ layout
async def test_main_widgets_visible_at_80x24(pizza: core.Dataset) -> None:
    width, height = 80, 24
    app = make_app(iterations=30, dataset=pizza)
    async with started(app, (width, height)) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        for selector in ("#form", "#status", "#view-loss", "#log", "#field-lr", "#field-speed"):
            region = app.query_one(selector).region
            assert region.width > 0 and region.height > 0, (selector, region)
            assert region.right <= width and region.bottom <= height, (selector, region)
        assert app.query_one("#log").region.height >= 3
