"""The status model: what the status panel and the views show of the runner at one moment.

Plain frozen dataclasses, compared by value: the dashboard recomputes them
whenever its state changes, and a widget redraws only when its value differs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core import Dataset, critical_lr, gradient, optimal_lr
from core import loss as core_loss
from tui.session.runner import Runner, State

__all__ = ["Frame", "StatusView", "shown_iteration"]


def shown_iteration(runner: Runner, cursor: int | None) -> int | None:
    """The iteration on screen: the cursor while browsing, else the newest (``None`` before the first step)."""
    if runner.done == 0:
        return None
    return cursor if cursor is not None else runner.done - 1


@dataclass(frozen=True)
class Frame:
    """What the views and the log draw: the run's progress, the iteration shown and the display options."""

    generation: int
    done: int
    state: State
    index: int | None
    cursor: int | None
    train_bias: bool
    log_y: bool
    #: The run book's revision: the runs table and the overlay redraw when it changes.
    runs: int = 0
    #: Whether the loss chart overlays the kept runs and a sweep's other runs.
    overlay: bool = True
    #: Iterations a sweep's other runs have done (they go on after the steered run ends).
    sweep: int = 0
    #: While a run without a tolerance is live: the iterations it will reach (the loss chart's x axis is
    #: laid out for them, so a growing run redraws only its newest columns); ``None`` otherwise.
    planned: int | None = None

    @classmethod
    def of(cls, runner: Runner, *, cursor: int | None, train_bias: bool, log_y: bool, overlay: bool = True) -> Frame:
        """The frame of ``runner`` now; ``train_bias`` is the form's choice until a run has its own."""
        planned = None
        if runner.config is not None:
            train_bias = runner.config.train_bias
            if runner.live and runner.config.tolerance is None:
                planned = runner.config.iterations
        index = shown_iteration(runner, cursor)
        companions = runner.companions
        sweep = sum(len(history) for history in companions.histories) if companions is not None else 0
        return cls(
            runner.generation,
            runner.done,
            runner.state,
            index,
            cursor,
            train_bias,
            log_y,
            runner.book.revision,
            overlay,
            sweep,
            planned=planned,
        )


@dataclass(frozen=True)
class StatusView:
    """Everything the status panel shows, from the runner at the iteration on screen."""

    source: str
    rows: int
    state: str
    iteration: int | None
    total: int | None
    done: int
    w: float | None
    b: float | None
    train_bias: bool
    loss: float | None
    grad_norm: float | None
    loss_gap: float | None
    w_gap: float | None
    b_gap: float | None
    lr: float | None
    speed: str
    message: str = ""
    browsing: bool = False
    #: The run has ended and this shows its result: w, b and loss after the last update.
    final: bool = False
    #: Low-bandwidth mode is on (fewer redraws for a slow link).
    low_bandwidth: bool = False
    #: The fastest steady lr, 2 / (λmin + λmax), and the largest stable one, 2 / λmax.
    optimal_lr: float | None = None
    critical_lr: float | None = None

    @classmethod
    def of(
        cls, runner: Runner, *, cursor: int | None, train_bias: bool, total: int, speed: str, low_bandwidth: bool = False
    ) -> StatusView:
        """The status of ``runner`` at the iteration on screen.

        Before a run has its own settings, ``train_bias`` and ``total`` are the form's.
        """
        if runner.config is not None:
            train_bias, total = runner.config.train_bias, runner.config.iterations
        index = shown_iteration(runner, cursor)
        best = runner.best(train_bias)
        dataset = runner.dataset
        w = b = loss = grad = None
        outcome = runner.outcome
        final = cursor is None and outcome is not None and outcome.reason != "diverged"
        if final and outcome is not None:
            # What the log's last line says: the parameters after the last update, and their loss.
            w, b = outcome.w, outcome.b
            loss = core_loss(dataset.X, dataset.Y, w, b)
            grad_w, grad_b = gradient(dataset.X, dataset.Y, w, b)
            grad = math.hypot(grad_w, grad_b) if train_bias else abs(grad_w)
        elif index is not None:
            step = runner.last
            if step is not None and index == runner.done - 1:
                w, b, loss, grad_w, grad_b = step.w, step.b, step.loss, step.grad_w, step.grad_b
            else:
                # Browsing: the history keeps w, b and loss; the gradient is
                # recomputed (bit-identical) rather than stored per iteration.
                w, b = float(runner.history.w[index]), float(runner.history.b[index])
                loss = float(runner.history.loss[index])
                grad_w, grad_b = gradient(dataset.X, dataset.Y, w, b)
            grad = math.hypot(grad_w, grad_b) if train_bias else abs(grad_w)
        return cls(
            source=dataset.source,
            rows=dataset.size,
            state=runner.state,
            iteration=index,
            total=total,
            done=runner.done,
            w=w,
            b=b,
            train_bias=train_bias,
            loss=loss,
            grad_norm=grad,
            loss_gap=None if loss is None else loss - best.loss,
            w_gap=None if w is None else abs(w - best.w),
            b_gap=None if b is None else abs(b - best.b),
            lr=runner.lr if runner.config else None,
            speed=speed,
            message=runner.message,
            browsing=cursor is not None,
            final=final,
            low_bandwidth=low_bandwidth,
            optimal_lr=lr_limits(dataset, train_bias)[0],
            critical_lr=lr_limits(dataset, train_bias)[1],
        )


_LIMITS: dict[tuple[int, bool], tuple[Dataset, float, float]] = {}


def lr_limits(dataset: Dataset, train_bias: bool) -> tuple[float, float]:
    """(optimal lr, critical lr) of ``dataset``, computed once per data set: the status asks at every frame."""
    key = (id(dataset), train_bias)
    known = _LIMITS.get(key)
    if known is None or known[0] is not dataset:
        known = _LIMITS[key] = (dataset, optimal_lr(dataset, train_bias), critical_lr(dataset, train_bias))
    return known[1], known[2]
