"""The one rule for "diverging" (core.verdict), and the dashboard and headless mode agreeing on it."""

from __future__ import annotations

import io
import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import core
from core.headless import write_transcript
from core.verdict import RISE, RISING_LIMIT, RisingLoss
from support.book import book_transcript
from support.cli import RunCli, one_line
from tui.session.runner import Runner
from tui.session.settings import RunConfig


def verdicts(losses: list[float]) -> list[bool]:
    """What the rule says after each loss."""
    watch = RisingLoss()
    return [watch.observe(value) for value in losses]


def test_five_rises_in_a_row_is_diverging() -> None:
    """The first loss is no rise; the fifth rise in a row is the verdict, and it holds while the loss keeps rising."""
    losses = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    assert verdicts(losses) == [False] * RISING_LIMIT + [True, True]
    watch = RisingLoss()
    for value in losses:
        watch.observe(value)
    assert watch.diverging_at == RISING_LIMIT


def test_a_fall_starts_the_count_again() -> None:
    """Four rises, a fall, four rises: never diverging."""
    assert not any(verdicts([1.0, 2.0, 3.0, 4.0, 5.0, 4.5, 5.0, 6.0, 7.0, 8.0]))


def test_rounding_noise_is_no_rise() -> None:
    """A loss wobbling in its last bits at convergence (below the previous × RISE) is not rising."""
    base = 69.12096282749
    wobble = [base * (1 + k * 1e-12) for k in range(10)]
    assert all(later <= earlier * RISE for earlier, later in itertools.pairwise(wobble))
    assert not any(verdicts(wobble))


def test_non_finite_is_no_verdict_of_this_rule() -> None:
    """NaN compares false: the descent itself ends a non-finite run, this rule only sees finite losses."""
    assert verdicts([1.0, math.nan, 2.0]) == [False, False, False]


def test_forget_rises_keeps_the_last_loss() -> None:
    """After an lr change the count restarts, but the next loss is still compared with the last one."""
    watch = RisingLoss()
    for value in [1.0, 2.0, 3.0, 4.0]:
        watch.observe(value)
    watch.forget_rises()
    assert watch.rises == 0
    watch.observe(5.0)
    assert watch.rises == 1


@given(st.lists(st.floats(min_value=1e-6, max_value=1e6), max_size=40))
def test_verdict_is_a_run_of_rises(losses: list[float]) -> None:
    """Diverging after loss i exactly when the RISING_LIMIT losses up to i each rose above the one before."""
    said = verdicts(losses)
    for index in range(len(losses)):
        window = range(index - RISING_LIMIT + 1, index + 1)
        expected = index >= RISING_LIMIT and all(losses[j] > losses[j - 1] * RISE for j in window)
        assert said[index] == expected


def runner_pause(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool) -> int | None:
    """The iteration at which the dashboard's Runner pauses itself as diverging (None: it never does)."""
    runner = Runner(dataset)
    runner.start(RunConfig(lr, iterations, train_bias, None))
    while runner.live and runner.state == "running":
        runner.advance(None, math.inf)
    return runner.done - 1 if runner.state == "diverged" and runner.live else None


def headless_verdict(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool) -> int | None:
    """The iteration at which headless mode's watch calls the run diverging."""
    watch = RisingLoss()
    run = core.descend(dataset, lr, iterations, train_bias=train_bias)
    write_transcript(run, io.StringIO(), train_bias=train_bias, watch=watch)
    return watch.diverging_at


@pytest.mark.parametrize("train_bias", [False, True], ids=["w-only", "w-and-b"])
@pytest.mark.parametrize("factor", [0.5, 0.99, 1.001, 1.01, 1.1, 2.0, 10.0])
def test_dashboard_and_headless_agree(pizza: core.Dataset, factor: float, train_bias: bool) -> None:
    """Around the critical lr, the Runner pauses exactly where headless mode says diverging."""
    lr = factor * core.critical_lr(pizza, train_bias)
    expected = runner_pause(pizza, lr, 3000, train_bias)
    assert headless_verdict(pizza, lr, 3000, train_bias) == expected
    assert (expected is not None) == (factor > 1)


# The verdict through the installed command: stdout stays the book's, the status says diverged.
EXIT_DIVERGED = 3


@pytest.mark.parametrize("train_bias", [False, True], ids=["w-only", "w-and-b"])
def test_rising_loss_exits_3_with_the_book_transcript(
    run_gd_tui: RunCli, pizza: core.Dataset, pizza_path: Path, train_bias: bool
) -> None:
    """lr 0.0046 (just above critical): stdout is still the book's transcript; stderr says the loss is rising; exit 3."""
    lr = 0.0046 if not train_bias else 1.1 * core.critical_lr(pizza, True)
    args = ["--headless", "--lr", repr(lr), "--iterations", "100"] + (["--bias"] if train_bias else [])
    result = run_gd_tui(*args)
    assert result.stdout == book_transcript(pizza_path, 100, lr, train_bias).encode()
    line = one_line(result.stderr)
    assert result.returncode == EXIT_DIVERGED, line
    assert "the loss rose 5 steps in a row" in line, line
    assert "%.6g" % core.critical_lr(pizza, train_bias) in line, line


@pytest.mark.parametrize("lr", ["0.001", "0.003", "0.0045"])
def test_no_verdict_below_the_critical_lr(run_gd_tui: RunCli, lr: str) -> None:
    """Below the critical lr (0.00457 on pizza) the loss never rises: exit 0, nothing on stderr."""
    result = run_gd_tui("--headless", "--lr", lr, "--iterations", "2000")
    assert result.returncode == 0 and result.stderr == b""
