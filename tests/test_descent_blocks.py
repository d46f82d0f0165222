"""``core.descend`` against a plain book-style loop, bit for bit, and the proof of its large-data sums.

The generator takes each step's sums its own way (for large data, cache-sized
blocks along numpy's pairwise-summation tree, ``core._blocked``; ``np.errstate``
entered only when a step could overflow; ``+ b`` skipped when it cannot change
a bit; division in Python floats), so these tests compare every yielded number
and the outcome with a loop written the way the book writes it, as raw float64
bits (so ``-0.0`` and ``0.0`` differ): across sizes around the blocking
threshold and the tree's boundaries, with signed zeros in the data, near
overflow, with a diverging learning rate, and with the blocked path's
self-check forced to fail.
"""

from __future__ import annotations

import math
import struct
import warnings
from typing import Any

import numpy as np
import pytest

import core
import core._blocked as blocked

# A run as plain values: one tuple per step, then the outcome as a tuple.
Run = tuple[list[tuple[Any, ...]], tuple[Any, ...]]

SIZES = [1, 2, 7, 8, 9, 127, 128, 129, 65_535, 65_536, 65_537, 100_003, 300_000]
STARTS = [(0.0, 0.0), (-0.0, -0.0), (0.5, 0.0), (-1.5, 2.0)]


def book_run(
    X: np.ndarray,
    Y: np.ndarray,
    lr: float,
    iterations: int,
    train_bias: bool,
    w: float = 0.0,
    b: float = 0.0,
    tolerance: float | None = None,
) -> Run:
    """The book's loss, gradients and update, with descend's documented stopping rules."""
    steps: list[tuple[Any, ...]] = []
    previous = math.nan
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(iterations):
            loss = np.average((X * w + b - Y) ** 2)
            if not math.isfinite(loss):
                return steps, ("diverged", w, b, i, i)
            grad_w = 2 * np.average(X * (X * w + b - Y))
            grad_b = 2 * np.average(X * w + b - Y)
            steps.append((i, w, b, loss, grad_w, grad_b))
            w -= grad_w * lr
            if train_bias:
                b -= grad_b * lr
            if not (math.isfinite(w) and math.isfinite(b)):
                return steps, ("diverged", w, b, i + 1, i + 1)
            if tolerance is not None and abs(loss - previous) < tolerance:
                return steps, ("converged", w, b, i + 1, None)
            previous = loss
    return steps, ("finished", w, b, iterations, None)


