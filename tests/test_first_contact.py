"""What a newcomer meets first: keys that do what the footer says, a form entered on purpose, answers that agree."""

from __future__ import annotations

import pytest
from textual import events

import core
from support.app import (
    error_text,
    field,
    focused_id,
    footer_keys,
    log_text,
    make_app,
    run_to_end,
    set_form,
    started,
    status,
    ticks,
)
from tui.screens.help import HelpScreen, help_text
from tui.views.loss_chart import LossChart
from tui.views.loss_curve import LossCurveView
from tui.widgets.bias_switch import BiasSwitch
from tui.widgets.message_bar import HINTS, INVALID_HINT, MessageBar
from tui.widgets.transcript_log import TranscriptLog

NARROW = (80, 24)


async def test_first_keys_a_newcomer_tries_do_what_the_footer_says() -> None:
    app = make_app(iterations=5)
    async with started(app, NARROW) as pilot:
        shown = footer_keys(app)
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
        shown = footer_keys(app)
        assert "Leave form" in shown and "Form" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert focused_id(app) == "log" and "Form" in footer_keys(app)
        await pilot.press("tab")  # tab from outside goes into the form too
        assert focused_id(app) == "field-lr"


async def test_a_field_left_invalid_is_restored_by_ctrl_r() -> None:
    app = make_app()
    async with started(app, NARROW) as pilot:
        await pilot.press("f", "ctrl+u", "2", "q", "escape")
        await pilot.pause()
        assert field(app, "lr").value == "2q"  # nothing typed is lost by leaving
        assert "ctrl+r restores 0.001" in error_text(app, "lr")
        assert footer_keys(app)["Reset"]  # it applies now, though no run is going
        message = app.dashboard.query_one(MessageBar)
        assert message.shown == INVALID_HINT  # the line says why enter would do nothing
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert field(app, "lr").value == "0.001" and error_text(app, "lr") == ""
        assert message.shown == HINTS["ready"]


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
        await pilot.press("left")  # from the result, back to the last recorded iteration
        assert not status(app).final and status(app).iteration == 99
        await pilot.press("end")
        assert status(app).final


async def test_n_steps_with_the_forms_lr_as_resuming_does() -> None:
    app = make_app(lr=0.005, iterations=50)
    async with started(app) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "diverged"  # paused itself: the loss rose five times
        set_form(app, lr="0.001")
        await pilot.press("n")
        await pilot.pause()
        runner = app.dashboard.runner
        assert runner.lr == 0.001 and "# lr 0.005 -> 0.001" in log_text(app)
        assert runner.state == "diverged" and runner.live  # still paused, one step further


async def test_help_says_how_to_close_it_first_then_the_keys() -> None:
    text = help_text()
    first = text.splitlines()[0]
    assert "esc" in first and "closes" in first
    assert text.index("## Keys") < text.index("## What you are watching")
    assert "`f`" in text and "`1 2 3 4 5`" in text and "ctrl+p" in text


# ------------------------------------------------------------ 80x24, whole
async def side_fits(app: object) -> bool:
    """Whether the side panel shows all of its content, with no scrolling."""
    side = getattr(app, "query_one")("#side")
    return bool(side.virtual_size.height <= side.size.height and side.max_scroll_y == 0)


async def test_at_80x24_a_diverging_run_explains_cause_and_remedy_whole() -> None:
    for bias in (False, True):
        app = make_app(lr=0.005, iterations=100, bias=bias)
        async with started(app, NARROW) as pilot:
            await pilot.press("enter")
            assert await run_to_end(app, pilot) == "diverged"  # paused itself: the loss rose
            await ticks(pilot)
            message = str(app.query_one("#message").render())
            limit = f"{core.critical_lr(app.dashboard.runner.dataset, bias):.4g}"
            assert f"below {limit}" in message and message.rstrip().endswith("then space.")
            assert await side_fits(app), (bias, message)
            side = app.query_one("#side")
            assert side.styles.scrollbar_gutter == "stable"  # a scrollbar appearing later shifts nothing


async def test_at_80x24_pause_and_finish_messages_fit_whole() -> None:
    app = make_app(iterations=30, bias=True)
    async with started(app, NARROW) as pilot:
        await pilot.press("enter")
        await ticks(pilot, 5)
        await pilot.press("space")
        await pilot.pause()
        assert "enter starts over." in str(app.query_one("#message").render())
        assert await side_fits(app)
        await pilot.press("space")
        await run_to_end(app, pilot)
        await ticks(pilot)
        assert "Finished 30 iterations" in str(app.query_one("#message").render())
        assert await side_fits(app)


