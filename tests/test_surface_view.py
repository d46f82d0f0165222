"""View 4's heat map, drawn without plotext: its glyphs, marks and axes, in Unicode and ASCII mode."""

from __future__ import annotations

import pytest

import core
from support.app import started, steady, ticks
from tui.app import GradientDescentApp
from tui.session.settings import Settings
from tui.views.heat_map import ASCII_RAMP, LEVELS, quantise
from tui.views.surface_view import SurfaceView


def _app(ascii_mode: bool, bias: bool = True) -> GradientDescentApp:
    app = GradientDescentApp(Settings(core.load_dataset(), 0.001, 1000, bias, None, ascii=ascii_mode), clock=False, speed=10)
    app.animation_level = "none"
    return app


async def _picture(app: GradientDescentApp, steps: int | None) -> str:
    async with started(app) as pilot:
        await steady(pilot)
        if steps is not None:
            await pilot.press("enter")
            await ticks(pilot, steps)
            await pilot.press("space")
        app.set_focus(None)
        await pilot.press("4")
        await pilot.pause()
        view = app.query_one(SurfaceView)
        view.replot()
        options = app.console.options.update_width(view.content_size.width)
        lines = app.console.render_lines(view.render(), options, pad=False)
        return "\n".join("".join(segment.text for segment in line) for line in lines)


@pytest.mark.parametrize(("ascii_mode", "glyphs"), [(False, "●•✕┤└┬"), (True, "@oX+|")])
async def test_the_map_marks_the_hiker_path_and_optimum_and_labels_the_axes(ascii_mode: bool, glyphs: str) -> None:
    text = await _picture(_app(ascii_mode), 30)
    assert text.startswith(" ") and "Loss surface L(w, b)" in text
    lines = text.splitlines()
    assert lines[0].strip().startswith("b ") and lines[-2].rstrip().endswith(" w")
    for glyph in glyphs:
        assert glyph in text, glyph
    if ascii_mode:
        assert text.isascii()
        # The hiker's "@" appears in the legend and on the map, once each: the ramp never draws it.
        assert text.count("@") == 2 and "@" not in ASCII_RAMP


async def test_before_a_run_the_map_shows_the_optimum_and_no_hiker() -> None:
    text = await _picture(_app(False), None)
    assert "✕" in text and "●" not in text and "hiker" not in text


async def test_with_b_fixed_the_view_still_explains_there_is_no_surface() -> None:
    text = await _picture(_app(False, bias=False), 3)
    assert "no surface" in text.lower()


def test_levels_are_equal_area_and_cover_the_ramp() -> None:
    import numpy as np

    levels = quantise(np.logspace(0, 6, 900).reshape(30, 30))
    counts = np.bincount(levels.ravel(), minlength=LEVELS)
    assert levels.min() == 0 and levels.max() == LEVELS - 1 and counts.max() - counts.min() <= 1
    assert not quantise(np.ones((3, 3))).any()
