"""How fast is ``core.descend`` compared with the book's own training loop?

What is measured
----------------
For each case the same gradient descent runs twice: once as the book writes it
(chapter "Gradient Descent" of *Programming Machine Learning*: ``predict``,
``loss`` and ``gradient`` built on ``np.average``, and a ``train`` loop that
computes the loss every iteration), once through ``core.descend``, whose
generator we drain while collecting ``step.loss`` and then read the final
``Outcome``. The cases are the bundled pizza data (w only, then w and b) and a
generated data set of a million rows (w only, then w and b).

Why the comparison is fair
--------------------------
* Same work: the book prints the loss of every iteration; here it appends it
  to a list instead, exactly as our side appends ``step.loss``. Both sides
  therefore compute the loss, the gradient and the update every iteration, and
  both hand back the same thing: every loss plus the final ``w`` and ``b``.
* Same results: before any timing, both runs of every case are compared bit
  for bit (every loss, final ``w``, final ``b``). If anything differs the
  script exits non-zero, because then the speed-up would be measuring
  different arithmetic rather than less overhead.
* Same conditions: runs alternate book, ours, book, ours, ... so drift on a
  noisy machine (frequency scaling, a neighbour waking up) hits both sides
  alike; we report medians, which one outlier cannot move; and, as ``timeit``
  does, the garbage collector is paused during each timed run for both sides.
  The correctness runs double as warm-up.

The script is a benchmark, not a test: it prints PASS or BELOW TARGET per case
and exits 0 either way, unless the outputs differ.

    .venv/bin/python bench/core_speed.py           # full run
    .venv/bin/python bench/core_speed.py --quick   # a few seconds
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from _benchlib import bench_parser, gc_paused, median, print_machine

import core

# A run's result: every iteration's loss, then the final w and b.
Result = tuple[list[float], float, float]

# Seed of the generated data set, so every run times the same numbers.
SEED = 20_240_601


# --- The book's code ---------------------------------------------------------
# Kept as the chapter writes it (only the print became an append), because the
# point is to compare against what a reader of the book would run.


def book_predict(X: np.ndarray, w: Any, b: Any) -> np.ndarray:
    return X * w + b


def book_loss(X: np.ndarray, Y: np.ndarray, w: Any, b: Any) -> Any:
    return np.average((book_predict(X, w, b) - Y) ** 2)


def book_gradient(X: np.ndarray, Y: np.ndarray, w: Any) -> Any:
    return 2 * np.average(X * (book_predict(X, w, 0) - Y))


def book_train(X: np.ndarray, Y: np.ndarray, iterations: int, lr: float) -> Result:
    losses: list[float] = []
    w = 0
    for i in range(iterations):
        # The book: print("Iteration %4d => Loss: %.10f" % (i, loss(X, Y, w, 0)))
        losses.append(book_loss(X, Y, w, 0))
        w -= book_gradient(X, Y, w) * lr
    return losses, w, 0


def book_gradient_with_bias(X: np.ndarray, Y: np.ndarray, w: Any, b: Any) -> tuple[Any, Any]:
    w_gradient = 2 * np.average(X * (book_predict(X, w, b) - Y))
    b_gradient = 2 * np.average(book_predict(X, w, b) - Y)
    return (w_gradient, b_gradient)


def book_train_with_bias(X: np.ndarray, Y: np.ndarray, iterations: int, lr: float) -> Result:
    losses: list[float] = []
    w = b = 0
    for i in range(iterations):
        current_loss = book_loss(X, Y, w, b)
        # The book: print("Iteration %4d => Loss: %.10f" % (i, current_loss))
        losses.append(current_loss)
        w_gradient, b_gradient = book_gradient_with_bias(X, Y, w, b)
        w -= w_gradient * lr
        b -= b_gradient * lr
    return losses, w, b


# --- Our side ----------------------------------------------------------------


def ours_train(dataset: core.Dataset, iterations: int, lr: float, train_bias: bool) -> Result:
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


# --- Harness -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    dataset: core.Dataset
    train_bias: bool
    lr: float
    iterations: int
    repeats: int
    target: float  # minimum book/ours ratio we aim for

    def run_book(self) -> Result:
        train = book_train_with_bias if self.train_bias else book_train
        return train(self.dataset.X, self.dataset.Y, self.iterations, self.lr)

    def run_ours(self) -> Result:
        return ours_train(self.dataset, self.iterations, self.lr, self.train_bias)


def bits(values: list[Any]) -> bytes:
    # Compare raw float64 bits: stricter than ==, which calls 0.0 and -0.0 equal.
    return np.asarray([float(v) for v in values], dtype=np.float64).tobytes()


def check_identical(case: Case) -> str | None:
    """Return a description of the first difference, or None if bit-identical."""
    book_losses, book_w, book_b = case.run_book()
    our_losses, our_w, our_b = case.run_ours()
    if len(book_losses) != len(our_losses):
        return f"{len(book_losses)} losses from the book, {len(our_losses)} from ours"
    if bits(book_losses) != bits(our_losses):
        first = next(i for i, (a, c) in enumerate(zip(book_losses, our_losses)) if bits([a]) != bits([c]))
        return f"loss {first}: book {float(book_losses[first])!r}, ours {float(our_losses[first])!r}"
    if bits([book_w, book_b]) != bits([our_w, our_b]):
        return f"final (w, b): book ({float(book_w)!r}, {float(book_b)!r}), ours ({our_w!r}, {our_b!r})"
    return None


def timed(run: Callable[[], Result]) -> float:
    """Wall seconds of one run, with the collector paused (see :func:`gc_paused`)."""
    with gc_paused():
        start = time.perf_counter()
        run()
        return time.perf_counter() - start


def measure(case: Case) -> tuple[float, float]:
    """Median seconds per run for the book and for ours, timed alternately."""
    book: list[float] = []
    ours: list[float] = []
    for _ in range(case.repeats):
        book.append(timed(case.run_book))
        ours.append(timed(case.run_ours))
    return median(book), median(ours)


def generated_dataset(rows: int) -> core.Dataset:
    rng = np.random.default_rng(SEED)
    X = rng.uniform(0.0, 30.0, rows)
    Y = 1.8 * X + rng.normal(0.0, 2.0, rows)
    return core.from_arrays(X, Y, x_name="x", y_name="y", source=f"<generated {rows:,} rows>")


def cases(quick: bool) -> list[Case]:
    pizza = core.load_dataset()
    big = generated_dataset(1_000_000)
    # Iteration counts make one run last a few tenths of a second (pizza) to
    # about a second (10^6 rows, ~5 ms per book iteration on a 2-core Xeon),
    # long enough that scheduler noise is small against it.
    pizza_iterations, pizza_repeats = (2_000, 3) if quick else (20_000, 7)
    big_iterations, big_repeats = (10, 3) if quick else (200, 5)
    return [
        Case("pizza, w only", pizza, False, 0.001, pizza_iterations, pizza_repeats, 1.3),
        Case("pizza, w and b", pizza, True, 0.001, pizza_iterations, pizza_repeats, 1.3),
        Case("10^6 rows, w only", big, False, 0.001, big_iterations, big_repeats, 1.6),
        Case("10^6 rows, w and b", big, True, 0.001, big_iterations, big_repeats, 1.6),
    ]


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, "few iterations and repeats (a smoke run)").parse_args(argv)

    print_machine()
    all_cases = cases(args.quick)

    # Correctness first: a speed-up over different arithmetic means nothing.
    for case in all_cases:
        difference = check_identical(case)
        if difference is not None:
            print(f"OUTPUTS DIFFER in {case.name!r}: {difference}", file=sys.stderr)
            return 1
    print("outputs: bit-identical (every loss, final w and b) in all cases")
    if args.quick:
        print("(--quick: too short for the targets to mean much)")
    print()

    header = f"{'case':<20} {'iters':>6} {'reps':>4} {'book':>10} {'ours':>10} {'ratio':>6} {'target':>6}  verdict"
    print(header)
    print("-" * len(header))
    for case in all_cases:
        book, ours = measure(case)
        ratio = book / ours
        verdict = "PASS" if ratio >= case.target else "BELOW TARGET"
        print(
            f"{case.name:<20} {case.iterations:>6} {case.repeats:>4} "
            f"{book * 1000:>8.1f}ms {ours * 1000:>8.1f}ms {ratio:>5.2f}x {case.target:>5.1f}x  {verdict}",
            flush=True,
        )
    print("(book and ours: median seconds per whole run, in ms; ratio = book / ours)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
