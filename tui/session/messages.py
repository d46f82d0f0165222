"""What the runner says in the message bar: each state's cause and what to do next, short enough for 80x24."""

from __future__ import annotations

from core.verdict import RISING_LIMIT

__all__ = ["PAUSED_HINT", "diverged", "diverging", "finished", "with_sweep"]

#: What a paused learner can do next.
PAUSED_HINT = "Paused. space resumes (with the form's lr), n steps once, ←/→ look back, enter starts over."


def diverging(lr: float, limit: float) -> str:
    """The loss rose :data:`~core.verdict.RISING_LIMIT` steps in a row: cause, then remedy."""
    return (
        f"Diverging: the loss rose {RISING_LIMIT} steps in a row. lr {lr:g} > critical lr {limit:.4g}: "
        f"each step overshoots. Set lr below {limit:.4g} (f, type it, esc), then space."
    )


def diverged(at: int | None, lr: float, limit: float) -> str:
    """The loss overflowed."""
    return (
        f"Diverged: the loss overflowed at iteration {at}. lr {lr:g} > critical lr {limit:.4g}. "
        f"Set lr below {limit:.4g} (f, type it), then enter."
    )


def finished(iterations: int, gap: float, tolerance: float | None, converged: bool) -> str:
    """A run that ended well: converged, or all its iterations done and how far above the minimum."""
    if converged:
        return f"Converged: the loss changed by less than {tolerance:g} after {iterations:,} iterations."
    where = f"{gap:.3g} above its minimum" if gap > 0 else "at its minimum, to float precision"
    return f"Finished {iterations:,} iterations; the loss is {where}."


def with_sweep(message: str, endings: list[str]) -> str:
    """The steered run's ``message``, and how many of the sweep's other runs (their ``endings``) blew up, if any did."""
    bad = sum(ending in ("diverged", "diverging") for ending in endings)
    if not bad:
        return message
    return f"{message} Of the sweep's other {len(endings)} runs, {bad} diverged: 5 shows which."
