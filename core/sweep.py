"""Learning-rate sweeps: k runs of the book's loop advanced together, one vectorised step for all.

A sweep runs every learning rate on the same data, iterations and start. The
k runs' parameters sit in arrays of length k; each step computes the k
residual rows at once and sums each row with one ``np.add.reduce`` over the
last axis (:mod:`core._rows`). numpy sums each contiguous row the way it sums
a 1-D array (the same pairwise tree), so every run is bit-identical to
:func:`core.descent.descend` with its own lr; that relies on how numpy
happens to sum, so :func:`rows_sum_exactly` checks it once per process and
the sums fall back to one ``np.add.reduce`` per row if not.

On the book's 30 rows a step is numpy's per-call overhead (about 1 µs a
call), not arithmetic: so a step makes as few calls as it can, and enters
``np.errstate`` only when something could overflow (:class:`_Headroom`).

A run that ends (diverged, converged) leaves the arrays; the others go on.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Generator, Sequence
from typing import NamedTuple

import numpy as np

from core._rows import row_sums, rows_sum_exactly
from core.data import Dataset
from core.descent import Outcome, Reason, Step, descend
from core.params import MAX_SWEEP, check_iterations, check_lr

__all__ = ["SweepStep", "rows_sum_exactly", "sweep"]


class SweepStep(NamedTuple):
    """One iteration of every run still going: ``runs[i]`` is the index (into the lrs) of row ``i``.

    A named tuple: made once per step of all k runs, it must cost little. So
    the gradients are kept halved, as the sums give them, and doubled only
    when asked for (most consumers never do: a loss per run is what they show).
    """

    #: The iteration (``index`` of each run's :class:`~core.descent.Step`;
    #: a tuple's own ``index`` method keeps that name).
    iteration: int
    runs: tuple[int, ...]
    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    #: Every row's mean of x·r, then every row's mean of r: half of each
    #: gradient (see :attr:`grad_w`, :attr:`grad_b`).
    halves: np.ndarray

    @property
    def grad_w(self) -> np.ndarray:
        """Each row's dL/dw."""
        with np.errstate(over="ignore"):  # as descend() reports an overflowed gradient: inf
            return self.halves[: len(self.runs)] * 2.0

    @property
    def grad_b(self) -> np.ndarray:
        """Each row's dL/db (computed with b fixed too, as :func:`~core.descent.descend` does)."""
        with np.errstate(over="ignore"):
            return self.halves[len(self.runs) :] * 2.0

    def step(self, row: int) -> Step:
        """Row ``row`` as the :class:`~core.descent.Step` its run alone would have yielded."""
        return Step(
            self.iteration,
            float(self.w[row]),
            float(self.b[row]),
            float(self.loss[row]),
            2 * float(self.halves[row]),
            2 * float(self.halves[len(self.runs) + row]),
        )


def sweep(
    dataset: Dataset,
    lrs: Sequence[float],
    iterations: int,
    *,
    train_bias: bool = False,
    w: float = 0.0,
    b: float = 0.0,
    tolerance: float | None = None,
) -> Generator[SweepStep, None, tuple[Outcome, ...]]:
    """Run one :func:`~core.descent.descend` per learning rate in ``lrs``, all in one pass.

    Yields a :class:`SweepStep` per iteration while any run goes on; returns
    the runs' :class:`~core.descent.Outcome` in the order of ``lrs``. Each run's
    steps and outcome are bit-identical to ``descend(dataset, lr, ...)``.
    Raises ``ValueError`` as :func:`descend` does, and for an empty list or one
    of more than :data:`~core.params.MAX_SWEEP` values.
    """
    rates = [check_lr(lr) for lr in lrs]
    if not 1 <= len(rates) <= MAX_SWEEP:
        raise ValueError(f"a sweep runs 1 to {MAX_SWEEP} learning rates, not {len(rates)}")
    check_iterations(iterations)
    # descend() checks the tolerance (and everything else) the same way.
    descend(dataset, rates[0], 1, train_bias=train_bias, w=w, b=b, tolerance=tolerance).close()
    return _sweep(dataset.X, dataset.Y, np.array(rates), iterations, train_bias, float(w), float(b), tolerance)


