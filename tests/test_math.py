"""The math of the core: gradients, optimum, critical learning rate, and the run's semantics."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import core
from support.data import collect

EPS = np.finfo(np.float64).eps


def non_increasing(losses: list[float], slack: float = 1e-12) -> bool:
    """True when no loss exceeds its predecessor by more than ``slack`` of it (float rounding)."""
    return all(after <= before * (1 + slack) for before, after in itertools.pairwise(losses))


# --- gradient ------------------------------------------------------------------------------

FD_POINTS = [(0.0, 0.0), (-1.0, 0.0), (4.0, 0.0), (1.5, 10.0), (-10.0, -100.0), (2.5, 30.0), (0.3, -7.0)]


@pytest.mark.parametrize(("w", "b"), FD_POINTS)
def test_gradient_matches_central_differences(pizza: core.Dataset, w: float, b: float) -> None:
    """Both partial derivatives agree with a central finite difference of the loss."""
    X, Y = pizza.X, pizza.Y
    grad_w, grad_b = core.gradient(X, Y, w, b)
    value = core.loss(X, Y, w, b)
    hw = 1e-6 * max(1.0, abs(w))
    hb = 1e-6 * max(1.0, abs(b))
    fd_w = (core.loss(X, Y, w + hw, b) - core.loss(X, Y, w - hw, b)) / (2 * hw)
    fd_b = (core.loss(X, Y, w, b + hb) - core.loss(X, Y, w, b - hb)) / (2 * hb)
    # The loss is quadratic, so the difference is exact but for rounding, ~eps·L/h.
    assert grad_w == pytest.approx(fd_w, rel=1e-7, abs=1e3 * EPS * value / hw)
    assert grad_b == pytest.approx(fd_b, rel=1e-7, abs=1e3 * EPS * value / hb)


@pytest.mark.parametrize("train_bias", [False, True])
def test_gradient_vanishes_at_optimum(pizza: core.Dataset, train_bias: bool) -> None:
    """At the closed-form optimum the trained partials are zero (to rounding)."""
    best = core.optimum(pizza, train_bias)
    grad_w, grad_b = core.gradient(pizza.X, pizza.Y, best.w, best.b)
    scale = float(np.mean(np.abs(pizza.X * pizza.Y)))
    assert abs(grad_w) < 1e-10 * scale
    if train_bias:
        assert abs(grad_b) < 1e-10 * scale
    else:
        assert best.b == 0.0


# --- optimum -------------------------------------------------------------------------------


@pytest.mark.parametrize("train_bias", [False, True])
def test_optimum_matches_lstsq(pizza: core.Dataset, train_bias: bool) -> None:
    """The closed form equals numpy's least squares, and its loss is the loss there."""
    columns = [pizza.X, np.ones_like(pizza.X)] if train_bias else [pizza.X]
    solution, *_ = np.linalg.lstsq(np.column_stack(columns), pizza.Y, rcond=None)
    best = core.optimum(pizza, train_bias)
    assert best.w == pytest.approx(solution[0], rel=1e-12)
    assert best.b == (pytest.approx(solution[1], rel=1e-12) if train_bias else 0.0)
    assert best.loss == core.loss(pizza.X, pizza.Y, best.w, best.b)


@pytest.mark.parametrize("train_bias", [False, True])
def test_optimum_is_a_minimum(pizza: core.Dataset, train_bias: bool) -> None:
    """Moving away from the optimum in any trained direction raises the loss."""
    best = core.optimum(pizza, train_bias)
    for dw, db in [(1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-2), (0.0, -1e-2), (1e-3, -1e-2)]:
        if not train_bias and db:
            continue
        assert core.loss(pizza.X, pizza.Y, best.w + dw, best.b + db) > best.loss


def test_training_reaches_optimum_w_only(pizza: core.Dataset) -> None:
    """With b fixed, lr 0.001 contracts fast: 1,000 steps land on the optimum."""
    _, outcome = collect(core.descend(pizza, 0.001, 1_000))
    best = core.optimum(pizza, False)
    assert outcome.w == pytest.approx(best.w, rel=1e-13)
    assert outcome.b == 0.0


def test_training_reaches_optimum_with_bias(pizza: core.Dataset) -> None:
    """Near the critical lr, 20,000 steps shrink the slow direction below float precision."""
    lr = 0.95 * core.critical_lr(pizza, True)
    steps, outcome = collect(core.descend(pizza, lr, 20_000, train_bias=True))
    best = core.optimum(pizza, True)
    assert outcome.reason == "finished"
    assert outcome.w == pytest.approx(best.w, rel=1e-10)
    assert outcome.b == pytest.approx(best.b, rel=1e-10)
    assert steps[-1].loss == pytest.approx(best.loss, rel=1e-12)


