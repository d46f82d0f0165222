"""How much memory do 8 kept runs of 10^6 iterations take? (issue 10: ≤ +250 MB RSS)

What is measured
----------------
The session's run controller (``tui.session.runner.Runner``, no Textual) runs
an 8-value sweep of 10^6 iterations on the pizza data (10^5 with
``--quick``): the steered run plus seven beside it in one pass, all kept in
the run book when they end, each with its own history for the overlay, the
runs table and export, one tick's time budget at a time as at max speed. RSS (psutil) before the sweep and after it (after a
``gc.collect()``), in a fresh process; the peak (``ru_maxrss``) is printed
too. The kept runs are checked: eight, each with every iteration.

    .venv/bin/python bench/kept_runs.py           # full run (~1 minute)
    .venv/bin/python bench/kept_runs.py --quick   # a few seconds
"""

from __future__ import annotations

import gc
import resource
import sys
import time

import psutil
from _benchlib import bench_parser, print_footer, print_machine, verdict

import core
from tui.session.pace import TICK_BUDGET
from tui.session.runner import Runner
from tui.session.settings import RunConfig

TARGET_MB = 250.0
MB = 1024 * 1024
LRS = (0.0002, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.0045)


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, "10^5 iterations per run").parse_args(argv)
    started = time.perf_counter()
    print_machine()
    iterations = 10**5 if args.quick else 10**6
    process = psutil.Process()
    runner = Runner(core.load_dataset())
    gc.collect()
    before = process.memory_info().rss
    runner.start(RunConfig(LRS[0], iterations, sweep=LRS[1:]))
    # As the dashboard's max speed does: one tick's time budget at a time.
    while runner.live or runner.sweeping:
        runner.advance(None, TICK_BUDGET)
    gc.collect()
    after = process.memory_info().rss
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    kept = list(runner.book)
    if len(kept) != len(LRS) or any(run.done != iterations for run in kept):
        print(f"KEPT RUNS WRONG: {[(run.lr, run.done) for run in kept]}", file=sys.stderr)
        return 1
    added = (after - before) / MB
    print(f"{len(kept)} kept runs of {iterations:,} iterations: RSS {before / MB:.1f} -> {after / MB:.1f} MB")
    print(f"added {added:+.1f} MB (target <= +{TARGET_MB:.0f} MB): {verdict(added, TARGET_MB)}; peak RSS {peak / MB:.1f} MB")
    print_footer(started, args.quick, "a tenth of the iterations: the figure scales with them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
