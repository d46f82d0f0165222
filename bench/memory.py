"""How much memory does a million-iteration run add to the dashboard?

What is measured
----------------
The resident set size (RSS, psutil) of the dashboard in two states, each in
a fresh Python process so neither inherits the other's heap:

* ``idle``: the app mounted headless (``App.run_test(size=(120, 40))``) with
  the form prefilled (pizza data, lr 0.001, 10^6 iterations), before any run;
* ``after run``: the same app after it ran those 10^6 iterations (10^5 with
  ``--quick``) at max speed, driven by the dashboard's own clock and
  max-speed worker as in a terminal. Then, after half a second to settle,
  the log is scrolled back to the top (``scroll_home``) and painted, and we
  check the transcript still reaches iteration 0:
  ``app.dashboard.runner.line(0)`` is the book's first line and the log's
  first visible line shows it.

Both processes run ``gc.collect()`` and let the app settle before reading
RSS. The two kinds alternate (idle, run, idle, run, ...); medians. The
process's peak RSS (``ru_maxrss``) is printed too: it includes the moment
the history arrays double. Target: after run - idle <= +60 MB.

    .venv/bin/python bench/memory.py           # full run (~1 minute)
    .venv/bin/python bench/memory.py --quick   # a few seconds
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import subprocess
import sys
import time
from typing import Any

from _benchlib import SCREEN_SIZE, bench_parser, median, print_footer, print_machine, run_at_max_speed, verdict

TARGET_MB = 60.0
FIRST_LINE = "Iteration    0 => Loss: 812.8666666667"
MB = 1024 * 1024


def rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


async def child(kind: str, iterations: int) -> dict[str, object]:
    import core
    from tui.app import GradientDescentApp
    from tui.session.settings import Settings
    from tui.widgets.transcript_log import TranscriptLog

    settings = Settings(core.load_dataset(), 0.001, iterations, False, None)
    app = GradientDescentApp(settings, clock=True, speed=None)  # speed None: max
    result: dict[str, object] = {"kind": kind}
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        gc.collect()
        await pilot.pause()
        result["idle_rss"] = rss()
        if kind == "run":
            started = time.perf_counter()
            ticks, self_paused = await run_at_max_speed(app)
            result["run_seconds"] = time.perf_counter() - started
            result["ticks"] = ticks
            result["self_paused"] = self_paused
            runner = app.dashboard.runner
            result["state"] = runner.state
            result["done"] = runner.done
            await pilot.pause(0.5)  # let the last redraw and its deferred scroll to the end land
            log = app.query_one(TranscriptLog)
            attempts = 0
            while attempts < 3:
                attempts += 1
                log.scroll_home(animate=False, immediate=True)
                await pilot.pause()
                if log.scroll_y == 0:
                    break
            result["scroll_attempts"] = attempts
            shown = log.render_line(0).text.strip()
            result["line0"] = runner.line(0)[0]
            result["scrolled_top"] = log.scroll_y == 0
            result["shown0"] = shown
            result["ok"] = bool(result["line0"] == FIRST_LINE and shown == FIRST_LINE and log.scroll_y == 0)
        gc.collect()
        await pilot.pause()
        result["rss"] = rss()
        result["peak"] = peak_rss()
    return result


def spawn(kind: str, iterations: int) -> dict[str, Any]:
    """One child process's readings (JSON: RSS, peak, the run's end state)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--iterations", str(iterations)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"child {kind} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "10^5 iterations, one process of each kind")
    parser.add_argument("--child", choices=("idle", "run"), help=argparse.SUPPRESS)
    parser.add_argument("--iterations", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    iterations = args.iterations or (10**5 if args.quick else 10**6)
    if args.child:
        print(json.dumps(asyncio.run(child(args.child, iterations))))
        return 0

    print_machine()
    reps = 1 if args.quick else 2
    print(
        f"memory: RSS of gd-tui's app, headless at {SCREEN_SIZE[0]}x{SCREEN_SIZE[1]}, each reading in a fresh process; "
        f"{reps} process(es) of each kind, alternating; run = {iterations:,} iterations, pizza, lr 0.001, "
        f"max speed, the dashboard's own clock"
    )
    wall = time.perf_counter()
    idle: list[dict[str, Any]] = []
    runs: list[dict[str, Any]] = []
    for _ in range(reps):
        idle.append(spawn("idle", iterations))
        runs.append(spawn("run", iterations))
    idle_rss = median([r["rss"] for r in idle]) / MB
    run_rss = median([r["rss"] for r in runs]) / MB
    delta = run_rss - idle_rss
    print()
    for r in runs:
        print(
            f"run process: {r['done']:,} iterations, state {r['state']}, {r['ticks']} ticks in {r['run_seconds']:.1f} s"
            f"{f', resumed {n} self-pause(s)' if (n := r['self_paused']) else ''}; "
            f"runner.line(0) = {r['line0']!r}; log at top shows {r['shown0']!r} -> "
            f"{'transcript OK' if r['ok'] else 'TRANSCRIPT NOT SCROLLABLE TO ITERATION 0'}"
            + (
                f" (scroll_home took {r['scroll_attempts']} attempts: something scrolled the log back)"
                if r["scroll_attempts"] > 1
                else ""
            )
        )
    print(f"{'state':<22} {'RSS':>9} {'peak RSS':>9}")
    print(f"{'idle (after mount)':<22} {idle_rss:>6.1f} MB {median([r['peak'] for r in idle]) / MB:>6.1f} MB")
    print(f"{'after run':<22} {run_rss:>6.1f} MB {median([r['peak'] for r in runs]) / MB:>6.1f} MB")
    in_process = median([(r["rss"] - r["idle_rss"]) for r in runs]) / MB
    print(f"(same-process check: the run processes grew by {in_process:+.1f} MB from their own idle reading)")
    print(
        f"growth: {delta:+.1f} MB for {iterations:,} iterations (after run / idle = {run_rss / idle_rss:.2f}x); "
        f"target <= +{TARGET_MB:.0f} MB: {verdict(delta, TARGET_MB)}"
    )
    print_footer(wall, args.quick, "10^5 iterations; the target is for 10^6")
    return 0


if __name__ == "__main__":
    sys.exit(main())
