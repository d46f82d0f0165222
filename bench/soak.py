"""Does the dashboard's memory stay flat over many runs in one session?

What is measured
----------------
One app, mounted headless at 120x40 (``App.run_test``), driven as a learner
would drive it for a long session:

* ``cycles``: 100 run/reset cycles of the book's run (lr 0.001, 100
  iterations, at max speed), each ended by ctrl+r's action;
* ``long runs``: 40 runs of 10^6 iterations at max speed (``--quick``: 10
  cycles and 4 runs of 10^5), each started over the previous one with enter.

RSS (psutil) is read after ``gc.collect()`` at every step. The first few
steps grow the heap to its working size (the history arrays, caches); what
matters is the growth after them. Target (issue 11): RSS after the first
five steps of each phase stays within 15 MB of its value then.

    .venv/bin/python bench/soak.py           # full run (several minutes)
    .venv/bin/python bench/soak.py --quick   # under a minute
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time

from _benchlib import SCREEN_SIZE, bench_parser, print_footer, print_machine, run_at_max_speed, verdict

TARGET_MB = 15.0
WARM_UP = 5
MB = 1024 * 1024


def rss() -> int:
    import psutil

    gc.collect()
    return int(psutil.Process().memory_info().rss)


async def soak(cycles: int, runs: int, long_iterations: int) -> dict[str, list[int]]:
    import core
    from tui.app import GradientDescentApp
    from tui.session.settings import Settings

    dataset = core.load_dataset()
    app = GradientDescentApp(Settings(dataset, 0.001, 100, False, None), speed=None)
    seen: dict[str, list[int]] = {"cycles": [], "long runs": []}
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        for _ in range(cycles):
            await run_at_max_speed(app)
            app.dashboard.action_reset()
            await pilot.pause()
            seen["cycles"].append(rss())
        app.query_one("#field-iterations").value = str(long_iterations)  # type: ignore[attr-defined]
        for _ in range(runs):
            await run_at_max_speed(app)
            await pilot.pause()
            seen["long runs"].append(rss())
    return seen


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, "10 cycles and 4 runs of 10^5 iterations").parse_args(argv)
    print_machine()
    cycles, runs, iterations = (10, 4, 10**5) if args.quick else (100, 40, 10**6)
    print(
        f"soak: one app at 120x40; {cycles} run/reset cycles of 100 iterations, then {runs} runs of {iterations:,} iterations, max speed"
    )
    wall = time.perf_counter()
    seen = asyncio.run(soak(cycles, runs, iterations))
    worst = 0.0
    for phase, values in seen.items():
        warm = min(WARM_UP, max(1, len(values) // 3))  # short --quick phases warm up sooner
        base = values[warm - 1]
        growth = (max(values[warm - 1 :]) - base) / MB
        worst = max(worst, growth)
        trail = " ".join(f"{v / MB:.0f}" for v in values[:: max(1, len(values) // 10)])
        print(f"  {phase:<9} RSS MB (every {max(1, len(values) // 10)}): {trail}; growth after step {warm}: {growth:+.1f} MB")
    print(f"largest growth after warm-up: {worst:+.1f} MB; target <= {TARGET_MB:.0f} MB: {verdict(worst, TARGET_MB)}")
    print_footer(wall, args.quick, "fewer cycles and shorter runs; the numbers are only indicative")
    return 0


if __name__ == "__main__":
    sys.exit(main())
