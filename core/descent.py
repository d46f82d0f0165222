"""The training generator: gradient descent one observable step at a time.

Both the dashboard and the headless transcript consume :func:`descend`, so
they cannot disagree. Each yielded :class:`Step` is the book's iteration: the
parameters and loss *before* that iteration's update, plus the gradient that
update will use. The generator's return value (``StopIteration.value``) is an
:class:`Outcome` with the final parameters and why the run ended.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from core.data import Dataset
from core.params import check_iterations, check_lr

__all__ = ["Step", "Outcome", "Reason", "descend"]

Reason = Literal["finished", "converged", "diverged"]


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
    # Bit-identity with the book: its loss and gradient each recompute
    # predict(X, w, b) - Y; we compute that residual once per step with the
    # same operations in the same order. np.average of a 1-D float64 array is
    # add.reduce(...) / m (same pairwise sum, same division), minus its
    # Python overhead. Preallocated buffers spare a large data set the page
    # faults of fresh temporaries on every step.
    m = X.shape[0]
    residual = np.empty_like(X)
    scratch = np.empty_like(X)
    add_reduce = np.add.reduce
    isfinite = math.isfinite
    previous = math.nan
    for index in range(iterations):
        # Overflow is how divergence ends; we report it, so numpy need not warn.
        with np.errstate(over="ignore", invalid="ignore"):
            np.multiply(X, w, out=residual)
            np.add(residual, b, out=residual)
            np.subtract(residual, Y, out=residual)
            np.multiply(residual, residual, out=scratch)
            loss = float(add_reduce(scratch) / m)
            if not isfinite(loss):
                return Outcome("diverged", w, b, index, at=index)
            np.multiply(X, residual, out=scratch)
            grad_w = float(2 * (add_reduce(scratch) / m))
            grad_b = float(2 * (add_reduce(residual) / m))
        yield Step(index, w, b, loss, grad_w, grad_b)
        w -= grad_w * lr
        if train_bias:
            b -= grad_b * lr
        if not (isfinite(w) and isfinite(b)):
            return Outcome("diverged", w, b, index + 1, at=index + 1)
        if tolerance is not None and abs(loss - previous) < tolerance:
            return Outcome("converged", w, b, index + 1)
        previous = loss
    return Outcome("finished", w, b, iterations)
