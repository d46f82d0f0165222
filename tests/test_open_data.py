"""Opening other data in the dashboard (issue 10, ``o``): the dialog, a bad file, a good one, and the kept runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, DirectoryTree, Input, Label

from support.app import dash, data_read, field, make_app, notifications, run_to_end, set_form, started, ticks
from tui.app import GradientDescentApp
from tui.screens.open_dialog import OpenDialog, PathSuggester
from tui.views.fit_view import FitView

SIZE = (120, 40)
ICE = "temperature,ice_creams\n20,3\n25,5\n30,8\n35,9\n"


@pytest.fixture
def ice(tmp_path: Path) -> Path:
    path = tmp_path / "ice.csv"
    path.write_text(ICE)
    return path


async def open_path(app: GradientDescentApp, pilot: Pilot, path: str) -> OpenDialog:
    """Press o, replace the field's text with ``path`` and press enter; the dialog (open or closed)."""
    await pilot.press("o")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, OpenDialog)
    dialog.query_one("#open-path", Input).value = path
    await pilot.press("enter")
    await data_read(app, pilot)
    return dialog


def table_rows(app: GradientDescentApp) -> list[list[str]]:
    table = app.query_one("#runs", DataTable)
    return [[str(cell) for cell in table.get_row_at(y)] for y in range(table.row_count)]


async def test_a_bad_file_is_named_in_the_dialog_and_nothing_is_lost(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("a b\n1 x\n")
    app = make_app(iterations=30)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        pizza = dash(app).settings.dataset
        dialog = await open_path(app, pilot, str(bad))
        assert app.screen is dialog, "a bad file keeps the dialog open"
        error = str(dialog.query_one("#open-error", Label).render())
        assert error == f"{bad}: line 2: 'x' is not a number", error
        assert dialog.query_one("#open-path", Input).value == str(bad), "the typed path stays, for mending"
        # Not a file at all, then nothing: each its own line.
        for typed, said in ((str(tmp_path), "directory"), ("", "Type a path")):
            dialog.query_one("#open-path", Input).value = typed
            await pilot.press("enter")
            await data_read(app, pilot)
            assert said in str(dialog.query_one("#open-error", Label).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dash(app)
        assert dash(app).settings.dataset is pizza
        assert len(dash(app).runner.book) == 1 and dash(app).runner.state == "finished"


async def test_a_good_file_replaces_the_data_and_keeps_the_runs_and_the_form(ice: Path) -> None:
    app = make_app(iterations=10_000)
    said = notifications(app)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await ticks(pilot, 5)  # under way: opening other data keeps it, stopped
        set_form(app, lr="0.0002", iterations="12x")  # typed, one of them invalid: both survive
        await pilot.press("3")
        await open_path(app, pilot, str(ice))
        screen = dash(app)
        assert app.screen is screen
        dataset = screen.settings.dataset
        assert dataset.source == str(ice) and (dataset.x_name, dataset.y_name) == ("temperature", "ice_creams")
        assert screen.runner.dataset is dataset and screen.runner.state == "ready"
        assert field(app, "lr").value == "0.0002" and field(app, "iterations").value == "12x"
        assert not app.query_one("#error-iterations", Label).has_class("-hidden"), "the invalid field still says so"
        assert app.query_one("#views").active == "view-fit"  # type: ignore[attr-defined]
        fit = app.query_one(FitView)
        assert fit.dataset is dataset
        assert "Fit: ice_creams vs temperature" in app.export_screenshot().replace("&#160;", " ")
        assert any("Opened" in text and "4 rows" in text and "stopped and kept as run 1" in text for text, _ in said), said
        assert "ice.csv" in str(screen.sub_title)

        # A run on the new data, then both in the table, each naming its data.
        set_form(app, lr="0.0002", iterations="50")
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await pilot.press("5")
        await pilot.pause()
        rows = table_rows(app)
        assert [row[-1] for row in rows] == ["pizza.txt", "ice.csv"], rows
        assert rows[0][2].startswith("stopped")
        # The lowest loss is told per data set: each file's own best.
        assert all("lowest loss" in row[2] for row in rows if not row[2].startswith("stopped")), rows


async def test_a_run_on_other_data_is_not_drawn_over_this_data(ice: Path) -> None:
    app = make_app(iterations=30)
    said = notifications(app)
    async with started(app, SIZE) as pilot:
        await pilot.press("enter")
        await run_to_end(app, pilot)
        await open_path(app, pilot, str(ice))
        screen = dash(app)
        assert screen.overlay_runs() == [], "a pizza run is not overlaid on the ice-cream data's loss chart"
        await pilot.press("5", "enter")  # the pizza run, picked in the table
        await pilot.pause()
        assert screen.runner.shown is None and screen.runner.state == "ready"
        assert any("open that file (o)" in message for message, severity in said if severity == "warning"), said


async def test_a_file_picked_in_the_tree_opens(ice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ice.parent)  # the tree starts where gd-tui was started
    app = make_app()
    async with started(app, SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        tree = app.screen.query_one(DirectoryTree)
        await tree.reload()
        await pilot.pause()
        app.screen.set_focus(tree)
        await pilot.press("down", "enter")  # the root's first entry: ice.csv
        await data_read(app, pilot)
        assert app.screen is dash(app)
        assert dash(app).settings.dataset.source == str(ice)


async def test_completion_suggests_the_rest_of_a_name(tmp_path: Path) -> None:
    (tmp_path / "alpha.txt").write_text(ICE)
    (tmp_path / "alps").mkdir()
    (tmp_path / ".hidden.txt").write_text(ICE)
    suggest = PathSuggester().get_suggestion
    base = f"{tmp_path}/"
    assert await suggest(base + "al") == base + "alpha.txt"
    assert await suggest(base + "alps") == base + "alps/"
    assert await suggest(base + "z") is None
    assert await suggest(base) == base + "alpha.txt", "hidden names only once a dot is typed"
    assert await suggest(base + ".h") == base + ".hidden.txt"
    assert await suggest(base + "alpha.txt") is None, "nothing to add"
    assert await suggest("/no/such/dir/x") is None
