"""Going back in time: the dashboard's cursor through a paused or ended run's history.

A mixin of :class:`~tui.screens.dashboard.DashboardScreen`; browsing only
looks (resuming always continues from the newest step).
"""

from __future__ import annotations

from textual.screen import Screen

from tui.session.runner import Runner

__all__ = ["BrowsingActions"]


class BrowsingActions(Screen[None]):
    """←/→ one iteration, home/end the first and the newest."""

    runner: Runner
    #: The dashboard's browsing cursor (a reactive there): ``None`` follows the newest step.
    cursor: int | None

    def can_browse(self) -> bool:
        """Going back in time is for a run that is not moving: paused or ended."""
        return self.runner.state != "running" and self.runner.done > 0

    def action_browse(self, delta: int) -> None:
        """Move the cursor ``delta`` iterations through the recorded history."""
        if not self.can_browse():
            return
        newest = self.runner.done - 1
        # An ended run shows its result, one past the newest recorded iteration: ← goes to that iteration.
        ended = self.runner.outcome is not None and self.runner.outcome.reason != "diverged"
        current = self.cursor if self.cursor is not None else newest + (1 if ended else 0)
        self.cursor = min(max(current + delta, 0), newest)

    def action_browse_to(self, where: str) -> None:
        """Jump the cursor to the ``first`` iteration or back to the ``newest``."""
        if self.can_browse():
            self.cursor = 0 if where == "first" else None
