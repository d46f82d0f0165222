"""How much faster is an lr sweep run in one pass than its runs one after the other?

What is measured
----------------
An 8-value learning-rate sweep, two ways, on the same data, iterations and
start: ``core.sweep.sweep`` (the 8 runs advanced together, one (8, m) step)
against ``core.descend`` run 8 times one after the other. Each side collects
every run's losses and final (w, b); before any timing both sides are compared
bit for bit, and the script exits 1 if they differ. Runs alternate sides and
medians are reported, so drift on a noisy machine hits both alike.

Targets (issue 10): ≥ 5x on the pizza data, ≥ 2x on 10^6 rows.

On large data the sweep shares its leaves with one helper thread when the
process may use a second core (``core._rows``); a lone run does not. So the
10^6-row case is timed a second time with the helper off: that row is what
computing the 8 runs together gives on one core, the first is what a user
gets. Both are printed; the target is checked on the first.

    .venv/bin/python bench/sweep_speed.py           # full run
    .venv/bin/python bench/sweep_speed.py --quick   # a few seconds
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest.mock import patch

import numpy as np
from _benchlib import bench_parser, gc_paused, median, print_machine

import core
import core._rows
from core.sweep import sweep

LRS = [0.0002, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.0055]
Result = list[tuple[list[float], float, float]]


def one_after_another(dataset: core.Dataset, iterations: int, train_bias: bool) -> Result:
    """Eight :func:`core.descend` runs, each drained in turn."""
    results: Result = []
    for lr in LRS:
        losses: list[float] = []
        run = core.descend(dataset, lr, iterations, train_bias=train_bias)
        try:
            while True:
                losses.append(next(run).loss)
        except StopIteration as stop:
            results.append((losses, stop.value.w, stop.value.b))
    return results


def together(dataset: core.Dataset, iterations: int, train_bias: bool) -> Result:
    """One :func:`core.sweep.sweep` over the eight, each row's losses collected."""
    losses: list[list[float]] = [[] for _ in LRS]
    run = sweep(dataset, LRS, iterations, train_bias=train_bias)
    try:
        while True:
            step = next(run)
            for index, value in zip(step.runs, step.loss.tolist()):
                losses[index].append(value)
    except StopIteration as stop:
        outcomes = stop.value
    return [(runs, outcome.w, outcome.b) for runs, outcome in zip(losses, outcomes)]


@contextmanager
def helper(on: bool) -> Iterator[None]:
    """The sweep with its helper thread (as shipped) or without (one core)."""
    if on:
        yield
        return
    with patch.object(core._rows, "_helper", lambda: None):
        yield


def wall_and_cpu(run: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and processor seconds (every thread's) of one run, with the collector paused."""
    with gc_paused():
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        return time.perf_counter() - wall, time.process_time() - cpu


def bits(result: Result) -> bytes:
    return b"".join(np.array([*losses, w, b], dtype=np.float64).tobytes() for losses, w, b in result)


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, "few iterations and repeats (a smoke run)").parse_args(argv)
    print_machine()
    pizza = core.load_dataset()
    rng = np.random.default_rng(20_240_601)
    x = rng.uniform(0.0, 30.0, 1_000_000)
    big = core.from_arrays(x, 1.8 * x + rng.normal(0.0, 2.0, x.size), source="<generated 10^6 rows>")
    cases = [
        ("pizza, w only", pizza, False, 300 if args.quick else 2_000, 3 if args.quick else 11, 5.0),
        ("pizza, w and b", pizza, True, 300 if args.quick else 2_000, 3 if args.quick else 11, 5.0),
        ("10^6 rows, w and b", big, True, 3 if args.quick else 20, 3 if args.quick else 5, 2.0),
        ("  helper thread off", big, True, 3 if args.quick else 20, 3 if args.quick else 5, None),
    ]
    for name, dataset, bias, iterations, _, target in cases:
        with helper(target is not None):
            if bits(one_after_another(dataset, iterations, bias)) != bits(together(dataset, iterations, bias)):
                print(f"OUTPUTS DIFFER in {name!r}", file=sys.stderr)
                return 1
    print(f"outputs: bit-identical (every loss, final w and b of all {len(LRS)} runs) in all cases")
    header = f"{'case':<20} {'iters':>6} {'reps':>4} {'8 runs':>10} {'1 sweep':>10} {'ratio':>6} {'target':>6}  verdict"
    print(header)
    print("-" * len(header))
    cpu_ratios: list[str] = []
    for name, dataset, bias, iterations, repeats, target in cases:
        apart: list[float] = []
        joined: list[float] = []
        cpu_apart: list[float] = []
        cpu_joined: list[float] = []
        for _ in range(repeats):
            wall, cpu = wall_and_cpu(lambda: one_after_another(dataset, iterations, bias))  # noqa: B023
            apart.append(wall)
            cpu_apart.append(cpu)
            with helper(target is not None):
                wall, cpu = wall_and_cpu(lambda: together(dataset, iterations, bias))  # noqa: B023
            joined.append(wall)
            cpu_joined.append(cpu)
        ratio = median(apart) / median(joined)
        cpu_ratios.append(f"{name.strip()} {median(cpu_apart) / median(cpu_joined):.2f}x")
        verdict = "(for comparison)" if target is None else "PASS" if ratio >= target else "BELOW TARGET"
        goal = "" if target is None else f"{target:.1f}x"
        print(
            f"{name:<20} {iterations:>6} {repeats:>4} {median(apart) * 1000:>8.1f}ms {median(joined) * 1000:>8.1f}ms "
            f"{ratio:>5.2f}x {goal:>6}  {verdict}",
            flush=True,
        )
    print("(medians of whole runs; ratio = 8 runs one after another / one sweep)")
    # The helper thread buys wall time with a second core: the processor time
    # (both threads) says what the sweep costs the machine.
    print("processor time, same ratio: " + " · ".join(cpu_ratios))
    if core._rows._helper() is None:
        print("(this process may use one core only: the sweep had no helper thread in either 10^6-row case)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
