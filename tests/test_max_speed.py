"""Max speed runs flat out on the app's own clock, yet keys still get through."""

from __future__ import annotations

import asyncio

import core
from support.app import started
from tui.app import GradientDescentApp
from tui.session.settings import Settings


async def test_space_pauses_a_max_speed_run_long_before_it_ends(pizza: core.Dataset) -> None:
    iterations = 5_000_000  # minutes of work: only a starved event loop would let it finish
    app = GradientDescentApp(Settings(pizza, 0.001, iterations, False, None), clock=True, speed=None)
    async with started(app, (120, 40)) as pilot:
        await pilot.press("escape", "r")
        for _ in range(600):  # the worker is stepping (30 s at most)
            if app.dashboard.runner.done >= 20_000:
                break
            await asyncio.sleep(0.05)
        assert app.dashboard.runner.done >= 20_000, "max speed did not get going"
        assert app.dashboard._flat_out is not None and not app.dashboard._flat_out.is_finished
        await pilot.press("space")
        assert app.dashboard.runner.state == "paused"
        paused_at = app.dashboard.runner.done
        assert paused_at < iterations
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert app.dashboard.runner.done == paused_at, "a paused run must not step"
        await pilot.press("space")
        await asyncio.sleep(0.3)
        assert app.dashboard.runner.done > paused_at and app.dashboard.runner.state == "running"
        await pilot.press("minus")  # 1000/tick: back on the timer, the worker stops
        await asyncio.sleep(0.2)
        assert app.dashboard._flat_out.is_finished
