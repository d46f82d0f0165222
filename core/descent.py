"""The training generator: gradient descent one observable step at a time.

Both the dashboard and the headless transcript consume :func:`descend`, so
they cannot disagree. Each yielded :class:`Step` is the book's iteration: the
parameters and loss *before* that iteration's update, plus the gradient that
update will use. The generator's return value (``StopIteration.value``) is an
:class:`Outcome` with the final parameters and why the run ended.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Generator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from core._blocked import large_data_sums
from core.data import Dataset
from core.params import check_iterations, check_lr

__all__ = ["Outcome", "Reason", "Step", "descend"]

Reason = Literal["finished", "converged", "diverged"]

#: ``np.average(a)`` of a 1-D float64 array is ``np.add.reduce(a) / a.size``:
#: the same sum, without average's argument handling (which would cost a
#: third of a step on the book's data).
_sum_of = np.add.reduce


@dataclass(frozen=True, slots=True)
class Step:
    """One iteration: (w, b) and their loss before the update, and the gradient."""

    index: int
    w: float
    b: float
    loss: float
    grad_w: float
    grad_b: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a run ended.

    ``w``/``b`` are the final parameters (after the last applied update);
    ``iterations`` counts the steps yielded. For ``diverged``, ``at`` is the
    iteration whose loss (or parameters) stopped being finite.
    """

    reason: Reason
    w: float
    b: float
    iterations: int
    at: int | None = None


def descend(
    dataset: Dataset,
    lr: float,
    iterations: int,
    *,
    train_bias: bool = False,
    w: float = 0.0,
    b: float = 0.0,
    tolerance: float | None = None,
) -> Generator[Step, None, Outcome]:
    """Run gradient descent on ``dataset``, yielding a :class:`Step` per iteration.

    The update is ``w -= lr * dL/dw`` (and ``b -= lr * dL/db`` when
    ``train_bias``), bit-identical to the book's loop. The run ends early with
    ``diverged`` when the loss or a parameter becomes non-finite, and with
    ``converged`` when ``tolerance`` is given and the loss changed by less than
    it since the previous iteration (that iteration's update is still applied).

    Raises ``ValueError`` for a learning rate that is not finite and > 0, an
    iteration count that is not an int ≥ 1, or a tolerance that is not > 0.
    """
    lr = check_lr(lr)
    check_iterations(iterations)
    if tolerance is not None and (
        isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not (math.isfinite(tolerance) and tolerance > 0)
    ):
        raise ValueError(f"tolerance must be a finite number greater than 0, not {tolerance}")
    return _descend(dataset.X, dataset.Y, lr, iterations, train_bias, float(w), float(b), tolerance)


def _descend(
    X: np.ndarray,
    Y: np.ndarray,
    lr: float,
    iterations: int,
    train_bias: bool,
    w: float,
    b: float,
    tolerance: float | None,
) -> Generator[Step, None, Outcome]:
    m = X.shape[0]

    def residual_sums(w: float, b: float) -> tuple[float, float, float]:
        # The book's loss() and gradient() each compute predict(X, w, b) - Y
        # and take np.average of its square, of X times it, and of itself.
        # Here the residual is computed once, and each average is the same
        # sum, divided by m below, so every bit agrees. (numpy computes the
        # book's ** 2 as this very product; spelling it out skips a detour.)
        #
        # With b = ±0.0, as in every w-only run, "+ b" could only flip the sign
        # of a zero residual, which none of the sums shows: np.add.reduce
        # starts from its identity, +0.0. Leaving it out saves about 8% of a
        # w-only step, without which the guard on the book's data (1.8x,
        # bench/core_speed.py) sits right at its edge.
        residual = X * w - Y if b == 0.0 else X * w + b - Y
        return _sum_of(residual * residual), _sum_of(X * residual), _sum_of(residual)

    # Beyond the L2 cache the same sums come faster leaf by leaf (core._blocked).
    sums = large_data_sums(X, Y) or residual_sums
    # Overflow is how a diverging run ends, and we report it, so numpy must
    # not warn about it. np.errstate silences it, but entering it costs about
    # a sixth of a step on the book's data (enough to miss the speed guard in
    # bench/core_speed.py), so a step enters it only when it could overflow:
    # every |residual| is at most x_max*|w| + |b| + y_max (up to rounding),
    # and below `safe` no square, product or sum of m of them comes within 16x
    # of float64's maximum. (A NaN or inf in the data makes every step risky.)
    x_max = float(np.abs(X).max())
    y_max = float(np.abs(Y).max())
    limit = sys.float_info.max / 16 / m
    safe = min(math.sqrt(limit), limit / max(x_max, 1.0))
    previous = math.nan
    for index in range(iterations):
        if x_max * abs(w) + abs(b) + y_max < safe:
            squares, products, residuals = sums(w, b)
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                squares, products, residuals = sums(w, b)
        loss = float(squares) / m
        grad_w = 2 * (float(products) / m)
        grad_b = 2 * (float(residuals) / m)
        if not math.isfinite(loss):
            return Outcome("diverged", w, b, index, at=index)
        yield Step(index, w, b, loss, grad_w, grad_b)
        # Python float arithmetic never warns: an overflow here is just inf.
        w -= grad_w * lr
        if train_bias:
            b -= grad_b * lr
        if not (math.isfinite(w) and math.isfinite(b)):
            return Outcome("diverged", w, b, index + 1, at=index + 1)
        if tolerance is not None and abs(loss - previous) < tolerance:
            return Outcome("converged", w, b, index + 1)
        previous = loss
    return Outcome("finished", w, b, iterations)
