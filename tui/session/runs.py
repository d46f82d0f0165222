"""The runs kept for the session: every run that ends (or is reset part-way), with its settings, result and history.

A :class:`RunRecord` is a snapshot: its history arrays are copies, so the
runner can go on to the next run while the runs table, the overlay and
export read the kept ones. :class:`RunBook` numbers them and says which
reached the lowest loss.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from core import Dataset, Outcome, Reason, Step, gradient
from core import loss as core_loss
from tui.session.history import History
from tui.session.settings import RunConfig

__all__ = ["OVERLAY_LIMIT", "Ending", "RunBook", "RunRecord", "ending_of"]

#: Most runs the loss chart overlays: as many as it tells apart by colour and marker.
OVERLAY_LIMIT = 8

#: How a kept run ended: the core's reasons, "diverging" (the loss rose and
#: the run was stopped there), or "stopped" (reset or replaced part-way).
Ending = Literal["finished", "converged", "diverged", "diverging", "stopped"]


def ending_of(outcome: Outcome | None, diverging_at: int | None) -> tuple[Ending, int | None]:
    """How a run ended, for the book, and at which iteration: from the core's outcome and the rising-loss verdict."""
    if outcome is None:
        return ("diverging" if diverging_at is not None else "stopped"), diverging_at
    if outcome.reason == "diverged":
        return "diverged", outcome.at
    if diverging_at is not None:
        return "diverging", diverging_at
    return outcome.reason, outcome.iterations if outcome.reason == "converged" else None


@dataclass(frozen=True, eq=False)
class RunRecord:
    """One kept run: what it was asked, how it ended, and its per-iteration w, b and loss."""

    number: int
    source: str
    lr: float
    iterations: int
    train_bias: bool
    w0: float
    b0: float
    tolerance: float | None
    ending: Ending
    #: The iteration where it converged or diverged (or started diverging), else None.
    at: int | None
    #: Parameters after the last applied update (the book's final line), and their loss.
    w: float
    b: float
    loss: float
    #: Its own copy of the run's history (the loss chart's summary included).
    chart: History = field(repr=False)
    #: The lr changed during the run (its transcript has "# lr" marker lines).
    lr_changed: bool = False

    @property
    def done(self) -> int:
        """Iterations recorded."""
        return int(self.loss_history.size)

    @property
    def ended_well(self) -> bool:
        """Finished or converged: its final line is the book's ``w=…``."""
        return self.ending in ("finished", "converged")

    def config(self) -> RunConfig:
        """The settings it ran with, as the form reads them."""
        return RunConfig(self.lr, self.iterations, self.train_bias, self.tolerance, self.w0, self.b0)

    def outcome(self) -> Outcome:
        """Its ending as the core's :class:`~core.descent.Outcome` (a run cut short reads as finished there)."""
        reason: Reason = "diverged" if self.ending == "diverged" else "converged" if self.ending == "converged" else "finished"
        return Outcome(reason, self.w, self.b, self.done, self.at)

    def last_step(self, dataset: Dataset) -> Step | None:
        """Its newest iteration as a :class:`~core.descent.Step` (the gradient recomputed, bit-identical)."""
        if not self.done:
            return None
        index = self.done - 1
        w, b = float(self.w_history[index]), float(self.b_history[index])
        return Step(index, w, b, float(self.loss_history[index]), *gradient(dataset.X, dataset.Y, w, b))

    @property
    def w_history(self) -> np.ndarray:
        """w before each iteration's update."""
        return self.chart.w

    @property
    def b_history(self) -> np.ndarray:
        """b before each iteration's update."""
        return self.chart.b

    @property
    def loss_history(self) -> np.ndarray:
        """Each iteration's loss."""
        return self.chart.loss

    def label(self) -> str:
        """How the legend and the table name it: its lr, then its start if not the book's."""
        start = "" if self.w0 == 0 and self.b0 == 0 else f" from ({self.w0:g}, {self.b0:g})"
        return f"lr {self.lr:g}{start}"

    @classmethod
    def of(
        cls,
        number: int,
        dataset: Dataset,
        history: History,
        config: RunConfig,
        *,
        ending: Ending,
        at: int | None,
        final: tuple[float, float] | None,
        lr_changed: bool = False,
        take: bool = False,
    ) -> RunRecord:
        """A record of ``history`` (copied, unless ``take`` hands it over); ``final`` is (w, b) after the last update, or None to use the last step's."""
        if final is None:
            w, b = (float(history.w[-1]), float(history.b[-1])) if len(history) else (config.w0, config.b0)
        else:
            w, b = final
        if take:
            # The caller is done with it (a sweep's finished companion): no copy.
            copy = history
        else:
            copy = History(max(len(history), 1))
            copy.extend_arrays(history.w, history.b, history.loss)
        with np.errstate(all="ignore"):
            final_loss = core_loss(dataset.X, dataset.Y, w, b) if math.isfinite(w) and math.isfinite(b) else math.inf
        return cls(
            number,
            dataset.source,
            config.lr,
            config.iterations,
            config.train_bias,
            config.w0,
            config.b0,
            config.tolerance,
            ending,
            at,
            w,
            b,
            float(final_loss),
            copy,
            lr_changed,
        )


class RunBook:
    """The session's kept runs, oldest first, numbered from 1."""

    def __init__(self) -> None:
        self._runs: list[RunRecord] = []
        self._next = 1
        #: Bumped on every change: views drawn from the book compare it.
        self.revision = 0

    def __len__(self) -> int:
        return len(self._runs)

    def __iter__(self) -> Iterator[RunRecord]:
        return iter(self._runs)

    def __getitem__(self, number: int) -> RunRecord:
        """The run numbered ``number``; KeyError if there is none."""
        for run in self._runs:
            if run.number == number:
                return run
        raise KeyError(number)

    def take_number(self) -> int:
        """The number the next kept run gets."""
        number = self._next
        self._next += 1
        return number

    def add(self, record: RunRecord) -> None:
        """Keep ``record``."""
        self._runs.append(record)
        self.revision += 1

    def clear(self) -> None:
        """Forget every kept run (numbering goes on, so a number never means two runs)."""
        self._runs.clear()
        self.revision += 1

    def best(self, source: str) -> RunRecord | None:
        """The kept run on the data from ``source`` with the lowest final loss (ties: the first), or None.

        Per data set: losses on different data do not compare.
        """
        finite = [run for run in self._runs if run.source == source and math.isfinite(run.loss)]
        return min(finite, key=lambda run: run.loss) if finite else None

    def overlay(self, source: str) -> list[RunRecord]:
        """The runs the loss chart overlays: the newest :data:`OVERLAY_LIMIT` on the data from ``source``."""
        return [run for run in self._runs if run.source == source][-OVERLAY_LIMIT:]