class _Headroom:
    """How many steps from given parameters can run with nothing able to overflow, so without np.errstate.

    Overflow is how a diverging run ends, and it is reported, so numpy must
    not warn about it; but entering np.errstate costs about what two numpy
    operations do, a sixth of a sweep's step on the book's data. As in
    :func:`core.descent.descend`: every |residual| is at most
    ``R = x_max*max|w| + max|b| + y_max`` (up to rounding), and below ``safe``
    no square, product or sum of m of them comes within 16x of float64's
    maximum; here also no update (``|grad*lr| <= 2*x_max*R*lr``) overflows.
    One update grows R by a factor of at most ``1 + growth``, so from R the
    next ``log(safe/R) / log(1 + growth)`` steps are safe: on the book's data
    a check every hundred steps or so, not one per step.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, lr_max: float, b_fixed: float) -> None:
        limit = sys.float_info.max / 16 / X.shape[0]
        x_max, y_max = float(np.abs(X).max()), float(np.abs(Y).max())
        self.scale = max(x_max, 1.0)
        self.fixed = abs(b_fixed)  # the b of every run, when b is not trained
        self.y_max = y_max
        safe = min(math.sqrt(limit), limit / self.scale, sys.float_info.max / 16 / (self.scale * lr_max))
        # A NaN or inf in the data makes every step risky, and so does an lr
        # that overflows when doubled (see `doubled` in _sweep).
        self.safe = safe if math.isfinite(x_max + y_max + 2.0 * lr_max) else 0.0
        self.growth = 2.1 * self.scale * (self.scale + 1.0) * lr_max

    def steps(self, values: list[float]) -> int:
        """Steps that are safe from the parameters ``values`` on (0: not even this one)."""
        # max() and min() can pass over a NaN; a sum cannot (nor an inf).
        if not math.isfinite(sum(values)):
            return 0
        reach = (self.scale + 1.0) * max(max(values), -min(values), self.fixed) + self.y_max
        if not reach < self.safe:
            return 0
        ahead = (math.log(self.safe) - math.log(max(reach, sys.float_info.min))) / math.log1p(self.growth)
        return int(min(ahead, 1e9))


def _sweep(
    X: np.ndarray,
    Y: np.ndarray,
    lr: np.ndarray,
    iterations: int,
    train_bias: bool,
    w0: float,
    b0: float,
    tolerance: float | None,
) -> Generator[SweepStep, None, tuple[Outcome, ...]]:
    m = float(X.shape[0])
    k = lr.shape[0]
    runs = tuple(range(k))
    # The parameters that move: with b trained, every run's w then every
    # run's b in one array, so one operation updates both; else the w alone
    # (each b stays b0). New arrays each step (never changed in place), so
    # what a step yielded stays as it was.
    moving = np.full(2 * k if train_bias else k, w0)
    moving[k:] = b0
    rates = np.concatenate((lr, lr)) if train_bias else lr
    # w - grad*lr with grad = 2*half is w - half*(2*lr), bit for bit: doubling
    # is exact (short of overflow, which _Headroom rules out), so both round
    # the same product. A step saves a call.
    with np.errstate(over="ignore"):
        doubled = rates * 2.0
    w, b = (moving[:k], moving[k:]) if train_bias else (moving, np.full(k, b0))
    previous = np.full(k, math.nan)
    outcomes: list[Outcome | None] = [None] * k
    # b for every run when it is not trained.
    b_fixed = None if train_bias else b0
    sums = row_sums(X, Y, k, b_fixed)
    headroom = _Headroom(X, Y, float(lr.max()), 0.0 if train_bias else b0)

    def end(rows: np.ndarray, reason: Reason, done: int, at: int | None) -> None:
        for row in np.flatnonzero(rows):
            outcomes[runs[row]] = Outcome(reason, float(w[row]), float(b[row]), done, at=at)

    def keep(rows: np.ndarray) -> None:
        # Rare (a run ended): rebuild everything for the runs left.
        nonlocal runs, k, lr, moving, rates, doubled, w, b, previous, sums
        runs = tuple(run for run, kept in zip(runs, rows) if kept)
        k, lr, previous, w, b = len(runs), lr[rows], previous[rows], w[rows], b[rows]
        if train_bias:
            moving, rates = np.concatenate((w, b)), np.concatenate((lr, lr))
            w, b = moving[:k], moving[k:]
        else:
            moving, rates = w, lr
        doubled = rates * 2.0
        if runs:
            sums = row_sums(X, Y, k, b_fixed)

    def settle(index: int, loss: np.ndarray, halves: np.ndarray) -> bool:
        """Step ``index``'s update, then the ends descend() tests; False when no run is left."""
        nonlocal moving, w, b, previous
        # w -= grad_w * lr (and b alike), as descend() applies it.
        moving = moving - ((halves if train_bias else halves[:k]) * 2.0) * rates
        w, b = (moving[:k], moving[k:]) if train_bias else (moving, b)
        if tolerance is None:
            # A parameter that stopped being finite shows in the next loss
            # (see below), or after the last step.
            return True
        finite = np.isfinite(w) & np.isfinite(b)
        if not finite.all():
            end(~finite, "diverged", index + 1, index + 1)
            keep(finite)
            loss = loss[finite]
        settled = np.abs(loss - previous) < tolerance
        if settled.any():
            end(settled, "converged", index + 1, None)
            keep(~settled)
            loss = loss[~settled]
        previous = loss
        return bool(runs)

    new_step = tuple.__new__
    free = 0  # steps left that nothing can overflow in (see _Headroom)
    safe = False  # whether the last step was one of them (its update is, too)
    pending: tuple[int, np.ndarray, np.ndarray] | None = None
    for index in range(iterations):
        if pending is not None:
            if safe and tolerance is None:
                # settle() without the errstate, inlined: this is most steps.
                moving = moving - (pending[2] if train_bias else pending[2][:k]) * doubled
                w, b = (moving[:k], moving[k:]) if train_bias else (moving, b)
            else:
                with np.errstate(over="ignore", invalid="ignore"):
                    if not settle(*pending):
                        break
        if not free:
            free = headroom.steps(moving.tolist())
        safe = free > 0
        if safe:
            free -= 1
            scaled = sums(moving)
            np.divide(scaled, m, scaled)
        else:
            # One errstate per step serves all k runs. (Never around the
            # yield: the consumer's code would run in it.)
            with np.errstate(over="ignore", invalid="ignore"):
                scaled = sums(moving)
                np.divide(scaled, m, scaled)
                # A sum of the k losses is finite only if each is (it can
                # also overflow when each is finite: then the exact test says
                # so). Parameters that stopped being finite after the last
                # update make this loss non-finite too, so one test serves
                # both, with the numbers descend() reports for either:
                # `index` steps done.
                if not math.isfinite(sum(scaled[:k].tolist())):
                    finite = np.isfinite(scaled[:k])
                    if not finite.all():
                        end(~finite, "diverged", index, index)
                        kept = np.tile(finite, 3)
                        keep(finite)
                        if not runs:
                            break
                        scaled = scaled[kept]
        loss, halves = scaled[:k], scaled[k:]
        pending = (index, loss, halves)
        # tuple.__new__ skips the named tuple's own __new__, a Python call.
        yield new_step(SweepStep, (index, runs, w, b, loss, halves))
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            if pending is None or settle(*pending):
                # The last update's parameters have no next loss to show them.
                finite = np.isfinite(w) & np.isfinite(b)
                end(~finite, "diverged", iterations, iterations)
                end(finite, "finished", iterations, None)
    return tuple(outcome for outcome in outcomes if outcome is not None)
