"""The fast (numpy) reader never accepts what the careful reader would refuse, nor reads it differently."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from core.data import _parse_fast, _parse_lines

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
