"""Building and driving the dashboard deterministically in tests (no wall-clock timer)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from textual.pilot import Pilot
from textual.widgets import Input

import core
from tui.app import GradientDescentApp
from tui.cli import Settings


def make_app(
    lr: float = 0.001,
    iterations: int = 100,
    *,
    bias: bool = False,
    tolerance: float | None = None,
    speed: int | None = 1,
    dataset: core.Dataset | None = None,
    on_started: Callable[[], None] | None = None,
) -> GradientDescentApp:
    """The app on the pizza data (or ``dataset``), stepped only by :func:`ticks`."""
    settings = Settings(dataset or core.load_dataset(), lr, iterations, bias, tolerance)
    app = GradientDescentApp(settings, clock=False, speed=speed, on_started=on_started)
    app.animation_level = "none"
    return app


#: Pauses allowed for the views and the log to mount: a stuck start fails, not hangs.
STAGE_PAUSES = 200


async def stage_built(pilot: Pilot) -> None:
    """Wait for the frame after the first, when the views and the log are mounted."""
    app = pilot.app
    assert isinstance(app, GradientDescentApp)
    for _ in range(STAGE_PAUSES):
        if app.stage_ready:
            return
        await pilot.pause()
    raise AssertionError("the views and the log never mounted")


@asynccontextmanager
async def started(app: GradientDescentApp, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot]:
    """``app.run_test`` at ``size``, entered once the whole dashboard is mounted."""
    async with app.run_test(size=size) as pilot:
        await stage_built(pilot)
        yield pilot


async def steady(pilot: Pilot) -> None:
    """Wait for the whole dashboard, then turn off what would make a screenshot vary: blinking cursors."""
    await stage_built(pilot)
    for field in pilot.app.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def ticks(pilot: Pilot, count: int | None = None) -> None:
    """Advance ``count`` ticks, or until the run stops running; then let the screen settle."""
    app = pilot.app
    assert isinstance(app, GradientDescentApp)
    done = 0
    while app.runner.state == "running" and (count is None or done < count):
        app.tick()
        done += 1
    app.refresh_views()
    await pilot.pause()
