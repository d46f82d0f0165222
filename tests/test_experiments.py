"""Experiments in the dashboard (issue 10): runs kept and compared, sweeps, start points, the optimal lr, export."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import DataTable

import core
from core.export import CSV_HEADER
from support.app import (
    dash,
    dashboard_up,
    field,
    headless,
    log_text,
    make_app,
    notifications,
    run_to_end,
    set_form,
    started,
    sweep_to_end,
)
from support.book import book_transcript
from support.data import collect
from tui.app import GradientDescentApp
from tui.screens.confirm import ConfirmScreen
from tui.session.settings import Settings

SIZE = (120, 40)


def table_rows(app: GradientDescentApp) -> list[list[str]]:
    table = app.query_one("#runs", DataTable)
    return [[str(cell) for cell in table.get_row_at(y)] for y in range(table.row_count)]


async def test_every_run_that_ends_is_kept_and_listed(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza, iterations=50)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        assert await run_to_end(app, pilot) == "finished"
        # A second run, reset part-way: kept as "stopped" with what it did.
        set_form(app, lr="0.002")
        await pilot.press("enter")
        for _ in range(10):
            dash(app).tick()
        await pilot.press("ctrl+r")
        await pilot.press("5")
        await pilot.pause()
        book = dash(app).runner.book
        assert [(run.lr, run.ending, run.done) for run in book] == [(0.001, "finished", 50), (0.002, "stopped", 10)]
        rows = table_rows(app)
        lowest = min(book, key=lambda run: run.loss).number
        assert [row[:3] for row in rows] == [
            ["1", "0.001", "finished" + (", lowest loss" if lowest == 1 else "")],
            ["2", "0.002", "stopped" + (", lowest loss" if lowest == 2 else "")],
        ]
        _, outcome = collect(core.descend(pizza, 0.001, 50))
        assert book[1].w == outcome.w


async def test_a_sweep_runs_side_by_side_and_one_diverges(pizza: core.Dataset) -> None:
    """0.02 overflows among values that converge; each run is exactly what it is alone, and the table says which."""
    app = make_app(dataset=pizza, iterations=300, speed=100)
    async with started(app, SIZE) as pilot:
        set_form(app, lr="0.001, 0.002, 0.02")
        await pilot.press("enter")
        await pilot.pause()
        # While it runs, the loss chart draws the other two beside it.
        dash(app).tick()
        assert [label for label, _ in dash(app).overlay_runs()] == ["lr 0.002", "lr 0.02"]
        await sweep_to_end(app, pilot)
        book = dash(app).runner.book
        assert {run.lr: run.ending for run in book} == {0.001: "finished", 0.002: "finished", 0.02: "diverged"}
        for run in book:
            steps, outcome = collect(core.descend(pizza, run.lr, 300))
            assert run.loss_history.tolist() == [step.loss for step in steps]
            if run.ending == "diverged":
                assert run.at == outcome.at
            else:
                assert (run.w, run.b) == (outcome.w, outcome.b)
        rows = {row[1]: row[2] for row in table_rows(app)}
        assert rows["0.02"] == "diverged"
        assert sum("lowest loss" in outcome for outcome in rows.values()) == 1
        # The steered run (0.001) finished well; the message says the sweep did not, all of it.
        message = dash(app).runner.message
        assert message.startswith("Finished 300 iterations") and "Of the sweep's other 2 runs, 1 diverged" in message


async def test_pausing_a_sweep_holds_every_run(pizza: core.Dataset) -> None:
    """space pauses the whole sweep: the steered run and the others stop together, and go on together."""
    app = make_app(dataset=pizza, iterations=5_000, speed=10)
    async with started(app, SIZE) as pilot:
        set_form(app, lr="0.001, 0.002, 0.003")
        await pilot.press("enter")
        await pilot.pause()
        runner = dash(app).runner
        companions = runner.companions
        assert companions is not None

        def done() -> list[int]:
            return [runner.done, *(len(history) for history in companions.histories)]

        dash(app).tick()
        await pilot.press("space")
        assert runner.state == "paused"
        held = done()
        for _ in range(5):
            dash(app).tick()
        assert done() == held and held[0] > 0
        await pilot.press("space")
        dash(app).tick()
        assert runner.state == "running" and all(now > then for now, then in zip(done(), held))


async def test_picking_a_kept_run_shows_it_in_every_view(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza, iterations=40)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        set_form(app, lr="0.002", iterations="60")
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("5")
        table = app.query_one("#runs", DataTable)
        assert app.focused is table
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        shown = dash(app).runner.shown
        assert shown is not None and shown.number == 1
        assert log_text(app) == headless(pizza, 0.001, 40, False, None).rstrip("\n")
        # Its history can be browsed as today.
        await pilot.press("1", "left")
        assert dash(app).cursor == 39
        # The overlay draws the other kept run, not this one twice.
        assert [label for label, _ in dash(app).overlay_runs()] == ["#2 lr 0.002"]
        await pilot.press("c")
        assert dash(app).overlay_runs() == []


async def test_start_anywhere_matches_the_books_loop(pizza: core.Dataset, pizza_path: Path) -> None:
    app = make_app(dataset=pizza, iterations=200, speed=100)
    async with started(app, SIZE) as pilot:
        set_form(app, w0="-10", b0="-100")
        app.query_one("#field-bias").value = True  # type: ignore[attr-defined]
        await pilot.press("enter")
        await run_to_end(app, pilot)
        assert log_text(app) + "\n" == book_transcript(pizza_path, 200, 0.001, True, -10.0, -100.0)


async def test_bad_start_values_say_so_and_keep_the_text(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        set_form(app, w0="nan")
        await pilot.press("enter")
        await pilot.pause()
        assert dash(app).runner.state == "ready"
        assert field(app, "w0").value == "nan"
        assert app.focused is field(app, "w0")


async def test_the_palette_sets_the_optimal_lr(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app, SIZE) as pilot:
        await dash(app).run_action("optimal_lr")
        await pilot.pause()
        assert field(app, "lr").value == repr(core.optimal_lr(pizza, False))
        view = dash(app).status
        assert view is not None and view.optimal_lr == core.optimal_lr(pizza, False)


async def test_clearing_the_kept_runs_asks_first(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza, iterations=20)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(dash(app).runner.book) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(dash(app).runner.book) == 0


def export_app(pizza: core.Dataset, directory: Path, iterations: int = 100) -> tuple[GradientDescentApp, list[tuple[str, str]]]:
    """The app exporting into ``directory``, and the notifications it will show: (message, severity) each."""
    app = GradientDescentApp(Settings(pizza, 0.001, iterations, True, None, export_dir=str(directory)), clock=False, speed=100)
    app.animation_level = "none"
    return app, notifications(app)


async def test_export_writes_the_transcript_history_and_screenshot(pizza: core.Dataset, tmp_path: Path) -> None:
    app, said = export_app(pizza, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_up(pilot)
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        names = sorted(path.name for path in tmp_path.iterdir())
        stem = "gd-tui-run1-lr0.001-100it-bias"
        assert names == [f"{stem}.csv", f"{stem}.svg", f"{stem}.txt"]
        assert (tmp_path / f"{stem}.txt").read_text() == headless(pizza, 0.001, 100, True, None)
        lines = (tmp_path / f"{stem}.csv").read_text().splitlines()
        assert lines[0] == CSV_HEADER
        steps, _ = collect(core.descend(pizza, 0.001, 100, train_bias=True))
        for line, step in zip(lines[1:], steps, strict=True):
            assert [float(v) for v in line.split(",")] == [step.index, step.w, step.b, step.loss, step.grad_w, step.grad_b]
        assert (tmp_path / f"{stem}.svg").read_text().lstrip().startswith("<svg")
        # Again: nothing is overwritten, the next free names are taken, and the notification says so.
        await pilot.press("e")
        await pilot.pause()
        assert (tmp_path / f"{stem}-2.txt").read_text() == (tmp_path / f"{stem}.txt").read_text()
        assert any("next free name" in message for message, _ in said), said


async def test_export_into_an_unwritable_directory_says_so_and_loses_nothing(pizza: core.Dataset, tmp_path: Path) -> None:
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o500)
    # Root writes anywhere chmod allows; /proc refuses even root.
    target = readonly if not os.access(readonly, os.W_OK) else Path("/proc")
    app, said = export_app(pizza, target, iterations=30)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await dashboard_up(pilot)
            await pilot.press("enter")
            await run_to_end(app, pilot)
            await pilot.press("e")
            await pilot.pause()
            assert any(message.startswith("Export failed") and severity == "error" for message, severity in said), said
            assert dash(app).runner.state == "finished" and dash(app).runner.done == 30
            assert len(dash(app).runner.book) == 1
    finally:
        readonly.chmod(0o700)


async def test_the_sweep_view_plots_final_loss_against_lr(pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza, iterations=100, speed=100)
    async with started(app, SIZE) as pilot:
        await pilot.press("5")
        sweep = app.query_one("#sweep")
        assert sweep.placeholder() is not None  # type: ignore[attr-defined]
        set_form(app, lr="0.001, 0.003, 0.0048")
        await pilot.press("enter")  # with no run kept, enter in the table runs
        await pilot.pause()
        await sweep_to_end(app, pilot)
        assert sweep.placeholder() is None  # type: ignore[attr-defined]
        text = str(sweep.render())
        assert "optimal lr 0.002285" in text and "critical lr 0.00457" in text
        # With b trained none of the kept runs compares: the view says so, rather than "try a sweep" beside a full table.
        await pilot.press("ctrl+r")  # back to ready: the views follow the form, not the run
        dash(app).form_bias = True
        await pilot.pause()
        placeholder = sweep.placeholder()  # type: ignore[attr-defined]
        assert placeholder is not None and "No kept run on this data with b trained" in placeholder
