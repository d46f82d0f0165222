"""What a newcomer meets first: keys that do what the footer says, a form entered on purpose, answers that agree."""

from __future__ import annotations

import core
from support.app import error_text, field, focused_id, log_text, make_app, run_to_end, started, status, ticks
from tui.screens.help import HelpScreen, help_text
from tui.widgets.bias_switch import BiasSwitch

NARROW = (80, 24)


def footer(app: object) -> dict[str, bool]:
    """The footer's keys by description, and whether each is enabled."""
    query = getattr(app, "query")
    return {getattr(key, "description"): not key.has_class("-disabled") for key in query("FooterKey")}


async def test_first_keys_a_newcomer_tries_do_what_the_footer_says() -> None:
    app = make_app(iterations=5)
    async with started(app, NARROW) as pilot:
        shown = footer(app)
        assert shown["Run"] and shown["Help"] and shown["Quit"] and "Form" in shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "2")
        await pilot.pause()
        assert app.dashboard.query_one("#views").active == "view-curve"  # type: ignore[attr-defined]
        assert field(app, "lr").value == "0.001"  # nothing was typed into the form
        await pilot.press("enter")
        assert app.dashboard.runner.state == "running"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_editing_is_a_visible_step_in_and_out() -> None:
    app = make_app()
    async with started(app, NARROW) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert focused_id(app) == "field-lr"
        shown = footer(app)
        assert "Leave form" in shown and "Form" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert focused_id(app) == "log" and "Form" in footer(app)
        await pilot.press("tab")  # tab from outside goes into the form too
        assert focused_id(app) == "field-lr"


async def test_a_field_left_invalid_is_restored_by_ctrl_r() -> None:
    app = make_app()
    async with started(app, NARROW) as pilot:
        await pilot.press("f", "ctrl+u", "2", "q", "escape")
        await pilot.pause()
        assert field(app, "lr").value == "2q"  # nothing typed is lost by leaving
        assert "ctrl+r restores 0.001" in error_text(app, "lr")
        assert footer(app)["Reset"]  # it applies now, though no run is going
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert field(app, "lr").value == "0.001" and error_text(app, "lr") == ""


async def test_the_b_switch_says_on_or_off_space_toggles_and_enter_runs() -> None:
    app = make_app(iterations=3)
    async with started(app) as pilot:
        switch = app.query_one(BiasSwitch)
        assert "off" in str(switch.render()) and "X" not in str(switch.render())
        switch.focus()
        await pilot.press("space")
        assert switch.value is True and "on" in str(switch.render()) and "X" in str(switch.render())
        await pilot.press("enter")
        assert switch.value is True  # enter runs, as from every field
        assert app.dashboard.runner.state == "running"
        config = app.dashboard.runner.config
        assert config is not None and config.train_bias


async def test_finished_status_shows_the_logs_final_answer() -> None:
    app = make_app(iterations=100, bias=True, speed=10)
    async with started(app) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "finished"
        await ticks(pilot)
        view = status(app)
        outcome = app.dashboard.runner.outcome
        assert outcome is not None and view.final
        assert log_text(app).splitlines()[-1] == core.final_line(view.w or 0.0, view.b or 0.0, True)
        assert (view.w, view.b) == (outcome.w, outcome.b)
        dataset = app.dashboard.runner.dataset
        assert view.loss == core.loss(dataset.X, dataset.Y, outcome.w, outcome.b)
        assert "all 100 done" in str(app.query_one("#status-table").render())
        await pilot.press("left")  # browsing looks at a recorded iteration again
        assert not status(app).final and status(app).iteration == 98


async def test_help_says_how_to_close_it_first_then_the_keys() -> None:
    text = help_text()
    first = text.splitlines()[0]
    assert "esc" in first and "closes" in first
    assert text.index("| key | does |") < text.index("## What you are watching")
    assert "`f`" in text and "`1 2 3 4`" in text and "ctrl+p" in text