# --- critical learning rate ----------------------------------------------------------------


@pytest.mark.parametrize("train_bias", [False, True])
def test_critical_lr_is_two_over_largest_hessian_eigenvalue(pizza: core.Dataset, train_bias: bool) -> None:
    """``critical_lr`` is 2/λmax of the loss's Hessian, computed here with numpy."""
    X = pizza.X
    hessian = 2 * np.array([[np.mean(X * X), np.mean(X)], [np.mean(X), 1.0]]) if train_bias else 2 * np.array([[np.mean(X * X)]])
    largest = float(np.linalg.eigvalsh(hessian).max())
    assert core.critical_lr(pizza, train_bias) == pytest.approx(2 / largest, rel=1e-13)


@pytest.mark.parametrize("train_bias", [False, True])
def test_below_critical_lr_converges(pizza: core.Dataset, train_bias: bool) -> None:
    """At 0.95 × critical the loss never rises and the run ends at the optimum."""
    lr = 0.95 * core.critical_lr(pizza, train_bias)
    steps, outcome = collect(core.descend(pizza, lr, 20_000, train_bias=train_bias))
    assert outcome.reason == "finished"
    losses = [step.loss for step in steps]
    assert non_increasing(losses)
    assert losses[-1] < losses[0]
    best = core.optimum(pizza, train_bias)
    assert outcome.w == pytest.approx(best.w, rel=1e-9)
    assert outcome.b == pytest.approx(best.b, rel=1e-9, abs=0.0)

    _, stopped = collect(core.descend(pizza, lr, 20_000, train_bias=train_bias, tolerance=1e-9))
    assert stopped.reason == "converged"
    assert stopped.iterations < 20_000


