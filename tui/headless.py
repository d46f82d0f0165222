"""The headless run: the book's transcript on stdout, what went wrong on stderr, and the exit status.

One learning rate prints exactly the book's transcript. A sweep (``--lr`` a
list or range) runs every value in one pass (:func:`core.sweep.sweep`) and
prints one transcript per lr, each after a line ``# lr=<value>``, with a blank
line between them, each exactly what that lr alone prints; the status is the
worst of the runs. ``--export-csv`` writes each run's history too.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Generator, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

from core import Outcome, critical_lr, descend
from core.export import CSV_HEADER, csv_row, recorded, write_atomic
from core.headless import write_sweep, write_transcript
from core.sweep import SweepStep, sweep
from core.verdict import RISING_LIMIT, RisingLoss
from tui.output import EXIT_DIVERGED, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, fail, say, silence
from tui.session.settings import Settings

__all__ = ["csv_paths", "run_headless"]

Result = tuple[Outcome, RisingLoss]


class _OutputError(Exception):
    """stdout failed (full, closed under us); the message says why."""


def csv_paths(target: Path, lrs: tuple[float, ...]) -> list[Path]:
    """Where ``--export-csv target`` writes: ``target`` itself for one lr, else ``<stem>-lr<value><suffix>`` per lr."""
    if len(lrs) == 1:
        return [target]
    return [target.with_name(f"{target.stem}-lr{lr!r}{target.suffix or '.csv'}") for lr in lrs]


def run_headless(settings: Settings) -> int:
    """Run ``settings`` headless: stdout gets the book's transcript(s); returns the exit status."""
    out = sys.stdout
    if out is None:
        return fail("stdout is closed: nothing to write the transcript to", EXIT_OUTPUT)
    lrs = settings.lrs or (settings.lr,)
    if settings.export_csv is not None:
        # Before the run, not after minutes of it.
        problem = _unwritable(Path(settings.export_csv))
        if problem:
            return fail(f"cannot write the CSV {settings.export_csv}: {problem}", EXIT_USAGE)
    try:
        with ExitStack() as files:
            # Histories go to temporary files as the runs go, and into place
            # (atomically) only once the runs are done: memory stays flat.
            histories: list[TextIO] | None = None
            if settings.export_csv is not None:
                histories = [files.enter_context(tempfile.TemporaryFile("w+", encoding="ascii")) for _ in lrs]
            results = _run(settings, lrs, out, histories)
            if histories is not None and settings.export_csv is not None:
                for target, history in zip(csv_paths(Path(settings.export_csv), lrs), histories):
                    history.seek(0)
                    write_atomic(target, lambda dest, source=history: _copy(source, dest), clobber=True)  # type: ignore[misc]
    except BrokenPipeError:
        raise  # main() answers the reader going away (`| head`) quietly
    except _OutputError as error:
        silence(out)
        return fail(f"cannot write the transcript to stdout ({error})", EXIT_OUTPUT)
    except OSError as error:
        return fail(f"cannot write the CSV {settings.export_csv} ({error.strerror or error})", EXIT_OUTPUT)
    return _report(settings, lrs, results)


def _unwritable(target: Path) -> str | None:
    """Why a CSV cannot be written at ``target``, or None."""
    directory = target.parent
    if target.is_dir():
        return "it is a directory"
    if not directory.is_dir():
        return f"no directory {str(directory)!r}"
    try:
        # Trying is the only sure test: permissions, a read-only mount, /proc.
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        return f"the directory {str(directory)!r} is not writable ({error.strerror or error})"
    return None


def _copy(source: TextIO, dest: TextIO) -> None:
    while chunk := source.read(1 << 16):
        dest.write(chunk)


@contextmanager
def _writing_stdout() -> Iterator[None]:
    """A failed write to stdout becomes :class:`_OutputError` (a reader gone, ``| head``, stays BrokenPipeError)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        # ValueError: a stream closed under us. The run stops: nobody can read it.
        raise _OutputError(error.strerror if isinstance(error, OSError) and error.strerror else str(error)) from None


def _run(settings: Settings, lrs: tuple[float, ...], out: TextIO, histories: list[TextIO] | None) -> list[Result]:
    """Run every lr, writing the transcript(s) to ``out``; each run's outcome and verdict."""
    start = {"train_bias": settings.train_bias, "w": settings.w0, "b": settings.b0, "tolerance": settings.tolerance}
    if len(lrs) == 1:
        run = descend(settings.dataset, lrs[0], settings.iterations, **start)  # type: ignore[arg-type]
        if histories is not None:
            run = recorded(run, histories[0])
        watch = RisingLoss()
        with _writing_stdout():
            outcome = write_transcript(run, out, train_bias=settings.train_bias, watch=watch)
        return [(outcome, watch)]
    watches = [RisingLoss() for _ in lrs]
    with ExitStack() as files:
        # Each run's transcript goes to its own temporary file while they run
        # together, then to stdout in the order of the lrs.
        parts = [files.enter_context(tempfile.TemporaryFile("w+", encoding="ascii")) for _ in lrs]
        together = sweep(settings.dataset, lrs, settings.iterations, **start)  # type: ignore[arg-type]
        if histories is not None:
            together = _recorded_sweep(together, histories)
        outcomes = write_sweep(together, parts, train_bias=settings.train_bias, watches=watches)
        for number, (lr, part) in enumerate(zip(lrs, parts)):
            part.seek(0)
            with _writing_stdout():
                out.write(("\n" if number else "") + f"# lr={lr!r}\n")
                _copy(part, out)
        with _writing_stdout():
            out.flush()
    return list(zip(outcomes, watches))


def _recorded_sweep(
    run: Generator[SweepStep, None, tuple[Outcome, ...]], streams: list[TextIO]
) -> Generator[SweepStep, None, tuple[Outcome, ...]]:
    """A sweep, unchanged, with each run's steps also written to its CSV stream."""
    for stream in streams:
        stream.write(CSV_HEADER + "\n")
    try:
        while True:
            step = next(run)
            for row, index in enumerate(step.runs):
                streams[index].write(csv_row(step.step(row)))
            yield step
    except StopIteration as stop:
        outcomes: tuple[Outcome, ...] = stop.value
        return outcomes


def _report(settings: Settings, lrs: tuple[float, ...], results: list[Result]) -> int:
    """Say on stderr how each diverging run went; return the worst status of all."""
    limit = critical_lr(settings.dataset, settings.train_bias)
    status = EXIT_OK
    for lr, (outcome, watch) in zip(lrs, results):
        # In a sweep each message names its lr first.
        prefix = f"lr {lr!r}: " if len(lrs) > 1 else ""
        beyond = f"lr {lr:g} exceeds the critical lr {limit:.6g} for this data"
        if outcome.reason == "diverged":
            say(f"{prefix}diverged: the loss stopped being finite at iteration {outcome.at}; {beyond}")
            status = EXIT_DIVERGED
        elif watch.diverging_at is not None:
            # The same verdict the dashboard pauses on; stdout stayed the book's transcript.
            say(f"{prefix}diverging: the loss rose {RISING_LIMIT} steps in a row by iteration {watch.diverging_at}; {beyond}")
            status = EXIT_DIVERGED
    return status
