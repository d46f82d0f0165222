"""The dashboard's widgets, driven inside the app: footer, view tabs, speed field, progress bar, panel border, status rows."""

from __future__ import annotations

import gc

from rich.text import Text
from textual.widgets import ContentSwitcher, Footer, ProgressBar, TabbedContent

from support.app import field, footer_keys, make_app, run_to_end, started, status, ticks, type_into
from tui.session.settings import SPEEDS
from tui.views.loss_curve import LossCurveView
from tui.widgets.lean_footer import LeanFooter
from tui.widgets.panel import Panel
from tui.widgets.row_table import RowTable
from tui.widgets.speed_control import SpeedControl


# ------------------------------------------------------------------ footer
async def test_footer_shows_the_keys_that_apply_and_dims_the_rest() -> None:
    app = make_app(iterations=20)
    async with started(app) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        shown = footer_keys(app)
        assert shown["Run"] and shown["Help"] and shown["Quit"] and shown["Form"]
        assert not shown["Pause/Resume"] and not shown["Step"] and not shown["Reset"]
        assert "Faster" not in shown and "Log y" not in shown  # in the help and the palette: the footer keeps to essentials
        await pilot.press("r", "space")  # paused: now stepping applies
        await pilot.pause()
        shown = footer_keys(app)
        assert shown["Pause/Resume"] and shown["Step"] and shown["Reset"]


async def test_the_footers_keys_are_there_as_soon_as_it_mounts() -> None:
    """Keys in the first frame: the footer composes them at once, where the stock Footer composes empty and waits."""
    app = make_app(iterations=20)
    async with started(app) as pilot:
        screen = app.dashboard
        ours, stock = LeanFooter(), Footer()
        await screen.mount(ours)  # returns once it has composed and mounted, before any refresh
        await screen.mount(stock)
        keys = [getattr(key, "description") for key in ours.query("FooterKey")]
        assert "Run" in keys and "Quit" in keys
        # What the subclass is for (if a Textual release composes keys at once, this tells us it is not needed):
        assert not stock.query("FooterKey")
        await pilot.pause()


async def test_clicking_a_footer_key_presses_it() -> None:
    app = make_app(iterations=20)
    async with started(app) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        run = next(key for key in app.query("FooterKey") if getattr(key, "description") == "Run")
        await pilot.click(run)
        await pilot.pause()
        assert app.dashboard.runner.state == "running"


# ---------------------------------------------------------------- view tabs
async def test_view_tabs_follow_the_keys_and_pick_on_click() -> None:
    app = make_app()
    async with started(app) as pilot:
        tabs = app.query_one(TabbedContent)
        await pilot.press("escape", "3")
        await pilot.pause()
        assert tabs.active == "view-fit" and app.query_one(ContentSwitcher).current == "view-fit"
        await pilot.click("#--content-tab-view-curve")
        await pilot.pause()
        assert tabs.active == "view-curve"
        assert app.query_one(LossCurveView).is_on_screen


# ------------------------------------------------------------- speed field
async def test_speed_field_steps_with_arrows_and_clicks_within_bounds() -> None:
    app = make_app()
    async with started(app) as pilot:
        control = app.query_one("#field-speed", SpeedControl)
        control.focus()
        await pilot.press("left")  # already the slowest
        assert (control.value, app.dashboard.speed_index) == (0, 0)
        await pilot.press("right", "right")
        assert (control.value, app.dashboard.speed_index) == (2, 2)
        assert status(app).speed == "100/tick"
        for _ in SPEEDS:  # past the top stays at max
            await pilot.press("right")
        assert (control.value, SPEEDS[app.dashboard.speed_index]) == (len(SPEEDS) - 1, None)
        assert "max" in str(control.render())
        await pilot.click(SpeedControl, offset=(0, 0))  # the left arrow
        assert app.dashboard.speed_index == len(SPEEDS) - 2
        await pilot.click(SpeedControl, offset=(5, 0))
        assert app.dashboard.speed_index == len(SPEEDS) - 1
        await pilot.press("enter")  # enter in the speed field runs, as in the other fields
        assert app.dashboard.runner.state == "running"


# ------------------------------------------------------------ progress bar
async def test_progress_bar_fills_with_the_run() -> None:
    app = make_app(iterations=100)
    async with started(app) as pilot:
        bar = app.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (100, 0)
        await pilot.press("enter")
        await ticks(pilot, 50)
        assert bar.percentage == 0.5
        await ticks(pilot)
        assert bar.percentage == 1.0


