"""Building and driving the dashboard deterministically in tests (no wall-clock timer)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label

import core
from core.headless import write_transcript
from tui.app import GradientDescentApp
from tui.screens.dashboard import DashboardScreen
from tui.session.settings import Settings
from tui.session.status import StatusView
from tui.widgets.transcript_log import TranscriptLog

#: The form's text fields.
FIELDS = ("lr", "iterations", "tolerance")
#: Far more ticks than any run here needs: a stuck run fails instead of hanging.
MAX_TICKS = 20_000


def make_app(
    lr: float = 0.001,
    iterations: int = 100,
    *,
    bias: bool = False,
    tolerance: float | None = None,
    speed: int | None = 1,
    dataset: core.Dataset | None = None,
) -> GradientDescentApp:
    """The app on the pizza data (or ``dataset``), stepped only by :func:`ticks`."""
    settings = Settings(dataset or core.load_dataset(), lr, iterations, bias, tolerance)
    app = GradientDescentApp(settings, clock=False, speed=speed)
    app.animation_level = "none"
    return app


def dash(app: GradientDescentApp) -> DashboardScreen:
    """The app's dashboard screen, where the run, its keys and its state live."""
    return app.dashboard


def status(app: GradientDescentApp) -> StatusView:
    """What the status panel shows now (computed afresh from the dashboard's state)."""
    view = app.dashboard.status
    assert view is not None
    return view


#: Pauses allowed for the dashboard to mount: a stuck start fails, not hangs.
MOUNT_PAUSES = 200


async def dashboard_up(pilot: Pilot) -> None:
    """Wait until the dashboard is the current screen and mounted."""
    app = pilot.app
    assert isinstance(app, GradientDescentApp)
    for _ in range(MOUNT_PAUSES):
        if app.screen is app.dashboard and app.dashboard.is_mounted:
            await pilot.pause()
            return
        await pilot.pause()
    raise AssertionError("the dashboard never mounted")


@asynccontextmanager
async def started(app: GradientDescentApp, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot]:
    """``app.run_test`` at ``size``, entered once the dashboard is mounted."""
    async with app.run_test(size=size) as pilot:
        await dashboard_up(pilot)
        yield pilot


async def steady(pilot: Pilot) -> None:
    """Wait for the dashboard, then turn off what would make a screenshot vary: blinking cursors."""
    await dashboard_up(pilot)
    for field in pilot.app.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def ticks(pilot: Pilot, count: int | None = None) -> None:
    """Advance ``count`` ticks, or until the run stops running; then let the screen settle."""
    app = pilot.app
    assert isinstance(app, GradientDescentApp)
    screen = app.dashboard
    done = 0
    while screen.runner.state == "running" and (count is None or done < count):
        screen.tick()
        done += 1
    screen.publish()  # what a tick shows at the capped rate, shown now
    await pilot.pause()


def tick_app(app: GradientDescentApp, count: int) -> None:
    """Advance ``count`` ticks (at speed 1/tick: ``count`` iterations)."""
    for _ in range(count):
        app.dashboard.tick()


async def run_to_end(app: GradientDescentApp, pilot: Pilot) -> str:
    """Tick until the run stops ``running`` (finished, converged, paused itself); return the state."""
    screen = app.dashboard
    for _ in range(MAX_TICKS):
        if screen.runner.state != "running":
            break
        screen.tick()
    else:
        pytest.fail(f"run still running after {MAX_TICKS} ticks ({screen.runner.done} iterations)")
    await pilot.pause()
    return screen.runner.state


def headless(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool, tolerance: float | None) -> str:
    """What ``gd-tui --headless`` prints for these settings."""
    out = io.StringIO()
    run = core.descend(dataset, lr, iterations, train_bias=train_bias, tolerance=tolerance)
    write_transcript(run, out, train_bias=train_bias)
    return out.getvalue()


def log_text(app: GradientDescentApp) -> str:
    """The log pane's whole text (every line, not only the visible ones)."""
    return app.query_one(TranscriptLog).text()


def field(app: GradientDescentApp, name: str) -> Input:
    """The form's input for ``name`` (lr, iterations or tolerance)."""
    return app.query_one(f"#field-{name}", Input)


def form_values(app: GradientDescentApp) -> dict[str, str]:
    """What the form's three text fields hold."""
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
    """The id of the focused widget, if any."""
    return app.focused.id if app.focused is not None else None


def enabled(app: GradientDescentApp, action: str, *parameters: object) -> bool:
    """Whether ``action``'s key applies now (check_action: dimmed keys are not enabled)."""
    return bool(app.dashboard.check_action(action, parameters))


async def sweep_to_end(app: GradientDescentApp, pilot: Pilot) -> None:
    """Tick until the steered run and a sweep's others have all ended."""
    screen = app.dashboard
    for _ in range(20_000):
        if not screen.runner.moving:
            break
        screen.tick()
    screen.publish()
    await pilot.pause()
    assert not screen.runner.sweeping


def notifications(app: GradientDescentApp) -> list[tuple[str, str]]:
    """The notifications ``app`` shows from now on, as (message, severity), in a list that grows as they come."""
    said: list[tuple[str, str]] = []
    notify = app.notify

    def recorded(message: str, **options: Any) -> None:
        said.append((message, options.get("severity", "information")))
        notify(message, **options)

    app.notify = recorded  # type: ignore[method-assign]
    return said


#: Key names of the characters in a typed burst that are not their own name.
_KEY_NAMES = {"/": "slash", ".": "full_stop", ",": "comma", " ": "space", "-": "minus", "~": "tilde"}


async def type_burst(pilot: Pilot, text: str) -> None:
    """Post a key per character of ``text`` at once (unlike ``pilot.press``, which waits after each), then let them settle.

    What fast typing, or an SSH link delivering keys together, does.
    """
    for character in text:
        pilot.app.post_message(events.Key(_KEY_NAMES.get(character, character), character))
    await pilot.pause()
    await pilot.pause()


def footer_keys(app: GradientDescentApp) -> dict[str, bool]:
    """What the footer shows now: each key's description and whether it is enabled (not dimmed)."""
    # By CSS type name: FooterKey lives in a private module of Textual's.
    return {getattr(key, "description"): not key.has_class("-disabled") for key in app.query("FooterKey")}


async def data_read(app: GradientDescentApp, pilot: Pilot) -> None:
    """Wait for the open dialog's read of a file (not for every worker: the file tree's loader never ends)."""
    reading = [worker for worker in app.workers if worker.group == "open-data"]
    if reading:  # (an empty list would wait for every worker, the file tree's endless loader too)
        await app.workers.wait_for_complete(reading)
    await pilot.pause()
    await pilot.pause()
