"""The dashboard's own small widgets, driven inside the app: key bar, view tabs, speed field, progress line, panel border."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import ContentSwitcher, Input

from appkit import make_app, started, ticks
from tui.app import GradientDescentApp
from tui.key_bar import KeyBar, KeyHint
from tui.panel import Panel
from tui.progress_line import ProgressLine
from tui.row_table import RowTable
from tui.run_form import SPEEDS
from tui.speed_control import SpeedControl
from tui.view_tabs import ViewTabs


def hints(app: GradientDescentApp) -> dict[str, KeyHint]:
    """The key bar's hints now, by description."""
    return {hint.description: hint for hint in app.query_one(KeyBar).hints()}


def bar_text(app: GradientDescentApp) -> str:
    """The key bar's line as drawn."""
    return str(app.query_one(KeyBar).render())


# ------------------------------------------------------------------ key bar
async def test_key_bar_shows_the_keys_that_apply_and_dims_the_rest() -> None:
    app = make_app(iterations=20)
    async with started(app) as pilot:
        shown = hints(app)  # in the lr field, keys that type are not shown: q, ?, + and - among them
        assert shown["Reset"].enabled == (False,) and "esc" in shown["Leave form"].displays
        assert not {"Quit", "Help", "Faster", "Slower"} & set(shown)
        await pilot.press("escape")
        shown = hints(app)
        assert shown["Faster"].enabled == (True,) and shown["Slower"].enabled == (False,)
        assert shown["Run"].displays == ("⏎",) and shown["Quit"].enabled == (True,)
        assert shown["View"].displays == ("1", "2", "3", "4")  # a group: its keys, then its name
        assert shown["Pause/Resume"].enabled == (False,) and shown["Step"].enabled == (False,)
        assert "Help" in bar_text(app) and "1 2 3 4 View" in bar_text(app)
        await pilot.press("r", "space")  # paused: now stepping applies
        await pilot.pause()
        shown = hints(app)
        assert shown["Pause/Resume"].enabled == (True,) and shown["Step"].enabled == (True,)
        assert shown["Reset"].enabled == (True,)


async def test_key_bar_leaves_out_plus_and_minus_where_a_field_types_them() -> None:
    """Textual's own filter misses + and - (its key_to_character knows no "plus"); the bar must not promise them."""
    app = make_app()
    async with started(app) as pilot:
        assert not {"Faster", "Slower"} & set(hints(app))
        await pilot.press("plus", "minus")
        assert app.query_one("#field-lr", Input).value == "+-" and app.speed_index == 0  # typed, as the bar implied
        app.query_one("#field-speed").focus()  # a field that types nothing: the keys are back
        await pilot.pause()
        assert {"Faster", "Slower"} <= set(hints(app))


async def test_clicking_a_key_presses_it_unless_it_is_dimmed() -> None:
    app = make_app(iterations=20)
    async with started(app) as pilot:
        await pilot.press("escape")
        bar = app.query_one(KeyBar)
        shown = hints(app)
        assert bar.key_at(shown["Log y"].start) == ("l", True)
        await pilot.click(KeyBar, offset=(shown["Log y"].start, 0))
        assert app.log_y is True
        await pilot.click(KeyBar, offset=(shown["Step"].start, 0))  # dimmed: nothing happens
        assert (app.runner.state, app.runner.done) == ("ready", 0)
        assert bar.key_at(shown["Log y"].start - 1) is None  # the gap between two keys


# ---------------------------------------------------------------- view tabs
async def test_view_tabs_follow_the_keys_and_pick_on_click() -> None:
    app = make_app()
    async with started(app) as pilot:
        tabs = app.query_one(ViewTabs)
        await pilot.press("escape", "3")
        assert tabs.active == 2 and app.query_one(ContentSwitcher).current == "view-fit"
        column = tabs.index_at(0)
        assert column == 0
        second = len(tabs.labels[0]) + ViewTabs.GAP
        assert tabs.index_at(second) == 1 and tabs.index_at(second - 1) is None
        await pilot.click(ViewTabs, offset=(second, 0))
        await pilot.pause()
        assert app.view == 1 and tabs.active == 1
        assert app.query_one(ContentSwitcher).current == "view-curve"