# ------------------------------------------------------------- panel border
async def test_panel_border_brightens_while_focus_is_inside() -> None:
    app = make_app()
    async with started(app) as pilot:
        form = app.query_one("#form", Panel)
        unlit = form.styles.border_top  # focus starts on the log
        await pilot.press("f")
        await pilot.pause()
        lit = form.styles.border_top
        assert lit != unlit
        await pilot.press("escape")
        await pilot.pause()
        assert form.styles.border_top == unlit
        app.query_one("#field-iterations").focus()
        await pilot.pause()
        assert form.styles.border_top == lit
        await pilot.press("tab")  # field to field inside the form: stays lit
        await pilot.pause()
        assert form.styles.border_top == lit


# ---------------------------------------------------------------- status rows
async def test_status_rows_stay_one_line_each_and_cut_long_values() -> None:
    """A value too long for the side panel ends in … rather than wrapping (which would shift every row below)."""
    app = make_app()
    async with started(app) as pilot:
        table = app.query_one(RowTable)
        table.set_rows([("short", Text("1")), ("long", Text("9" * 200)), ("after", Text("2"))])
        await pilot.pause()
        lines = ["".join(segment.text for segment in table.render_line(y)).rstrip() for y in range(table.size.height)]
        assert table.size.height == 3
        assert lines[1].startswith("long") and lines[1].endswith("…") and lines[2].startswith("after")


async def test_training_b_adds_its_distance_to_the_optimum_as_a_row() -> None:
    app = make_app(iterations=50, bias=True, speed=10)
    async with started(app) as pilot:
        await pilot.press("enter")
        await ticks(pilot)
        labels = [label for label, _ in app.query_one(RowTable)._rows]
        assert labels[-2:] == ["|w − w*|", "|b − b*|"]
        view = status(app)
        assert view.b_gap is not None and str(app.query_one(RowTable)._rows[-1][1]) == f"{view.b_gap:.6f}"


async def test_the_footer_releases_the_keys_its_recompositions_replace() -> None:
    """Textual's Footer kept every replaced key bound to its ``compact`` (bench/soak.py: +65 MB in 100 runs)."""
    app = make_app(iterations=5)

    def alive() -> int:
        gc.collect()
        return sum(type(obj).__name__ == "FooterKey" for obj in gc.get_objects())

    async with started(app) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        before = alive()  # other tests' apps may still hold theirs: count what this one adds
        for _ in range(6):  # each run and reset changes the keys that apply, and the footer recomposes
            await pilot.press("enter")
            await ticks(pilot)
            await pilot.press("ctrl+r")
            await pilot.pause()
        assert alive() - before <= 0, (before, alive())


async def test_a_long_lr_list_reads_from_its_start_once_the_field_is_left() -> None:
    """Scrolled to its end while typed, it read "5, 0.001, ..." (lr 5?) after esc."""
    app = make_app()
    async with started(app, (80, 24)) as pilot:
        lr = field(app, "lr")
        lr.focus()
        await pilot.pause()
        await pilot.press(*"0.0005, 0.001, 0.0015, 0.003, 0.004")
        assert lr.scroll_x > 0  # the field is narrower than the list
        await pilot.press("escape")
        await pilot.pause()
        assert lr.scroll_x == 0 and lr.value == "0.0005, 0.001, 0.0015, 0.003, 0.004"


async def test_before_a_run_the_status_counts_the_forms_iterations() -> None:
    """What the form says will run, not what the flags said at launch; a typo in the field keeps the last good count."""
    app = make_app(iterations=100)
    async with started(app) as pilot:
        table = app.query_one("#status-table")
        assert "– / 100" in str(table.render())
        await type_into(pilot, app, "iterations", "2500")
        assert status(app).total == 2500 and "– / 2,500" in str(table.render())
        await pilot.press("escape")  # out and back in: focusing the field again selects its text
        await type_into(pilot, app, "iterations", "0")
        assert status(app).total == 2500
        await pilot.press("escape", "enter")
        assert app.dashboard.runner.state == "ready"  # the field is invalid: nothing ran
        await type_into(pilot, app, "iterations", "40")
        await pilot.press("escape", "enter")
        assert await run_to_end(app, pilot) == "finished"
        assert status(app).total == 40
