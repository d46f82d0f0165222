"""The data set the model trains on: two float64 columns, read from a text file and checked.

The book reads its data with ``np.loadtxt("pizza.txt", skiprows=1, unpack=True)``.
:func:`load_dataset` accepts that format and a few friendly variations
(commas, CRLF, a BOM, no header, comments), and turns every other input into
one :class:`DataError` whose message names the file, the line and the fault,
so no caller ever shows a traceback. Every rule on the values lives in
:func:`check_columns`, which :func:`from_arrays` applies to any columns.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.files import MAX_BYTES, DataError, decode_text, read_data_file

__all__ = [
    "LARGEST",
    "MAX_BYTES",
    "SMALLEST_X",
    "DataError",
    "Dataset",
    "bundled_data_path",
    "check_columns",
    "from_arrays",
    "load_dataset",
]

#: Largest magnitude accepted in the data: its square times a million rows stays finite.
LARGEST = 1e100
#: Smallest |x| scale accepted: below it 1 / mean(x²) (the critical lr) overflows.
SMALLEST_X = 1e-100

_SEPARATOR = re.compile(r"[,\s]+")


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
    beside the package, where the user's layout keeps it.
    """
    packaged = Path(__file__).resolve().with_name("pizza.txt")
    if packaged.is_file():
        return packaged
    return packaged.parent.parent / "data" / "pizza.txt"


def check_columns(X: np.ndarray, Y: np.ndarray, source: str) -> None:
    """Every rule on the values, in one place; raise :class:`DataError` on the first broken one.

    ``X`` and ``Y`` are 1-D float64 arrays of the same length; ``source``
    starts the message. Each rule is checked only once the earlier ones hold
    (no maximum of a column holding NaN).
    """
    size = int(X.shape[0])
    if size < 2:
        raise DataError(f"{source}: needs at least 2 data rows, found {size}")
    if not (np.isfinite(X).all() and np.isfinite(Y).all()):
        raise DataError(f"{source}: holds NaN or infinite values")
    # With every x the same, the slope w is undetermined once b is trained and
    # the loss curve over w is flat at x = 0: there is nothing to descend.
    if X.min() == X.max():
        raise DataError(f"{source}: every x value is {float(X[0]):g}; a line needs at least two different x values")
    # The loss, its gradient, the optimum and the critical learning rate all
    # go through squares of the data: refuse values whose squares leave
    # float64's range, rather than report a nonsense divergence later.
    largest = max(float(np.abs(X).max()), float(np.abs(Y).max()))
    if largest > LARGEST:
        raise DataError(f"{source}: holds {largest:.3g}; values beyond ±{LARGEST:g} overflow the loss")
    if float(np.mean(X * X)) < SMALLEST_X**2:
        raise DataError(f"{source}: the x values are all within {SMALLEST_X:g} of 0; rescale them to train")


