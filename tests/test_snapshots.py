"""SVG snapshots of the dashboard: what a learner sees, pinned (textual, rich, plotext versions in pyproject).

Steps are driven by tests.appkit.ticks, never by the wall clock, and cursor
blinking and animations are off, so each picture is the same on every run.
Update with `pytest tests/test_snapshots.py --snapshot-update` after checking
the new pictures by eye.
"""

from __future__ import annotations

from textual.pilot import Pilot

from support.app import make_app, steady, ticks

WIDE = (120, 40)
NARROW = (80, 24)


def test_first_screen(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=steady, terminal_size=WIDE)


def test_first_screen_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=steady, terminal_size=NARROW)


async def _finished_run(pilot: Pilot) -> None:
    await steady(pilot)
    await pilot.press("enter")
    await ticks(pilot)


def test_finished_book_run(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_finished_run, terminal_size=WIDE)


def test_finished_book_run_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_finished_run, terminal_size=NARROW)


def test_diverged_run(snap_compare) -> None:
    assert snap_compare(make_app(lr=0.01), run_before=_finished_run, terminal_size=WIDE)


async def _help(pilot: Pilot) -> None:
    await steady(pilot)
    await pilot.press("escape", "question_mark")
    await pilot.pause()


def test_help_screen(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_help, terminal_size=WIDE)


def _view_at_iteration(view_key: str, iteration: int = 30):
    async def run_before(pilot: Pilot) -> None:
        await steady(pilot)
        await pilot.press("enter")
        await ticks(pilot, iteration + 1)
        await pilot.press("space", view_key)
        await ticks(pilot)
        await pilot.pause()

    return run_before


def test_view_loss_curve_w_only(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_view_at_iteration("2", 3), terminal_size=WIDE)


def test_view_fit_w_only(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_view_at_iteration("3", 3), terminal_size=WIDE)


def test_view_surface_w_only(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_view_at_iteration("4", 3), terminal_size=WIDE)


def test_view_loss_curve_train_b(snap_compare) -> None:
    assert snap_compare(
        make_app(bias=True, iterations=1000, speed=10), run_before=_view_at_iteration("2", 30), terminal_size=WIDE
    )


def test_view_fit_train_b(snap_compare) -> None:
    assert snap_compare(
        make_app(bias=True, iterations=1000, speed=10), run_before=_view_at_iteration("3", 30), terminal_size=WIDE
    )


def test_view_surface_train_b(snap_compare) -> None:
    assert snap_compare(
        make_app(bias=True, iterations=1000, speed=10), run_before=_view_at_iteration("4", 30), terminal_size=WIDE
    )


async def _invalid_lr(pilot: Pilot) -> None:
    await steady(pilot)
    await pilot.press("f", "ctrl+u", "a", "b", "c", "enter")
    await pilot.pause()


def test_validation_message(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_invalid_lr, terminal_size=WIDE)


async def _diverged_log_y(pilot: Pilot) -> None:
    await _finished_run(pilot)
    await pilot.press("space")  # keep going past the warning: the loss explodes
    await ticks(pilot, 40)
    await pilot.press("space", "l")
    await pilot.pause()


def test_log_y_on_an_exploding_loss(snap_compare) -> None:
    assert snap_compare(make_app(lr=0.01), run_before=_diverged_log_y, terminal_size=WIDE)


# ------------------------------------------------- a newcomer's screens at 80x24
async def _paused_run(pilot: Pilot) -> None:
    await steady(pilot)
    await pilot.press("enter")
    await ticks(pilot, 12)
    await pilot.press("space")
    await ticks(pilot)


def test_paused_run_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), run_before=_paused_run, terminal_size=NARROW)


def test_diverged_run_80x24(snap_compare) -> None:
    assert snap_compare(make_app(lr=0.005), run_before=_finished_run, terminal_size=NARROW)


def test_finished_b_trained_run_80x24(snap_compare) -> None:
    assert snap_compare(make_app(bias=True, speed=10), run_before=_finished_run, terminal_size=NARROW)
