"""What ``e`` writes: the shown run's transcript, history and screenshot, and the runs table, under names that carry their settings.

Files go through :func:`core.export.write_atomic`: never over an existing
file (the next free name is taken, and the caller says so), never half
written. Nothing here knows about Textual: the screenshot arrives as text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.export import history_rows, lines_writer, write_atomic
from tui.session.runner import Runner
from tui.session.runs import RunBook

__all__ = ["Written", "export_runs_table", "export_shown_run", "run_stem"]

#: The runs table's CSV columns.
RUNS_HEADER = "number,data,lr,iterations,done,train_bias,w0,b0,tolerance,outcome,at,loss,w,b"


@dataclass(frozen=True)
class Written:
    """One file written: what it is, where it went, and whether its first-choice name was taken."""

    kind: str
    path: Path
    renamed: bool


def run_stem(runner: Runner) -> str:
    """A file name stem from the shown run's settings: ``gd-tui-run3-lr0.001-100it-bias-from-10,-100``."""
    config = runner.config
    if config is None:
        return "gd-tui-run"
    shown = runner.shown
    number = f"run{shown.number}" if shown is not None else "run"
    parts = [f"gd-tui-{number}", f"lr{runner.lr!r}", f"{config.iterations}it"]
    if config.train_bias:
        parts.append("bias")
    if config.w0 or config.b0:
        parts.append(f"from{config.w0:g},{config.b0:g}")
    return "-".join(parts)


def _write(directory: Path, name: str, kind: str, lines: Iterable[str]) -> Written:
    target = directory / name
    path = write_atomic(target, lines_writer(lines))
    return Written(kind, path, path != target)


def export_shown_run(runner: Runner, directory: Path, kinds: Iterable[str], screenshot: str | None = None) -> list[Written]:
    """Write the shown run as each of ``kinds`` (``txt``, ``csv``, ``svg``) into ``directory``.

    The ``.txt`` is the log pane's transcript: for a run whose lr never
    changed, byte for byte what ``gd-tui --headless`` prints with the same
    settings. Raises ``OSError`` on the first file that cannot be written
    (those written before it stay, complete).
    """
    stem = run_stem(runner)
    written: list[Written] = []
    for kind in kinds:
        if kind == "txt":
            lines: Iterable[str] = (runner.line(y)[0] + "\n" for y in range(runner.line_count()))
        elif kind == "csv":
            history, dataset = runner.history, runner.dataset
            lines = history_rows(dataset.X, dataset.Y, history.w, history.b, history.loss)
        elif kind == "svg":
            lines = [screenshot or ""]
        else:
            raise ValueError(f"unknown export kind {kind!r}")
        written.append(_write(directory, f"{stem}.{kind}", kind, lines))
    return written


def _runs_rows(book: RunBook) -> Iterator[str]:
    yield RUNS_HEADER + "\n"
    for run in book:
        tolerance = "" if run.tolerance is None else repr(run.tolerance)
        at = "" if run.at is None else str(run.at)
        values = [
            str(run.number),
            '"' + run.source.replace('"', '""') + '"',
            repr(run.lr),
            str(run.iterations),
            str(run.done),
            "yes" if run.train_bias else "no",
            repr(run.w0),
            repr(run.b0),
            tolerance,
            run.ending,
            at,
            repr(run.loss) if math.isfinite(run.loss) else str(run.loss),
            repr(run.w),
            repr(run.b),
        ]
        yield ",".join(values) + "\n"


def export_runs_table(book: RunBook, directory: Path) -> Written:
    """Write the runs table as CSV (one row per kept run) into ``directory``."""
    return _write(directory, "gd-tui-runs.csv", "runs", _runs_rows(book))
