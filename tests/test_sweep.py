"""Sweeps: k runs advanced in one vectorised pass, each bit-identical to its run alone."""

from __future__ import annotations

import os
import signal
import struct
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import core
import core._rows
from core.sweep import SweepStep, rows_sum_exactly, sweep
from support.book import book_losses
from support.data import collect


def bits(value: float) -> bytes:
    """The exact float64 bits: -0.0 and 0.0 differ here."""
    return struct.pack("<d", value)


def step_bits(step: core.Step) -> tuple[object, ...]:
    return (step.index, *(bits(v) for v in (step.w, step.b, step.loss, step.grad_w, step.grad_b)))


def outcome_bits(outcome: core.Outcome) -> tuple[object, ...]:
    return (outcome.reason, bits(outcome.w), bits(outcome.b), outcome.iterations, outcome.at)


def split(
    run: Generator[SweepStep, None, tuple[core.Outcome, ...]], k: int
) -> tuple[list[list[core.Step]], tuple[core.Outcome, ...]]:
    """Each run's steps, taken out of the sweep's rows, and the outcomes."""
    per_run: list[list[core.Step]] = [[] for _ in range(k)]
    while True:
        try:
            together = next(run)
        except StopIteration as stop:
            return per_run, stop.value
        for row, index in enumerate(together.runs):
            per_run[index].append(together.step(row))


def assert_like_separate_runs(dataset: core.Dataset, lrs: list[float], iterations: int, **options: object) -> None:
    per_run, outcomes = split(sweep(dataset, lrs, iterations, **options), len(lrs))  # type: ignore[arg-type]
    assert len(outcomes) == len(lrs)
    for lr, steps, outcome in zip(lrs, per_run, outcomes):
        alone, alone_outcome = collect(core.descend(dataset, lr, iterations, **options))  # type: ignore[arg-type]
        assert [step_bits(s) for s in steps] == [step_bits(s) for s in alone], lr
        assert outcome_bits(outcome) == outcome_bits(alone_outcome), lr


def test_this_numpy_sums_rows_as_it_sums_arrays() -> None:
    # Not required (the sweep falls back), but the speed relies on it.
    assert rows_sum_exactly()


def test_book_sweep_with_one_diverging(pizza: core.Dataset) -> None:
    """0.0046 rises, 0.02 overflows, the others converge: each as it runs alone."""
    assert_like_separate_runs(pizza, [0.001, 0.002, 0.0046, 0.02, 0.0005], 3000)
    assert_like_separate_runs(pizza, [0.001, 0.003, 0.05], 3000, train_bias=True, w=-10.0, b=-100.0)


def test_tolerance_ends_runs_at_their_own_iteration(pizza: core.Dataset) -> None:
    assert_like_separate_runs(pizza, [0.001, 0.002, 0.004], 5000, train_bias=True, tolerance=1e-9)


def test_a_sweep_matches_the_books_loop(pizza: core.Dataset) -> None:
    """Against the independent copy of the book's code too, from the surface picture's start."""
    per_run, outcomes = split(sweep(pizza, [0.001, 0.002], 200, train_bias=True, w=-10.0, b=-100.0), 2)
    for lr, steps, outcome in zip([0.001, 0.002], per_run, outcomes):
        losses, w, b = book_losses(pizza.X, pizza.Y, 200, lr, True, -10.0, -100.0)
        assert [s.loss for s in steps] == losses
        assert (outcome.w, outcome.b) == (w, b)


def test_large_data_rows_match_the_blocked_path() -> None:
    """Beyond 2^16 rows a lone run sums leaf by leaf; the sweep's rows must still agree."""
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 30, 70_001)
    dataset = core.from_arrays(x, 2 * x + 5 + rng.normal(0, 1, x.size))
    assert_like_separate_runs(dataset, [0.0001, 0.001, 0.003], 40, train_bias=True)


