"""The data set the model trains on: two float64 columns, read fast or from a checked :class:`~core.table.Table`.

The format's rules and every check on the values live in :mod:`core.table`
(plain Python); here numpy reads large plain files quickly and builds the
arrays. Whatever path a file takes, the same files are accepted, with the
same numbers, and refused with the same messages.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.table import (
    DataError,
    Table,
    bundled_data_path,
    check_columns,
    first_content_line,
    parse_lines,
    parse_number,
    read_lines,
    split_cells,
)

__all__ = ["DataError", "Dataset", "bundled_data_path", "from_arrays", "from_table", "load_dataset"]


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


def from_arrays(
    X: np.ndarray | list[float],
    Y: np.ndarray | list[float],
    *,
    x_name: str = "x",
    y_name: str = "y",
    source: str = "<arrays>",
) -> Dataset:
    """Build a validated :class:`Dataset` from two sequences (tests, benchmarks, tables).

    Raises :class:`DataError` on the same faults :func:`load_dataset` rejects.
    """
    # Copies: the caller keeps its arrays writable, ours are frozen after validation.
    x = np.array(X, dtype=np.float64, order="C").reshape(-1)
    y = np.array(Y, dtype=np.float64, order="C").reshape(-1)
    if x.shape != y.shape:
        raise DataError(f"{source}: X has {x.size} values but Y has {y.size}")
    check_columns(
        source,
        int(x.size),
        finite=lambda: bool(np.isfinite(x).all() and np.isfinite(y).all()),
        constant_x=lambda: float(x[0]) if np.all(x == x[0]) else None,
        biggest=lambda: max(float(np.abs(x).max()), float(np.abs(y).max())),
        mean_square_x=lambda: float(np.mean(x * x)),
    )
    x.setflags(write=False)
    y.setflags(write=False)
    return Dataset(x, y, x_name, y_name, source)


def from_table(table: Table) -> Dataset:
    """The :class:`Dataset` of a table read by :func:`core.table.read_table` (same numbers, bit for bit)."""
    return from_arrays(table.xs, table.ys, x_name=table.x_name, y_name=table.y_name, source=table.source)


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Read a two-column numeric text file; ``None`` reads the bundled pizza data.

    Accepts and refuses exactly what :func:`core.table.read_table` does (see
    there for the format), but reads a plain file with numpy's C reader,
    which matters from about ten thousand rows on.
    """
    name, lines = read_lines(path)
    parsed = _parse_fast(lines)
    if parsed is None:
        # Not the plain common case, or not valid: the line-by-line reader
        # accepts exactly the same files and names the line of any fault.
        xs, ys, x_name, y_name = parse_lines(lines, name)
        return from_arrays(xs, ys, x_name=x_name, y_name=y_name, source=name)
    table, x_name, y_name = parsed
    return from_arrays(table[:, 0], table[:, 1], x_name=x_name, y_name=y_name, source=name)


def _parse_fast(lines: list[str]) -> tuple[np.ndarray, str, str] | None:
    """numpy's C reader for a plain file (no comments, one separator); ``None`` otherwise.

    A million rows take ~3 s line by line in Python and a fraction of that
    here. Anything unusual or invalid returns ``None`` so that the careful
    reader decides, and reports, exactly as it would have.
    """
    first = first_content_line(lines)
    if first is None:
        return None
    cells = split_cells(lines[first])
    if len(cells) != 2 or any(cell.startswith("#") for cell in cells):
        return None
    x_name, y_name = "x", "y"
    if any(parse_number(cell) is None for cell in cells):
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
