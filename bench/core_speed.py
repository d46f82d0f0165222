"""How fast is ``core.descend`` compared with the book's own training loop?

What is measured
----------------
For each case the same gradient descent runs two ways, and the ratio of their
times is the speed-up:

* book / ours: the book's ``train`` (chapter "Gradient Descent" of
  *Programming Machine Learning*: ``predict``, ``loss`` and ``gradient`` built
  on ``np.average``, computing the loss every iteration), as the tests' one
  independent copy of it, ``tests/support/book.py``, writes it; against
  ``core.descend``, whose generator we drain while collecting ``step.loss``
  and then read the final ``Outcome``. On the bundled pizza data (w only,
  then w and b: the guard, at least 1.8x) and on a generated data set of a
  million rows (the same two, for information).
* whole-array / blocked: ``core.descend`` with its large-data sums
  (``core._blocked``) switched off, against ``core.descend`` as it is, on the
  million rows. This is why ``core._blocked`` exists: below 1.3x it would not
  be worth its code, and should go.

Why the comparison is fair
--------------------------
* Same work: the book prints the loss of every iteration; its copy appends it
  to a list instead, exactly as our side appends ``step.loss``. Both sides
  therefore compute the loss, the gradient and the update every iteration, and
  both hand back the same thing: every loss plus the final ``w`` and ``b``.
* Same results: before any timing, both runs of every case are compared bit
  for bit (every loss, final ``w``, final ``b``). If anything differs the
  script exits non-zero, because then the speed-up would be measuring
  different arithmetic rather than less overhead.
* Same conditions: runs alternate one side, the other, one, the other, ... so
  drift on a noisy machine (frequency scaling, a neighbour waking up) hits
  both sides alike; we report medians, which one outlier cannot move; and, as
  ``timeit`` does, the garbage collector is paused during each timed run for
  both sides. The correctness runs double as warm-up.

The script is a benchmark, not a test: it prints PASS or BELOW TARGET per case
and exits 0 either way, unless the outputs differ.

    .venv/bin/python bench/core_speed.py           # full run
    .venv/bin/python bench/core_speed.py --quick   # a few seconds
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
from _benchlib import bench_parser, median, print_machine, timed

import core
import core.descent

# The book's loop lives once, with the tests that keep it honest.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.book import train as book_train

# A run's result: every iteration's loss, then the final w and b.
Result = tuple[list[Any], Any, Any]

# Seed of the generated data set, so every run times the same numbers.
SEED = 20_240_601


def ours(dataset: core.Dataset, iterations: int, lr: float, train_bias: bool) -> Result:
    """``core.descend`` drained as a consumer would: every loss, then the final w and b."""
    losses: list[float] = []
    append = losses.append
    steps = core.descend(dataset, lr, iterations, train_bias=train_bias)
    # A for loop would swallow the generator's return value (the Outcome), so
    # drain it by hand and take the Outcome from StopIteration.
    try:
        while True:
            append(next(steps).loss)
    except StopIteration as stop:
        outcome: core.Outcome = stop.value
    return losses, outcome.w, outcome.b


def ours_whole_array(dataset: core.Dataset, iterations: int, lr: float, train_bias: bool) -> Result:
    """:func:`ours` with the large-data sums switched off: every step sums whole arrays."""
    with mock.patch.object(core.descent, "large_data_sums", lambda X, Y: None):
        return ours(dataset, iterations, lr, train_bias)


def book(dataset: core.Dataset, iterations: int, lr: float, train_bias: bool) -> Result:
    """The book's ``train`` on the dataset's columns."""
    return book_train(dataset.X, dataset.Y, iterations, lr, train_bias)


Side = Callable[[core.Dataset, int, float, bool], Result]


@dataclass(frozen=True)
class Case:
    name: str
    dataset: core.Dataset
    train_bias: bool
    iterations: int
    repeats: int
    them: Side  # the slower side we compare against
    us: Side
    target: float | None  # minimum them/us ratio we aim for; None: for information

    def run(self, side: Side) -> Result:
        return side(self.dataset, self.iterations, 0.001, self.train_bias)


def bits(values: list[Any]) -> bytes:
    # Compare raw float64 bits: stricter than ==, which calls 0.0 and -0.0 equal.
    return np.asarray([float(v) for v in values], dtype=np.float64).tobytes()


def check_identical(case: Case) -> str | None:
    """Return a description of the first difference, or None if bit-identical."""
    their_losses, their_w, their_b = case.run(case.them)
    our_losses, our_w, our_b = case.run(case.us)
    if len(their_losses) != len(our_losses):
        return f"{len(their_losses)} losses from {case.them.__name__}, {len(our_losses)} from {case.us.__name__}"
    if bits(their_losses) != bits(our_losses):
        first = next(i for i, (a, c) in enumerate(zip(their_losses, our_losses)) if bits([a]) != bits([c]))
        return f"loss {first}: {float(their_losses[first])!r} against {float(our_losses[first])!r}"
    if bits([their_w, their_b]) != bits([our_w, our_b]):
        return f"final (w, b): ({float(their_w)!r}, {float(their_b)!r}) against ({float(our_w)!r}, {float(our_b)!r})"
    return None


def measure(case: Case) -> tuple[float, float]:
    """Median seconds per run for each side, timed alternately."""
    them: list[float] = []
    us: list[float] = []
    for _ in range(case.repeats):
        them.append(timed(lambda: case.run(case.them)))
        us.append(timed(lambda: case.run(case.us)))
    return median(them), median(us)


def generated_dataset(rows: int) -> core.Dataset:
    rng = np.random.default_rng(SEED)
    X = rng.uniform(0.0, 30.0, rows)
    Y = 1.8 * X + rng.normal(0.0, 2.0, rows)
    return core.from_arrays(X, Y, x_name="x", y_name="y", source=f"<generated {rows:,} rows>")


def cases(quick: bool) -> list[Case]:
    pizza = core.load_dataset()
    big = generated_dataset(1_000_000)
    # One run lasts some tens of milliseconds (pizza) to about a second (10^6
    # rows, ~2-3 ms per book iteration on a 2-core EPYC): long against
    # scheduler noise. The pizza runs are short and many because this kind of
    # machine drifts by tens of percent within seconds, and finely interleaved
    # runs see the same drift on both sides.
    pizza_iterations, pizza_repeats = (2_000, 3) if quick else (5_000, 21)
    big_iterations, big_repeats = (10, 3) if quick else (200, 5)
    return [
        Case("pizza, w only", pizza, False, pizza_iterations, pizza_repeats, book, ours, 1.8),
        Case("pizza, w and b", pizza, True, pizza_iterations, pizza_repeats, book, ours, 1.8),
        Case("10^6 rows, w only", big, False, big_iterations, big_repeats, book, ours, None),
        Case("10^6 rows, w and b", big, True, big_iterations, big_repeats, book, ours, None),
        Case("10^6 rows, w only", big, False, big_iterations, big_repeats, ours_whole_array, ours, 1.3),
        Case("10^6 rows, w and b", big, True, big_iterations, big_repeats, ours_whole_array, ours, 1.3),
    ]


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, "few iterations and repeats (a smoke run)").parse_args(argv)

    print_machine()
    all_cases = cases(args.quick)

    # Correctness first: a speed-up over different arithmetic means nothing.
    for case in all_cases:
        difference = check_identical(case)
        if difference is not None:
            print(f"OUTPUTS DIFFER in {case.name!r} ({case.them.__name__} / {case.us.__name__}): {difference}", file=sys.stderr)
            return 1
    print("outputs: bit-identical (every loss, final w and b) in all cases")
    if args.quick:
        print("(--quick: too short for the targets to mean much)")
    print()

    header = (
        f"{'case':<20} {'them / us':<26} {'iters':>6} {'reps':>4} {'them':>10} {'us':>10} {'ratio':>6} {'target':>6}  verdict"
    )
    print(header)
    print("-" * len(header))
    for case in all_cases:
        them, us = measure(case)
        ratio = them / us
        if case.target is None:
            target, verdict = "-", "(for information)"
        else:
            target = f"{case.target:.1f}x"
            verdict = "PASS" if ratio >= case.target else "BELOW TARGET"
        sides = {"book": "book / descend", "ours_whole_array": "whole-array / blocked"}[case.them.__name__]
        print(
            f"{case.name:<20} {sides:<26} {case.iterations:>6} {case.repeats:>4} "
            f"{them * 1000:>8.1f}ms {us * 1000:>8.1f}ms {ratio:>5.2f}x {target:>6}  {verdict}",
            flush=True,
        )
    print("(them and us: median seconds per whole run, in ms; ratio = them / us)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
