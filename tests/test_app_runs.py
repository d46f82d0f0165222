"""The dashboard driven like a person would, part two: bad values, lr changed mid-run, divergence, convergence.

Deterministic like test_app_pilot.py: ``clock=False``, the tests tick the run.
"""

from __future__ import annotations

import itertools

from textual.widgets import Static

import core
from support.app import (
    FIELDS,
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
    tick_app,
    type_into,
)
from support.data import collect
from tui.session.runner import RISING_LIMIT

SIZE = (120, 40)


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
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        for name, text, mentions in BAD_VALUES:
            case = f"{name}={text!r}"
            typed = dict(good, **{name: text})
            set_form(app, **typed)
            # Submit from a different field, so the focus has to move to the bad one.
            field(app, "tolerance" if name != "tolerance" else "lr").focus()
            await pilot.press("enter")
            assert app.dashboard.runner.state == "ready", case
            assert focused_id(app) == f"field-{name}", case
            message = error_text(app, name)
            assert message and mentions in message, (case, message)
            assert all(error_text(app, other) == "" for other in FIELDS if other != name), case
            assert form_values(app) == typed, case
        # Fixing the last one clears its error and runs.
        await type_into(pilot, app, "tolerance", "1e-7")
        assert error_text(app, "tolerance") == ""
        await pilot.press("enter")
        assert app.dashboard.runner.state == "running"
        assert app.dashboard.runner.config is not None and app.dashboard.runner.config.tolerance == 1e-7


async def test_typed_bad_value_shows_error_then_enter_keeps_ready(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        await type_into(pilot, app, "iterations", "1.5")
        assert "iterations" in error_text(app, "iterations")
        await pilot.press("enter")
        assert (app.dashboard.runner.state, focused_id(app)) == ("ready", "field-iterations")
        assert form_values(app) == {"lr": "0.001", "iterations": "1.5", "tolerance": ""}


# ------------------------------------------------------- lr changed mid-run
async def test_lr_changed_while_paused_continues_from_current_w(pizza: core.Dataset) -> None:
    iterations, k = 20, 5
    app = make_app(iterations=iterations, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        tick_app(app, k)
        await pilot.press("space")
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("paused", k)
        await type_into(pilot, app, "lr", "0.002")
        await pilot.press("escape")
        assert focused_id(app) == "log"
        await pilot.press("space")
        assert app.dashboard.runner.state == "running" and app.dashboard.runner.lr == 0.002
        assert await run_to_end(app, pilot) == "finished"

        # Independently: k steps at 0.001 from 0, then the rest at 0.002 from there.
        first, before = collect(core.descend(pizza, 0.001, k))
        rest, after = collect(core.descend(pizza, 0.002, iterations - k, w=before.w))
        expected = [core.iteration_line(i, s.loss) for i, s in enumerate(first)]
        expected.append(f"# lr 0.001 -> 0.002 at iteration {k}")
        expected += [core.iteration_line(k + i, s.loss) for i, s in enumerate(rest)]
        expected += ["", core.final_line(after.w, 0.0, False)]
        assert log_text(app).splitlines() == expected
        assert app.dashboard.runner.history.w[k] == before.w
        assert app.dashboard.runner.done == iterations
        assert app.dashboard.runner.outcome is not None and app.dashboard.runner.outcome.w == after.w


async def test_invalid_lr_on_resume_keeps_paused(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        tick_app(app, 3)
        await pilot.press("space")
        set_form(app, lr="fast")
        await pilot.press("space")
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("paused", 3)
        assert focused_id(app) == "field-lr"
        assert "learning rate" in error_text(app, "lr")
        assert "# lr" not in log_text(app)


async def test_end_messages_count_from_iteration_0_after_lr_change(pizza: core.Dataset) -> None:
    app = make_app(iterations=100, dataset=pizza)
    ends: dict[str, tuple[int, str]] = {}
    async with started(app, SIZE) as pilot:
        for new_lr in ("0.002", "1e6"):
            set_form(app, lr="0.001")
            await pilot.press("escape", "r")
            tick_app(app, 10)
            await pilot.press("space")
            set_form(app, lr=new_lr)
            await pilot.press("space")
            if await run_to_end(app, pilot) == "diverged" and app.dashboard.runner.live:
                await pilot.press("space")  # past the rising-loss pause
                await run_to_end(app, pilot)
            ends[app.dashboard.runner.state] = (app.dashboard.runner.done, app.dashboard.runner.message)
    assert set(ends) == {"finished", "diverged"}
    # The run took 100 iterations, not the 90 after the change ...
    finished_ok = f"Finished {ends['finished'][0]} iterations" in ends["finished"][1]
    # ... and its loss stopped being finite at the recorded count, not 10 fewer.
    diverged_ok = f"at iteration {ends['diverged'][0]}." in ends["diverged"][1]
    assert finished_ok and diverged_ok, ends


# -------------------------------------------------------------- divergence
async def test_rising_loss_pauses_itself_and_names_critical_lr(pizza: core.Dataset) -> None:
    app = make_app(lr=0.01, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "diverged"
        assert app.dashboard.runner.live and app.dashboard.runner.done == RISING_LIMIT + 1
        limit = "%.4g" % core.critical_lr(pizza, False)
        assert limit in app.dashboard.runner.message
        message = app.query_one("#message", Static)
        assert message.display and limit in str(message.render())
        losses = list(app.dashboard.runner.history.loss)
        assert all(a < b for a, b in itertools.pairwise(losses))
        assert enabled(app, "toggle_pause") and enabled(app, "step")
        await pilot.press("space")
        assert app.dashboard.runner.state == "running" and app.dashboard.runner.message == ""
        assert await run_to_end(app, pilot) == "finished"  # it does not pause itself again
        assert app.dashboard.runner.done == 100


async def test_non_finite_loss_ends_diverged(pizza: core.Dataset) -> None:
    app = make_app(lr=1e6, dataset=pizza)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "diverged"
        assert app.dashboard.runner.live  # the rising-loss pause comes first
        await pilot.press("space")
        assert await run_to_end(app, pilot) == "diverged"
        _, outcome = collect(core.descend(pizza, 1e6, 100))
        assert outcome.reason == "diverged" and outcome.at is not None
        assert not app.dashboard.runner.live
        assert f"iteration {outcome.at}" in app.dashboard.runner.message
        assert "%.4g" % core.critical_lr(pizza, False) in app.dashboard.runner.message
        assert app.dashboard.runner.done == outcome.at
        assert not enabled(app, "toggle_pause") and not enabled(app, "step")
        await pilot.press("space", "n")
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("diverged", outcome.at)
        assert log_text(app) + "\n" == headless(pizza, 1e6, 100, False, None)


async def test_converges_before_the_iteration_limit(pizza: core.Dataset) -> None:
    app = make_app(iterations=10_000, tolerance=1e-6, speed=1000, dataset=pizza)
    async with started(app, SIZE) as pilot:
        assert core.parse_tolerance(field(app, "tolerance").value) == 1e-6
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "converged"
        assert 1 < app.dashboard.runner.done < 10_000
        assert "converged" in app.dashboard.runner.message.lower()
        assert not enabled(app, "toggle_pause")


async def test_form_prefill_keeps_flag_values_exactly(pizza: core.Dataset) -> None:
    app = make_app(lr=0.0012345678901, tolerance=1.234567891e-3, dataset=pizza)
    async with started(app, SIZE):
        assert core.parse_lr(field(app, "lr").value) == 0.0012345678901
        assert core.parse_tolerance(field(app, "tolerance").value) == 1.234567891e-3
