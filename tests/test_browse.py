"""Going back in time: the history cursor drives the status, the log highlight and every view."""

from __future__ import annotations

from support.app import make_app, started, status, steady, ticks
from tui.views.fit_view import FitView
from tui.views.loss_curve import LossCurveView
from tui.widgets.transcript_log import TranscriptLog


async def test_home_shows_iteration_zero_and_end_returns() -> None:
    app = make_app(speed=10)
    async with started(app, (120, 40)) as pilot:
        await steady(pilot)
        await pilot.press("enter")
        await ticks(pilot, 3)
        await pilot.press("space")
        assert app.dashboard.runner.state == "paused"
        newest = app.dashboard.runner.done - 1
        assert newest > 0

        await pilot.press("home")
        assert app.dashboard.cursor == 0
        shown = status(app)
        assert shown.w == 0.0 and shown.iteration == 0 and shown.browsing
        assert shown.loss is not None and "%.10f" % shown.loss == "812.8666666667"
        log = app.query_one(TranscriptLog)
        assert log.highlight == 0
        assert (
            app.dashboard.runner.line(app.dashboard.runner.line_of_iteration(log.highlight))[0]
            == "Iteration    0 => Loss: 812.8666666667"
        )
        # The log is scrolled so the highlighted line is visible.
        assert log.scroll_y == 0
        assert app.query_one(LossCurveView).w == 0.0
        assert app.query_one(FitView).w == 0.0

        await pilot.press("right", "right")
        assert app.dashboard.cursor == 2
        assert status(app).w == float(app.dashboard.runner.history.w[2])
        await pilot.press("left")
        assert app.dashboard.cursor == 1

        await pilot.press("end")
        await pilot.pause()
        assert app.dashboard.cursor is None
        # The log follows the newest lines again.
        assert log.highlight is None and log.scroll_y == log.max_scroll_y
        assert status(app).iteration == newest
        assert status(app).w == app.dashboard.runner.last.w


async def test_browsing_is_off_while_running_and_resume_follows_newest() -> None:
    app = make_app(speed=10)
    async with started(app, (120, 40)) as pilot:
        await pilot.press("enter")
        await ticks(pilot, 2)
        assert not app.dashboard.check_action("browse", (-1,))
        await pilot.press("space", "home")
        assert app.dashboard.cursor == 0
        await pilot.press("space")  # resume: continues from the newest step
        assert app.dashboard.runner.state == "running" and app.dashboard.cursor is None
        before = app.dashboard.runner.done
        await ticks(pilot, 1)
        assert app.dashboard.runner.done == before + 10
