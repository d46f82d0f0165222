"""How much slower is a max-speed run in the dashboard than the bare core generator?

What is measured
----------------
The same 10^6-iteration run (pizza data, lr 0.001, w only; 10^5 with
``--quick``), timed two ways:

* ``core``: ``core.descend`` drained by a plain ``for`` loop, nothing kept;
* ``app``: the dashboard, headless (``App.run_test(size=(120, 40))``), with
  the form prefilled and speed ``max``, from ``app.dashboard.action_run()``
  (what enter does) until the run ends, driven by the dashboard's own clock:
  at max speed its timer starts a worker that ticks back to back (each tick
  steps for up to its ``TICK_BUDGET`` of 15 ms, records the steps and
  publishes them at most ``FRAME_RATE`` = 10 times a second, which redraws
  the status, the views and the log bound to the screen's state) and yields
  to the event loop between ticks, so keys and paints are served as in a
  terminal.

The two alternate (core, app, app, core, ...), with a fresh app per run;
medians; the collector stays on (both sides allocate a Step per iteration).
Target: app <= 2x core, in wall time.

    .venv/bin/python bench/run_speed.py           # full run (~1.5 minutes)
    .venv/bin/python bench/run_speed.py --quick   # a few seconds
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from _benchlib import SCREEN_SIZE, bench_parser, median, print_footer, print_machine, run_at_max_speed, verdict

import core
from tui.app import GradientDescentApp
from tui.session.pace import FRAME_RATE, TICK_BUDGET
from tui.session.settings import Settings

TARGET = 2.0
LR = 0.001


def run_core(dataset: core.Dataset, iterations: int) -> tuple[float, float, int]:
    """Wall and CPU seconds to drain the generator, and the steps seen."""
    count = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in core.descend(dataset, LR, iterations):
        count += 1
    return time.perf_counter() - wall, time.process_time() - cpu, count


async def run_app(dataset: core.Dataset, iterations: int) -> tuple[float, float, int, int, int, int]:
    """Wall and CPU seconds of the run in the app, steps recorded, ticks, redraws (publishes)."""
    app = GradientDescentApp(Settings(dataset, LR, iterations, False, None), clock=True, speed=None)
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        dashboard = app.dashboard
        # Every publish() bumps the screen's revision, and each one is a redraw of what is bound to it.
        revision = dashboard.revision
        wall, cpu = time.perf_counter(), time.process_time()
        ticks, self_paused = await run_at_max_speed(app)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        redraws = dashboard.revision - revision
        done = dashboard.runner.done
        state = dashboard.runner.state
        await pilot.pause()
    if state != "finished" or done != iterations:
        raise RuntimeError(f"the app's run ended {state} after {done} iterations")
    return wall, cpu, done, ticks, redraws, self_paused


async def measure(args: argparse.Namespace) -> int:
    dataset = core.load_dataset()
    iterations = 10**5 if args.quick else 10**6
    reps = 2 if args.quick else 3
    print(
        f"run speed: {iterations:,} iterations, pizza, lr {LR}, w only; {reps} runs each, alternating; medians. "
        f"app = headless {SCREEN_SIZE[0]}x{SCREEN_SIZE[1]}, speed max, the dashboard's own clock and max-speed worker "
        f"({TICK_BUDGET * 1000:.0f} ms per tick, at most {FRAME_RATE:.0f} redraws a second)"
    )
    wall = time.perf_counter()
    core_runs: list[tuple[float, float, int]] = []
    app_runs: list[tuple[float, float, int, int, int, int]] = []
    for rep in range(reps):
        if rep % 2 == 0:
            core_runs.append(run_core(dataset, iterations))
            app_runs.append(await run_app(dataset, iterations))
        else:
            app_runs.append(await run_app(dataset, iterations))
            core_runs.append(run_core(dataset, iterations))
    if any(count != iterations for _, _, count in core_runs):
        raise RuntimeError("the core run yielded the wrong number of steps")
    core_wall, core_cpu = median([r[0] for r in core_runs]), median([r[1] for r in core_runs])
    app_wall, app_cpu = median([r[0] for r in app_runs]), median([r[1] for r in app_runs])
    ticks, redraws = median([r[3] for r in app_runs]), median([r[4] for r in app_runs])
    ratio = app_wall / core_wall
    print()
    print(f"{'side':<6} {'wall':>9} {'CPU':>9} {'steps/s':>11}  runs (wall s)")
    print(
        f"{'core':<6} {core_wall:>7.2f} s {core_cpu:>7.2f} s {iterations / core_wall:>11,.0f}  {', '.join(f'{r[0]:.2f}' for r in core_runs)}"
    )
    print(
        f"{'app':<6} {app_wall:>7.2f} s {app_cpu:>7.2f} s {iterations / app_wall:>11,.0f}  {', '.join(f'{r[0]:.2f}' for r in app_runs)}"
    )
    resumed = max(r[5] for r in app_runs)
    print(
        f"(app: {ticks:.0f} ticks, {redraws:.0f} redraws (publish) per run, median"
        + (f"; the runner paused itself on rising losses up to {resumed} time(s) per run and was resumed" if resumed else "")
        + ")"
    )
    print(
        f"ratio app / core: {ratio:.2f}x wall ({app_cpu / core_cpu:.2f}x CPU); target <= {TARGET:.1f}x wall: "
        f"{verdict(ratio, TARGET)}"
    )
    print_footer(wall, args.quick, "10^5 iterations, 2 runs each; the numbers are only indicative")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, "10^5 iterations, 2 runs each (a smoke run)").parse_args(argv)
    print_machine()
    return asyncio.run(measure(args))


if __name__ == "__main__":
    sys.exit(main())
