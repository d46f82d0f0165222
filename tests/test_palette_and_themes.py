"""The command palette offers every action beside Textual's own, and the charts follow the theme."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.command import CommandPalette

from support.app import make_app, started, ticks
from tui.views.plot_view import palette

#: Every action of the dashboard, as the palette titles it.
OURS = {
    "Run",
    "Pause/Resume",
    "Step",
    "Reset",
    "Help",
    "Log y",
    "Faster",
    "Slower",
    "Leave form",
    "View: Loss",
    "View: Curve",
    "View: Fit",
    "View: Surface",
    "Browse: Back",
    "Browse: Forward",
    "Browse: First",
    "Browse: Newest",
}


async def test_palette_lists_every_action_with_a_description_beside_textuals_own() -> None:
    app = make_app()
    async with started(app):
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert set(commands) >= OURS
        assert {"Theme", "Quit", "Keys", "Screenshot"} <= set(commands)
        assert all(len(commands[title]) > 10 for title in OURS), commands
        assert len([title for title in commands if title == "Run"]) == 1  # enter and r are one command


async def test_running_a_command_from_the_palette_does_what_its_key_does() -> None:
    app = make_app(iterations=5)
    async with started(app) as pilot:
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Run", "enter")
        await pilot.pause()
        assert app.screen is app.dashboard and app.dashboard.runner.state == "running"
        await ticks(pilot)
        assert app.dashboard.runner.state == "finished"


async def test_a_dimmed_action_run_from_the_palette_does_nothing() -> None:
    app = make_app()
    async with started(app) as pilot:
        step = next(command for command in app.get_system_commands(app.screen) if command.title == "Step")
        await step.callback()
        await pilot.pause()
        assert (app.dashboard.runner.state, app.dashboard.runner.done) == ("ready", 0)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((a.brightness, b.brightness), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark"])
async def test_chart_marks_follow_the_theme_and_stand_out_on_its_background(theme: str) -> None:
    app = make_app()
    async with started(app) as pilot:
        app.theme = theme
        await pilot.press("escape", "enter")
        await ticks(pilot)
        chart = app.dashboard.query_one("#loss-chart")
        marks = getattr(chart, "marks")
        assert marks == palette(app.current_theme)
        if theme.startswith("ansi"):
            # The terminal's own palette, as the rest of an ansi theme: indices (or its default), not RGB.
            assert all(color is None or isinstance(color, int) for color in marks.values()), marks
            assert marks["ink"] is None
            return
        background = Color.parse(app.theme_variables["background"])
        for role in ("line", "hiker", "slope", "minimum", "data", "ink"):
            assert contrast(Color(*marks[role]), background) >= 1.8, (theme, role, marks[role])
        assert len({marks[role] for role in ("line", "hiker", "slope", "minimum")}) == 4  # told apart


async def test_changing_the_theme_redraws_the_chart_in_its_colours() -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("escape", "enter")
        await ticks(pilot)
        chart = app.dashboard.query_one("#loss-chart")
        before = str(chart.render())
        dark = getattr(chart, "marks")["line"]
        app.theme = "textual-light"
        await pilot.pause()
        assert getattr(chart, "marks")["line"] != dark
        assert str(chart.render()) == before  # the same picture, in other colours
