"""How many bytes per second does gd-tui write to the terminal during the book's default run?

What is measured
----------------
Two programs run in a 120x40 pseudo-terminal (pexpect; ``TERM=xterm-256color``,
``COLORTERM=truecolor``), read through a terminal emulator (pyte):

* ``gd-tui``: the installed console script beside this interpreter, started
  with its default flags: the book's run (pizza data, lr 0.001, 100
  iterations) at the default speed (1 step per 30 Hz tick; the dashboard
  redraws at most 10 times a second, the log at most 5);
* ``naive``: a comparison app written below, to give scale: on every 30 Hz
  tick it takes one step, redraws a plotext chart of the whole loss history
  into a ``Static`` (plotext's default theme) and appends the book's line to a
  ``RichLog``, for the same number of iterations.

For each: wait for the first screen, wait until the output is quiet, press
enter, and count the bytes read from the pty until the final ``w=`` line is on
the screen (issue 12's window: from enter to the end of the default
100-iteration run, whose burst at the start a longer run would dilute).
Rate = bytes / seconds of that window (1 KB = 1000 bytes). The two
alternate; medians. The bytes are also attributed to the screen areas they
were written to, by following Textual's cursor moves (each update chunk
starts with ``ESC[row;colH``); the areas are the widgets' regions, taken from
the same app laid out headless at 120x40.
Target (issue 12, normal mode): gd-tui <= 30 KB/s.

    .venv/bin/python bench/pty_bytes.py           # full run (3 runs each, ~1 minute)
    .venv/bin/python bench/pty_bytes.py --quick   # one run each, ~20 seconds
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Generator

from _benchlib import PTY_COLUMNS, PTY_ROWS, SCREEN_SIZE, bench_parser, median, print_footer, print_machine, verdict
from _pty import Terminal, gd_tui_command

TARGET_KBS = 30.0
#: Issue 12's target for low-bandwidth mode (--low-bandwidth, or an SSH session).
TARGET_LOW_KBS = 10.0
#: The book's run: what gd-tui does with its default flags.
ITERATIONS = 100
TICK_RATE = 30.0
NAIVE_READY = "naive app: press enter to run"


# --- The naive comparison app ------------------------------------------------


def naive_app(iterations: int):
    import plotext as plt
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import RichLog, Static

    import core

    class Naive(App):
        CSS = """
        #chart { height: 2fr; }
        #log { height: 1fr; }
        """
        BINDINGS = [("enter", "run", "Run")]

        def compose(self) -> ComposeResult:
            yield Static(NAIVE_READY, id="chart")
            yield RichLog(id="log")

        def on_mount(self) -> None:
            self.xs: list[float] = []
            self.ys: list[float] = []
            self.run_steps: Generator[core.Step, None, core.Outcome] | None = None

        def action_run(self) -> None:
            if self.run_steps is None:
                self.run_steps = core.descend(core.load_dataset(), 0.001, iterations)
                self.set_interval(1 / TICK_RATE, self.tick)

        def tick(self) -> None:
            if self.run_steps is None:
                return
            log = self.query_one(RichLog)
            try:
                step = next(self.run_steps)
            except StopIteration as stop:
                log.write("")
                log.write(core.final_line(stop.value.w, stop.value.b, False))
                self.run_steps = None
                return
            self.xs.append(float(step.index))
            self.ys.append(step.loss)
            log.write(core.iteration_line(step.index, step.loss))
            chart = self.query_one("#chart", Static)
            width, height = chart.content_size.width, chart.content_size.height
            plt.figure.clear()
            plt.figure.plot_size(width, height)
            signal = plt.figure.signal(self.xs, self.ys)
            signal.lines()
            plt.figure.draw(signal)
            chart.update(Text.from_ansi(plt.figure.build().string()))

    return Naive()


# --- Harness -----------------------------------------------------------------


async def widget_regions(kind: str, iterations: int) -> dict[str, tuple[int, int, int, int]]:
    """Screen regions of the areas we attribute bytes to, from the app laid out headless."""
    if kind == "naive":
        app = naive_app(iterations)
        selectors = {"chart (Static)": "#chart", "log (RichLog)": "#log"}
    else:
        import core
        from tui.app import GradientDescentApp
        from tui.session.settings import Settings

        app = GradientDescentApp(Settings(core.load_dataset(), 0.001, iterations, False, None))
        # In this order: a cell counts towards the first region holding it (the tabs are inside #views).
        selectors = {
            "view tabs": "#views Tabs",
            "chart (#views)": "#views",
            "log (#log-pane)": "#log-pane",
            "form (#form)": "#form",
            "status (#status)": "#status",
            "side panel (rest)": "#side",
            "footer": "Footer",
        }
    regions: dict[str, tuple[int, int, int, int]] = {}
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        for name, selector in selectors.items():
            found = app.query(selector)
            if found:
                region = found.first().region
                regions[name] = (region.x, region.y, region.width, region.height)
    return regions


def measure(argv: list[str], ready: str | tuple[str, ...], iterations: int) -> tuple[float, int, bytes, int]:
    """(seconds of the run window, bytes in it, the bytes, bytes before enter)."""
    terminal = Terminal(argv)
    words = (ready,) if isinstance(ready, str) else ready
    try:
        terminal.wait_for(lambda text: all(word in text for word in words), timeout=60)
        terminal.wait_quiet(0.5, timeout=10)
        before = terminal.total
        terminal.recording = []
        start = time.perf_counter()
        terminal.child.send("\r")
        end = terminal.wait_for(lambda text: "w=" in text, timeout=30 + iterations / 5)
        data = b"".join(terminal.recording)
        return end - start, len(data), data, before
    finally:
        terminal.close()


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "one run each instead of three")
    parser.add_argument("--naive-app", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--iterations", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    iterations = args.iterations or ITERATIONS
    if args.naive_app:
        naive_app(iterations).run()
        return 0

    print_machine()
    reps = 1 if args.quick else 3
    gd_tui = [str(gd_tui_command())] + ([] if iterations == ITERATIONS else ["--iterations", str(iterations)])
    programs: dict[str, tuple[list[str], str | tuple[str, ...]]] = {
        # The whole first screen: the form, the loss chart's prompt and the footer.
        # Each mode named: an SSH_CONNECTION in the environment would otherwise pick it.
        "gd-tui": ([*gd_tui, "--no-low-bandwidth"], ("0.001", "Press enter", "palette")),
        "low-bw": ([*gd_tui, "--low-bandwidth"], ("0.001", "Press enter", "palette")),
        "naive": ([sys.executable, __file__, "--naive-app", "--iterations", str(iterations)], NAIVE_READY),
    }
    print(
        f"pty bytes: {PTY_COLUMNS}x{PTY_ROWS} pty, TERM=xterm-256color COLORTERM=truecolor; {iterations} iterations "
        f"(gd-tui: {' '.join(gd_tui[1:]) or 'default flags'}) at 1 step per 30 Hz tick; bytes from enter until 'w=' is on "
        f"screen; {reps} run(s) each, alternating; medians"
    )
    wall = time.perf_counter()
    # Low-bandwidth mode lays the screen out as normal mode does.
    regions = {kind: asyncio.run(widget_regions("gd-tui" if kind == "low-bw" else kind, iterations)) for kind in programs}
    results: dict[str, list[tuple[float, int, bytes, int]]] = {kind: [] for kind in programs}
    for rep in range(reps):
        order = list(programs) if rep % 2 == 0 else list(programs)[::-1]
        for kind in order:
            command, ready = programs[kind]
            results[kind].append(measure(command, ready, iterations))
    print()
    rates = {}
    for kind, runs in results.items():
        rate = median([size / seconds for seconds, size, _, _ in runs]) / 1000
        rates[kind] = rate
        seconds = median([r[0] for r in runs])
        size = median([r[1] for r in runs])
        print(
            f"{kind:<7} {rate:7.1f} KB/s   ({size / 1000:.0f} KB in {seconds:.1f} s; first screen {median([r[3] for r in runs]) / 1000:.0f} KB)"
        )
    for kind, runs in results.items():
        seconds, size, data, _ = runs[0]
        split = Terminal.attribute(data, regions[kind])
        paints = Terminal.repaints(data, regions[kind])
        parts = ", ".join(
            f"{name} {count / seconds / 1000:.1f}" + (f" ({paints[name] / seconds:.0f}/s)" if paints.get(name) else "")
            for name, count in sorted(split.items(), key=lambda kv: -kv[1])
            if count
        )
        print(f"  {kind} by area, run 1: KB/s (repaints/s of its middle row): {parts}")
    ratio = rates["gd-tui"] / rates["naive"]
    print(
        f"gd-tui: {rates['gd-tui']:.1f} KB/s ({ratio:.2f}x the naive app); target <= {TARGET_KBS:.0f} KB/s: "
        f"{verdict(rates['gd-tui'], TARGET_KBS)}"
    )
    low = rates["low-bw"]
    print(
        f"low-bw: {low:.1f} KB/s ({low / rates['naive']:.2f}x the naive app); target <= {TARGET_LOW_KBS:.0f} KB/s: {verdict(low, TARGET_LOW_KBS)}"
    )
    print_footer(wall, args.quick, "one run each; the numbers are only indicative")
    return 0


if __name__ == "__main__":
    sys.exit(main())
