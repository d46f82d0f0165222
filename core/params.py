"""Validation of the run's settings, shared by the command line and the app's form.

One parser per setting turns the user's text into a value or raises
``ValueError`` with a message fit to show next to the field, so the flags and
the form accept exactly the same things and say the same thing when they don't.
"""

from __future__ import annotations

import math

__all__ = [
    "MAX_ITERATIONS",
    "QUOTE_LIMIT",
    "check_iterations",
    "check_lr",
    "parse_iterations",
    "parse_lr",
    "parse_tolerance",
    "quoted",
]

#: Upper bound for a run's length: the UI keeps per-iteration history, and ten
#: million iterations already take minutes on the book's data.
MAX_ITERATIONS = 10_000_000


#: Longest piece of the user's text a message quotes: 5,000 typed characters
#: must not become a 5,000-character message.
QUOTE_LIMIT = 20


def quoted(text: str) -> str:
    """``text`` quoted for a message, cut to :data:`QUOTE_LIMIT` characters with a visible ``…``."""
    if len(text) <= QUOTE_LIMIT:
        return repr(text)
    return repr(text[:QUOTE_LIMIT]) + "…"


def check_lr(lr: float) -> float:
    """Return ``lr`` if it is a usable learning rate, else raise ``ValueError``."""
    if isinstance(lr, bool) or not isinstance(lr, (int, float)):
        raise ValueError(f"learning rate must be a number, not {type(lr).__name__}")
    if not math.isfinite(lr):
        raise ValueError(f"learning rate must be finite, not {lr}")
    if lr <= 0:
        raise ValueError(f"learning rate must be greater than 0, not {lr:g}")
    return float(lr)


def check_iterations(iterations: int, maximum: int | None = None) -> int:
    """Return ``iterations`` if it is a whole number ≥ 1 (and ≤ ``maximum``)."""
    if isinstance(iterations, bool) or not isinstance(iterations, int):
        raise ValueError(f"iterations must be a whole number, not {iterations!r}")
    if iterations < 1:
        raise ValueError(f"iterations must be at least 1, not {iterations}")
    if maximum is not None and iterations > maximum:
        raise ValueError(f"iterations must be at most {maximum:,}, not {iterations:,}")
    return iterations


def parse_lr(text: str) -> float:
    """Parse a learning rate typed by the user (``0.001``, ``1e-3``)."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("learning rate is empty; try 0.001")
    try:
        value = float(stripped)
    except ValueError:
        raise ValueError(f"learning rate {quoted(stripped)} is not a number; try 0.001") from None
    return check_lr(value)


def parse_iterations(text: str) -> int:
    """Parse an iteration count typed by the user (``100``, ``20_000``, ``1e4``)."""
    stripped = text.strip().replace("_", "").replace(",", "")
    if not stripped:
        raise ValueError("iterations is empty; try 100")
    try:
        value = int(stripped)
    except ValueError:
        try:
            number = float(stripped)
        except ValueError:
            raise ValueError(f"iterations {quoted(text.strip())} is not a whole number; try 100") from None
        if not math.isfinite(number) or number != int(number):
            raise ValueError(f"iterations {quoted(text.strip())} is not a whole number; try 100") from None
        value = int(number)
    return check_iterations(value, MAX_ITERATIONS)


def parse_tolerance(text: str) -> float | None:
    """Parse an optional tolerance: empty means none, else a finite number > 0."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        value = float(stripped)
    except ValueError:
        raise ValueError(f"tolerance {quoted(stripped)} is not a number; try 1e-6 or leave it empty") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"tolerance must be a finite number greater than 0, not {quoted(stripped)}")
    return value
