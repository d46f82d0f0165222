"""Does the dashboard answer a key within 100 ms while a max-speed run crunches 10^6 rows?

What is measured
----------------
A generated 10^6-row data set (b trained) at speed ``max``, where every step
takes milliseconds and the app has the most to do between keys; two ways:

* ``answer``: in process (``App.run_test``, the dashboard's own clock and
  max-speed worker), a ``space`` key event is posted while the run goes, and we time
  until its action has taken effect (the run is paused), then the same for
  resuming. This is the app's answer time. Target: median at most 100 ms.
* ``on screen``: ``gd-tui`` in a 120x40 pseudo-terminal (pexpect, read
  through pyte), from writing ``space`` to the emulated screen's status
  showing ``paused``, and back to ``running``: what a person feels, including
  the repaint (the arrival of its bytes; pyte's parse time is left out, see
  ``_pty.Terminal.wait_for``). Resuming starts from an idle (paused) app, so
  its time is the floor of this measurement.

Medians and maxima over the presses.

    .venv/bin/python bench/key_latency.py           # full run (~40 seconds)
    .venv/bin/python bench/key_latency.py --quick   # 10^5 rows, fewer presses
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from _benchlib import SCREEN_SIZE, bench_parser, median, print_footer, print_machine, verdict
from _pty import Terminal, gd_tui_command
from textual import events

import core
from tui.app import GradientDescentApp
from tui.session.settings import Settings

TARGET_MS = 100.0


def row_shows(label: str, word: str) -> Callable[[str], bool]:
    """A screen test: some row holds both ``label`` and ``word`` (the status panel's rows)."""

    def done(text: str) -> bool:
        return any(label in line and word in line for line in text.splitlines())

    return done


def state_is(word: str) -> Callable[[str], bool]:
    """The status panel's state row shows ``word``."""
    return row_shows("state", word)


def speed_shows(word: str) -> Callable[[str], bool]:
    """The speed field or status shows ``word``."""
    return row_shows("speed", word)


async def answer_times(dataset: core.Dataset, presses: int) -> tuple[list[float], list[float]]:
    """Milliseconds from a posted space key to the run being paused, and to it running again."""
    app = GradientDescentApp(Settings(dataset, 0.001, 10_000_000, True, None), clock=True, speed=None)
    pause_ms: list[float] = []
    resume_ms: list[float] = []
    dashboard, runner = app.dashboard, app.dashboard.runner
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.press("escape", "r")
        for _ in range(presses):
            await asyncio.sleep(0.3)  # let it run a while between presses
            for want, times in (("paused", pause_ms), ("running", resume_ms)):
                sent = time.perf_counter()
                app.post_message(events.Key("space", " "))
                while runner.state != want:
                    await asyncio.sleep(0.0005)
                times.append(1000 * (time.perf_counter() - sent))
                await asyncio.sleep(0.1)
        dashboard.action_reset()
    return pause_ms, resume_ms


def report(title: str, pause_ms: list[float], resume_ms: list[float], target: float | None) -> None:
    print(title)
    for name, times in (("space -> paused", pause_ms), ("space -> running", resume_ms)):
        line = f"  {name:<17} median {median(times):6.1f} ms   max {max(times):6.1f} ms"
        if target is not None:
            line += f"   target median <= {target:.0f} ms: {verdict(median(times), target)}"
        print(line)


def main() -> int:
    parser = bench_parser(__doc__ or "", "10^5 rows and 5 presses each way: indicative only")
    args = parser.parse_args()
    started = time.perf_counter()
    rows, presses = (10**5, 5) if args.quick else (10**6, 15)
    print_machine()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "big.txt"
        X = rng.uniform(0, 30, rows)
        np.savetxt(data, np.c_[X, 1.8 * X + rng.normal(0, 3, rows)], fmt="%.6f", header="x y", comments="")
        term = Terminal([str(gd_tui_command()), "--data", str(data), "--bias", "--iterations", "10000000"])
        try:
            term.wait_for(lambda s: "0.001" in s and "state" in s, timeout=120)
            term.child.send("\x1b")  # leave the form so single keys are bindings
            # Alone, or the terminal would read escape and the next key as alt+key. The
            # footer lists the run keys (Pause/Resume among them) only once the form has lost focus.
            term.wait_for(lambda s: "Pause/Resume" in s, timeout=30)
            for label in ("10/tick", "100/tick", "1000/tick", "max"):
                term.child.send("+")
                term.wait_for(speed_shows(label), timeout=30)
            term.child.send("r")
            term.wait_for(state_is("running"), timeout=30)
            pause_ms: list[float] = []
            resume_ms: list[float] = []
            for _ in range(presses):
                term.wait_quiet(0.3, timeout=2)  # let it run a while between presses
                sent = time.perf_counter()
                term.child.send(" ")
                pause_ms.append(1000 * (term.wait_for(state_is("paused"), timeout=30) - sent))
                term.wait_quiet(0.1, timeout=2)
                sent = time.perf_counter()
                term.child.send(" ")
                resume_ms.append(1000 * (term.wait_for(state_is("running"), timeout=30) - sent))
        finally:
            term.close()
        pause_answer, resume_answer = asyncio.run(answer_times(core.load_dataset(data), presses))
    print(f"key latency: {rows:,} rows, b trained, speed max, {presses} presses each way")
    report("answer (in process: key event to its action done)", pause_answer, resume_answer, TARGET_MS)
    report("on screen (pty: key written to the emulated screen showing it; resuming starts idle)", pause_ms, resume_ms, None)
    print_footer(started, args.quick, "10^5 rows, 5 presses each way; indicative only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
