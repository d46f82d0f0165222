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

from core._blocked import residual_sums
from core.data import Dataset
from core.params import check_iterations, check_lr

__all__ = ["Step", "Outcome", "Reason", "descend"]

Reason = Literal["finished", "converged", "diverged"]

# Below this, a step's squares, products and sums cannot overflow.
_NO_OVERFLOW = sys.float_info.max / 16


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
        isinstance(tolerance, bool)
        or not isinstance(tolerance, (int, float))
        or not (math.isfinite(tolerance) and tolerance > 0)
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
    # Bit-identity with the book: its loss and gradients each recompute the
    # residual r = X*w + b - Y and take np.average, which for a 1-D float64
    # array is np.add.reduce(...) / m. We compute r once per step with the
    # same operations in the same order and take the same three sums (see
    # core._blocked), then divide and double in Python floats: float(s) / m
    # and 2 * (...) round exactly as numpy's float64 scalars do, but faster.
    m = X.shape[0]
    sums = residual_sums(X, Y)
    x_max = max(float(X.max()), -float(X.min()))
    y_min, y_max = float(Y.min()), float(Y.max())
    # Adding b = -0.0 never changes a value; adding b = +0.0 changes only
    # -0.0 (to +0.0), and then (-0.0) - y differs from (+0.0) - y only for
    # y = +0.0. So "+ b" can be skipped unless b is nonzero, or b is +0.0 and
    # some y is +0.0. (The sums would hide a residual's zero sign anyway, as
    # add.reduce starts from +0.0, but that is numpy's detail; this is IEEE's.)
    y_has_positive_zero = y_min <= 0.0 <= y_max and bool(np.any((Y == 0.0) & ~np.signbit(Y)))
    y_max = max(y_max, -y_min)
    isfinite = math.isfinite
    copysign = math.copysign
    previous = math.nan
    for index in range(iterations):
        add_b = b != 0.0 or (y_has_positive_zero and copysign(1.0, b) > 0.0)
        # Overflow is how divergence ends; we report it, so numpy need not
        # warn. Entering np.errstate costs about as much as a small step, so
        # skip it when nothing can overflow: every |r| is at most about
        # `bound`, so no square, product or sum of m of them exceeds
        # bound * max(bound, x_max, 1) * m (16x spare covers the rounding).
        bound = x_max * abs(w) + abs(b) + y_max
        if bound * max(bound, x_max, 1.0) * m < _NO_OVERFLOW:
            squares, products, residuals = sums(w, b, add_b)
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                squares, products, residuals = sums(w, b, add_b)
        loss = squares / m
        if not isfinite(loss):
            return Outcome("diverged", w, b, index, at=index)
        grad_w = 2 * (products / m)
        grad_b = 2 * (residuals / m)
        yield Step(index, w, b, loss, grad_w, grad_b)
        # Python float arithmetic never warns: an overflow here is just inf.
        w -= grad_w * lr
        if train_bias:
            b -= grad_b * lr
        if not (isfinite(w) and isfinite(b)):
            return Outcome("diverged", w, b, index + 1, at=index + 1)
        if tolerance is not None and abs(loss - previous) < tolerance:
            return Outcome("converged", w, b, index + 1)
        previous = loss
    return Outcome("finished", w, b, iterations)
