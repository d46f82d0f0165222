"""The ``gd-tui`` command: parse and validate flags, then run headless or open the dashboard."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar

from core import DataError, __version__, critical_lr, descend, load_dataset, parse_iterations, parse_lr, parse_tolerance
from core.headless import write_transcript
from tui.session.settings import Settings

__all__ = ["build_parser", "main", "run"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13

T = TypeVar("T")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("gd-tui")
    except Exception:  # not installed (running from a checkout): fall back to the source
        return __version__


class _VersionAction(argparse.Action):
    """--version, looked up only when asked (the installed metadata, else the source's)."""

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
    parser.add_argument(
        "--headless", action="store_true", help="print the book's transcript to stdout instead of opening the dashboard"
    )
    parser.add_argument(
        "--lr", type=_flag(parse_lr), default=0.001, metavar="LR", help="learning rate, a number > 0 (default: 0.001)"
    )
    parser.add_argument(
        "--iterations",
        type=_flag(parse_iterations),
        default=100,
        metavar="N",
        help="number of iterations, 1 to 10,000,000 (default: 100)",
    )
    parser.add_argument("--bias", action="store_true", help="train b too (default: b fixed at 0)")
    parser.add_argument("--data", metavar="FILE", default=None, help="two-column data file (default: the bundled pizza.txt)")
    parser.add_argument(
        "--tolerance",
        type=_flag(parse_tolerance),
        default=None,
        metavar="T",
        help="stop when the loss changes by less than T (default: never)",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    return parser


def _fail(message: str) -> int:
    # One line, whatever a file name holds.
    flat = message.replace("\r", "\\r").replace("\n", "\\n")
    sys.stderr.write(f"gd-tui: {flat}\n")
    return EXIT_USAGE


def _run_headless(settings: Settings) -> int:
    run = descend(
        settings.dataset, settings.lr, settings.iterations, train_bias=settings.train_bias, tolerance=settings.tolerance
    )
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
    # Textual is imported only for the dashboard: headless runs and --help do without it.
    from tui.app import GradientDescentApp

    app = GradientDescentApp(settings)
    app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gd-tui`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        return _fail(str(error))
    settings = Settings(dataset, args.lr, args.iterations, args.bias, args.tolerance)
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
    """The console script: run :func:`main` and exit with its status."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
