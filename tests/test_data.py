"""Loading data files: every fault is one clear DataError; friendly variations load.

``core.load_dataset`` reads a plain file with numpy's C reader and anything
else line by line; each file that loads here is also read by the careful
line-by-line reader alone, which must give the same numbers, bit for bit
(tests/test_data_fast_path.py holds the two paths in agreement in general).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import core
from core.data import _parse_careful
from support.data import BAD_FILES, BadFile, check_data_message


def read_both(path: Path) -> core.Dataset:
    """Load ``path``; check the careful reader alone reads the same, exactly; return the dataset."""
    dataset = core.load_dataset(path)
    X, Y, x_name, y_name = _parse_careful(path.read_bytes().decode("utf-8-sig").splitlines(), str(path))
    assert (x_name, y_name) == (dataset.x_name, dataset.y_name)
    for careful, loaded in ((X, dataset.X), (Y, dataset.Y)):
        assert np.array_equal(careful.view(np.int64), loaded.view(np.int64))  # bit for bit
    return dataset


@pytest.mark.parametrize("case", BAD_FILES, ids=[case.id for case in BAD_FILES])
def test_bad_file_raises_one_line_data_error(tmp_path: Path, case: BadFile) -> None:
    """Each bad file raises DataError naming the file, the line and the fault."""
    path = case.make(tmp_path)
    with pytest.raises(core.DataError) as raised:
        core.load_dataset(path)
    check_data_message(str(raised.value), path, case)


#: The whole message of each bad file, word for word (``<file>`` is its path).
MESSAGES = {
    "missing": "<file>: no such file",
    "directory": "<file>: is a directory, not a data file",
    "not-utf8": "<file>: is not UTF-8 text (bad byte at offset 8)",
    "empty": "<file>: is empty",
    "whitespace-only": "<file>: is empty",
    "header-only": "<file>: has a header but no data rows",
    "header-three-columns": "<file>: line 1: header has 3 columns, expected 2",
    "header-one-column": "<file>: line 1: header has 1 column, expected 2",
    "one-column": "<file>: line 3: has 1 column, expected 2",
    "three-columns": "<file>: line 3: has 3 columns, expected 2",
    "non-numeric": "<file>: line 3: 'four' is not a number",
    "nan": "<file>: line 3: 'nan' is not a finite number",
    "inf": "<file>: line 3: 'inf' is not a finite number",
    "line-after-comments": "<file>: line 6: '1e999' is not a finite number",
    "one-row": "<file>: needs at least 2 data rows, found 1",
    "all-x-equal": "<file>: every x value is 3; a line needs at least two different x values",
    "too-large": "<file>: holds 1e+200; values beyond ±1e+100 overflow the loss",
    "x-all-near-zero": "<file>: the x values are all within 1e-100 of 0; rescale them to train",
}


@pytest.mark.parametrize("case", BAD_FILES, ids=[case.id for case in BAD_FILES])
def test_bad_file_message_word_for_word(tmp_path: Path, case: BadFile) -> None:
    """The messages users see (and scripts may match) do not drift."""
    path = case.make(tmp_path)
    with pytest.raises(core.DataError) as raised:
        core.load_dataset(path)
    assert str(raised.value) == MESSAGES[case.id].replace("<file>", str(path))


def test_data_error_is_a_value_error() -> None:
    """Callers that catch ValueError also catch bad data."""
    assert issubclass(core.DataError, ValueError)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files regardless of their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission is reported, not a traceback."""
    path = tmp_path / "secret.txt"
    path.write_text("x y\n1 2\n3 4\n")
    path.chmod(0)
    try:
        with pytest.raises(core.DataError, match="cannot be read") as raised:
            core.load_dataset(path)
    finally:
        path.chmod(0o600)
    message = str(raised.value)
    assert str(path) in message and "\n" not in message


def test_read_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError while reading becomes a one-line DataError (simulated: tests may run as root)."""
    path = tmp_path / "secret.txt"
    path.write_text("x y\n1 2\n3 4\n")

    real_open = os.open

    def refuse(file: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        # Only our file: anything else the interpreter opens meanwhile opens as usual.
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(core.DataError) as raised:
        core.load_dataset(path)
    assert str(raised.value) == f"{path}: cannot be read (Permission denied)"


# --- files that load -----------------------------------------------------------------------


def load_text(tmp_path: Path, content: bytes) -> core.Dataset:
    """Write ``content`` to a file and load it."""
    path = tmp_path / "data.txt"
    path.write_bytes(content)
    return read_both(path)


def test_bundled_pizza(pizza: core.Dataset, pizza_path: Path) -> None:
    """The bundled file: 30 examples with the header's column names, as the book describes."""
    assert pizza.size == 30
    assert (pizza.x_name, pizza.y_name) == ("Reservations", "Pizzas")
    assert pizza.source == str(pizza_path)
    assert pizza_path.is_file()
    assert core.load_dataset(None).X.tolist() == pizza.X.tolist()
    assert read_both(pizza_path).Y.tolist() == pizza.Y.tolist()


