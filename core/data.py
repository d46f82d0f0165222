"""The data set the model trains on: two float64 columns, read from a text file and checked.

The book reads its data with ``np.loadtxt("pizza.txt", skiprows=1, unpack=True)``.
:func:`load_dataset` accepts that format and a few friendly variations
(commas, CRLF, a BOM, no header, comments), and turns every other input into
one :class:`DataError` whose message names the file, the line and the fault,
so no caller ever shows a traceback. Every rule on the values lives in
:func:`check_columns`, which :func:`from_arrays` applies to any columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.files import MAX_BYTES, DataError, decode_text, read_data_file
from core.plain import Progress, parse_number, split_cells
from core.plain import parse_plain as _parse_fast

__all__ = [
    "LARGEST",
    "MAX_BYTES",
    "SMALLEST_X",
    "DataError",
    "Dataset",
    "Progress",
    "bundled_data_path",
    "check_columns",
    "from_arrays",
    "load_dataset",
]

#: Largest magnitude accepted in the data: its square times a million rows stays finite.
LARGEST = 1e100
#: Smallest |x| scale accepted: below it 1 / mean(x²) (the critical lr) overflows.
SMALLEST_X = 1e-100


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
    return _frozen(x, y, x_name, y_name, source)


def _frozen(x: np.ndarray, y: np.ndarray, x_name: str, y_name: str, source: str) -> Dataset:
    """Check two float64 columns that nothing else refers to, freeze them, and wrap them (no copy)."""
    if x.shape != y.shape:
        raise DataError(f"{source}: X has {x.size} values but Y has {y.size}")
    check_columns(x, y, source)
    x.setflags(write=False)
    y.setflags(write=False)
    return Dataset(x, y, x_name, y_name, source)


def load_dataset(path: str | Path | None = None, *, progress: Progress | None = None) -> Dataset:
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

    ``progress``, if given, is called as the file is read and parsed (see
    :data:`core.plain.Progress`); whatever it raises stops the read and comes
    out of this function unchanged.
    """
    name, raw = read_data_file(Path(path) if path is not None else bundled_data_path(), progress)
    fast = _parse_fast(raw, progress)
    if fast is None:
        size = len(raw)
        lines = decode_text(raw, name).splitlines()
        del raw  # the lines hold the text now: a lower peak
        fast = _parse_careful(lines, name, progress, size)
    else:
        del raw  # the columns are read: the file's bytes are not needed while they are checked
    X, Y, x_name, y_name = fast
    # Both readers return fresh float64 columns: checked and frozen as they are, not copied again.
    return _frozen(X, Y, x_name, y_name, name)


# --- the text format ---------------------------------------------------------------------


def _parse_careful(
    lines: list[str], name: str, progress: Progress | None = None, size: int = 0
) -> tuple[np.ndarray, np.ndarray, str, str]:
    """The careful reader: every format rule of :func:`load_dataset`, checked line by line.

    Returns the x and y columns and their names. Python's ``float`` reads a
    decimal exactly as numpy's reader does (both round correctly), so these
    columns equal, bit for bit, what :func:`_parse_fast` reads.
    """
    xs: list[float] = []
    ys: list[float] = []
    x_name, y_name = "x", "y"
    seen_first = False
    # Progress in bytes, estimated from the share of lines done (their text is decoded already).
    every = max(len(lines) // 64, 1 << 14)
    for number, line in enumerate(lines, start=1):
        if progress is not None and number % every == 0:
            progress("checking", size * number // len(lines), size)
        cells = split_cells(line)
        if not cells or cells[0].startswith("#"):
            continue
        values = [parse_number(cell) for cell in cells]
        if not seen_first:
            seen_first = True
            if any(value is None for value in values):
                if len(cells) != 2:
                    raise DataError(
                        f"{name}: line {number}: header has {len(cells)} column{'' if len(cells) == 1 else 's'}, expected 2"
                    )
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
