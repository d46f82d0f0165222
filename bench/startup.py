"""How long until gd-tui's first frame, compared with a bare Textual app?

What is measured
----------------
Two programs, each started as a subprocess in a 120x40 pseudo-terminal
(pexpect) and read through a terminal emulator (pyte):

* ``gd-tui``: the installed console script beside this interpreter (what
  ``make run`` starts), with its default flags;
* ``bare``: a Textual ``App`` with one ``Static``, run by the same
  interpreter from a temporary file (written by this script).

Time to first frame is from just before the spawn until the bytes arrive that
make the emulated screen show the known content. For gd-tui that is the whole
dashboard, which its first frame draws: the form's ``0.001``, the status
panel's ``state ready`` row, the view tabs, the loss chart's ``Press enter``
prompt, the log's title and the footer's ``palette`` key; for the bare app,
the Static's text. Each program then quits (ctrl+q). The arrival counts, not
the moment pyte has parsed those bytes: pyte needs ~2 ms per KB, where a
terminal needs a fraction of a millisecond, and the dashboard's first frame is
about ten times the bare app's (~55 KB against 6), so parse time would charge
the rig's slowness to the program (``_pty`` reads what has arrived before
parsing it, so parsing does not delay the arrival of the later chunks either).
The parsed times are printed too, with their ratio.
One untimed launch of each warms the file cache and the bytecode caches; then
launches alternate (gd-tui, bare, bare, gd-tui, ...); medians.
Target (issue 8: a guard, not a goal): gd-tui <= 2x bare.

A third program is timed as a reference: ``stock``, gd-tui's first-frame
widget tree rebuilt from stock Textual widgets alone (``_stock_dashboard.py``:
the same fields, labels, tabs, progress bar, data table and footer keys, and
numpy imported, but no gd-tui code). Its ratio to ``bare`` is what those
widgets cost by themselves; gd-tui / stock is what gd-tui adds to them.

    .venv/bin/python bench/startup.py           # full run (~70 seconds)
    .venv/bin/python bench/startup.py --quick   # a few seconds
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _benchlib import PTY_COLUMNS, PTY_ROWS, bench_parser, median, print_footer, print_machine, verdict
from _pty import Terminal, gd_tui_command
from _stock_dashboard import READY_TEXT

TARGET = 2.0
BARE_TEXT = "bare textual app: first frame"
BARE_APP = f"""
from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static({BARE_TEXT!r})


Bare().run()
"""


#: What gd-tui's first frame shows, one marker per area: form, view tabs, loss chart, log, footer.
GD_TUI_MARKERS = ("0.001", "4 Surface", "Press enter", "─ Log ─", "palette")


def gd_tui_ready(text: str) -> bool:
    lines = text.splitlines()
    status = any("state" in line and "ready" in line for line in lines)
    return status and all(marker in text for marker in GD_TUI_MARKERS)


def bare_ready(text: str) -> bool:
    return BARE_TEXT in text


def stock_ready(text: str) -> bool:
    return READY_TEXT in text and "palette" in text and "ready" in text


def first_frame(argv: list[str], ready: Callable[[str], bool]) -> tuple[float, float]:
    """Seconds from spawn until the first frame's bytes arrived, and until pyte had parsed them."""
    terminal = Terminal(argv)
    try:
        arrived = terminal.wait_for(ready, timeout=60)
        return arrived - terminal.started, terminal.parsed - terminal.started
    finally:
        terminal.close()


def import_profile(top: int = 8) -> list[str]:
    """Import time of ``tui.cli`` + ``tui.app`` by top-level package (python -X importtime, self times summed)."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tui.cli, tui.app"], capture_output=True, text=True)
    packages: dict[str, int] = {}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, _, name = line[len("import time:") :].split("|")
        package = name.strip().split(".")[0]
        packages[package] = packages.get(package, 0) + int(self_us)
    total = sum(packages.values())
    ranked = sorted(packages.items(), key=lambda item: item[1], reverse=True)[:top]
    return [f"total {total / 1000:.0f} ms: " + ", ".join(f"{name} {us / 1000:.0f}" for name, us in ranked) + " (ms)"]


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "3 launches each (a smoke run)")
    parser.add_argument(
        "--imports", action="store_true", help="also print the app's import time by package (printed anyway when above target)"
    )
    args = parser.parse_args(argv)
    print_machine()
    # 15 launches each: on a shared two-core machine the median of 9 still
    # moved the ratio by ±0.15 from run to run.
    reps = 3 if args.quick else 15
    gd_tui = [str(gd_tui_command())]
    with tempfile.TemporaryDirectory() as tmp:
        bare_path = Path(tmp) / "bare_app.py"
        bare_path.write_text(BARE_APP, encoding="utf-8")
        bare = [sys.executable, str(bare_path)]
        print(
            f"startup: time from spawn to first frame in a {PTY_COLUMNS}x{PTY_ROWS} pty (pexpect + pyte), "
            f"{reps} launches each after one warm-up, alternating; medians"
        )
        print(
            f"  gd-tui: {gd_tui[0]} (ready when the screen shows the whole dashboard: 'state ready' and "
            f"{', '.join(repr(m) for m in GD_TUI_MARKERS)})"
        )
        print(f"  bare:   {sys.executable} <App with one Static> (ready when it shows {BARE_TEXT!r})")
        print(f"  stock:  {sys.executable} bench/_stock_dashboard.py (ready when it shows {READY_TEXT!r}, 'ready', 'palette')")
        programs: dict[str, tuple[list[str], Callable[[str], bool]]] = {
            "gd-tui": (gd_tui, gd_tui_ready),
            "bare": (bare, bare_ready),
            "stock": ([sys.executable, str(Path(__file__).with_name("_stock_dashboard.py"))], stock_ready),
        }
        wall = time.perf_counter()
        for argv, ready in programs.values():
            first_frame(argv, ready)
        times: dict[str, list[float]] = {name: [] for name in programs}
        parsed: dict[str, list[float]] = {name: [] for name in programs}
        for rep in range(reps):
            order = list(programs) if rep % 2 == 0 else list(reversed(programs))
            for name in order:
                arrived, seen = first_frame(*programs[name])
                times[name].append(arrived)
                parsed[name].append(seen)
    ours, base, stock = (median(times[name]) for name in programs)
    ratio = ours / base
    print()
    for name, values in times.items():
        print(
            f"{name:<7} median {median(values) * 1000:6.0f} ms   min {min(values) * 1000:6.0f} ms   "
            f"max {max(values) * 1000:6.0f} ms   (parsed by pyte: median {median(parsed[name]) * 1000:4.0f} ms)"
        )
    parsed_ratio = median(parsed["gd-tui"]) / median(parsed["bare"])
    print(f"ratio gd-tui / bare: {ratio:.2f}x; target <= {TARGET:.1f}x: {verdict(ratio, TARGET)}")
    print(f"(counting pyte's parse time as well: {parsed_ratio:.2f}x)")
    print(f"reference: stock / bare {stock / base:.2f}x (the layout's stock widgets alone); gd-tui / stock {ours / stock:.2f}x")
    if args.imports or ratio > TARGET:
        print("import time of tui.cli + tui.app by package (python -X importtime, one run):")
        for line in import_profile():
            print(f"  {line}")
    print_footer(wall, args.quick, "3 launches each; the numbers are only indicative")
    return 0


if __name__ == "__main__":
    sys.exit(main())
