"""How fast the dashboard steps and redraws: the clock's rates and budgets, on a fast link and a slow one."""

from __future__ import annotations

__all__ = ["FRAME_RATE", "LOG_RATE", "LOW_BANDWIDTH_FRAME_RATE", "LOW_BANDWIDTH_LOG_RATE", "TICK_BUDGET", "TICK_RATE"]

#: Ticks per second: one step per tick animates the book's 100 iterations in ~3 s.
TICK_RATE = 30.0
#: Seconds of stepping per tick at most, so keys are answered well within 100 ms.
TICK_BUDGET = 0.015
#: Redraws per second at most while running (the status, the views and the log).
FRAME_RATE = 10.0
#: The log's redraws per second at most while a run is going. Scrolling moves
#: every visible line, the costliest repaint in bytes, and nobody reads 30
#: lines a second; any other change is shown at once.
LOG_RATE = 5.0
#: The same two on a slow link (low-bandwidth mode): enough to follow a run.
LOW_BANDWIDTH_FRAME_RATE = 3.0
LOW_BANDWIDTH_LOG_RATE = 1.0
