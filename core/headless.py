"""The headless run: the book's transcript streamed to a text stream.

Lines are written in chunks so a million-iteration run neither holds its
transcript in memory nor pays for a write call per line.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TextIO

from core.descent import Outcome, Step
from core.transcript import final_line

__all__ = ["write_transcript"]

_CHUNK = 4096


def write_transcript(run: Generator[Step, None, Outcome], out: TextIO, *, train_bias: bool) -> Outcome:
    """Consume ``run``, writing one book line per step, and return its outcome.

    After a ``finished`` or ``converged`` run the transcript ends with an empty
    line and the final ``w=…`` line, as the book prints it; after ``diverged``
    it stops at the last finite loss (the caller explains the divergence).
    """
    lines: list[str] = []
    append = lines.append
    try:
        while True:
            step = next(run)
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