@pytest.mark.parametrize("train_bias", [False, True])
def test_above_critical_lr_diverges(pizza: core.Dataset, train_bias: bool) -> None:
    """At 1.05 × critical the loss climbs until it overflows: reason ``diverged``."""
    lr = 1.05 * core.critical_lr(pizza, train_bias)
    steps, outcome = collect(core.descend(pizza, lr, 50_000, train_bias=train_bias))
    assert outcome.reason == "diverged"
    assert outcome.at == len(steps) == outcome.iterations < 50_000
    losses = [step.loss for step in steps]
    assert all(math.isfinite(value) for value in losses)
    assert losses[-1] > 1e300 > losses[0]
    # Once the unstable direction dominates, every step climbs.
    tail = losses[len(losses) // 2 :]
    assert all(after > before for before, after in itertools.pairwise(tail))


def test_book_lr_0_005_rises_from_the_start(pizza: core.Dataset) -> None:
    """The chapter's example: at lr 0.005 the w-only loss rises at every iteration from 812.87."""
    steps, outcome = collect(core.descend(pizza, 0.005, 100_000))
    losses = [step.loss for step in steps]
    assert "%.2f" % losses[0] == "812.87"
    assert all(after > before for before, after in itertools.pairwise(losses))
    assert outcome.reason == "diverged"


@pytest.mark.parametrize("lr", [1e300, 1.7976931348623157e308, 1e200])
@pytest.mark.parametrize("train_bias", [False, True])
def test_huge_lr_diverges_at_once(pizza: core.Dataset, lr: float, train_bias: bool) -> None:
    """An absurd learning rate ends the run as ``diverged`` after a step or two, with no warning."""
    steps, outcome = collect(core.descend(pizza, lr, 1_000, train_bias=train_bias))
    assert outcome.reason == "diverged"
    assert 1 <= outcome.iterations <= 3
    assert outcome.at == len(steps)


def test_overflowing_last_update_is_diverged(pizza: core.Dataset) -> None:
    """A finite loss whose update overflows w still ends ``diverged``, at the next iteration."""
    steps, outcome = collect(core.descend(pizza, 1.7976931348623157e308, 1))
    assert len(steps) == 1 and math.isfinite(steps[0].loss)
    assert (outcome.reason, outcome.iterations, outcome.at) == ("diverged", 1, 1)
    assert not math.isfinite(outcome.w)


# --- tolerance and the run's bookkeeping ---------------------------------------------------


def test_tolerance_stops_early_as_converged(pizza: core.Dataset) -> None:
    """The run stops at the first step whose loss moved by less than the tolerance."""
    lr, tolerance = 0.001, 1e-6
    steps, outcome = collect(core.descend(pizza, lr, 100_000, train_bias=True, tolerance=tolerance))
    assert outcome.reason == "converged"
    assert outcome.at is None
    assert 2 <= outcome.iterations == len(steps) < 100_000
    changes = [abs(after.loss - before.loss) for before, after in itertools.pairwise(steps)]
    assert changes[-1] < tolerance
    assert all(change >= tolerance for change in changes[:-1])
    # The converging step's update is still applied.
    last = steps[-1]
    assert (outcome.w, outcome.b) == (last.w - lr * last.grad_w, last.b - lr * last.grad_b)


def test_finished_outcome(pizza: core.Dataset) -> None:
    """A full run reports ``finished``, its length, and the parameters after the last update."""
    lr = 0.001
    steps, outcome = collect(core.descend(pizza, lr, 250, train_bias=True))
    assert (outcome.reason, outcome.iterations, outcome.at) == ("finished", 250, None)
    assert [step.index for step in steps] == list(range(250))
    last = steps[-1]
    assert (outcome.w, outcome.b) == (last.w - lr * last.grad_w, last.b - lr * last.grad_b)


def test_diverged_outcome_names_first_non_finite_iteration(pizza: core.Dataset) -> None:
    """``at`` is the iteration whose loss stopped being finite; no step carries it."""
    steps, outcome = collect(core.descend(pizza, 0.01, 10_000))
    assert outcome.reason == "diverged"
    assert outcome.at == outcome.iterations == len(steps) == steps[-1].index + 1
    assert math.isfinite(steps[-1].loss)
    with np.errstate(over="ignore"):
        assert not math.isfinite(core.loss(pizza.X, pizza.Y, outcome.w, outcome.b))


@pytest.mark.parametrize("train_bias", [False, True])
def test_step_semantics(pizza: core.Dataset, train_bias: bool) -> None:
    """Step i holds (w, b) before update i; step 0 is (0, 0); w_{i+1} = w_i - lr·grad_w_i exactly."""
    lr = 0.0015
    steps, _ = collect(core.descend(pizza, lr, 500, train_bias=train_bias))
    assert (steps[0].index, steps[0].w, steps[0].b) == (0, 0.0, 0.0)
    assert steps[0].loss == core.loss(pizza.X, pizza.Y, 0.0, 0.0)
    for before, after in itertools.pairwise(steps):
        assert after.index == before.index + 1
        assert after.w == before.w - lr * before.grad_w
        assert after.b == (before.b - lr * before.grad_b if train_bias else 0.0)


def test_descend_starts_where_told(pizza: core.Dataset) -> None:
    """The book's surface plot starts the hiker at w = -10, b = -100."""
    steps, _ = collect(core.descend(pizza, 0.001, 3, train_bias=True, w=-10, b=-100))
    assert (steps[0].w, steps[0].b) == (-10.0, -100.0)
    assert steps[0].loss == core.loss(pizza.X, pizza.Y, -10.0, -100.0)


@pytest.mark.parametrize("train_bias", [False, True])
def test_optimal_lr_balances_the_hessians_extremes(pizza: core.Dataset, train_bias: bool) -> None:
    """2 / (λmin + λmax) from the Hessian's eigenvalues (numpy's), and no lr on a grid converges faster."""
    X = pizza.X
    hessian = 2 * np.array([[np.mean(X * X), np.mean(X)], [np.mean(X), 1.0]]) if train_bias else np.array([[2 * np.mean(X * X)]])
    eigenvalues = np.linalg.eigvalsh(hessian)
    assert core.optimal_lr(pizza, train_bias) == pytest.approx(2 / (eigenvalues.min() + eigenvalues.max()), rel=1e-9)

    def contraction(lr: float) -> float:
        return float(np.max(np.abs(1 - lr * eigenvalues)))

    best = core.optimal_lr(pizza, train_bias)
    grid = np.linspace(0.1, 1.9, 181) * best
    assert all(contraction(best) <= contraction(lr) + 1e-15 for lr in grid)
    assert best < core.critical_lr(pizza, train_bias)


def test_optimum_with_b_fixed_elsewhere(pizza: core.Dataset) -> None:
    """With b fixed at 5 the optimum w minimises the loss along that line (finite differences)."""
    best = core.optimum(pizza, False, b=5.0)
    assert best.b == 5.0
    for dw in (1e-4, -1e-4):
        assert core.loss(pizza.X, pizza.Y, best.w + dw, 5.0) > best.loss
