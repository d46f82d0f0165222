"""The command's flags: what ``gd-tui`` accepts, its help and exit statuses, each usage error one line.

Standard library only at import time, as :mod:`tui.cli`: the parsers of the
values (in ``core``) are imported when the parser is built.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

from tui.output import EXIT_OUTPUT, EXIT_USAGE, say, write

__all__ = ["EPILOG", "build_parser"]

EPILOG = (
    "Exit status: 0 finished or converged, 1 the transcript or CSV could not be written (stdout closed, disk full), "
    "2 bad usage or data, 3 diverged (the loss rose 5 steps in a row, or stopped being finite; in a sweep, any run), "
    "130 interrupted, 141 the reader of a pipe went away. The dashboard: 0 when quit, 2 without a terminal (or TERM=dumb), "
    "128 + the signal that ended it (143 SIGTERM, 129 SIGHUP, 130 SIGINT); ctrl+z suspends it. "
    "The server (--serve): 2 when it cannot listen, 130 on ctrl+c."
)

T = TypeVar("T")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("gd-tui")
    except Exception:  # not installed (running from a checkout): fall back to the source
        from core import __version__

        return __version__


class _VersionAction(argparse.Action):
    """--version, looked up only when asked (the installed metadata, else the source's)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> NoReturn:
        if not write(sys.stdout, f"gd-tui {_version()}\n"):
            parser.exit(EXIT_OUTPUT)
        parser.exit(0)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        say(f"{message} (see gd-tui --help)")
        self.exit(EXIT_USAGE)

    def print_help(self, file: Any = None) -> None:
        # --help into a closed or full stdout: the exit status says so, no traceback.
        if not write(file or sys.stdout, self.format_help()):
            self.exit(EXIT_OUTPUT)


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
    from core import parse_iterations, parse_lrs, parse_start, parse_tolerance
    from tui.serve import DEFAULT_HOST, DEFAULT_PORT, parse_port

    parser = _Parser(
        prog="gd-tui",
        description=(
            "Watch gradient descent fit y = w*x + b to data, as in the book Programming Machine Learning. "
            "Without --headless, opens the dashboard with the flags prefilled."
        ),
        epilog=EPILOG,
    )
    parser.add_argument(
        "--headless", action="store_true", help="print the book's transcript to stdout instead of opening the dashboard"
    )
    parser.add_argument(
        "--lr",
        type=_flag(parse_lrs),
        default=(0.001,),
        metavar="LR",
        help=(
            "learning rate, a number > 0 (default: 0.001); or a sweep of up to 8, run side by side: "
            "a list '0.001,0.002,0.005', a range '0.001..0.01 x5', or a log range '0.0001..0.01 x3 log'"
        ),
    )
    parser.add_argument(
        "--iterations",
        type=_flag(parse_iterations),
        default=100,
        metavar="N",
        help="number of iterations, 1 to 10,000,000 (default: 100)",
    )
    parser.add_argument("--bias", action="store_true", help="train b too (default: b fixed at its start, b0)")
    parser.add_argument(
        "--w0", type=_flag(lambda text: parse_start(text, "w0")), default=0.0, metavar="W", help="start w here (default: 0)"
    )
    parser.add_argument(
        "--b0", type=_flag(lambda text: parse_start(text, "b0")), default=0.0, metavar="B", help="start b here (default: 0)"
    )
    parser.add_argument("--data", metavar="FILE", default=None, help="two-column data file (default: the bundled pizza.txt)")
    parser.add_argument(
        "--tolerance",
        type=_flag(parse_tolerance),
        default=None,
        metavar="T",
        help="stop when the loss changes by less than T (default: never)",
    )
    parser.add_argument(
        "--low-bandwidth",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="dashboard: redraw less often and never blink, for a slow link (default: on in an SSH session, where SSH_CONNECTION is set)",
    )
    parser.add_argument(
        "--export-csv",
        metavar="FILE",
        default=None,
        help="headless: also write the run's history to FILE as CSV (iteration,w,b,loss,grad_w,grad_b); "
        "in a sweep one file per lr, named FILE-lr<value>.csv",
    )
    parser.add_argument(
        "--export-dir",
        metavar="DIR",
        default=".",
        help="dashboard: where e writes the shown run's files (default: the current directory)",
    )
    parser.add_argument(
        "--ascii",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="dashboard: draw frames, markers and charts in ASCII (default: on when the locale is not UTF-8)",
    )
    parser.add_argument(
        "--serve", action="store_true", help="serve the dashboard to a web browser (each tab gets its own, with these flags)"
    )
    parser.add_argument(
        "--host",
        metavar="HOST",
        default=None,
        help=f"--serve: the address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=_flag(parse_port),
        default=None,
        metavar="PORT",
        help=f"--serve: the port to listen on (default: {DEFAULT_PORT})",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    return parser
