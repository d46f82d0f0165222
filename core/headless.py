"""The headless run: the book's transcript streamed to a text stream.

Lines are written in chunks so a million-iteration run neither holds its
transcript in memory nor pays for a write call per line.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import TextIO

from core.descent import Outcome, Step
from core.sweep import SweepStep
from core.transcript import final_line
from core.verdict import RisingLoss

__all__ = ["write_sweep", "write_transcript"]

_CHUNK = 4096


def write_transcript(
    run: Generator[Step, None, Outcome], out: TextIO, *, train_bias: bool, watch: RisingLoss | None = None
) -> Outcome:
    """Consume ``run``, writing one book line per step, and return its outcome.

    After a ``finished`` or ``converged`` run the transcript ends with an empty
    line and the final ``w=…`` line, as the book prints it; after ``diverged``
    it stops at the last finite loss (the caller explains the divergence).

    ``watch``, when given, sees every loss: afterwards its ``diverging_at``
    says whether, and from which iteration, the core's rule called the run
    diverging. The transcript itself is the book's either way.
    """
    lines: list[str] = []
    append = lines.append
    # Bound once: this is the hot loop. Without a watch, a no-op stands in.
    observe = watch.observe if watch is not None else _ignore
    try:
        while True:
            step = next(run)
            observe(step.loss)
            # Inlined iteration_line(): this is the hot loop of the headless mode.
            append("Iteration %4d => Loss: %.10f\n" % (step.index, step.loss))
            if len(lines) >= _CHUNK:
                out.write("".join(lines))
                lines.clear()
    except StopIteration as stop:
        outcome: Outcome = stop.value
    if outcome.reason != "diverged":
        append("\n" + final_line(outcome.w, outcome.b, train_bias) + "\n")
    out.write("".join(lines))
    out.flush()
    return outcome


def write_sweep(
    run: Generator[SweepStep, None, tuple[Outcome, ...]],
    outs: Sequence[TextIO],
    *,
    train_bias: bool,
    watches: Sequence[RisingLoss],
) -> tuple[Outcome, ...]:
    """Consume a sweep, writing run ``i``'s transcript to ``outs[i]``: each exactly what :func:`write_transcript` writes for it."""
    lines: list[list[str]] = [[] for _ in outs]
    try:
        while True:
            step = next(run)
            for index, loss in zip(step.runs, step.loss.tolist()):
                watches[index].observe(loss)
                lines[index].append("Iteration %4d => Loss: %.10f\n" % (step.iteration, loss))
            if step.iteration % _CHUNK == _CHUNK - 1:
                for out, pending in zip(outs, lines):
                    out.write("".join(pending))
                    pending.clear()
    except StopIteration as stop:
        outcomes: tuple[Outcome, ...] = stop.value
    for out, pending, outcome in zip(outs, lines, outcomes):
        if outcome.reason != "diverged":
            pending.append("\n" + final_line(outcome.w, outcome.b, train_bias) + "\n")
        out.write("".join(pending))
        out.flush()
    return outcomes


def _ignore(loss: float) -> bool:
    """The stand-in for a watch nobody asked for."""
    return False
