"""Validation of the run's settings, shared by the command line and the app's form.

One parser per setting turns the user's text into a value or raises
``ValueError`` with a message fit to show next to the field, so the flags and
the form accept exactly the same things and say the same thing when they don't.
"""

from __future__ import annotations

import math

__all__ = [
    "MAX_ITERATIONS",
    "MAX_SWEEP",
    "QUOTE_LIMIT",
    "check_iterations",
    "check_lr",
    "parse_iterations",
    "parse_lr",
    "parse_lrs",
    "parse_start",
    "parse_tolerance",
    "quoted",
]

#: Upper bound for a run's length: the UI keeps per-iteration history, and ten
#: million iterations already take minutes on the book's data.
MAX_ITERATIONS = 10_000_000


#: Most learning rates one sweep runs side by side: as many as the loss chart
#: tells apart by colour and marker.
MAX_SWEEP = 8

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
        digits = len(str(iterations))
        # A pasted run of digits must not become a message longer than the screen.
        shown = f"{iterations:,}" if digits <= QUOTE_LIMIT else f"a number of {digits:,} digits"
        raise ValueError(f"iterations must be at most {maximum:,}, not {shown}")
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


def parse_lrs(text: str) -> tuple[float, ...]:
    """Parse one learning rate, a list, or a range, typed by the user.

    ``0.001`` is one value; ``0.001, 0.002, 0.005`` (commas or spaces) a list;
    ``0.001..0.01 x5`` five values evenly spaced from 0.001 to 0.01, both
    included; ``0.001..0.1 x3 log`` three values evenly spaced in log scale
    (0.001, 0.01, 0.1). At most :data:`MAX_SWEEP` values, each a learning rate
    :func:`parse_lr` accepts, none repeated.
    """
    stripped = text.strip()
    if ".." not in stripped:
        parts = [part for part in stripped.replace(",", " ").split() if part]
        if len(parts) <= 1:
            return (parse_lr(stripped),)
        values = tuple(parse_lr(part) for part in parts)
    else:
        values = _parse_range(stripped)
    if len(values) > MAX_SWEEP:
        raise ValueError(f"a sweep runs at most {MAX_SWEEP} learning rates, not {len(values)}")
    if len(set(values)) != len(values):
        raise ValueError("a learning rate appears twice in the list")
    return values


def _parse_range(text: str) -> tuple[float, ...]:
    usage = "a range reads like 0.001..0.01 x5 (or x5 log)"
    words = text.replace("..", " .. ", 1).split()
    if len(words) not in (4, 5) or words[1] != ".." or not words[3].lower().startswith("x"):
        raise ValueError(f"learning rates {quoted(text)}: {usage}")
    low, high = parse_lr(words[0]), parse_lr(words[2])
    log = len(words) == 5
    if log and words[4].lower() != "log":
        raise ValueError(f"learning rates {quoted(text)}: {usage}")
    try:
        count = int(words[3][1:])
    except ValueError:
        raise ValueError(f"learning rates {quoted(text)}: {usage}") from None
    if not 2 <= count <= MAX_SWEEP:
        raise ValueError(f"a range needs 2 to {MAX_SWEEP} values, not {count}")
    if not low < high:
        raise ValueError(f"a range goes from low to high: {words[0]}..{words[2]}")
    # The ends are exactly what was typed; the inside points are spaced evenly
    # (in log scale, evenly in the exponent).
    inner = (
        [low * (high / low) ** (i / (count - 1)) for i in range(1, count - 1)]
        if log
        else [low + (high - low) * i / (count - 1) for i in range(1, count - 1)]
    )
    return (low, *inner, high)


def parse_start(text: str, name: str = "w0") -> float:
    """Parse a start value for w or b (``0``, ``-10``, ``1e2``): any finite number."""
    stripped = text.strip()
    if not stripped:
        raise ValueError(f"{name} is empty; try 0")
    try:
        value = float(stripped)
    except ValueError:
        raise ValueError(f"{name} {quoted(stripped)} is not a number; try 0") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, not {quoted(stripped)}")
    return value
