"""The recorded run: per-iteration numbers in compact numpy arrays.

The log pane formats its lines from these arrays on demand and the charts
read them (or their summary), so a million-iteration run costs 24 bytes per
iteration instead of a rendered line each.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core import Step
from tui.session.summary import MinMaxSummary

__all__ = ["History"]


class History:
    """Append-only ``w``, ``b`` and ``loss`` per iteration, plus a loss summary for charts."""

    def __init__(self, capacity: int = 1024) -> None:
        self._w = np.empty(capacity)
        self._b = np.empty(capacity)
        self._loss = np.empty(capacity)
        self._n = 0
        self.summary = MinMaxSummary()
        #: Largest |loss| so far: the log pane sizes its width from it.
        self.max_abs_loss = 0.0

    def __len__(self) -> int:
        return self._n

    def clear(self) -> None:
        """Forget the run (keeps the allocated capacity)."""
        self._n = 0
        self.summary.clear()
        self.max_abs_loss = 0.0

    def extend(self, steps: Sequence[Step]) -> None:
        """Record ``steps``, which must continue the recorded iterations."""
        if steps:
            self.extend_arrays([step.w for step in steps], [step.b for step in steps], [step.loss for step in steps])

    def extend_arrays(
        self, w: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray, loss: Sequence[float] | np.ndarray
    ) -> None:
        """Record iterations given as columns of w, b and loss (a sweep's rows, a kept run)."""
        count = len(loss)
        if not count:
            return
        end = self._n + count
        if end > self._w.size:
            size = max(end, self._w.size * 2)
            for name in ("_w", "_b", "_loss"):
                grown = np.empty(size)
                grown[: self._n] = getattr(self, name)[: self._n]
                setattr(self, name, grown)
        self._w[self._n : end] = w
        self._b[self._n : end] = b
        self._loss[self._n : end] = loss
        fresh = self._loss[self._n : end]
        self.summary.extend(fresh)
        self.max_abs_loss = max(self.max_abs_loss, float(np.abs(fresh).max()))
        self._n = end

    @property
    def w(self) -> np.ndarray:
        """w before each iteration's update (a read-only view)."""
        return self._view(self._w)

    @property
    def b(self) -> np.ndarray:
        """b before each iteration's update (a read-only view)."""
        return self._view(self._b)

    @property
    def loss(self) -> np.ndarray:
        """The loss of each iteration, as the book prints it (a read-only view)."""
        return self._view(self._loss)

    def _view(self, array: np.ndarray) -> np.ndarray:
        view = array[: self._n]
        view.flags.writeable = False
        return view