def our_run(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool, **kwargs: Any) -> Run:
    """``core.descend`` drained with every warning an error."""
    steps: list[tuple[Any, ...]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = core.descend(dataset, lr, iterations, train_bias=train_bias, **kwargs)
        while True:
            try:
                s = next(run)
            except StopIteration as stop:
                o: core.Outcome = stop.value
                return steps, (o.reason, o.w, o.b, o.iterations, o.at)
            steps.append((s.index, s.w, s.b, s.loss, s.grad_w, s.grad_b))


def bits(value: Any) -> Any:
    """A float's 64 raw bits (so -0.0 != 0.0 and NaN == NaN); anything else as is."""
    if isinstance(value, (float, np.floating)):
        return struct.unpack("<q", struct.pack("<d", float(value)))[0]
    return value


def assert_identical(ours: Run, book: Run) -> None:
    our_steps, our_outcome = ours
    book_steps, book_outcome = book
    assert len(our_steps) == len(book_steps), (our_outcome, book_outcome)
    for mine, theirs in zip(our_steps, book_steps):
        assert [bits(v) for v in mine] == [bits(v) for v in theirs], (mine, theirs)
    assert [bits(v) for v in our_outcome] == [bits(v) for v in book_outcome], (our_outcome, book_outcome)


def dataset(X: np.ndarray | list[float], Y: np.ndarray | list[float]) -> core.Dataset:
    """A Dataset straight from arrays (no validation, so one row is allowed)."""
    x = np.array(X, dtype=np.float64)
    y = np.array(Y, dtype=np.float64)
    x.setflags(write=False)
    y.setflags(write=False)
    return core.Dataset(x, y, "x", "y", "<test>")


def signed_zero_data(size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Noisy linear data with -0.0 and +0.0 sprinkled through X and Y."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 3.0, size)
    Y = 1.8 * X + rng.normal(0.0, 2.0, size)
    for column in (X, Y):
        picks = rng.integers(0, size, max(1, size // 50))
        column[picks] = np.where(rng.random(picks.size) < 0.5, -0.0, 0.0)
    X[0], Y[0] = -0.0, 0.0  # x*w is -0.0 where y is +0.0: "+ 0.0" changes that residual
    return X, Y


def iterations_for(size: int) -> int:
    return 12 if size < 10_000 else 3


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("train_bias", [False, True])
def test_identical_to_the_book_across_sizes(size: int, train_bias: bool) -> None:
    X, Y = signed_zero_data(size, seed=size)
    data = dataset(X, Y)
    for w, b in STARTS:
        ours = our_run(data, 0.01, iterations_for(size), train_bias, w=w, b=b)
        assert_identical(ours, book_run(X, Y, 0.01, iterations_for(size), train_bias, w, b))


@pytest.mark.parametrize("size", [9, 129, 65_537])
def test_identical_with_no_positive_zero_label(size: int) -> None:
    """Signed zeros in X and only -0.0 labels, b = ±0.0 (where "+ b" is skipped): still the book's bits."""
    X, Y = signed_zero_data(size, seed=size + 1)
    Y[Y == 0.0] = -0.0
    data = dataset(X, Y)
    for train_bias in (False, True):
        for w, b in STARTS:
            ours = our_run(data, 0.01, 4, train_bias, w=w, b=b)
            assert_identical(ours, book_run(X, Y, 0.01, 4, train_bias, w, b))


@pytest.mark.parametrize(
    ("X", "Y"),
    [
        ([-0.0, 0.0, -0.0, 0.0], [0.0, 0.0, -0.0, -0.0]),
        ([-0.0, 1.0, 2.0, -3.0, 0.0], [0.0, -0.0, 0.0, 5.0, 0.0]),
        ([0.0, -0.0, 1e-200, -1e-200], [0.0, 0.0, 0.0, -0.0]),  # x*w underflows to ±0.0
    ],
)
def test_identical_on_zeros(X: list[float], Y: list[float]) -> None:
    for train_bias in (False, True):
        for w, b in [*STARTS, (-0.0, 0.0), (1e-200, -0.0), (-1e-200, 0.0)]:
            ours = our_run(dataset(X, Y), 0.25, 6, train_bias, w=w, b=b)
            assert_identical(ours, book_run(np.array(X), np.array(Y), 0.25, 6, train_bias, w, b))


@pytest.mark.parametrize("size", [1, 2, 7, 8, 9, 128, 129, 1_000])
def test_sums_start_from_positive_zero(size: int) -> None:
    """Why descend may leave out "+ b" for b = ±0.0: a sum hides every zero's sign.

    ``np.add.reduce`` starts from its identity (documented: ``initial``
    defaults to ``ufunc.identity``), so even a sum of -0.0s is +0.0.
    """
    for zeros in (np.full(size, -0.0), np.where(np.arange(size) % 2 == 0, -0.0, 0.0)):
        assert bits(np.add.reduce(zeros)) == bits(0.0)


@pytest.mark.parametrize("size", [30, 100_003])
@pytest.mark.parametrize("train_bias", [False, True])
@pytest.mark.parametrize("lr", [3.0, 1e3, 1e300])
def test_divergence_identical_and_silent(size: int, train_bias: bool, lr: float) -> None:
    """A diverging run stops where the book's does, with the same bits and no warning."""
    X, Y = signed_zero_data(size, seed=7)
    data = dataset(X, Y)
    ours = our_run(data, lr, 1_000, train_bias)
    book = book_run(X, Y, lr, 1_000, train_bias)
    assert book[1][0] == "diverged"
    assert_identical(ours, book)


@pytest.mark.parametrize("scale", [1e100, 1e150, 1e152, 1e200])
def test_huge_values_identical_and_silent(scale: float) -> None:
    """Near the overflow bound the loss is right or the run diverges, never a warning."""
    X = np.array([1.0, -2.0, 3.0, 0.5]) * scale
    Y = np.array([2.0, -3.0, 7.0, 0.0]) * scale
    for train_bias in (False, True):
        for w, b in [(0.0, 0.0), (1.0, 0.0), (-1.0, scale)]:
            ours = our_run(dataset(X, Y), 1e-3 / scale, 5, train_bias, w=w, b=b)
            assert_identical(ours, book_run(X, Y, 1e-3 / scale, 5, train_bias, w, b))


@pytest.mark.parametrize("size", [1_000, 65_537])
def test_overflow_in_the_sum_alone_is_silent(size: int) -> None:
    """Each square fits in a float64 but m of them do not: loss inf, diverged at 0."""
    c = math.sqrt(np.finfo(np.float64).max / (size / 2))
    X, _ = signed_zero_data(size, seed=5)
    Y = np.full(size, c)
    ours = our_run(dataset(X, Y), 1e-3, 3, False)
    book = book_run(X, Y, 1e-3, 3, False)
    assert book[1][0] == "diverged" and book[1][4] == 0
    assert_identical(ours, book)


def test_overflow_in_a_product_alone_is_silent() -> None:
    """A small residual times a huge x overflows grad_w while the loss stays finite."""
    X = np.array([1.5e308, -1.0, 2.0, 0.5])
    Y = np.array([-1.0, 0.0, 1.0, 2.0])
    for train_bias in (False, True):
        ours = our_run(dataset(X, Y), 1e-3, 3, train_bias, w=1e-308)
        book = book_run(X, Y, 1e-3, 3, train_bias, w=1e-308)
        assert math.isfinite(book[0][0][3]) and math.isinf(book[0][0][4])
        assert_identical(ours, book)


@pytest.mark.parametrize("size", [30, 65_537])
def test_convergence_identical(size: int) -> None:
    X, Y = signed_zero_data(size, seed=3)
    for train_bias in (False, True):
        ours = our_run(dataset(X, Y), 0.05, 500, train_bias, tolerance=1e-3)
        book = book_run(X, Y, 0.05, 500, train_bias, tolerance=1e-3)
        assert book[1][0] == "converged"
        assert_identical(ours, book)


def test_self_check_passes_on_this_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocked sums are in use here; a failing check would silently lose the speed-up."""
    assert blocked.blocking_is_exact()
    X, Y = signed_zero_data(blocked.BLOCKED_ABOVE + 1, seed=1)
    assert blocked.large_data_sums(X, Y) is not None
    assert blocked.large_data_sums(X.astype(np.float32), Y) is None
    small, _ = signed_zero_data(blocked.BLOCKED_ABOVE, seed=1)
    assert blocked.large_data_sums(small, small) is None
    # And descend takes them.
    made: list[int] = []
    real = blocked.blocked_sums

    def counted(X: np.ndarray, Y: np.ndarray) -> blocked.Sums:
        made.append(X.shape[0])
        return real(X, Y)

    monkeypatch.setattr(blocked, "blocked_sums", counted)
    our_run(dataset(X, Y), 0.01, 2, True)
    assert made == [X.shape[0]]


def test_self_check_catches_a_wrong_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Splitting halves anywhere but numpy's way fails the check."""
    monkeypatch.setattr(blocked, "split_point", lambda n: n // 2)
    assert not blocked._verify()
    monkeypatch.setattr(blocked, "split_point", lambda n: n // 2 - (n // 2) % 16)
    assert not blocked._verify()


@pytest.mark.parametrize("size", [65_537, 300_000])
def test_fallback_is_identical(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """With the self-check failing, the whole-array sums give the book's bits too."""
    monkeypatch.setattr(blocked, "blocking_is_exact", lambda: False)
    X, Y = signed_zero_data(size, seed=11)
    assert blocked.large_data_sums(X, Y) is None
    for train_bias in (False, True):
        ours = our_run(dataset(X, Y), 0.01, 3, train_bias, w=0.5, b=0.0)
        assert_identical(ours, book_run(X, Y, 0.01, 3, train_bias, 0.5, 0.0))


@pytest.mark.parametrize("size", [129, 255, 256, 257, 1_000, 4_097, 10_001])
@pytest.mark.parametrize("leaf", [128, 200, 1_024])
def test_blocked_sums_equal_whole_array_sums(size: int, leaf: int) -> None:
    """Small leaves reach every level of numpy's tree, where a wrong split would show."""
    rng = np.random.default_rng(size * leaf)
    X = rng.standard_normal(size) * np.exp2(rng.integers(-30, 31, size))
    Y = rng.standard_normal(size) * np.exp2(rng.integers(-30, 31, size))
    pieces = blocked.blocked_sums(X, Y, leaf)
    for w, b in [(0.3, 0.0), (-1.7, 2.5), (0.3, -0.0)]:
        r = X * w + b - Y
        expected = (np.add.reduce(r**2), np.add.reduce(X * r), np.add.reduce(r))
        assert [bits(v) for v in pieces(w, b)] == [bits(v) for v in expected]


def test_leaf_smaller_than_numpy_block_is_refused() -> None:
    with pytest.raises(ValueError):
        blocked.blocked_sums(np.zeros(1_000), np.zeros(1_000), leaf=64)
