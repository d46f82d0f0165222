"""The run controller: advances the core generator within a time budget and keeps what the UI shows.

No Textual here, so its state machine is tested directly and the screens
stay a layer of keys and widgets over it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Generator
from dataclasses import replace
from typing import Literal

from core import Dataset, Optimum, Outcome, Step, critical_lr, descend, final_line, loss, optimum
from core.verdict import RISING_LIMIT, RisingLoss
from tui.session import messages
from tui.session.companions import Companions
from tui.session.history import History
from tui.session.runs import Ending, RunBook, RunRecord, ending_of
from tui.session.settings import RunConfig
from tui.session.transcript import TranscriptLines

__all__ = ["RISING_LIMIT", "RunConfig", "Runner", "State"]

State = Literal["ready", "running", "paused", "finished", "converged", "diverged"]


class Runner(TranscriptLines):
    """Owns one run: its generator, recorded history, state and transcript."""

    def __init__(self, dataset: Dataset, book: RunBook | None = None) -> None:
        self.dataset = dataset
        self.history = History()
        self.config: RunConfig | None = None
        self.lr = 0.0
        self.state: State = "ready"
        self.message = ""
        self.last: Step | None = None
        self.outcome: Outcome | None = None
        self._run: Generator[Step, None, Outcome] | None = None
        # Iterations done before the current generator started (after an lr change):
        # its outcome counts from there, the transcript from iteration 0.
        self._offset = 0
        # The core's one rule for "diverging", shared with the headless mode.
        self._rising = RisingLoss()
        self._rising_allowed = False
        # Marker lines ("# lr ..."): their line numbers in the transcript, and texts.
        self._marker_lines: list[int] = []
        self._marker_iters: list[int] = []
        self._marker_texts: list[str] = []
        self._tail: list[str] = []
        self._best: dict[tuple[bool, float], Optimum] = {}
        #: Counts the runs and lr changes: a view drawn for one never passes for another.
        self.generation = 0
        #: Every run that ended (or was reset part-way) this session, on this data or another.
        self.book = RunBook() if book is None else book
        #: A sweep's other lrs, advancing beside this run (None outside a sweep).
        self.companions: Companions | None = None
        # A kept run shown again (runs table): it is in the book already.
        self._shown: RunRecord | None = None

    # ----------------------------------------------------------------- running
    def start(self, config: RunConfig) -> None:
        """Begin a new run with ``config``, from its start point (w0, b0)."""
        self.reset()
        self.generation += 1
        self.config = config
        self.lr = config.lr
        if config.sweep:
            self.companions = Companions(self.dataset, config, config.sweep)
        c = config
        self._run = descend(self.dataset, c.lr, c.iterations, train_bias=c.train_bias, w=c.w0, b=c.b0, tolerance=c.tolerance)
        self.state = "running"

    def reset(self) -> None:
        """Put the run in the book (if it was cut short) and return to ``ready``."""
        if self._run is not None:
            self._run.close()
            if self.done:
                self._keep(*ending_of(None, self._rising.diverging_at))
        if self.companions is not None:
            self.companions.close()
            self.companions.keep(self.book)
            self.companions = None
        self._shown = None
        self._run = None
        self.generation += 1
        self.config = None
        self.history.clear()
        self.state = "ready"
        self.message = ""
        self.last = None
        self.outcome = None
        self._offset = 0
        self._rising = RisingLoss()
        self._rising_allowed = False
        self._marker_lines.clear()
        self._marker_iters.clear()
        self._marker_texts.clear()
        self._tail.clear()

    @property
    def live(self) -> bool:
        """True while the run can still take steps (running or paused)."""
        return self._run is not None

    def advance(self, max_steps: int | None, budget: float) -> int:
        """Take up to ``max_steps`` steps (``None``: no limit) within ``budget`` seconds.

        At least one step is taken if the run is live. Returns the number of
        steps taken; the state changes when the run ends or starts diverging.
        """
        run = self._run
        if run is None:
            # The steered run has ended; a sweep's others go on to their end.
            return self._advance_companions(max_steps, budget)
        deadline = time.perf_counter() + budget
        limit = math.inf if max_steps is None else max_steps
        batch: list[Step] = []
        observe = self._rising.observe
        clock = time.perf_counter
        try:
            while len(batch) < limit:
                step = next(run)
                batch.append(step)
                if observe(step.loss) and not self._rising_allowed:
                    self._pause_rising()
                    break
                if clock() >= deadline:
                    break
        except StopIteration as stop:
            ended: Outcome | None = stop.value
        else:
            ended = None
        if batch:
            self.history.extend(batch)
            self.last = batch[-1]
            if self.companions is not None:
                self.companions.advance(len(batch))
        if ended is not None:  # after the batch is recorded: the kept run holds every step
            self._finish(ended)
        if self._run is not None and self.config is not None and self.done >= self.config.iterations:
            # The last iteration was yielded; end now rather than one key press later.
            try:
                next(self._run)
            except StopIteration as stop:
                self._finish(stop.value)
        if self._run is None:
            self._advance_companions(0, 0.0)
        return len(batch)

    @property
    def sweeping(self) -> bool:
        """A sweep's other runs are still going."""
        return self.companions is not None and self.companions.live

    @property
    def moving(self) -> bool:
        """Whether the clock has steps to take: running, or ended while a sweep's others go on (a pause holds them too)."""
        return self.state == "running" or (self._run is None and self.sweeping)

    def _advance_companions(self, max_steps: int | None, budget: float) -> int:
        companions = self.companions
        if companions is None:
            return 0
        taken = companions.advance(max_steps, budget) if max_steps != 0 else 0
        if not companions.live:
            kept = len(self.book)
            companions.keep(self.book)
            self.message = messages.with_sweep(self.message, [run.ending for run in list(self.book)[kept:]])
            self.companions = None
        return taken

    def step_once(self, lr: float | None = None) -> None:
        """Take one step of a paused run (with a new ``lr`` if given, as :meth:`resume`); it stays paused unless that step ends it."""
        if self._run is None or self.state == "running":
            return
        state = self.state
        if lr is not None and lr != self.lr:
            self._change_lr(lr)
        self.advance(1, math.inf)
        if self._run is not None:
            self.state = state

    def pause(self) -> None:
        """Pause a running run."""
        if self.state == "running":
            self.state = "paused"
            self.message = messages.PAUSED_HINT

    def resume(self, lr: float | None = None) -> None:
        """Resume a paused (or self-paused diverging) run, with a new ``lr`` if given.

        A new learning rate continues from the current w and b; the transcript
        gets a marker line, which is not in the book's format, saying so.
        """
        if self._run is None or self.state not in ("paused", "diverged"):
            return
        if self.state == "diverged":
            # The learner saw the warning and chose to go on: let it run.
            self._rising_allowed = True
        self.message = ""
        if lr is not None and lr != self.lr:
            self._change_lr(lr)
        self.state = "running"

    def _change_lr(self, lr: float) -> None:
        assert self.config is not None and self._run is not None
        w, b = self.next_parameters()
        self._run.close()
        remaining = self.config.iterations - self.done
        self._add_marker(f"# lr {self.lr!r} -> {lr!r} at iteration {self.done}")
        self._offset = self.done
        self.generation += 1
        self.lr = lr
        self._rising.forget_rises()
        self._run = descend(
            self.dataset, lr, remaining, train_bias=self.config.train_bias, w=w, b=b, tolerance=self.config.tolerance
        )

    def next_parameters(self) -> tuple[float, float]:
        """(w, b) for the next iteration: the last step's update, applied as the core applies it."""
        if self.last is None:
            return (self.config.w0, self.config.b0) if self.config is not None else (0.0, 0.0)
        w = self.last.w - self.last.grad_w * self.lr
        b = self.last.b
        if self.config is not None and self.config.train_bias:
            b = b - self.last.grad_b * self.lr
        return w, b

    def _pause_rising(self) -> None:
        self.state = "diverged"
        self.message = messages.diverging(self.lr, critical_lr(self.dataset, self.config.train_bias if self.config else False))

    def _finish(self, outcome: Outcome) -> None:
        if self._offset:
            outcome = replace(
                outcome,
                iterations=outcome.iterations + self._offset,
                at=None if outcome.at is None else outcome.at + self._offset,
            )
        self.outcome = outcome
        self._run = None
        self.state = outcome.reason
        assert self.config is not None
        self._keep(*ending_of(outcome, self._rising.diverging_at), (outcome.w, outcome.b))
        if outcome.reason == "diverged":
            self.message = messages.diverged(outcome.at, self.lr, critical_lr(self.dataset, self.config.train_bias))
            return
        gap = loss(self.dataset.X, self.dataset.Y, outcome.w, outcome.b) - self.best(self.config.train_bias).loss
        self.message = messages.finished(outcome.iterations, gap, self.config.tolerance, outcome.reason == "converged")
        self._tail[:] = ["", final_line(outcome.w, outcome.b, self.config.train_bias)]

    def _keep(self, ending: Ending, at: int | None, final: tuple[float, float] | None = None) -> None:
        config = self.config
        if config is None or self._shown is not None:
            return
        # From now on the run on screen is this kept one (not drawn twice, nor kept twice).
        self._shown = RunRecord.of(
            self.book.take_number(),
            self.dataset,
            self.history,
            config,
            ending=ending,
            at=at,
            final=final if final is not None else self.next_parameters(),
            lr_changed=bool(self._marker_lines),
        )
        self.book.add(self._shown)

    @property
    def shown(self) -> RunRecord | None:
        """The kept run on screen, when one was picked from the runs table."""
        return self._shown

    def show(self, record: RunRecord) -> None:
        """Show a kept run as if it had just ended: every view, the log and browsing read it."""
        self.reset()
        self.generation += 1
        self._shown = record
        self.config, self.lr = record.config(), record.lr
        self.history.extend_arrays(record.w_history, record.b_history, record.loss_history)
        self.last = record.last_step(self.dataset)
        self.outcome = record.outcome()
        self.state = self.outcome.reason
        if record.ended_well:
            self._tail[:] = ["", final_line(record.w, record.b, record.train_bias)]
        self.message = f"Run {record.number} ({record.label()}, {record.ending}), as it ended. enter starts a new run."

    def best(self, train_bias: bool) -> Optimum:
        """The closed-form optimum for this data, with b trained or fixed at the run's b0 (computed once each)."""
        b0 = self.config.b0 if self.config is not None and not train_bias else 0.0
        if (train_bias, b0) not in self._best:
            self._best[(train_bias, b0)] = optimum(self.dataset, train_bias, b0)
        return self._best[(train_bias, b0)]

    def last_loss(self) -> float:
        """The newest recorded loss (NaN before the first step)."""
        return self.last.loss if self.last is not None else math.nan
