"""The book's printed lines, formatted in one place for the headless run and the log pane."""

from __future__ import annotations

__all__ = ["final_line", "iteration_line"]


def iteration_line(index: int, loss: float) -> str:
    """``Iteration %4d => Loss: %.10f``, the line the book prints per iteration."""
    return "Iteration %4d => Loss: %.10f" % (index, loss)


def final_line(w: float, b: float, train_bias: bool) -> str:
    """The book's closing line: ``w=%.10f``, or ``w=%.10f, b=%.10f`` with a trained b."""
    if train_bias:
        return "w=%.10f, b=%.10f" % (w, b)
    return "w=%.10f" % w
