"""The run controller: advances the core generator within a time budget and keeps what the UI shows.

No Textual here, so its state machine is tested directly and the screens
stay a layer of keys and widgets over it.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Generator
from dataclasses import replace
from typing import Literal

from core import Dataset, Optimum, Outcome, Step, critical_lr, descend, final_line, iteration_line, loss, optimum
from core.verdict import RISING_LIMIT, RisingLoss
from tui.session.history import History
from tui.session.settings import RunConfig

__all__ = ["RISING_LIMIT", "RunConfig", "Runner", "State"]

State = Literal["ready", "running", "paused", "finished", "converged", "diverged"]

#: What a paused learner can do next.
PAUSED_HINT = "Paused. space resumes (with the form's lr), n steps once, ←/→ look back, enter starts over."


class Runner:
    """Owns one run: its generator, recorded history, state and transcript."""

    def __init__(self, dataset: Dataset) -> None:
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
        self._best: dict[bool, Optimum] = {}
        #: Counts the runs and lr changes: a view drawn for one never passes for another.
        self.generation = 0

    # ----------------------------------------------------------------- running
    def start(self, config: RunConfig) -> None:
        """Begin a new run with ``config``, from its start point (w0, b0)."""
        self.reset()
        self.generation += 1
        self.config = config
        self.lr = config.lr
        self._run = descend(
            self.dataset,
            config.lr,
            config.iterations,
            train_bias=config.train_bias,
            w=config.w0,
            b=config.b0,
            tolerance=config.tolerance,
        )
        self.state = "running"

    def reset(self) -> None:
        """Forget the run and return to ``ready``."""
        if self._run is not None:
            self._run.close()
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
    def done(self) -> int:
        """Iterations recorded so far."""
        return len(self.history)

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
            return 0
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
            self._finish(stop.value)
        if batch:
            self.history.extend(batch)
            self.last = batch[-1]
        if self._run is not None and self.config is not None and self.done >= self.config.iterations:
            # The last iteration was yielded; end now rather than one key press later.
            try:
                next(self._run)
            except StopIteration as stop:
                self._finish(stop.value)
        return len(batch)

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
            self.message = PAUSED_HINT

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
        limit = critical_lr(self.dataset, self.config.train_bias if self.config else False)
        # Short enough to read whole in an 80x24 terminal's status panel: cause, then remedy.
        self.message = (
            f"Diverging: the loss rose {RISING_LIMIT} steps in a row. lr {self.lr:g} > critical lr {limit:.4g}: "
            f"each step overshoots. Set lr below {limit:.4g} (f, type it, esc), then space."
        )

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
        if outcome.reason == "diverged":
            limit = critical_lr(self.dataset, self.config.train_bias)
            self.message = (
                f"Diverged: the loss overflowed at iteration {outcome.at}. lr {self.lr:g} > critical lr {limit:.4g}. "
                f"Set lr below {limit:.4g} (f, type it), then enter."
            )
            return
        if outcome.reason == "converged":
            self.message = (
                f"Converged: the loss changed by less than {self.config.tolerance:g} after {outcome.iterations:,} iterations."
            )
        else:
            best = self.best(self.config.train_bias)
            gap = loss(self.dataset.X, self.dataset.Y, outcome.w, outcome.b) - best.loss
            where = f"{gap:.3g} above its minimum" if gap > 0 else "at its minimum, to float precision"
            self.message = f"Finished {outcome.iterations:,} iterations; the loss is {where}."
        self._tail[:] = ["", final_line(outcome.w, outcome.b, self.config.train_bias)]

    def best(self, train_bias: bool) -> Optimum:
        """The closed-form optimum for this data, with b trained or fixed (computed once each)."""
        if train_bias not in self._best:
            self._best[train_bias] = optimum(self.dataset, train_bias)
        return self._best[train_bias]

    def last_loss(self) -> float:
        """The newest recorded loss (NaN before the first step)."""
        return self.last.loss if self.last is not None else math.nan

    # -------------------------------------------------------------- transcript
    def _add_marker(self, text: str) -> None:
        self._marker_lines.append(self.done + len(self._marker_lines))
        self._marker_iters.append(self.done)
        self._marker_texts.append(text)

    def line_count(self) -> int:
        """Lines in the transcript: one per iteration, markers, and the closing lines."""
        return self.done + len(self._marker_lines) + len(self._tail)

    def line_width(self) -> int:
        """Width of the widest transcript line (a diverging loss makes long lines)."""
        widest = len(iteration_line(max(self.done - 1, 0), self.history.max_abs_loss))
        return max([widest, *map(len, self._marker_texts), *map(len, self._tail)])

    def line(self, y: int) -> tuple[str, int | None]:
        """Transcript line ``y`` and the iteration it shows (``None`` for other lines)."""
        markers = bisect_left(self._marker_lines, y)
        if markers < len(self._marker_lines) and self._marker_lines[markers] == y:
            return self._marker_texts[markers], None
        index = y - markers
        if index < self.done:
            return iteration_line(index, float(self.history.loss[index])), index
        tail = index - self.done
        if 0 <= tail < len(self._tail):
            return self._tail[tail], None
        return "", None

    def line_of_iteration(self, index: int) -> int:
        """The transcript line that shows iteration ``index``."""
        # A marker added when p iterations were done stands before iteration p.
        return index + bisect_right(self._marker_iters, index)

    def transcript(self) -> str:
        """The whole transcript as text (tests and export; not used for display)."""
        return "\n".join(self.line(y)[0] for y in range(self.line_count()))