@pytest.mark.parametrize("threads", [1, 2])
def test_large_data_sweeps_agree_on_one_thread_or_two(monkeypatch: pytest.MonkeyPatch, threads: int) -> None:
    """A large sweep's leaves may be split between two threads: the same bits either way, and no warning from either.

    The lr of 5 overflows within 60 steps, so steps run under np.errstate, which the helper
    thread must share (a warning there comes back as an error: see
    pyproject's filterwarnings).
    """
    helper = ThreadPoolExecutor(1) if threads == 2 else None
    monkeypatch.setattr(core._rows, "_helper", lambda: helper)
    rng = np.random.default_rng(11)
    x = rng.uniform(0, 30, 90_001)
    dataset = core.from_arrays(x, 1.5 * x - 4 + rng.normal(0, 1, x.size))
    try:
        assert_like_separate_runs(dataset, [0.0001, 0.001, 0.003, 5.0], 60, train_bias=True)
        assert_like_separate_runs(dataset, [0.002, 0.004, 5.0], 60, w=3.0, b=-1.0)
    finally:
        if helper is not None:
            helper.shutdown()


@pytest.mark.parametrize("lrs", [[1e308, 0.001], [5e307, 1.0, 1e-3], [0.5, 2.0, 100.0]])
@pytest.mark.parametrize("bias", [False, True])
def test_steps_that_could_overflow_end_as_alone(pizza: core.Dataset, lrs: list[float], bias: bool) -> None:
    """Huge lrs and starts: no headroom, so the steps that could overflow run under np.errstate, and warn nowhere."""
    assert_like_separate_runs(pizza, lrs, 50, train_bias=bias)
    assert_like_separate_runs(pizza, lrs, 50, train_bias=bias, tolerance=1e-3)
    assert_like_separate_runs(pizza, lrs, 50, train_bias=bias, w=1e150, b=-1e150)
    for step in sweep(pizza, lrs, 5, train_bias=bias):
        assert [bits(v) for v in step.grad_w.tolist()] == [bits(step.step(row).grad_w) for row in range(len(step.runs))]


finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@given(
    xs=st.lists(finite, min_size=2, max_size=40),
    noise=st.lists(finite, min_size=40, max_size=40),
    lrs=st.lists(st.floats(1e-6, 0.5), min_size=1, max_size=core.MAX_SWEEP, unique=True),
    bias=st.booleans(),
    w0=st.sampled_from([0.0, -0.0, 3.5, -10.0]),
    b0=st.sampled_from([0.0, -0.0, 2.0, -100.0]),
    tolerance=st.sampled_from([None, 1e-6]),
)
def test_any_data_and_lrs_bit_identical(
    xs: list[float], noise: list[float], lrs: list[float], bias: bool, w0: float, b0: float, tolerance: float | None
) -> None:
    assume(len(set(xs)) > 1)  # a line needs two different x values (core.data's rule)
    X = np.array(xs)
    try:
        dataset = core.from_arrays(X, X * 1.5 + np.array(noise[: len(xs)]))
    except core.DataError:
        assume(False)  # data the reader refuses (tests/test_data.py covers it)
    assert_like_separate_runs(dataset, lrs, 60, train_bias=bias, w=w0, b=b0, tolerance=tolerance)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_sweeps_large_data_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper thread is not inherited by a fork: the child makes its own instead of waiting on one that is not there."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)  # two cores, on any machine
    core._rows._helper.cache_clear()
    rng = np.random.default_rng(5)
    x = rng.uniform(0, 30, 90_001)
    dataset = core.from_arrays(x, 2 * x + rng.normal(0, 1, x.size))
    try:
        parent = [step.loss.tolist() for step in sweep(dataset, [0.001, 0.002, 0.003], 3, train_bias=True)]
        assert core._rows._helper() is not None  # the parent's sweep had a helper (3 runs: core._rows.HELPED_FROM)
        pid = os.fork()
        if pid == 0:  # the child: exit 0 only if its sweep ends, and agrees; the alarm ends a hang
            signal.alarm(10)
            child = [step.loss.tolist() for step in sweep(dataset, [0.001, 0.002, 0.003], 3, train_bias=True)]
            os._exit(0 if child == parent else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        helper = core._rows._helper()
        if helper is not None:
            helper.shutdown()
        core._rows._helper.cache_clear()


@pytest.mark.parametrize("lrs", [[], [0.001] * 9, [0.001, -1.0], [float("nan")]])
def test_bad_lr_lists_are_refused(pizza: core.Dataset, lrs: list[float]) -> None:
    with pytest.raises(ValueError):
        sweep(pizza, lrs, 10)