async def test_a_log_line_wider_than_the_pane_ends_in_a_marker() -> None:
    app = make_app(lr=0.05, iterations=40)
    async with started(app, NARROW) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("space")  # go on past the warning: the losses grow to 30 digits
        await ticks(pilot, 20)
        await pilot.press("space")
        await ticks(pilot)
        log = app.query_one(TranscriptLog)
        width = log.scrollable_content_region.width
        rows = ["".join(segment.text for segment in log.render_line(y)) for y in range(log.size.height)]
        long = [row for row in rows if row.startswith("Iteration") and len(row.rstrip()) >= width]
        assert long, rows
        assert all(row.rstrip().endswith("…") for row in long)


async def test_the_footer_keeps_its_essentials_at_80_columns_wherever_focus_is() -> None:
    app = make_app()
    async with started(app, NARROW) as pilot:
        for target in ("#log", "#field-lr", "#field-bias", "#field-speed"):
            app.dashboard.set_focus(app.query_one(target))
            await pilot.pause()
            keys = [key for key in app.query("FooterKey") if getattr(key, "description") in ("Run", "Help", "Quit")]
            assert len(keys) == 3 or target == "#field-lr", target  # a text field types ? and q: they are hidden there
            for key in keys:
                assert key.region.right <= NARROW[0] and key.region.width > 0, (target, getattr(key, "description"))


# ------------------------------------------------------------ the pictures
async def test_the_loss_chart_says_when_it_clips() -> None:
    app = make_app(lr=0.01, iterations=400)
    async with started(app) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("space")
        await ticks(pilot, 300)
        chart = app.query_one(LossChart)
        assert app.dashboard.runner.history.max_abs_loss > 1e100
        assert chart.clips() and "clipped at 1e100" in str(chart.render())
        await pilot.press("l")
        await pilot.pause()
        assert not chart.clips() and "clipped" not in str(chart.render())


async def test_the_loss_curve_draws_the_path_and_holds_an_overshoot() -> None:
    app = make_app(lr=0.004, iterations=6)  # below the critical lr, above half: the hiker bounces across
    async with started(app) as pilot:
        await pilot.press("enter", "2")
        await run_to_end(app, pilot)
        await ticks(pilot)
        curve = app.query_one(LossCurveView)
        ws = app.dashboard.runner.history.w
        assert curve.path_w.tolist() == ws.tolist()
        low, high = curve.w_range()
        assert low <= min(ws) and max(ws) <= high
        text = str(curve.render())
        assert "path" in text and "minimum" in text


async def test_at_80_columns_the_curve_legend_keeps_minimum_hiker_and_slope() -> None:
    app = make_app(iterations=5)
    async with started(app, NARROW) as pilot:
        await pilot.press("enter", "2")
        await run_to_end(app, pilot)
        await ticks(pilot)
        title = str(app.query_one(LossCurveView).render()).splitlines()[0]
        assert "✕" in title and "●" in title and "slope" in title, title


# ------------------------------------------------------------ form abuse
async def test_a_long_input_is_quoted_short_and_a_multi_line_paste_is_refused() -> None:
    app = make_app()
    async with app.run_test(size=NARROW, notifications=True) as pilot:  # run_test leaves toasts out unless asked
        await pilot.pause()
        set_form(app, lr="x" * 5000)
        await pilot.pause()
        message = error_text(app, "lr")
        assert len(message) < 120 and "…" in message, message
        assert app.query_one("#error-lr").size.height <= 5
        set_form(app, lr="0.001")
        await pilot.press("f")
        await pilot.pause()
        app.post_message(events.Paste("0.002\n500\n"))
        await pilot.pause()
        assert field(app, "lr").value == "0.001"  # nothing pasted, nothing lost
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]  # by CSS type name: no private import
        assert any("one line" in text for text in toasts), toasts


async def test_a_burst_of_keys_applies_in_the_order_typed() -> None:
    """Over SSH ``0.002<tab>500<enter><space>`` can arrive in one read: posted here without waiting between keys."""
    app = make_app(iterations=100)
    async with started(app) as pilot:
        await pilot.press("f")
        burst = ["ctrl+u", *"0.002", "tab", *"500", "shift+tab", "end", "5", "enter", "space"]
        for key in burst:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(10):
            await pilot.pause()
        assert (field(app, "lr").value, field(app, "iterations").value) == ("0.0025", "500")
        config = app.dashboard.runner.config
        assert config is not None and (config.lr, config.iterations) == (0.0025, 500)
        assert app.dashboard.runner.state == "paused"  # the space after enter paused the run


async def test_without_colour_every_state_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: the b switch says on/off in words, and the browsed log line is bold, not only tinted."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(iterations=10)
    async with started(app) as pilot:
        assert app.no_color
        assert "off" in str(app.query_one(BiasSwitch).render())
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("home")
        await pilot.pause()
        log = app.query_one(TranscriptLog)
        row = log.render_line(0)
        assert "Iteration    0" in row.text
        assert any(segment.style is not None and segment.style.bold for segment in row), list(row)
