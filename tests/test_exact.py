"""Bit-exact agreement with the book's code and its published numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import core
from support.book import book_losses, book_transcript
from support.book import gradient as book_gradient
from support.book import gradients as book_gradients
from support.book import load as book_load
from support.book import loss as book_loss
from support.cli import RunCli
from support.data import collect

# (train_bias, lr, iterations): the two runs the chapter prints.
W_ONLY = (False, 0.001, 100)
WITH_BIAS = (True, 0.001, 20_000)
BOOK_RUNS = [pytest.param(*W_ONLY, id="w-only"), pytest.param(*WITH_BIAS, id="w-and-b")]


def test_loader_matches_book_loadtxt(pizza: core.Dataset, pizza_path: Path) -> None:
    """``load_dataset`` reads the same float64 columns as ``np.loadtxt``."""
    X, Y = book_load(pizza_path)
    assert pizza.X.dtype == np.float64 and pizza.Y.dtype == np.float64
    assert np.array_equal(pizza.X, X) and np.array_equal(pizza.Y, Y)
    assert (pizza.x_name, pizza.y_name) == ("Reservations", "Pizzas")


@pytest.mark.parametrize(("train_bias", "lr", "iterations"), BOOK_RUNS)
def test_every_step_bit_identical(pizza: core.Dataset, train_bias: bool, lr: float, iterations: int) -> None:
    """Each yielded loss and the final (w, b) equal the book's exactly."""
    steps, outcome = collect(core.descend(pizza, lr, iterations, train_bias=train_bias))
    losses, w, b = book_losses(pizza.X, pizza.Y, iterations, lr, train_bias)
    assert len(steps) == iterations
    assert [step.loss for step in steps] == losses
    assert (outcome.w, outcome.b) == (w, b)
    assert outcome.reason == "finished"


def test_book_facts_w_only(pizza: core.Dataset) -> None:
    """The chapter's first and last lines for 100 iterations at lr 0.001."""
    steps, outcome = collect(core.descend(pizza, 0.001, 100))
    assert core.iteration_line(0, steps[0].loss) == "Iteration    0 => Loss: 812.8666666667"
    assert core.final_line(outcome.w, outcome.b, False) == "w=1.8436928702"


def test_book_facts_with_bias(pizza: core.Dataset) -> None:
    """The chapter's last line for 20,000 iterations, and its 34.79-pizza prediction."""
    _, outcome = collect(core.descend(pizza, 0.001, 20_000, train_bias=True))
    assert core.final_line(outcome.w, outcome.b, True) == "w=1.0811301700, b=13.1722676564"
    prediction = core.predict(np.array([20.0]), outcome.w, outcome.b)
    assert round(float(prediction[0]), 2) == 34.79


def test_book_reimplementation_reproduces_the_facts(pizza_path: Path) -> None:
    """Guards the oracle itself: tests/support/book.py prints the book's published lines."""
    first = book_transcript(pizza_path, 100, 0.001, False).splitlines()
    assert first[0] == "Iteration    0 => Loss: 812.8666666667"
    assert first[-2:] == ["", "w=1.8436928702"]
    second = book_transcript(pizza_path, 20_000, 0.001, True).splitlines()
    assert second[-1] == "w=1.0811301700, b=13.1722676564"


@pytest.mark.parametrize(("train_bias", "lr", "iterations"), BOOK_RUNS)
def test_headless_output_is_the_book_transcript(
    run_gd_tui: RunCli, pizza_path: Path, train_bias: bool, lr: float, iterations: int
) -> None:
    """The installed command, run away from the checkout, prints the book's bytes."""
    args = ["--headless", "--lr", repr(lr), "--iterations", str(iterations)]
    if train_bias:
        args.append("--bias")
    result = run_gd_tui(*args)
    assert result.stderr == b""
    assert result.returncode == 0
    assert result.stdout == book_transcript(pizza_path, iterations, lr, train_bias).encode("ascii")


def test_headless_defaults_are_the_books_first_run(run_gd_tui: RunCli, pizza_path: Path) -> None:
    """With no flags the headless run is the chapter's 100 iterations at lr 0.001."""
    result = run_gd_tui("--headless")
    assert result.returncode == 0
    assert result.stdout == book_transcript(pizza_path, 100, 0.001, False).encode("ascii")


POINTS = [(0.0, 0.0), (1.8436928702, 0.0), (-1.0, 4.0), (3.75, -12.5), (1.0811301700, 13.1722676564), (1e3, -1e4)]


@pytest.mark.parametrize(("w", "b"), POINTS)
def test_loss_and_gradient_bitwise(pizza: core.Dataset, w: float, b: float) -> None:
    """``core.loss``/``core.gradient`` are the book's functions, to the last bit."""
    X, Y = pizza.X, pizza.Y
    assert core.loss(X, Y, w, b) == float(book_loss(X, Y, w, b))
    assert core.gradient(X, Y, w, b) == tuple(float(g) for g in book_gradients(X, Y, w, b))
    assert core.gradient(X, Y, w, 0.0)[0] == float(book_gradient(X, Y, w))
    assert core.loss(X, Y, w, 0.0) == float(book_loss(X, Y, w, 0))


@pytest.mark.parametrize("train_bias", [False, True])
def test_step_gradients_match_core_gradient(pizza: core.Dataset, train_bias: bool) -> None:
    """The generator's inlined gradient is ``core.gradient`` at the step's (w, b)."""
    steps, _ = collect(core.descend(pizza, 0.002, 300, train_bias=train_bias))
    for step in steps:
        assert (step.grad_w, step.grad_b) == core.gradient(pizza.X, pizza.Y, step.w, step.b)
        assert step.loss == core.loss(pizza.X, pizza.Y, step.w, step.b)