# ------------------------------------------------------------- speed field
async def test_speed_field_steps_with_arrows_and_clicks_within_bounds() -> None:
    app = make_app()
    async with started(app) as pilot:
        control = app.query_one("#field-speed", SpeedControl)
        control.focus()
        await pilot.press("left")  # already the slowest
        assert (control.value, app.speed_index) == (0, 0)
        await pilot.press("right", "right")
        assert (control.value, app.speed_index) == (2, 2)
        assert app.status_view().speed == "100/tick"
        for _ in SPEEDS:  # past the top stays at max
            await pilot.press("right")
        assert (control.value, SPEEDS[app.speed_index]) == (len(SPEEDS) - 1, None)
        assert "max" in str(control.render())
        await pilot.click(SpeedControl, offset=(0, 0))  # the left arrow
        assert app.speed_index == len(SPEEDS) - 2
        await pilot.click(SpeedControl, offset=(5, 0))
        assert app.speed_index == len(SPEEDS) - 1
        await pilot.press("enter")  # enter in the speed field runs, as in the other fields
        assert app.runner.state == "running"


# ------------------------------------------------------------ progress line
async def test_progress_line_fills_with_the_run() -> None:
    app = make_app(iterations=100)
    async with started(app) as pilot:
        line = app.query_one(ProgressLine)
        assert str(line.render()).endswith("  0%")
        await pilot.press("enter")
        await ticks(pilot, 50)
        text = str(line.render())
        assert text.endswith(" 50%")
        bar = text.count("━") + text.count("─")
        assert bar > 10 and text.count("━") == bar // 2
        await ticks(pilot)
        assert str(line.render()).endswith("100%") and "─" not in str(line.render())


def test_progress_fraction_is_clamped_and_safe_with_no_total() -> None:
    line = ProgressLine()
    line.update(total=0, progress=5)
    assert line.fraction == 0.0
    line.update(total=10, progress=15)
    assert line.fraction == 1.0
    line.update(total=3, progress=2.999)
    assert line.fraction < 1.0  # rounded down: 99% until the last step


# ------------------------------------------------------------- panel border
async def test_panel_border_brightens_while_focus_is_inside() -> None:
    app = make_app()
    async with started(app) as pilot:
        form = app.query_one("#form", Panel)
        assert form.styles.inline.has_rule("border_top")  # lr has focus
        await pilot.press("escape")
        await pilot.pause()
        assert not form.styles.inline.has_rule("border_top")
        app.query_one("#field-iterations").focus()
        await pilot.pause()
        assert form.styles.inline.has_rule("border_top")
        await pilot.press("tab")  # field to field inside the form: stays lit
        await pilot.pause()
        assert form.styles.inline.has_rule("border_top")


async def test_narrow_terminal_gets_short_tab_names_and_a_tighter_key_bar() -> None:
    app = make_app()
    async with started(app, (80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        tabs = app.query_one(ViewTabs)
        assert tabs.shown_labels() == tabs.short_labels != tabs.labels
        assert str(tabs.render()).endswith("4 Surface")  # every view named
        shown = hints(app)
        assert shown["Help"].start + shown["Help"].width <= 80 and shown["Quit"].start + shown["Quit"].width <= 80
        assert shown["Step"].start == shown["Pause/Resume"].start + shown["Pause/Resume"].width + 1
        await pilot.resize_terminal(180, 40)  # room for every key at the usual spacing
        await pilot.pause()
        assert tabs.shown_labels() == tabs.labels
        shown = hints(app)
        assert shown["Step"].start == shown["Pause/Resume"].start + shown["Pause/Resume"].width + KeyBar.GAP


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
        view = app.status_view()
        assert view.b_gap is not None and str(app.query_one(RowTable)._rows[-1][1]) == f"{view.b_gap:.6f}"
