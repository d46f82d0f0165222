"""The run controller without Textual: state machine, transcript mapping, divergence rules."""

from __future__ import annotations

import itertools
import math

import core
from support.data import collect
from tui.session.runner import RISING_LIMIT, Runner
from tui.session.settings import RunConfig


def run_out(runner: Runner) -> None:
    while runner.live and runner.state == "running":
        runner.advance(None, math.inf)


def test_transcript_lines_map_to_iterations_around_markers(pizza: core.Dataset) -> None:
    runner = Runner(pizza)
    runner.start(RunConfig(0.001, 30))
    runner.advance(10, math.inf)
    runner.pause()
    runner.resume(0.002)
    runner.advance(5, math.inf)
    runner.pause()
    runner.resume(0.0005)
    run_out(runner)
    lines = runner.transcript().split("\n")
    assert lines[10] == "# lr 0.001 -> 0.002 at iteration 10"
    assert lines[16] == "# lr 0.002 -> 0.0005 at iteration 15"
    for index in range(runner.done):
        y = runner.line_of_iteration(index)
        text, shown = runner.line(y)
        assert shown == index and text == core.iteration_line(index, float(runner.history.loss[index]))
    assert runner.outcome is not None
    assert lines[-2:] == ["", core.final_line(runner.outcome.w, runner.outcome.b, False)]
    assert runner.outcome.iterations == 30


def test_step_once_keeps_a_paused_run_paused_and_ends_it_on_the_last_step(pizza: core.Dataset) -> None:
    runner = Runner(pizza)
    runner.start(RunConfig(0.001, 3))
    runner.pause()
    runner.step_once()
    assert runner.state == "paused" and runner.done == 1
    runner.step_once()
    runner.step_once()
    # The last iteration ends the run at once, not one key press later.
    assert runner.state == "finished" and runner.done == 3
    assert not runner.live


def test_rising_loss_pauses_once_and_resuming_lets_it_blow_up(pizza: core.Dataset) -> None:
    runner = Runner(pizza)
    runner.start(RunConfig(0.01, 10_000))
    run_out(runner)
    assert runner.state == "diverged" and runner.live
    assert runner.done == RISING_LIMIT + 1  # iteration 0, then RISING_LIMIT rises
    assert f"{core.critical_lr(pizza, False):.4g}" in runner.message
    runner.resume()
    run_out(runner)
    assert runner.state == "diverged" and not runner.live
    assert runner.outcome is not None and runner.outcome.reason == "diverged"


def test_rounding_noise_at_convergence_is_not_divergence(pizza: core.Dataset) -> None:
    # At lr 0.001 with b trained the loss settles into its last bits around
    # iteration 47,000 and wobbles there; that must not look like divergence.
    steps, outcome = collect(core.descend(pizza, 0.001, 60_000, train_bias=True))
    losses = [step.loss for step in steps]
    assert any(later > earlier for earlier, later in itertools.pairwise(losses)), "no wobble to test against"
    runner = Runner(pizza)
    runner.start(RunConfig(0.001, 60_000, train_bias=True))
    run_out(runner)
    assert runner.state == "finished", runner.message
    assert outcome.reason == "finished"


def test_a_run_ended_inside_a_batch_is_kept_whole(pizza: core.Dataset) -> None:
    """At max speed the generator's end arrives mid-batch: the kept run still has every step."""
    runner = Runner(pizza)
    runner.start(RunConfig(0.001, 500, sweep=(0.002,)))
    while runner.live or runner.sweeping:
        runner.advance(None, math.inf)
    assert [(run.lr, run.done, run.ending) for run in runner.book] == [(0.001, 500, "finished"), (0.002, 500, "finished")]
    steps, outcome = collect(core.descend(pizza, 0.001, 500))
    assert runner.book[1].loss_history.tolist() == [step.loss for step in steps]
    assert (runner.book[1].w, runner.book[1].b) == (outcome.w, outcome.b)
