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

import os
import signal
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from tui.flags import build_parser
from tui.output import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, fail, silence, write

# Only the standard library at import time: the console script imports this
# module before run() can catch a ctrl+c, so the heavy imports (numpy, via
# core) happen inside main(), where an interrupt is answered with exit 130.
if TYPE_CHECKING:
    from core import Dataset
    from tui.session.loading import Loading
    from tui.session.settings import Settings

__all__ = ["build_parser", "main", "run"]


def _run_dashboard(settings: Settings | Loading, browser: bool) -> int:
    # In a browser tab (under --serve) stdin and stdout are textual-serve's
    # pipes, on purpose: Textual's web driver speaks through them.
    # Either may be None: a descriptor closed when Python started (`<&-`, `>&-`).
    tty = sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()
    if not (tty or browser):
        return fail("the dashboard needs a terminal; use --headless to print the transcript")
    if os.environ.get("TERM", "") in ("", "dumb") and not browser:
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
    from tui.serve import served_in_browser
    from tui.session.loading import background_load
    from tui.session.settings import Settings, ascii_default, low_bandwidth_default

    # From here a ctrl+c is a KeyboardInterrupt again, answered by main().
    if signal.getsignal(signal.SIGINT) is globals().get("_interrupted_while_starting"):
        signal.signal(signal.SIGINT, signal.default_int_handler)

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.export_csv is not None and not args.headless:
        parser.error("--export-csv writes a headless run's history (add --headless); in the dashboard, press e")
    # A browser tab draws UTF-8 whatever the server's locale, and the server's
    # SSH_CONNECTION says nothing of the tab's link: both defaults are off there.
    browser = served_in_browser(os.environ)
    low_bandwidth = (not browser and low_bandwidth_default(os.environ)) if args.low_bandwidth is None else args.low_bandwidth
    encoding = getattr(sys.stdout, "encoding", None)
    ascii_mode = (not browser and ascii_default(os.environ, encoding)) if args.ascii is None else args.ascii
    # In the tab itself --serve is never set (served_command drops it): checked anyway, so a tab cannot serve again.
    serving = (args.serve or args.host is not None or args.port is not None) and not browser

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
            export_csv=args.export_csv,
            export_dir=args.export_dir,
        )

    # A large file opens the dashboard at once, on a loading screen, and is read behind it.
    if not (args.headless or serving) and (loading := background_load(args.data, settings_for, ascii=ascii_mode)) is not None:
        return _run_dashboard(loading, browser)
    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        return fail(str(error))
    settings = settings_for(dataset)
    if serving:
        from tui.serve import serve

        return serve(args, sys.argv[1:] if argv is None else argv)
    if args.headless:
        from tui.headless import run_headless

        return run_headless(settings)
    return _run_dashboard(settings, browser)


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
