"""An independent re-implementation of the book's gradient descent code.

Written the way *Programming Machine Learning* writes it, and deliberately
importing nothing from ``core``, so the tests and the benchmarks compare the
project against the book rather than against itself. This is the only copy:
``bench/core_speed.py`` imports it too. ``print`` becomes string building so
a test can capture exactly what the book's script would print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["book_losses", "book_transcript", "gradient", "gradients", "load", "loss", "predict", "train"]


def predict(X: np.ndarray, w: float, b: float) -> np.ndarray:
    """The book's ``predict()``."""
    return X * w + b


def loss(X: np.ndarray, Y: np.ndarray, w: float, b: float) -> np.float64:
    """The book's ``loss()``."""
    return np.average((predict(X, w, b) - Y) ** 2)


def gradient(X: np.ndarray, Y: np.ndarray, w: float) -> np.float64:
    """The book's gradient with b fixed at 0."""
    return 2 * np.average(X * (predict(X, w, 0) - Y))


def gradients(X: np.ndarray, Y: np.ndarray, w: float, b: float) -> tuple[np.float64, np.float64]:
    """The book's gradient with b trained: ``(w_gradient, b_gradient)``."""
    w_gradient = 2 * np.average(X * (predict(X, w, b) - Y))
    b_gradient = 2 * np.average(predict(X, w, b) - Y)
    return (w_gradient, b_gradient)


def _train(
    X: np.ndarray,
    Y: np.ndarray,
    iterations: int,
    lr: float,
    bias: bool,
    lines: list[str] | None,
    w0: float = 0,
    b0: float = 0,
) -> tuple[list[np.float64], Any, Any]:
    # The book's train(): w = 0 (and b = 0), print, then step downhill. A
    # start elsewhere (w0, b0) is the book's loop with its first line changed;
    # b fixed at a b0 other than 0 takes the w part of gradients().
    w: Any = w0
    b: Any = b0
    losses: list[np.float64] = []
    for i in range(iterations):
        current = loss(X, Y, w, b) if bias or b0 else loss(X, Y, w, 0)
        losses.append(current)
        if lines is not None:
            lines.append("Iteration %4d => Loss: %.10f\n" % (i, current))
        if bias:
            w_gradient, b_gradient = gradients(X, Y, w, b)
            w -= w_gradient * lr
            b -= b_gradient * lr
        elif b0:
            w -= gradients(X, Y, w, b)[0] * lr
        else:
            w -= gradient(X, Y, w) * lr
    return losses, w, b


def train(X: np.ndarray, Y: np.ndarray, iterations: int, lr: float, bias: bool) -> tuple[list[np.float64], Any, Any]:
    """The book's ``train()`` with its ``print`` replaced by collecting each loss; the final ``w``, ``b`` as it leaves them.

    Nothing is converted and no warning is silenced: this is the loop a
    reader of the book runs, for benchmarks to time (``b`` stays the int 0
    when it is not trained, as in the book).
    """
    return _train(X, Y, iterations, lr, bias, None)


def load(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """The book's ``np.loadtxt(path, skiprows=1, unpack=True)``."""
    X, Y = np.loadtxt(path, skiprows=1, unpack=True)
    return X, Y


def book_losses(
    X: np.ndarray, Y: np.ndarray, iterations: int, lr: float, bias: bool, w0: float = 0, b0: float = 0
) -> tuple[list[float], float, float]:
    """Every iteration's loss and the final ``(w, b)`` of the book's ``train()`` (started at ``w0``, ``b0``).

    Overflow warnings are silenced: a diverging run's losses become inf/nan.
    """
    with np.errstate(all="ignore"):
        losses, w, b = _train(X, Y, iterations, lr, bias, None, w0, b0)
    return [float(value) for value in losses], float(w), float(b)


def book_transcript(path: str | Path, iterations: int, lr: float, bias: bool, w0: float = 0, b0: float = 0) -> str:
    """Exactly what the book's script prints for this run (started at ``w0``, ``b0``)."""
    X, Y = load(path)
    lines: list[str] = []
    with np.errstate(all="ignore"):
        _, w, b = _train(X, Y, iterations, lr, bias, lines, w0, b0)
    if bias:
        lines.append("\nw=%.10f, b=%.10f" % (w, b) + "\n")
    else:
        lines.append("\nw=%.10f" % w + "\n")
    return "".join(lines)
