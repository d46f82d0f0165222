"""The helpers behind the book's pictures: grids, ranges, the tangent, and the min/max summary."""

from __future__ import annotations

import numpy as np
import pytest

import core
from core.pictures import loss_curve, quadratic, slice_minimum, span, surface, tangent
from tui.session.summary import MinMaxSummary, downsample


@pytest.fixture(scope="module")
def q(pizza: core.Dataset):
    return quadratic(pizza)


@pytest.mark.parametrize(("w", "b"), [(0.0, 0.0), (1.5, 2.0), (-3.0, 40.0), (1.8436928702, 0.0)])
def test_quadratic_is_the_loss(pizza: core.Dataset, q, w: float, b: float) -> None:
    assert q(w, b) == pytest.approx(core.loss(pizza.X, pizza.Y, w, b), rel=1e-12)


@pytest.mark.parametrize(("w", "b"), [(0.0, 0.0), (1.5, 2.0), (-3.0, 40.0), (4.0, -10.0)])
def test_tangent_slope_is_the_gradient(pizza: core.Dataset, q, w: float, b: float) -> None:
    seg = tangent(q, w, b, 0.25)
    slope = (seg.y1 - seg.y0) / (seg.x1 - seg.x0)
    assert slope == pytest.approx(core.gradient(pizza.X, pizza.Y, w, b)[0], rel=1e-10)
    # It touches the curve at the hiker's w, halfway along.
    assert (seg.x0 + seg.x1) / 2 == pytest.approx(w)
    assert (seg.y0 + seg.y1) / 2 == pytest.approx(core.loss(pizza.X, pizza.Y, w, b), rel=1e-12)


def test_loss_curve_grid(pizza: core.Dataset, q) -> None:
    ws, losses = loss_curve(q, 0.0, (-1.0, 4.0), points=51)
    assert ws[0] == -1.0 and ws[-1] == 4.0 and ws.size == 51
    expected = [core.loss(pizza.X, pizza.Y, w, 0.0) for w in ws]
    np.testing.assert_allclose(losses, expected, rtol=1e-12)
    # The cross sits at the curve's bottom: the closed-form optimum.
    best_w, best_loss = slice_minimum(q, 0.0)
    best = core.optimum(pizza, train_bias=False)
    assert best_w == pytest.approx(best.w, rel=1e-12)
    assert best_loss == pytest.approx(best.loss, rel=1e-12)
    assert losses.min() >= best_loss


def test_slice_minimum_with_bias_is_on_the_slice(pizza: core.Dataset, q) -> None:
    b = 13.0
    best_w, best_loss = slice_minimum(q, b)
    h = 1e-4
    assert core.loss(pizza.X, pizza.Y, best_w - h, b) > best_loss
    assert core.loss(pizza.X, pizza.Y, best_w + h, b) > best_loss
    assert core.gradient(pizza.X, pizza.Y, best_w, b)[0] == pytest.approx(0.0, abs=1e-9)


def test_surface_grid_orientation_and_values(pizza: core.Dataset, q) -> None:
    ws, bs, grid = surface(q, (-1.0, 4.0), (-10.0, 30.0), columns=7, rows=5)
    assert grid.shape == (5, 7)
    # Row 0 is the highest b, so the grid reads like the picture.
    assert bs[0] == 30.0 and bs[-1] == -10.0
    for r, b in enumerate(bs):
        for c, w in enumerate(ws):
            assert grid[r, c] == pytest.approx(core.loss(pizza.X, pizza.Y, w, b), rel=1e-12)


def test_span_widens_only_to_hold_the_path() -> None:
    assert span([0.0, 1.8], (-1.0, 4.0)) == (-1.0, 4.0)
    low, high = span([0.0, 10.0], (-1.0, 4.0))
    assert low == -1.0 and high > 10.0
    low, high = span([-7.0, float("nan"), float("inf")], (-1.0, 4.0))
    assert low < -7.0 and high == 4.0


@pytest.mark.parametrize("capacity", [2, 8, 64])
def test_summary_keeps_every_columns_extremes(capacity: int) -> None:
    rng = np.random.default_rng(capacity)
    values = rng.normal(size=1000)
    values[437] = 50.0  # a spike must survive downsampling
    summary = MinMaxSummary(capacity)
    for chunk in np.array_split(values, 37):
        summary.extend(chunk)
    assert summary.count == values.size and summary.buckets <= capacity
    starts, lows, highs, _ = summary.columns(16)
    bounds = np.append(starts, values.size)
    for j in range(starts.size):
        segment = values[bounds[j] : bounds[j + 1]]
        assert lows[j] == segment.min() and highs[j] == segment.max()
    xs, ys = downsample(summary, 16)
    assert ys.max() == 50.0 and xs.size == 2 * starts.size
    assert np.all(np.diff(xs) >= 0)


def test_a_flat_column_is_one_point_and_the_line_still_reaches_the_end() -> None:
    # A run that settles: a descent over the first columns, then exactly the same loss.
    values = np.concatenate([np.linspace(800.0, 30.0, 64), np.full(960, 30.0)])
    summary = MinMaxSummary(64)
    summary.extend(values)
    starts, lows, highs, _ = summary.columns(16)
    xs, ys = downsample(summary, 16)
    flat = int(np.sum(lows[:-1] == highs[:-1]))
    assert flat >= 10
    # Two points per column that moves, one per flat column, and the last column's end.
    assert xs.size == 2 * starts.size - flat
    assert xs[0] == 0 and xs[-1] == values.size - 1 and ys[0] == 800.0 and ys[-1] == 30.0
    assert np.all(np.diff(xs) > 0)
    # Nothing drawn is lost: every column's extremes are still among the points.
    assert set(lows) | set(highs) == set(ys)


def test_log_ticks_are_whole_powers_inside_the_span() -> None:
    from tui.views.plot_view import log_ticks

    positions, labels = log_ticks(2.9, 50.4)
    assert 2 <= len(positions) <= 7
    assert all(2.9 <= p <= 50.4 and p == int(p) for p in positions)
    assert labels == [f"1e{int(p)}" for p in positions]
    # A span with no whole power still gets one label, the nearest.
    assert log_ticks(1.84, 1.91) == ([2.0], ["1e2"])
