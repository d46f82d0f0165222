"""Property tests over generated data sets, learning rates and file layouts."""

from __future__ import annotations

import itertools
import math
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import core
from support.book import book_losses
from support.data import collect

EPS = float(np.finfo(np.float64).eps)
MAX_FLOAT = float(np.finfo(np.float64).max)

values = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
# Values a data file plausibly holds: 0 or at least 1e-3 in size, so that no
# square underflows and the loss surface is a well-posed bowl in float64.
moderate = st.one_of(st.just(0.0), values.filter(lambda v: abs(v) >= 1e-3))


@st.composite
def columns(draw: st.DrawFn, elements: st.SearchStrategy[float] = values) -> tuple[list[float], list[float]]:
    """Two equally long columns of 2..50 values, X not all equal."""
    size = draw(st.integers(min_value=2, max_value=50))
    X = draw(st.lists(elements, min_size=size, max_size=size))
    Y = draw(st.lists(elements, min_size=size, max_size=size))
    assume(len(set(X)) > 1)
    # load_dataset refuses x values all within 1e-100 of 0 (documented).
    assume(float(np.mean(np.square(X))) >= 1e-200)
    return X, Y


@st.composite
def datasets(draw: st.DrawFn, elements: st.SearchStrategy[float] = values) -> core.Dataset:
    """A validated :class:`core.Dataset` over :func:`columns`."""
    X, Y = draw(columns(elements))
    return core.from_arrays(X, Y)


finite_lrs = st.one_of(
    st.floats(min_value=0.0, max_value=MAX_FLOAT, exclude_min=True, allow_nan=False, allow_infinity=False),
    st.sampled_from([5e-324, 1e-3, 1.0, 1e300, MAX_FLOAT]),
    st.integers(min_value=1, max_value=10**6),
)


