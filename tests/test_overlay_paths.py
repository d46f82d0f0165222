"""The overlay in views 2 and 4 (issue 10): the kept runs' and a sweep's others' paths, with the loss chart's marks."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from support.app import make_app, set_form, started, sweep_to_end, ticks
from tui.app import GradientDescentApp
from tui.views.loss_curve import LossCurveView
from tui.views.plot_view import OVERLAY_MARKS
from tui.views.surface_view import SurfaceView

SIZE = (120, 40)


def picture(surface: SurfaceView) -> str:
    """The heat map's text as drawn now (title first)."""
    size = surface.content_size
    return "\n".join("".join(segment.text for segment in line) for line in surface.lines(size.width, size.height))


async def sweep_then_view(pilot: Pilot, lrs: str, key: str) -> None:
    """Run the sweep ``lrs`` to its end, then show view ``key``."""
    assert isinstance(pilot.app, GradientDescentApp)
    set_form(pilot.app, lr=lrs)
    await pilot.press("enter")
    await sweep_to_end(pilot.app, pilot)
    await pilot.press(key)
    await pilot.pause()


async def test_the_surface_draws_a_sweeps_other_paths_and_c_hides_them() -> None:
    app = make_app(iterations=300, bias=True, speed=100)
    async with started(app, SIZE) as pilot:
        await sweep_then_view(pilot, "0.001, 0.0045", "4")
        surface = app.query_one(SurfaceView)
        title = picture(surface).splitlines()[0]
        assert [index for index, _, _ in surface.others] == [0], "the sweep's other lr, with the first mark"
        symbol = OVERLAY_MARKS[0][0]
        assert f"{symbol} kept runs" in title, title
        # lr 0.0045 zigzags across the valley: its marks are on the map, off the current path's.
        drawn = picture(surface)
        assert drawn.count(symbol) > 5, drawn
        await pilot.press("c")  # the overlay off: only this run's path
        await pilot.pause()
        assert surface.others == [] and "kept runs" not in picture(surface).splitlines()[0]


async def test_the_loss_curve_draws_runs_on_its_curve_only() -> None:
    app = make_app(iterations=30, speed=100)
    async with started(app, SIZE) as pilot:
        await sweep_then_view(pilot, "0.001, 0.004", "2")
        curve = app.query_one("#loss-curve", LossCurveView)
        assert [index for index, _ in curve.on_curve()] == [0]
        assert "+ kept" in str(curve.render()).splitlines()[0]
        # A run from another start b0 lies on another curve: not drawn on this one.
        set_form(app, lr="0.001", b0="5")
        await pilot.press("enter")
        await sweep_to_end(app, pilot)
        await pilot.pause()
        assert curve.b == 5.0 and len(curve.others) == 2, "both earlier runs are overlaid..."
        assert curve.on_curve() == [], "...but they ran at b = 0, on another curve"
        assert "kept" not in str(curve.render()).splitlines()[0]


@pytest.mark.parametrize(
    ("lrs", "right"),
    [
        ("0.001, 0.003, 0.0045", True),  # all fall: top-left is where they start, the part worth seeing
        ("0.001, 0.002, 0.005", False),  # 0.005 > critical lr 0.00457: its loss climbs to the top-right
    ],
)
async def test_the_legend_takes_the_top_corner_the_curves_leave_free(lrs: str, right: bool) -> None:
    app = make_app(iterations=60, speed=100)
    async with started(app, SIZE) as pilot:
        await sweep_then_view(pilot, lrs, "1")
        lines = str(app.query_one("#loss-chart").render()).splitlines()
        legend = next(line for line in lines if "this run" in line)
        assert (legend.index("this run") > len(legend) // 2) == right, "\n".join(lines)


async def test_a_sweeps_paths_follow_it_while_it_runs() -> None:
    """The views keep each overlaid path's sample while it is unchanged: it must still follow a growing one."""
    app = make_app(iterations=300, bias=True, speed=1)
    async with started(app, SIZE) as pilot:
        set_form(app, lr="0.001, 0.002")
        await pilot.press("enter", "4")
        await ticks(pilot, 3)
        surface = app.query_one(SurfaceView)
        ((_, early, _),) = surface.others
        await ticks(pilot, 40)
        ((_, later, _),) = surface.others
        assert early.size == 3 and later.size == 43, (early.size, later.size)
        assert later[:3].tolist() == early.tolist()
