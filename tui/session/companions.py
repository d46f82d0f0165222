"""A sweep's other runs: every lr after the first, advanced together in one vectorised pass beside the run you steer.

The first lr of a sweep is an ordinary run (pause, step, browse, the log);
the others go through :func:`core.sweep.sweep` in lockstep with it, each
bit-identical to its run alone, and are drawn beside it on the loss chart.
When the steered run ends first, they go on by themselves to their own end.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import replace

from core import Dataset, Outcome
from core.sweep import SweepStep, sweep
from core.verdict import RisingLoss
from tui.session.history import History
from tui.session.runs import RunBook, RunRecord, ending_of
from tui.session.settings import RunConfig

__all__ = ["Companions"]

#: Steps gathered before they go into the histories' arrays.
_FLUSH = 4096


class Companions:
    """The sweep's runs beyond the first, with a history and a rising-loss verdict each."""

    def __init__(self, dataset: Dataset, config: RunConfig, lrs: tuple[float, ...]) -> None:
        self.dataset = dataset
        self.config = config
        self.lrs = lrs
        self.histories = [History() for _ in lrs]
        self.watches = [RisingLoss() for _ in lrs]
        self.outcomes: tuple[Outcome, ...] | None = None
        self._run: Generator[SweepStep, None, tuple[Outcome, ...]] | None = sweep(
            dataset,
            lrs,
            config.iterations,
            train_bias=config.train_bias,
            w=config.w0,
            b=config.b0,
            tolerance=config.tolerance,
        )

    @property
    def live(self) -> bool:
        """True until every run has ended."""
        return self._run is not None

    def advance(self, steps: int | None, budget: float = float("inf")) -> int:
        """Take up to ``steps`` steps of all runs (``None``: as many as fit in ``budget`` seconds)."""
        run = self._run
        if run is None:
            return 0
        deadline = time.perf_counter() + budget
        columns: list[tuple[list[float], list[float], list[float]]] = [([], [], []) for _ in self.lrs]
        taken = 0
        try:
            while steps is None or taken < steps:
                step = next(run)
                taken += 1
                for index, w, b, loss in zip(step.runs, step.w.tolist(), step.b.tolist(), step.loss.tolist()):
                    column = columns[index]
                    column[0].append(w)
                    column[1].append(b)
                    column[2].append(loss)
                    self.watches[index].observe(loss)
                if taken % _FLUSH == 0:
                    self._flush(columns)
                if steps is None and time.perf_counter() >= deadline:
                    break
        except StopIteration as stop:
            self.outcomes = stop.value
            self._run = None
        self._flush(columns)
        return taken

    def _flush(self, columns: list[tuple[list[float], list[float], list[float]]]) -> None:
        # One append per run per batch, not per step (the chart's summary is
        # kept per batch too); batches are bounded, so Python floats never pile up.
        for history, (ws, bs, losses) in zip(self.histories, columns):
            history.extend_arrays(ws, bs, losses)
            ws.clear()
            bs.clear()
            losses.clear()

    def close(self) -> None:
        """Stop the runs where they are (a reset or a new run)."""
        if self._run is not None:
            self._run.close()
            self._run = None

    def keep(self, book: RunBook) -> None:
        """Add every run to ``book``: how each ended, or "stopped" if the sweep was cut short."""
        for index, (lr, history, watch) in enumerate(zip(self.lrs, self.histories, self.watches)):
            outcome = self.outcomes[index] if self.outcomes is not None else None
            ending, at = ending_of(outcome, watch.diverging_at)
            final = (outcome.w, outcome.b) if outcome is not None else None
            book.add(
                RunRecord.of(
                    book.take_number(),
                    self.dataset,
                    history,
                    replace(self.config, lr=lr, sweep=()),
                    ending=ending,
                    at=at,
                    final=final,
                    take=True,
                )
            )
