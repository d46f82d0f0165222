"""The one rule for "diverging": the loss rose too many steps in a row.

A non-finite loss ends a run in :func:`core.descent.descend` itself; this is
the earlier verdict, given while the numbers are still finite. The dashboard's
:class:`tui.session.runner.Runner` pauses on it and the headless mode reports
it on stderr (exit 3), so both call the same run diverging at the same step.
"""

from __future__ import annotations

import math

__all__ = ["RISE", "RISING_LIMIT", "RisingLoss"]

#: Consecutive rising losses after which a run is diverging.
RISING_LIMIT = 5

#: A loss counts as rising only above this multiple of the previous one: at
#: convergence the loss wobbles in its last bits and would fake a divergence.
RISE = 1 + 1e-9


class RisingLoss:
    """Watches a run's losses, one :meth:`observe` per step, and says when it is diverging.

    ``rises`` counts the consecutive rises so far; ``diverging_at`` is the
    iteration (counted from the first observed loss, 0-based) at which the
    rule first held, or ``None``.
    """

    __slots__ = ("_previous", "_seen", "diverging_at", "rises")

    def __init__(self) -> None:
        self._previous = math.nan
        self._seen = 0
        self.rises = 0
        self.diverging_at: int | None = None

    def observe(self, loss: float) -> bool:
        """Record the next loss; True while the rule says diverging (``RISING_LIMIT`` rises in a row or more)."""
        # NaN as the first previous makes the first comparison false: one loss is no rise.
        if loss > self._previous * RISE:
            self.rises += 1
        else:
            self.rises = 0
        self._previous = loss
        self._seen += 1
        diverging = self.rises >= RISING_LIMIT
        if diverging and self.diverging_at is None:
            self.diverging_at = self._seen - 1
        return diverging

    def forget_rises(self) -> None:
        """Start counting rises afresh (after an lr change); the last loss is kept to compare with."""
        self.rises = 0
