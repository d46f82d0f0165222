"""Helpers shared by the dashboard benchmarks in ``bench/`` (not a benchmark itself).

Every benchmark prints the machine first, measures the two things it compares
in one run (alternating them when they are repeated), prints both, their
ratio, the target and ``PASS`` or ``ABOVE TARGET``, and exits 0: benchmarks
inform, they do not fail builds.

Programs under a pseudo-terminal (startup, pty_bytes, key_latency) are run
through ``_pty.py``. ``make bench`` runs only ``bench/[!_]*.py``; running this
file directly prints the machine lines.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the hints: the pty benchmarks never import the app themselves
    from tui.app import GradientDescentApp

__all__ = [
    "PTY_COLUMNS",
    "PTY_ROWS",
    "SCREEN_SIZE",
    "bench_parser",
    "cpu_model",
    "gc_paused",
    "machine_lines",
    "median",
    "print_footer",
    "print_machine",
    "run_at_max_speed",
    "timed",
    "verdict",
]

#: The pseudo-terminal size every pty benchmark uses (pexpect wants rows, columns).
PTY_ROWS, PTY_COLUMNS = 40, 120

#: The same size as Textual's ``App.run_test(size=...)`` wants it (columns, rows),
#: so headless and pty benchmarks lay the dashboard out alike.
SCREEN_SIZE = (PTY_COLUMNS, PTY_ROWS)


def bench_parser(doc: str, quick_help: str) -> argparse.ArgumentParser:
    """The command line every benchmark starts from: ``doc``'s first line as description, and ``--quick``.

    ``quick_help`` says what ``--quick`` cuts in that benchmark; the caller
    adds its own options, if any, before parsing.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    return parser


def print_footer(started: float, quick: bool, caveat: str) -> None:
    """Close a report: under ``--quick``, ``caveat`` (why the numbers are only indicative), then the wall time since ``started``."""
    if quick:
        print(f"(--quick: {caveat})")
    print(f"(whole benchmark: {time.perf_counter() - started:.0f} s wall)")


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo`` (x86 and ARM spell it differently), else what platform knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.lower().startswith(("model name", "hardware", "cpu model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_lines() -> list[str]:
    """The machine (CPU, usable cores, load) and the versions that decide the numbers, one line each."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 0
    try:
        load = "load %.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "load unknown"
    return [
        f"machine: {platform.machine()}, {cpu_model()}, {usable} of {os.cpu_count()} cores usable, {load}",
        f"software: Python {platform.python_version()}, textual {_version('textual')}, rich {_version('rich')}, "
        f"plotext {_version('plotext')}, numpy {_version('numpy')}",
    ]


def print_machine() -> None:
    """Print :func:`machine_lines`: every benchmark's report starts with them."""
    for line in machine_lines():
        print(line)


def median(values: list[float]) -> float:
    """The median: one outlier on a noisy machine cannot move it, unlike the mean."""
    return statistics.median(values)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collect, then keep the garbage collector off for the block, as ``timeit`` does.

    Otherwise a collection triggered by one side's allocations would be
    charged to whichever timed run happens to come next.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def run_at_max_speed(app: GradientDescentApp) -> tuple[int, int]:
    """Start a run as enter does and let the dashboard's own clock drive it to its end.

    ``app`` must be built with ``clock=True`` and ``speed=None`` (max): the
    dashboard's timer then hands the run to its max-speed worker, which ticks
    back to back and yields to the event loop between ticks, exactly as in a
    terminal. Returns (ticks, self-pauses resumed): the runner pauses itself
    when the loss rises 5 steps in a row, and the run is resumed each time, as
    the learner would with space.
    """
    dashboard = app.dashboard
    ticks = 0
    tick = dashboard.tick

    def counted() -> None:
        nonlocal ticks
        ticks += 1
        tick()

    dashboard.tick = counted  # type: ignore[method-assign]
    dashboard.action_run()
    runner = dashboard.runner
    self_paused = 0
    while runner.live:
        await asyncio.sleep(0.01)
        if runner.live and runner.state != "running":
            self_paused += 1
            dashboard.action_toggle_pause()
    return ticks, self_paused


def timed(run: Callable[[], object]) -> float:
    """Wall seconds of one run, with the collector paused (see :func:`gc_paused`)."""
    with gc_paused():
        start = time.perf_counter()
        run()
        return time.perf_counter() - start


def verdict(value: float, target: float) -> str:
    """``PASS`` when ``value`` is at most ``target`` (all our targets are upper bounds)."""
    return "PASS" if value <= target else "ABOVE TARGET"


if __name__ == "__main__":
    print_machine()