def test_headerless_file_keeps_every_row(tmp_path: Path) -> None:
    """Without a header the first line is data, and the columns are called x and y."""
    dataset = load_text(tmp_path, b"13 33\n2 16\n14 32\n")
    assert dataset.X.tolist() == [13.0, 2.0, 14.0]
    assert dataset.Y.tolist() == [33.0, 16.0, 32.0]
    assert (dataset.x_name, dataset.y_name) == ("x", "y")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Reservations,Pizzas\n13,33\n2,16\n", id="commas"),
        pytest.param(b"Reservations, Pizzas\n13 ,\t33\n2, 16\n", id="commas-and-spaces"),
        pytest.param(b"Reservations\tPizzas\r\n13\t33\r\n2\t16\r\n", id="crlf-tabs"),
        pytest.param(b"\xef\xbb\xbfReservations  Pizzas\n13  33\n2  16", id="bom-no-final-newline"),
        pytest.param(
            b"# the book's data\nReservations Pizzas\n\n# two rows\n13 33\n   \n2 16\n# end\n", id="comments-blank-lines"
        ),
    ],
)
def test_friendly_variations(tmp_path: Path, content: bytes) -> None:
    """Commas, CRLF, a BOM, comments and blank lines all read as the same table."""
    dataset = load_text(tmp_path, content)
    assert dataset.X.tolist() == [13.0, 2.0]
    assert dataset.Y.tolist() == [33.0, 16.0]
    assert (dataset.x_name, dataset.y_name) == ("Reservations", "Pizzas")


def test_header_with_one_numeric_name(tmp_path: Path) -> None:
    """A first line that is not two numbers is a header, even if one name looks numeric."""
    dataset = load_text(tmp_path, b"reservations 2024\n1 2\n3 4\n")
    assert (dataset.x_name, dataset.y_name) == ("reservations", "2024")
    assert dataset.size == 2


def test_bom_on_headerless_file(tmp_path: Path) -> None:
    """A BOM before a number does not turn the first row into a header."""
    dataset = load_text(tmp_path, b"\xef\xbb\xbf1.5 2\r\n-3e2 4\r\n")
    assert dataset.X.tolist() == [1.5, -300.0]
    assert (dataset.x_name, dataset.y_name) == ("x", "y")


def test_loaded_arrays_are_read_only_float64(pizza: core.Dataset) -> None:
    """The columns are float64 and cannot be changed behind the engine's back."""
    for column in (pizza.X, pizza.Y):
        assert column.dtype == np.float64
        with pytest.raises(ValueError):
            column[0] = 1.0


# --- from_arrays ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("X", "Y", "fault"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0], "X has 3 values but Y has 2"),
        ([1.0], [1.0], "at least 2 data rows"),
        ([], [], "at least 2 data rows"),
        ([1.0, float("nan")], [1.0, 2.0], "NaN or infinite"),
        ([1.0, 2.0], [1.0, float("inf")], "NaN or infinite"),
        ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], "every x value is 2"),
    ],
)
def test_from_arrays_rejects(X: list[float], Y: list[float], fault: str) -> None:
    """``from_arrays`` rejects what ``load_dataset`` rejects, naming its source."""
    with pytest.raises(core.DataError) as raised:
        core.from_arrays(X, Y, source="<test>")
    message = str(raised.value)
    assert message.startswith("<test>: ") and fault in message and "\n" not in message


def test_from_arrays_copies() -> None:
    """The dataset does not alias the caller's (mutable) arrays."""
    X = np.array([1.0, 2.0, 3.0])
    Y = np.array([[2.0], [4.0], [6.0]])
    dataset = core.from_arrays(X, Y, x_name="a", y_name="b")
    X[0] = 99.0
    Y[0, 0] = np.nan
    assert dataset.X.tolist() == [1.0, 2.0, 3.0]
    assert dataset.Y.tolist() == [2.0, 4.0, 6.0]
    assert (dataset.x_name, dataset.y_name, dataset.size) == ("a", "b", 3)


def test_path_with_a_nul_byte_is_one_data_error() -> None:
    """A path no file can have (a NUL inside) is a DataError, not a ValueError from os.stat."""
    with pytest.raises(core.DataError) as raised:
        core.load_dataset("a\0b.txt")
    assert "not a valid path" in str(raised.value) and "\n" not in str(raised.value)
