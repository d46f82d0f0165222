"""The book's linear model, its loss and gradient, and closed-form facts about them.

``predict``, ``loss`` and ``gradient`` keep the book's signatures and formulas,
so learners can compare them line by line with the chapter. ``optimum`` and
``critical_lr`` answer "where is the basecamp?" and "how big may a step be?"
exactly, which the app uses to explain convergence and divergence.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from core.data import Dataset

__all__ = ["Optimum", "critical_lr", "gradient", "loss", "optimal_lr", "optimum", "predict"]


def predict(X: np.ndarray, w: float, b: float) -> np.ndarray:
    """The model's prediction ``X * w + b`` for every example."""
    return X * w + b


def loss(X: np.ndarray, Y: np.ndarray, w: float, b: float) -> float:
    """Mean squared error of the predictions at ``(w, b)``."""
    return float(np.average((predict(X, w, b) - Y) ** 2))


def gradient(X: np.ndarray, Y: np.ndarray, w: float, b: float) -> tuple[float, float]:
    """Partial derivatives ``(dL/dw, dL/db)`` of :func:`loss` at ``(w, b)``."""
    w_gradient = 2 * np.average(X * (predict(X, w, b) - Y))
    b_gradient = 2 * np.average(predict(X, w, b) - Y)
    return (float(w_gradient), float(b_gradient))


class Optimum(NamedTuple):
    """The least-squares solution: the bottom of the loss curve (or surface)."""

    w: float
    b: float
    loss: float


def optimum(dataset: Dataset, train_bias: bool, b: float = 0.0) -> Optimum:
    """Closed-form least-squares ``(w*, b*, loss*)``.

    With b fixed (at ``b``, 0 in the book) the minimum of the parabola L(w) is
    at ``Σx(y - b) / Σx²``; with b trained it is the ordinary regression line.
    """
    X, Y = dataset.X, dataset.Y
    if train_bias:
        x_mean, y_mean = X.mean(), Y.mean()
        dx = X - x_mean
        w = float(np.dot(dx, Y - y_mean) / np.dot(dx, dx))
        b = float(y_mean - w * x_mean)
    else:
        w = float(np.dot(X, Y - b) / np.dot(X, X)) if b else float(np.dot(X, Y) / np.dot(X, X))
    return Optimum(w, b, loss(X, Y, w, b))


def _eigenvalues(dataset: Dataset, train_bias: bool) -> tuple[float, float]:
    """(λmin, λmax) of the loss's Hessian: ``2·mean(x²)`` with b fixed, else of ``2·[[mean x², mean x], [mean x, 1]]``."""
    X = dataset.X
    xx = float(np.mean(X * X))
    if not train_bias:
        return 2.0 * xx, 2.0 * xx
    x = float(np.mean(X))
    half_trace = (xx + 1.0) / 2.0
    spread = math.sqrt(((xx - 1.0) / 2.0) ** 2 + x * x)
    return 2.0 * (half_trace - spread), 2.0 * (half_trace + spread)


def optimal_lr(dataset: Dataset, train_bias: bool) -> float:
    """The learning rate of the fastest steady convergence, ``2 / (λmin + λmax)``.

    Each step multiplies the distance along eigenvector i by ``1 - lr·λi``;
    the slowest of them sets the pace, and ``max |1 - lr·λ|`` is smallest
    where the two extremes balance. With b fixed (one eigenvalue) it is
    ``1 / λ``: one step lands on the optimum.
    """
    low, high = _eigenvalues(dataset, train_bias)
    return 2.0 / (low + high)


def critical_lr(dataset: Dataset, train_bias: bool) -> float:
    """The largest stable learning rate, ``2 / λmax`` of the loss's Hessian.

    The loss is quadratic, so gradient descent multiplies the distance to the
    optimum along each eigenvector by ``1 - lr·λ`` per step: above ``2 / λmax``
    that factor exceeds 1 in size and the hiker overshoots further every step.
    With b fixed at 0 the Hessian is ``2·mean(x²)``, giving ``1 / mean(x²)``.
    """
    X = dataset.X
    xx = float(np.mean(X * X))
    if not train_bias:
        return 1.0 / xx
    x = float(np.mean(X))
    # Largest eigenvalue of 2·[[mean x², mean x], [mean x, 1]], in closed form.
    half_trace = (xx + 1.0) / 2.0
    spread = math.sqrt(((xx - 1.0) / 2.0) ** 2 + x * x)
    return 2.0 / (2.0 * (half_trace + spread))