def from_arrays(
    X: np.ndarray | list[float],
    Y: np.ndarray | list[float],
    *,
    x_name: str = "x",
    y_name: str = "y",
    source: str = "<arrays>",
) -> Dataset:
    """Build a validated :class:`Dataset` from two sequences (tests, benchmarks, files).

    Raises :class:`DataError` on the same faults :func:`load_dataset` rejects.
    """
    # Copies: the caller keeps its arrays writable, ours are frozen after validation.
    x = np.array(X, dtype=np.float64, order="C").reshape(-1)
    y = np.array(Y, dtype=np.float64, order="C").reshape(-1)
    if x.shape != y.shape:
        raise DataError(f"{source}: X has {x.size} values but Y has {y.size}")
    check_columns(x, y, source)
    x.setflags(write=False)
    y.setflags(write=False)
    return Dataset(x, y, x_name, y_name, source)


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Read and check a two-column numeric text file; ``None`` reads the bundled pizza data.

    Columns may be separated by whitespace or commas; a first line that does
    not parse as two numbers is taken as the header naming the columns (so a
    header-less file loses no row). Blank lines and lines starting with ``#``
    are skipped. CRLF endings and a UTF-8 BOM are accepted.

    Raises :class:`DataError` for a missing file, a directory, anything else
    that is not a regular file (a FIFO, a device, a socket: refused before any
    read that could block), a file over :data:`MAX_BYTES`, unreadable or
    non-UTF-8 content, an empty file, a header with no rows, a row without
    exactly two columns, a non-numeric, NaN or infinite cell, fewer than two
    rows, every x equal, values beyond ±1e100, or x all within 1e-100 of 0.

    A plain file (one separator, no comments, every cell a finite number) is
    read by numpy's C reader: a million rows in about half a second, where
    reading them line by line in Python takes about three. Anything else goes
    to the careful line-by-line reader, which alone accepts or refuses it and
    names the line of any fault; both read the same numbers, bit for bit.
    """
    name, raw = read_data_file(Path(path) if path is not None else bundled_data_path())
    fast = _parse_fast(raw)
    if fast is None:
        lines = decode_text(raw, name).splitlines()
        del raw  # the lines hold the text now: a lower peak
        fast = _parse_careful(lines, name)
    X, Y, x_name, y_name = fast
    return from_arrays(X, Y, x_name=x_name, y_name=y_name, source=name)


# --- the text format ---------------------------------------------------------------------


def _split_cells(line: str) -> list[str]:
    """The cells of one line: separated by commas and/or whitespace."""
    return [cell for cell in _SEPARATOR.split(line.strip()) if cell]


def _parse_number(cell: str) -> float | None:
    """The cell as a float, or ``None`` when it is not a number."""
    try:
        return float(cell)
    except ValueError:
        return None


def _parse_careful(lines: list[str], name: str) -> tuple[np.ndarray, np.ndarray, str, str]:
    """The careful reader: every format rule of :func:`load_dataset`, checked line by line.

    Returns the x and y columns and their names. Python's ``float`` reads a
    decimal exactly as numpy's reader does (both round correctly), so these
    columns equal, bit for bit, what :func:`_parse_fast` reads.
    """
    xs: list[float] = []
    ys: list[float] = []
    x_name, y_name = "x", "y"
    seen_first = False
    for number, line in enumerate(lines, start=1):
        cells = _split_cells(line)
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
        xs.append(values[0])  # type: ignore[arg-type]
        ys.append(values[1])  # type: ignore[arg-type]

    if not seen_first:
        raise DataError(f"{name}: is empty")
    if not xs:
        raise DataError(f"{name}: has a header but no data rows")
    return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64), x_name, y_name


def _parse_fast(raw: bytes) -> tuple[np.ndarray, np.ndarray, str, str] | None:
    """numpy's C reader for a plain file (no comments, one separator); ``None`` otherwise.

    It reads the bytes as they are, in chunks, so the peak is the arrays and
    the file, not the file's text and a string per line (10^7 rows: ~0.4 GB
    where the lines took ~1.1 GB). Anything unusual or invalid returns
    ``None`` so that the careful reader decides, and reports, exactly as it
    would have; a property test (tests/test_data_fast_path.py) checks that this
    accepts nothing the careful reader refuses and reads the same bits.
    """
    if any(separator in raw for separator in _OTHER_LINE_BREAKS):
        return None  # str.splitlines breaks lines there, numpy does not: let the careful reader decide
    bom = raw.startswith(b"\xef\xbb\xbf")
    first = _next_content_line(raw, 3 if bom else 0)
    if first is None:
        return None
    line, after = first
    cells = _split_cells(line)
    if len(cells) != 2 or any(cell.startswith("#") for cell in cells):
        return None
    x_name, y_name = "x", "y"
    body = raw.rfind(b"\n", 0, after - 1) + 1 if after else 0  # where the first content line starts
    if any(_parse_number(cell) is None for cell in cells):
        x_name, y_name = cells
        body = after
    elif bom:
        return None  # a BOM on a data row: the careful reader drops it exactly as the text is decoded
    sample = _next_content_line(raw, body)
    delimiter = "," if sample is not None and "," in sample[0] else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            table = np.loadtxt(
                io.BytesIO(raw),
                delimiter=delimiter,
                comments=None,
                skiprows=raw.count(b"\n", 0, body),
                dtype=np.float64,
                ndmin=2,
                encoding="utf-8",
            )
    except (ValueError, Warning, UnicodeError):
        return None
    if table.ndim != 2 or table.shape[0] == 0 or table.shape[1] != 2 or not np.isfinite(table).all():
        return None
    return table[:, 0], table[:, 1], x_name, y_name


#: The line breaks of str.splitlines besides \n and \r, UTF-8 encoded.
_OTHER_LINE_BREAKS = (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def _next_content_line(raw: bytes, start: int) -> tuple[str, int] | None:
    """The first line from ``start`` on with more than whitespace, decoded, and the offset after it; ``None`` if none."""
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        piece = raw[start:end]
        if piece.strip():
            try:
                return piece.decode("utf-8"), end + 1
            except UnicodeDecodeError:
                return None
        start = end + 1
    return None
