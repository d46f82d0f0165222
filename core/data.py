"""Loading the two-column data sets the model trains on.

The book reads its data with ``np.loadtxt("pizza.txt", skiprows=1, unpack=True)``.
We accept that format and a few friendly variations (commas, CRLF, a BOM, no
header), and turn every other input into one :class:`DataError` whose message
names the file, the line and the fault, so no caller ever shows a traceback.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["DataError", "Dataset", "bundled_data_path", "load_dataset", "from_arrays"]

_SEPARATOR = re.compile(r"[,\s]+")

#: Largest magnitude accepted in the data: its square times a million rows stays finite.
_LARGEST = 1e100
#: Smallest mean of x² accepted: below it 1 / mean(x²) (the critical lr) overflows.
_SMALLEST_X = 1e-100
_SMALLEST_MEAN_SQUARE = _SMALLEST_X**2


class DataError(ValueError):
    """A data file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Two float64 columns and where they came from.

    ``X`` is the input variable (reservations for the bundled data) and ``Y``
    the label (pizzas). ``x_name``/``y_name`` come from the header line, or are
    ``"x"``/``"y"`` when the file has none.
    """

    X: np.ndarray
    Y: np.ndarray
    x_name: str
    y_name: str
    source: str

    @property
    def size(self) -> int:
        """Number of examples (the book's ``m``)."""
        return int(self.X.shape[0])


def bundled_data_path() -> Path:
    """Path of the bundled ``pizza.txt``, from an installed wheel or a checkout.

    The wheel carries the file inside the ``core`` package (see pyproject's
    force-include); an editable install or a checkout finds it in ``data/``
    beside the package, where the user's layout keeps it. (A plain path, not
    importlib.resources: the package is never imported from a zip, and
    importing that module cost every start a millisecond or two.)
    """
    packaged = Path(__file__).resolve().with_name("pizza.txt")
    if packaged.is_file():
        return packaged
    return packaged.parent.parent / "data" / "pizza.txt"


def _split(line: str) -> list[str]:
    return [cell for cell in _SEPARATOR.split(line.strip()) if cell]


def _parse_number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def from_arrays(
    X: np.ndarray | list[float],
    Y: np.ndarray | list[float],
    *,
    x_name: str = "x",
    y_name: str = "y",
    source: str = "<arrays>",
) -> Dataset:
    """Build a validated :class:`Dataset` from two sequences (tests, benchmarks).

    Raises :class:`DataError` on the same faults :func:`load_dataset` rejects.
    """
    # Copies: the caller keeps its arrays writable, ours are frozen after validation.
    x = np.array(X, dtype=np.float64, order="C").reshape(-1)
    y = np.array(Y, dtype=np.float64, order="C").reshape(-1)
    if x.shape != y.shape:
        raise DataError(f"{source}: X has {x.size} values but Y has {y.size}")
    _check_values(x, y, source)
    x.setflags(write=False)
    y.setflags(write=False)
    return Dataset(x, y, x_name, y_name, source)


def _check_values(x: np.ndarray, y: np.ndarray, source: str) -> None:
    if x.size < 2:
        raise DataError(f"{source}: needs at least 2 data rows, found {x.size}")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise DataError(f"{source}: holds NaN or infinite values")
    # With every x the same, the slope w is undetermined once b is trained and
    # the loss curve over w is flat at x = 0: there is nothing to descend.
    if np.all(x == x[0]):
        raise DataError(f"{source}: every x value is {x[0]:g}; a line needs at least two different x values")
    # The loss, its gradient, the optimum and the critical learning rate all
    # go through squares of the data: refuse values whose squares leave
    # float64's range, rather than report a nonsense divergence later.
    biggest = max(float(np.abs(x).max()), float(np.abs(y).max()))
    if biggest > _LARGEST:
        raise DataError(f"{source}: holds {biggest:.3g}; values beyond ±{_LARGEST:g} overflow the loss")
    if float(np.mean(x * x)) < _SMALLEST_MEAN_SQUARE:
        raise DataError(f"{source}: the x values are all within {_SMALLEST_X:g} of 0; rescale them to train")


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Read a two-column numeric text file; ``None`` reads the bundled pizza data.

    Columns may be separated by whitespace or commas; a first line that does
    not parse as two numbers is taken as the header naming the columns (so a
    header-less file loses no row). Blank lines and lines starting with ``#``
    are skipped. CRLF endings and a UTF-8 BOM are accepted.

    Raises :class:`DataError` for a missing file, a directory, unreadable or
    non-UTF-8 content, an empty file, a header with no rows, a row without
    exactly two columns, a non-numeric, NaN or infinite cell, fewer than two
    rows, or every x equal.
    """
    file = Path(path) if path is not None else bundled_data_path()
    name = str(file)
    if not file.exists():
        raise DataError(f"{name}: no such file")
    if file.is_dir():
        raise DataError(f"{name}: is a directory, not a data file")
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise DataError(f"{name}: cannot be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(f"{name}: is not UTF-8 text (bad byte at offset {error.start})") from None

    lines = text.splitlines()
    parsed = _parse_fast(lines)
    if parsed is None:
        # Not the plain common case, or not valid: the line-by-line reader
        # accepts exactly the same files and names the line of any fault.
        parsed = _parse_lines(lines, name)
    table, x_name, y_name = parsed
    return from_arrays(table[:, 0], table[:, 1], x_name=x_name, y_name=y_name, source=name)


def _first_content_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def _parse_fast(lines: list[str]) -> tuple[np.ndarray, str, str] | None:
    """numpy's C reader for a plain file (no comments, one separator); ``None`` otherwise.

    A million rows take ~3 s line by line in Python and a fraction of that
    here. Anything unusual or invalid returns ``None`` so that the careful
    reader decides, and reports, exactly as it would have.
    """
    first = _first_content_line(lines)
    if first is None:
        return None
    cells = _split(lines[first])
    if len(cells) != 2 or any(cell.startswith("#") for cell in cells):
        return None
    x_name, y_name = "x", "y"
    if any(_parse_number(cell) is None for cell in cells):
        x_name, y_name = cells
        first += 1
    body = lines[first:]
    sample = next((line for line in body if line.strip()), "")
    delimiter = "," if "," in sample else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            table = np.loadtxt(body, delimiter=delimiter, comments=None, dtype=np.float64, ndmin=2)
    except (ValueError, Warning):
        return None
    if table.ndim != 2 or table.shape[0] == 0 or table.shape[1] != 2 or not np.isfinite(table).all():
        return None
    return table, x_name, y_name


def _parse_lines(lines: list[str], name: str) -> tuple[np.ndarray, str, str]:
    """The careful reader: every rule of :func:`load_dataset`, checked line by line."""
    rows: list[tuple[float, float]] = []
    x_name, y_name = "x", "y"
    seen_first = False
    for number, line in enumerate(lines, start=1):
        cells = _split(line)
        if not cells or cells[0].startswith("#"):
            continue
        values = [_parse_number(cell) for cell in cells]
        if not seen_first:
            seen_first = True
            if any(value is None for value in values):
                if len(cells) != 2:
                    raise DataError(f"{name}: line {number}: header has {len(cells)} columns, expected 2")
                x_name, y_name = cells
                continue
        if len(cells) != 2:
            raise DataError(f"{name}: line {number}: has {len(cells)} column{'s' if len(cells) != 1 else ''}, expected 2")
        for cell, value in zip(cells, values):
            if value is None:
                raise DataError(f"{name}: line {number}: {cell!r} is not a number")
            if not math.isfinite(value):
                raise DataError(f"{name}: line {number}: {cell!r} is not a finite number")
        rows.append((values[0], values[1]))  # type: ignore[arg-type]

    if not seen_first:
        raise DataError(f"{name}: is empty")
    if not rows:
        raise DataError(f"{name}: has a header but no data rows")
    return np.array(rows, dtype=np.float64), x_name, y_name
