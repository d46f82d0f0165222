"""Reading and checking two-column data files in plain Python: the rules, without numpy.

The book reads its data with ``np.loadtxt("pizza.txt", skiprows=1, unpack=True)``.
We accept that format and a few friendly variations (commas, CRLF, a BOM, no
header), and turn every other input into one :class:`DataError` whose message
names the file, the line and the fault, so no caller ever shows a traceback.

Everything here is plain Python so that the dashboard can check a data file
before its screen opens without importing numpy, which would delay the first
frame by a sixth; :mod:`core.data` turns a :class:`Table` into the numpy
:class:`~core.data.Dataset` the model trains on, and has a faster reader for
large files. Both apply :func:`check_columns`, where every value rule lives.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DataError",
    "Table",
    "bundled_data_path",
    "check_columns",
    "check_lists",
    "first_content_line",
    "parse_lines",
    "parse_number",
    "read_lines",
    "read_table",
    "split_cells",
]

_SEPARATOR = re.compile(r"[,\s]+")

#: Largest magnitude accepted in the data: its square times a million rows stays finite.
LARGEST = 1e100
#: Smallest |x| scale accepted: below it 1 / mean(x²) (the critical lr) overflows.
SMALLEST_X = 1e-100


class DataError(ValueError):
    """A data file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Table:
    """Two checked columns as Python floats, their names and where they came from."""

    xs: list[float]
    ys: list[float]
    x_name: str
    y_name: str
    source: str

    @property
    def size(self) -> int:
        """Number of rows (the book's ``m``)."""
        return len(self.xs)


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


def read_lines(path: str | Path | None) -> tuple[str, list[str]]:
    """The file's name and its lines (``None``: the bundled pizza data); file-level faults raise :class:`DataError`."""
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
    return name, text.splitlines()


def split_cells(line: str) -> list[str]:
    """The cells of one line: separated by commas and/or whitespace."""
    return [cell for cell in _SEPARATOR.split(line.strip()) if cell]


def parse_number(cell: str) -> float | None:
    """The cell as a float, or ``None`` when it is not a number."""
    try:
        return float(cell)
    except ValueError:
        return None


def first_content_line(lines: list[str]) -> int | None:
    """Index of the first line with anything but whitespace on it."""
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def parse_lines(lines: list[str], name: str) -> tuple[list[float], list[float], str, str]:
    """The careful reader: every format rule of :func:`read_table`, checked line by line.

    Returns the x and y columns and their names. Python's ``float`` reads a
    decimal exactly as numpy's reader does (both round correctly), so these
    columns equal, bit for bit, what :mod:`core.data`'s fast reader reads.
    """
    xs: list[float] = []
    ys: list[float] = []
    x_name, y_name = "x", "y"
    seen_first = False
    for number, line in enumerate(lines, start=1):
        cells = split_cells(line)
        if not cells or cells[0].startswith("#"):
            continue
        values = [parse_number(cell) for cell in cells]
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
        xs.append(values[0])  # type: ignore[arg-type]
        ys.append(values[1])  # type: ignore[arg-type]

    if not seen_first:
        raise DataError(f"{name}: is empty")
    if not xs:
        raise DataError(f"{name}: has a header but no data rows")
    return xs, ys, x_name, y_name


def check_columns(
    source: str,
    size: int,
    *,
    finite: Callable[[], bool],
    constant_x: Callable[[], float | None],
    biggest: Callable[[], float],
    mean_square_x: Callable[[], float],
) -> None:
    """Every rule on the values, in one place; raise :class:`DataError` on the first broken one.

    The facts come as functions so that each is computed only once the
    earlier rules hold (no maximum of a column holding NaN), and so that
    lists and numpy arrays can each compute them their own fast way:
    ``constant_x`` is the value every x shares, or ``None``.
    """
    if size < 2:
        raise DataError(f"{source}: needs at least 2 data rows, found {size}")
    if not finite():
        raise DataError(f"{source}: holds NaN or infinite values")
    # With every x the same, the slope w is undetermined once b is trained and
    # the loss curve over w is flat at x = 0: there is nothing to descend.
    constant = constant_x()
    if constant is not None:
        raise DataError(f"{source}: every x value is {constant:g}; a line needs at least two different x values")
    # The loss, its gradient, the optimum and the critical learning rate all
    # go through squares of the data: refuse values whose squares leave
    # float64's range, rather than report a nonsense divergence later.
    largest = biggest()
    if largest > LARGEST:
        raise DataError(f"{source}: holds {largest:.3g}; values beyond ±{LARGEST:g} overflow the loss")
    if mean_square_x() < SMALLEST_X**2:
        raise DataError(f"{source}: the x values are all within {SMALLEST_X:g} of 0; rescale them to train")


def check_lists(xs: list[float], ys: list[float], source: str) -> None:
    """:func:`check_columns` on two lists of floats of the same length."""
    check_columns(
        source,
        len(xs),
        finite=lambda: all(map(math.isfinite, xs)) and all(map(math.isfinite, ys)),
        constant_x=lambda: xs[0] if min(xs) == max(xs) else None,
        biggest=lambda: max(max(map(abs, xs)), max(map(abs, ys))),
        mean_square_x=lambda: math.fsum(map(operator.mul, xs, xs)) / len(xs),
    )


def read_table(path: str | Path | None = None) -> Table:
    """Read and check a two-column numeric text file without numpy; ``None`` reads the bundled pizza data.

    Columns may be separated by whitespace or commas; a first line that does
    not parse as two numbers is taken as the header naming the columns (so a
    header-less file loses no row). Blank lines and lines starting with ``#``
    are skipped. CRLF endings and a UTF-8 BOM are accepted.

    Raises :class:`DataError` for a missing file, a directory, unreadable or
    non-UTF-8 content, an empty file, a header with no rows, a row without
    exactly two columns, a non-numeric, NaN or infinite cell, fewer than two
    rows, every x equal, values beyond ±1e100, or x all within 1e-100 of 0.
    Reads line by line: for large files :func:`core.data.load_dataset` is faster.
    """
    name, lines = read_lines(path)
    xs, ys, x_name, y_name = parse_lines(lines, name)
    check_lists(xs, ys, name)
    return Table(xs, ys, x_name, y_name, name)
