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
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Literal

import numpy as np

from core._blocked import large_data_sums
from core.data import Dataset
from core.params import check_iterations, check_lr

__all__ = ["Step", "Outcome", "Reason", "descend"]

Reason = Literal["finished", "converged", "diverged"]

#: ``np.average(a)`` of a 1-D float64 array is ``np.add.reduce(a) / a.size``:
#: the same sum, without average's argument handling (which would cost a
#: third of a step on the book's data).
_sum_of = np.add.reduce

#: Stands in for ``np.errstate`` in a step that cannot overflow (reusable: it holds no state).
_NOTHING_TO_SILENCE = nullcontext()


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
    m = X.shape[0]
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
    # Beyond the L2 cache the same sums come faster leaf by leaf (core._blocked).
    large = large_data_sums(X, Y)
    previous = math.nan
    for index in range(iterations):
        risky = not x_max * abs(w) + abs(b) + y_max < safe
        with np.errstate(over="ignore", invalid="ignore") if risky else _NOTHING_TO_SILENCE:
            # The book's loss() and gradient() each compute predict(X, w, b) - Y
            # and take np.average of its square, of X times it, and of itself;
            # here the residual is computed once and each average is the same
            # sum divided by m, so every bit agrees.
            if large is None:
                residual = X * w + b - Y
                squares, products, residuals = _sum_of(residual**2), _sum_of(X * residual), _sum_of(residual)
            else:
                squares, products, residuals = large(w, b)
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
