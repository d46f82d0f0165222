"""Learning-rate sweeps: k runs of the book's loop advanced together, one vectorised step for all.

A sweep runs every learning rate on the same data, iterations and start. The
k runs' parameters sit in arrays of length k; each step computes the k
residual rows at once as a (k, m) array and sums each row with one
``np.add.reduce(..., axis=1)``. numpy sums each contiguous row of a (k, m)
array the way it sums a 1-D array (the same pairwise tree), so every run is
bit-identical to :func:`core.descent.descend` with its own lr; that relies on
how numpy happens to sum, so :func:`rows_sum_exactly` checks it once per
process and the sums fall back to one ``np.add.reduce`` per row if not.

A run that ends (diverged, converged) leaves the arrays; the others go on.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Generator, Sequence
from typing import NamedTuple

import numpy as np

from core._blocked import BLOCKED_ABOVE, LEAF, Node, blocking_is_exact, combine, pairwise_tree
from core.data import Dataset
from core.descent import Outcome, Reason, Step, descend
from core.params import MAX_SWEEP, check_iterations, check_lr

__all__ = ["SweepStep", "rows_sum_exactly", "sweep"]


class SweepStep(NamedTuple):
    """One iteration of every run still going: ``runs[i]`` is the index (into the lrs) of row ``i``.

    A named tuple: made once per step of all k runs, it must cost little.
    """

    #: The iteration (``index`` of each run's :class:`~core.descent.Step`;
    #: a tuple's own ``index`` method keeps that name).
    iteration: int
    runs: tuple[int, ...]
    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    grad_w: np.ndarray
    grad_b: np.ndarray

    def step(self, row: int) -> Step:
        """Row ``row`` as the :class:`~core.descent.Step` its run alone would have yielded."""
        return Step(
            self.iteration,
            float(self.w[row]),
            float(self.b[row]),
            float(self.loss[row]),
            float(self.grad_w[row]),
            float(self.grad_b[row]),
        )


@functools.cache
def rows_sum_exactly() -> bool:
    """Whether this numpy sums each row of a (3, k, m) array bit for bit as it sums that row alone."""
    rng = np.random.default_rng(0)
    for k, m in ((1, 1), (3, 7), (8, 30), (5, 129), (8, 1000), (2, 4097), (100, 9)):
        probe = rng.standard_normal((3, k, m)) * 10.0 ** rng.integers(-3, 4, (3, k, 1))
        together = np.add.reduce(probe, axis=2)
        alone = np.array([[np.add.reduce(row) for row in plane] for plane in probe])
        if not np.array_equal(together.view(np.int64), alone.view(np.int64)):
            return False
    return True


class _Sums:
    """The three residual sums of k runs per step, into buffers made once, leaf by leaf on large data.

    ``sums(w, b)`` returns a (3, k) array: the sums of r², x·r and r for each
    run's ``r = x*w + b - y``. On large data the columns are cut along
    numpy's pairwise tree (:func:`core._blocked.pairwise_tree`) so each leaf's
    (3, k, leaf) buffers stay in cache, and the leaf sums are added back up the
    same tree: the same bits as one whole-array sum per run.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, k: int, with_b: bool) -> None:
        m = X.shape[0]
        exact = rows_sum_exactly()
        blocked = exact and m > BLOCKED_ABOVE and blocking_is_exact()
        # A leaf of k rows holds about what one run's leaf holds.
        self.root: Node
        self.root, spans = pairwise_tree(m, max(LEAF // k, 1024)) if blocked else (0, [(0, m)])
        widest = max(hi - lo for lo, hi in spans)
        self.buffer = np.empty((3, k, widest))
        self.leaves = [(X[lo:hi], Y[lo:hi], self.buffer[:, :, : hi - lo]) for lo, hi in spans]
        self.exact = exact
        self.with_b = with_b

    def __call__(self, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        w_column, b_column = w[:, None], b[:, None]
        multiply, subtract, reduce = np.multiply, np.subtract, np.add.reduce
        leaf_sums = []
        for x, y, buffer in self.leaves:
            squares, products, residual = buffer
            # descend()'s residual: "+ b" only when some b is not 0.0 (a
            # zero's sign, which is all "+ 0.0" could change, no sum shows).
            multiply(x, w_column, out=residual)
            if self.with_b:
                np.add(residual, b_column, out=residual)
            subtract(residual, y, out=residual)
            multiply(residual, residual, out=squares)
            multiply(x, residual, out=products)
            if self.exact:
                leaf_sums.append(reduce(buffer, axis=2))
            else:
                leaf_sums.append(np.array([[reduce(row) for row in plane] for plane in buffer]))
        return leaf_sums[0] if len(leaf_sums) == 1 else combine(self.root, leaf_sums)


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
    m = X.shape[0]
    k = lr.shape[0]
    runs = tuple(range(k))
    # Every run's w and b; with b trained, stacked as the rows of one (2, k)
    # array so one operation updates both. New arrays each step (never
    # changed in place), so what a step yielded stays as it was.
    params = np.empty((2, k))
    params[0], params[1] = w0, b0
    w, b = params
    previous = np.full(k, math.nan)
    outcomes: list[Outcome | None] = [None] * k
    with_b = train_bias or b0 != 0.0
    sums = _Sums(X, Y, k, with_b)

    def end(rows: np.ndarray, reason: Reason, done: int, at: int | None) -> None:
        for row in np.flatnonzero(rows):
            outcomes[runs[row]] = Outcome(reason, float(w[row]), float(b[row]), done, at=at)

    def keep(rows: np.ndarray) -> None:
        # Rare (a run ended): rebuild everything for the runs left.
        nonlocal runs, params, w, b, lr, previous, sums
        runs = tuple(run for run, kept in zip(runs, rows) if kept)
        params, lr, previous = np.stack((w[rows], b[rows])), lr[rows], previous[rows]
        w, b = params
        if runs:
            sums = _Sums(X, Y, len(runs), with_b)

    def settle(index: int, loss: np.ndarray, grads: np.ndarray) -> bool:
        """After step ``index`` was yielded: its update, then the ends descend() tests; False when no run is left."""
        nonlocal params, w, b, previous
        # w -= grad_w * lr (and b alike), as descend() applies it.
        if train_bias:
            params = params - grads * lr
            w, b = params
        else:
            w = w - grads[0] * lr
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

    pending: tuple[int, np.ndarray, np.ndarray] | None = None
    for index in range(iterations):
        # Overflow is how a diverging run ends, and it is reported; one
        # errstate per step serves all k runs. (Never around the yield: the
        # consumer's code would run in it.)
        with np.errstate(over="ignore", invalid="ignore"):
            if pending is not None and not settle(*pending):
                break
            totals = sums(w, b) / m
            loss = totals[0]
            # A sum of the k losses is finite only if each is (it can also
            # overflow when each is finite: then the exact test says so).
            # Parameters that stopped being finite after the last update make
            # this loss non-finite too, so one test serves both, with the
            # numbers descend() reports for either: `index` steps done.
            if not math.isfinite(sum(loss.tolist())):
                finite = np.isfinite(loss)
                if not finite.all():
                    end(~finite, "diverged", index, index)
                    keep(finite)
                    if not runs:
                        break
                    totals = totals[:, finite]
                    loss = totals[0]
            grads = 2 * totals[1:]
        pending = (index, loss, grads)
        yield SweepStep(index, runs, w, b, loss, grads[0], grads[1])
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            if pending is None or settle(*pending):
                # The last update's parameters have no next loss to show them.
                finite = np.isfinite(w) & np.isfinite(b)
                end(~finite, "diverged", iterations, iterations)
                end(finite, "finished", iterations, None)
    return tuple(outcome for outcome in outcomes if outcome is not None)
