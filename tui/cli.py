"""The ``gd-tui`` command: parse and validate flags, then run headless or open the dashboard."""

from __future__ import annotations

import sys

# The console script imports this module before run() can catch a ctrl+c.
# Until main() has made its imports, a SIGINT ends the process at once with
# 130: nothing has been written yet, and a KeyboardInterrupt raised inside
# numpy's import would come out as an ImportError. _signal (the C module) is
# set first because even `import signal` imports enum, time enough for a
# ctrl+c. Only when launched as the command: an import in a test keeps its
# interpreter's handler.
if getattr(getattr(sys.modules.get("__main__"), "__spec__", None), "name", None) == "tui.__main__" or (
    getattr(sys.modules.get("__main__"), "__file__", "") or ""
).endswith(("gd-tui", "gd-tui.exe")):
    import _signal
    import os as _os  # already loaded by Python's start-up: no time spent

    def _interrupted_while_starting(signum: int, frame: object) -> None:
        _os._exit(130)

    _signal.signal(_signal.SIGINT, _interrupted_while_starting)

import argparse
import os
import signal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from tui.output import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, fail, say, silence, write

# Only the standard library at import time: the console script imports this
# module before run() can catch a ctrl+c, so the heavy imports (numpy, via
# core) happen inside main(), where an interrupt is answered with exit 130.
if TYPE_CHECKING:
    from core import Dataset
    from tui.session.loading import Loading
    from tui.session.settings import Settings

__all__ = ["build_parser", "main", "run"]

EPILOG = (
    "Exit status: 0 finished or converged, 1 the transcript could not be written (stdout closed or full), "
    "2 bad usage or data, 3 diverged (the loss rose 5 steps in a row, or stopped being finite), "
    "130 interrupted, 141 the reader of a pipe went away. The dashboard: 0 when quit, 2 without a terminal (or TERM=dumb), "
    "128 + the signal that ended it (143 SIGTERM, 129 SIGHUP, 130 SIGINT); ctrl+z suspends it."
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
        "--ascii",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="dashboard: draw frames, markers and charts in ASCII (default: on when the locale is not UTF-8)",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    return parser


def _run_dashboard(settings: Settings | Loading) -> int:
    # Either may be None: a descriptor closed when Python started (`<&-`, `>&-`).
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()):
        return fail("the dashboard needs a terminal; use --headless to print the transcript")
    if os.environ.get("TERM", "") in ("", "dumb"):
        # A dumb terminal cannot move the cursor: the full-screen UI would arrive as noise.
        return fail("the dashboard needs a terminal that can draw (TERM is dumb); use --headless to print the transcript")
    # Textual is imported only for the dashboard: headless runs and --help do without it.
    from tui.app import GradientDescentApp

    app = GradientDescentApp(settings)
    app.run()
    if app.data_error is not None:  # a large file found bad behind the loading screen: said as for any file
        return fail(app.data_error)
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gd-tui`` console script; returns the exit status."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # At any moment: parsing flags, reading the data, running.
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader left (`gd-tui --headless | head`): stop quietly, and keep
        # Python from complaining while it flushes stdout at exit.
        silence(sys.stdout)
        return EXIT_BROKEN_PIPE


def _main(argv: Sequence[str] | None) -> int:
    # Everything a headless run needs, imported while a ctrl+c still exits at once.
    import core.headless  # noqa: F401  (loads core.verdict too)
    from core import DataError, load_dataset
    from tui.session.loading import background_load
    from tui.session.settings import Settings, ascii_default, low_bandwidth_default

    # From here a ctrl+c is a KeyboardInterrupt again, answered by main().
    if signal.getsignal(signal.SIGINT) is globals().get("_interrupted_while_starting"):
        signal.signal(signal.SIGINT, signal.default_int_handler)

    args = build_parser().parse_args(argv)
    low_bandwidth = low_bandwidth_default(os.environ) if args.low_bandwidth is None else args.low_bandwidth
    encoding = getattr(sys.stdout, "encoding", None)
    ascii_mode = ascii_default(os.environ, encoding) if args.ascii is None else args.ascii

    def settings_for(dataset: Dataset) -> Settings:
        return Settings(
            dataset,
            args.lr[0],
            args.iterations,
            args.bias,
            args.tolerance,
            low_bandwidth,
            ascii=ascii_mode,
            w0=args.w0,
            b0=args.b0,
            lrs=args.lr,
        )

    # A large file opens the dashboard at once, on a loading screen, and is read behind it.
    if not args.headless and (loading := background_load(args.data, settings_for)) is not None:
        return _run_dashboard(loading)
    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        return fail(str(error))
    settings = settings_for(dataset)
    if args.headless:
        from tui.headless import run_headless

        return run_headless(settings)
    return _run_dashboard(settings)


def run() -> NoReturn:
    """The console script: run :func:`main` and exit with its status."""
    try:
        status = main()
    except KeyboardInterrupt:  # between main()'s handlers, e.g. while one runs
        status = EXIT_INTERRUPTED
    except SystemExit as exit:  # argparse's --help, --version and usage errors
        status = EXIT_OK if exit.code is None else exit.code if isinstance(exit.code, int) else EXIT_USAGE
    # The status is decided: a ctrl+c now, while Python flushes and exits,
    # must not turn it into a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            write(stream, "")
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
