"""The two paths of ``load_dataset`` agree: numpy's fast reader accepts nothing the careful one refuses,
and reads the same numbers, bit for bit, and the same column names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from core.data import _parse_careful, _parse_fast
from support.cli import CLI_TIMEOUT, cli_env

Parsed = tuple[np.ndarray, np.ndarray, str, str]

NUMBERS = st.sampled_from(["1", "2.5", "-3", "1e3", "1E-2", ".5", "5.", "+4", "0", "-0", "007", "1.0e+2", "12345678901234567890"])
TOKENS = st.sampled_from(
    [
        "1",
        "2.5",
        "-3",
        "1e3",
        "1E-2",
        ".5",
        "5.",
        "+4",
        "1_000",
        "0x10",
        "1,5",
        "nan",
        "inf",
        "-inf",
        "1d3",
        "x",
        "Pizzas",
        "#",
        "# c",
        "",
        " ",
        "\t",
        "1e999",
        "0",
        "-0",
        "007",
        "1.0e+2",
        "١",
        "½",
    ]
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


def _careful(lines: list[str]) -> Parsed | None:
    try:
        return _parse_careful(lines, "f")
    except core.DataError:
        return None


def assert_same(fast: Parsed, careful: Parsed, lines: list[str]) -> None:
    """Same column names, and the same columns as raw float64 bits (so -0.0 is not 0.0)."""
    assert fast[2:] == careful[2:], lines
    for ours, theirs in zip(fast[:2], careful[:2]):
        assert ours.dtype == theirs.dtype == np.float64 and ours.shape == theirs.shape, lines
        assert np.array_equal(ours.view(np.int64), theirs.view(np.int64)), lines


def as_file(lines: list[str], ending: str = "\n", bom: bool = False) -> bytes:
    """The bytes of a file holding ``lines``."""
    return ("\ufeff" if bom else "").encode() + ending.join(lines).encode("utf-8")


@settings(max_examples=400)
@given(files(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_fast_reader_agrees_with_the_careful_one(lines: list[str], ending: str, bom: bool) -> None:
    raw = as_file(lines, ending, bom)
    fast = _parse_fast(raw)
    if fast is None:
        return  # the careful reader decides; its rules are tested in test_data.py
    careful = _careful(raw.decode("utf-8-sig").splitlines())
    assert careful is not None, f"fast reader accepted what the careful one refuses: {raw!r}"
    assert_same(fast, careful, lines)


@pytest.mark.parametrize(
    "lines",
    [
        ["Reservations  Pizzas", "13 33", "2 16"],
        ["13,33", "2,16", "", "14,32"],
        ["a, b", "1.5, -2e3", "3 , 4"],
    ],
)
def test_fast_reader_takes_plain_files(lines: list[str]) -> None:
    fast = _parse_fast(as_file(lines))
    assert fast is not None
    assert_same(fast, _parse_careful(lines, "f"), lines)


def test_bundled_data_goes_the_fast_way(pizza_path: Path) -> None:
    assert _parse_fast(pizza_path.read_bytes()) is not None


MEMORY_PROBE = """
import resource, sys
import numpy as np
import core
rows = int(sys.argv[2])
rng = np.random.default_rng(7)
x = rng.integers(0, 50, rows)
with open(sys.argv[1], "w") as f:
    f.write("reservations pizzas\\n")
    np.savetxt(f, np.column_stack([x, 2 * x + rng.integers(0, 9, rows)]), fmt="%d")
del x
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = core.load_dataset(sys.argv[1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) * 1024 / (data.X.nbytes + data.Y.nbytes), data.size)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_a_large_plain_file_peaks_below_four_times_its_arrays(tmp_path: Path) -> None:
    """Issue 11: reading 10^6 rows holds the file and the arrays, not a string per line (that was 7x)."""
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(tmp_path / "rows.txt"), "1000000"],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        env=cli_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ratio, rows = result.stdout.split()
    assert int(rows) == 1_000_000
    assert float(ratio) <= 4.0, f"peak memory {float(ratio):.2f}x the arrays"
