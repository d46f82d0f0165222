"""The readers agree: numpy's fast reader accepts nothing the careful one refuses and reads the same numbers;
the value rules give the same verdict on plain lists and on numpy arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from core.data import _parse_fast
from core.table import check_lists, parse_lines


def _parse_lines(lines: list[str], name: str) -> tuple[np.ndarray, str, str]:
    """The careful reader's columns in the fast reader's shape: one (rows, 2) array."""
    xs, ys, x_name, y_name = parse_lines(lines, name)
    return np.column_stack([np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64)]), x_name, y_name

NUMBERS = st.sampled_from(["1", "2.5", "-3", "1e3", "1E-2", ".5", "5.", "+4", "0", "-0", "007", "1.0e+2", "12345678901234567890"])
TOKENS = st.sampled_from(
    ["1", "2.5", "-3", "1e3", "1E-2", ".5", "5.", "+4", "1_000", "0x10", "1,5", "nan", "inf", "-inf", "1d3",
     "x", "Pizzas", "#", "# c", "", " ", "\t", "1e999", "0", "-0", "007", "1.0e+2", "١", "½"]
)
SEPARATORS = st.sampled_from([" ", "  ", "\t", ",", ", ", " ,"])


@st.composite
def files(draw: st.DrawFn) -> list[str]:
    # Mostly plain two-number rows, so that the fast reader often accepts and
    # the comparison has something to compare; odd tokens and shapes mixed in.
    lines = []
    separator = draw(SEPARATORS)
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        width = draw(st.sampled_from([2, 2, 2, 2, 2, 0, 1, 3]))
        cells = [draw(st.one_of(NUMBERS, NUMBERS, NUMBERS, TOKENS)) for _ in range(width)]
        lines.append((separator if draw(st.booleans()) else draw(SEPARATORS)).join(cells))
    return lines


def _careful(lines: list[str]):
    try:
        return _parse_lines(lines, "f")
    except core.DataError:
        return None


@settings(max_examples=400)
@given(files())
def test_fast_reader_agrees_with_the_careful_one(lines: list[str]) -> None:
    fast = _parse_fast(lines)
    if fast is None:
        return  # the careful reader decides; its rules are tested in test_data.py
    careful = _careful(lines)
    assert careful is not None, f"fast reader accepted what the careful one refuses: {lines!r}"
    assert fast[1:] == careful[1:]
    assert fast[0].shape == careful[0].shape
    assert np.array_equal(fast[0].view(np.int64), careful[0].view(np.int64)), lines


@pytest.mark.parametrize(
    "lines",
    [
        ["Reservations  Pizzas", "13 33", "2 16"],
        ["13,33", "2,16", "", "14,32"],
        ["a, b", "1.5, -2e3", "3 , 4"],
    ],
)
def test_fast_reader_takes_plain_files(lines: list[str]) -> None:
    fast = _parse_fast(lines)
    assert fast is not None
    careful = _parse_lines(lines, "f")
    assert fast[1:] == careful[1:] and np.array_equal(fast[0], careful[0])


def test_bundled_data_goes_the_fast_way(pizza_path) -> None:
    lines = pizza_path.read_text().splitlines()
    assert _parse_fast(lines) is not None


#: Values near every rule's edge: tiny, huge, zero, repeated.
EDGE_VALUES = st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.5, 1e-101, -1e-100, 1e-99, 1e100, -1e100, 1.0000001e100, 1e200, 3.0])


@settings(max_examples=400)
@given(st.lists(st.tuples(EDGE_VALUES, EDGE_VALUES), min_size=0, max_size=6))
def test_value_rules_agree_on_lists_and_arrays(rows: list[tuple[float, float]]) -> None:
    xs = [x for x, _ in rows]
    ys = [y for _, y in rows]
    verdicts = []
    for check in (lambda: check_lists(xs, ys, "f"), lambda: core.from_arrays(xs, ys, source="f")):
        try:
            check()
            verdicts.append("ok")
        except core.DataError as error:
            verdicts.append(str(error))
    assert verdicts[0] == verdicts[1], rows
