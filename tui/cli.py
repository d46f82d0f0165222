"""The ``gd-tui`` command: parse and validate flags, then run headless or open the dashboard."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NoReturn, TypeVar

# numpy-free on purpose: the dashboard checks flags and data before its
# screen opens and imports numpy only after the first frame (core.data,
# core.descent and core.headless are imported where they are needed).
from core.params import parse_iterations, parse_lr, parse_tolerance
from core.table import DataError, Table, read_table

if TYPE_CHECKING:
    from core.data import Dataset

__all__ = ["Settings", "build_parser", "main", "resume_collection", "run"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13

T = TypeVar("T")


#: Data files up to this size are read in plain Python for the dashboard (at
#: most ~50 ms, about what importing numpy costs); larger ones by numpy.
TABLE_LIMIT = 256 * 1024


@dataclass(frozen=True)
class Settings:
    """Validated flags: what the dashboard's form is prefilled with, or what headless runs.

    ``data`` is a checked :class:`~core.table.Table` when the dashboard read a
    small file without numpy, else the :class:`~core.data.Dataset` itself.
    """

    data: Dataset | Table
    lr: float
    iterations: int
    train_bias: bool
    tolerance: float | None

    @cached_property
    def dataset(self) -> Dataset:
        """The data as the model trains on it (from a table, this is where numpy gets imported)."""
        if isinstance(self.data, Table):
            from core.data import from_table

            return from_table(self.data)
        return self.data

    @property
    def source(self) -> str:
        """Where the data came from (a file name), without building the dataset."""
        return self.data.source

    @property
    def rows(self) -> int:
        """How many rows the data has, without building the dataset."""
        return self.data.size


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("gd-tui")
    except Exception:  # not installed (running from a checkout): fall back to the source
        from core import __version__

        return __version__


class _VersionAction(argparse.Action):
    """--version, looked up only when asked: importlib.metadata costs ~40 ms at every start."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> NoReturn:
        sys.stdout.write(f"gd-tui {_version()}\n")
        parser.exit(0)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"gd-tui: {message} (see gd-tui --help)\n")


def _flag(parse: Callable[[str], T]) -> Callable[[str], T]:
    # argparse reports ArgumentTypeError's text verbatim; our parsers' messages
    # are already written for users.
    def convert(text: str) -> T:
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    convert.__name__ = parse.__name__.removeprefix("parse_")
    return convert


def build_parser() -> argparse.ArgumentParser:
    """The command's flags, shared by headless mode and the dashboard's prefill."""
    parser = _Parser(
        prog="gd-tui",
        description=(
            "Watch gradient descent fit y = w*x + b to data, as in the book Programming Machine Learning. "
            "Without --headless, opens the dashboard with the flags prefilled."
        ),
        epilog="Exit status: 0 finished or converged, 2 bad usage or data, 3 diverged, 130 interrupted.",
    )
    parser.add_argument("--headless", action="store_true", help="print the book's transcript to stdout instead of opening the dashboard")
    parser.add_argument("--lr", type=_flag(parse_lr), default=0.001, metavar="LR", help="learning rate, a number > 0 (default: 0.001)")
    parser.add_argument(
        "--iterations", type=_flag(parse_iterations), default=100, metavar="N", help="number of iterations, 1 to 10,000,000 (default: 100)"
    )
    parser.add_argument("--bias", action="store_true", help="train b too (default: b fixed at 0)")
    parser.add_argument("--data", metavar="FILE", default=None, help="two-column data file (default: the bundled pizza.txt)")
    parser.add_argument(
        "--tolerance", type=_flag(parse_tolerance), default=None, metavar="T", help="stop when the loss changes by less than T (default: never)"
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    return parser


def _fail(message: str) -> int:
    # One line, whatever a file name holds.
    flat = message.replace("\r", "\\r").replace("\n", "\\n")
    sys.stderr.write(f"gd-tui: {flat}\n")
    return EXIT_USAGE


def resume_collection() -> None:
    """End the start-up pause of :func:`run`: re-enable the garbage collector.

    What start-up built is frozen first (moved out of the collector's sight):
    it lives as long as the program, and leaving it out keeps every later
    full collection short, which the dashboard's 30 Hz ticks notice.
    Harmless when nothing was paused (tests, :func:`main` called directly).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _read_data(path: str | None, *, headless: bool) -> Dataset | Table:
    """The checked data: a table for the dashboard when the file is small, else a dataset."""
    try:
        large = path is not None and os.path.getsize(path) > TABLE_LIMIT
    except OSError:
        large = False  # missing or unreadable: read_table says so in its own words
    if headless or large:
        from core.data import load_dataset

        return load_dataset(path)
    return read_table(path)


def _run_headless(settings: Settings) -> int:
    from core import critical_lr, descend
    from core.headless import write_transcript

    resume_collection()
    run = descend(settings.dataset, settings.lr, settings.iterations, train_bias=settings.train_bias, tolerance=settings.tolerance)
    outcome = write_transcript(run, sys.stdout, train_bias=settings.train_bias)
    if outcome.reason == "diverged":
        limit = critical_lr(settings.dataset, settings.train_bias)
        sys.stderr.write(
            f"gd-tui: diverged: the loss stopped being finite at iteration {outcome.at}; "
            f"lr {settings.lr:g} exceeds the critical lr {limit:.6g} for this data\n"
        )
        return EXIT_DIVERGED
    return EXIT_OK


def _run_dashboard(settings: Settings) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _fail("the dashboard needs a terminal; use --headless to print the transcript")
    from tui.app import GradientDescentApp  # Textual loads only here, on purpose

    app = GradientDescentApp(settings, on_started=resume_collection)
    app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gd-tui`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        data = _read_data(args.data, headless=args.headless)
    except DataError as error:
        return _fail(str(error))
    settings = Settings(data, args.lr, args.iterations, args.bias, args.tolerance)
    try:
        return _run_headless(settings) if args.headless else _run_dashboard(settings)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader left (`gd-tui --headless | head`): stop quietly, and keep
        # Python from complaining while it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def run() -> NoReturn:
    """The console script: pause the garbage collector for start-up, run :func:`main`, exit with its status.

    Importing numpy and Textual and styling the dashboard allocate a few
    hundred thousand objects that live as long as the program; the collector
    would walk them again and again (about a tenth of the time to the first
    frame, measured with bench/startup.py) to find nearly nothing.
    :func:`resume_collection` turns it back on once the whole dashboard
    is mounted, or as soon as a headless run starts.
    """
    gc.disable()
    # One BLAS thread, unless the user asks otherwise. The training loop never
    # calls BLAS (sums and element-wise operations only); np.dot appears in
    # the closed-form optimum alone, on vectors too short to split. OpenBLAS
    # would still start a thread per core when numpy loads, and they spin for
    # a while, taking a core from the terminal at start-up: on two cores that
    # delayed the first frame. It must be set before numpy is imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