def run_strictly(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool) -> tuple[list[core.Step], core.Outcome]:
    """Run :func:`core.descend` with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return collect(core.descend(dataset, lr, iterations, train_bias=train_bias))


# --- invalid settings ----------------------------------------------------------------------

bad_lrs = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 0, 0.0, -0.0, True, False, "0.001", None, [0.001]]),
    st.floats(max_value=0.0, allow_nan=False),
)
bad_iterations = st.one_of(
    st.sampled_from([0, True, False, 1.5, 100.0, math.nan, math.inf, "100", None]),
    st.integers(max_value=0),
    st.floats(allow_nan=True),
)
bad_tolerances = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 0, 0.0, -0.0, True, False, "1e-6", "x"]),
    st.floats(max_value=0.0, allow_nan=False),
)


@given(
    dataset=datasets(),
    which=st.sampled_from(["lr", "iterations", "tolerance"]),
    bad_lr=bad_lrs,
    bad_iteration_count=bad_iterations,
    bad_tolerance=bad_tolerances,
    train_bias=st.booleans(),
)
def test_invalid_settings_raise_value_error_at_call(
    dataset: core.Dataset,
    which: str,
    bad_lr: object,
    bad_iteration_count: object,
    bad_tolerance: object,
    train_bias: bool,
) -> None:
    """A bad lr, iteration count or tolerance raises ValueError when descend is called."""
    settings: dict[str, object] = {"lr": 0.001, "iterations": 10, "tolerance": 1e-6}
    settings[which] = {"lr": bad_lr, "iterations": bad_iteration_count, "tolerance": bad_tolerance}[which]
    with pytest.raises(ValueError):
        core.descend(dataset, settings["lr"], settings["iterations"], train_bias=train_bias, tolerance=settings["tolerance"])  # type: ignore[arg-type]


@given(dataset=datasets(), lr=finite_lrs, iterations=st.integers(min_value=1, max_value=40), train_bias=st.booleans())
def test_any_finite_lr_runs_like_the_book(dataset: core.Dataset, lr: float, iterations: int, train_bias: bool) -> None:
    """Any finite lr > 0 runs without exception or warning, step for step the book's run.

    It ends ``diverged`` exactly when the book's loss (or parameters) stop being finite.
    """
    steps, outcome = run_strictly(dataset, lr, iterations, train_bias)
    losses, w, b = book_losses(dataset.X, dataset.Y, iterations, lr, train_bias)
    finite = [math.isfinite(value) for value in losses]
    first_bad = finite.index(False) if not all(finite) else None
    assert outcome.iterations == len(steps)
    assert [step.loss for step in steps] == losses[: len(steps)]
    if first_bad is not None:
        assert (outcome.reason, outcome.at, len(steps)) == ("diverged", first_bad, first_bad)
    elif math.isfinite(w) and math.isfinite(b):
        assert (outcome.reason, outcome.at, len(steps)) == ("finished", None, iterations)
        assert (outcome.w, outcome.b) == (w, b)
    else:
        assert (outcome.reason, outcome.at, len(steps)) == ("diverged", iterations, iterations)


@given(dataset=datasets(moderate), train_bias=st.booleans(), lr=st.sampled_from([1e300, MAX_FLOAT]))
def test_huge_lr_diverges(dataset: core.Dataset, train_bias: bool, lr: float) -> None:
    """A learning rate of 1e300 throws the hiker off the map: ``diverged``, no exception."""
    grad_w, grad_b = core.gradient(dataset.X, dataset.Y, 0.0, 0.0)
    assume(grad_w != 0 or (train_bias and grad_b != 0))
    steps, outcome = run_strictly(dataset, lr, 10, train_bias)
    assert outcome.reason == "diverged"
    assert outcome.at == len(steps) >= 1
    assert all(math.isfinite(step.loss) for step in steps)


# --- below the critical learning rate the loss never rises ----------------------------------


def rounding_slack(dataset: core.Dataset, step: core.Step) -> float:
    """How much float rounding alone can move the computed loss near ``step``.

    Each residual ``x·w + b - y`` is off by a few ulps of its largest term;
    that perturbs the mean square by at most ``2·√L·δ + δ²``, plus the sum's
    own relative rounding.
    """
    scale = float(np.max(np.abs(dataset.X))) * abs(step.w) + abs(step.b) + float(np.max(np.abs(dataset.Y)))
    delta = 8 * EPS * scale
    return 2 * math.sqrt(step.loss) * delta + delta * delta + 64 * EPS * step.loss


@given(
    dataset=datasets(moderate),
    frac=st.floats(min_value=0.05, max_value=0.95),
    train_bias=st.booleans(),
)
def test_loss_never_rises_below_critical_lr(dataset: core.Dataset, frac: float, train_bias: bool) -> None:
    """For lr = frac × critical_lr (frac in [0.05, 0.95]) each loss is at most the previous one."""
    lr = frac * core.critical_lr(dataset, train_bias)
    steps, outcome = run_strictly(dataset, lr, 200, train_bias)
    assert outcome.reason == "finished"
    for before, after in itertools.pairwise(steps):
        assert after.loss <= before.loss + rounding_slack(dataset, before) + rounding_slack(dataset, after), (
            before,
            after,
        )
    best = core.optimum(dataset, train_bias)
    assert steps[-1].loss >= best.loss - rounding_slack(dataset, steps[-1]) - 64 * EPS * best.loss


# --- load_dataset round trip -----------------------------------------------------------------


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


names = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=12).filter(lambda s: not _is_number(s))
separators = st.sampled_from([" ", "\t", "  ", " \t ", ",", ", ", " ,", "\t,\t"])


@given(
    table=columns(),
    separator=separators,
    header=st.one_of(st.none(), st.tuples(names, names)),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    trailing_newline=st.booleans(),
)
def test_load_dataset_round_trips(
    table: tuple[list[float], list[float]],
    separator: str,
    header: tuple[str, str] | None,
    newline: str,
    bom: bool,
    trailing_newline: bool,
) -> None:
    """Generated two-column files load back to the exact floats and column names."""
    X, Y = table
    lines = [f"{x!r}{separator}{y!r}" for x, y in zip(X, Y)]
    if header is not None:
        lines.insert(0, separator.join(header))
    text = newline.join(lines) + (newline if trailing_newline else "")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "data.txt"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        dataset = core.load_dataset(path)
    assert dataset.X.tolist() == X and dataset.Y.tolist() == Y
    assert np.array_equal(np.signbit(dataset.X), np.signbit(X))
    assert (dataset.x_name, dataset.y_name) == (header if header is not None else ("x", "y"))
    assert dataset.size == len(X)
    assert dataset.source == str(path)
