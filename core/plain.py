"""The fast reader for a plain data file: numpy's C reader, a chunk of lines at a time.

:func:`parse_plain` takes the common case (one separator, no comments, every
cell a finite number) and returns ``None`` for anything else, so that the
careful line-by-line reader of :mod:`core.data` decides, and reports, exactly
as it would have. Reading a chunk at a time lets it say how far it has got
(the dashboard's loading screen) and stop between chunks when asked, and it
fills two columns allocated once, so the peak is the file's bytes and the
arrays, never a second copy of them.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable

import numpy as np

__all__ = ["PARSE_CHUNK", "Progress", "next_content_line", "parse_number", "parse_plain", "split_cells"]

#: How a reader says how far it has got: ``progress(stage, done, total)``, in
#: bytes of the file, with ``stage`` ``"reading"`` (from disk), then
#: ``"parsing"`` (into numbers), then, if the careful line-by-line reader has
#: to take over, ``"checking"`` (a second pass, from 0 again). The callback
#: may raise to stop the read (the dashboard does, on ctrl+c): its exception
#: comes out unchanged.
Progress = Callable[[str, int, int], None]

#: Bytes of lines handed to numpy at once: big enough that its per-call cost
#: is lost in the parsing (about 1%), small enough that the progress moves
#: several times a second and one chunk's table is a few MB.
PARSE_CHUNK = 1 << 20

#: The line breaks of str.splitlines besides \n and \r, UTF-8 encoded.
OTHER_LINE_BREAKS = (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")

_SEPARATOR = re.compile(r"[,\s]+")


def split_cells(line: str) -> list[str]:
    """The cells of one line: separated by commas and/or whitespace."""
    return [cell for cell in _SEPARATOR.split(line.strip()) if cell]


def parse_number(cell: str) -> float | None:
    """The cell as a float, or ``None`` when it is not a number."""
    try:
        return float(cell)
    except ValueError:
        return None


def next_content_line(raw: bytes, start: int) -> tuple[str, int] | None:
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


def parse_plain(raw: bytes, progress: Progress | None = None) -> tuple[np.ndarray, np.ndarray, str, str] | None:
    """numpy's C reader for a plain file (no comments, one separator); ``None`` otherwise.

    Returns the x and y columns (fresh, C-contiguous float64) and their names.
    It reads the bytes as they are, so the peak is the arrays and the file, not
    the file's text and a string per line (10^7 rows: ~0.4 GB where the lines
    took ~1.1 GB). A property test (tests/test_data_fast_path.py) checks that
    this accepts nothing the careful reader refuses and reads the same bits.
    """
    if any(separator in raw for separator in OTHER_LINE_BREAKS):
        return None  # str.splitlines breaks lines there, numpy does not: let the careful reader decide
    bom = raw.startswith(b"\xef\xbb\xbf")
    first = next_content_line(raw, 3 if bom else 0)
    if first is None:
        return None
    line, after = first
    cells = split_cells(line)
    if len(cells) != 2 or any(cell.startswith("#") for cell in cells):
        return None
    x_name, y_name = "x", "y"
    body = raw.rfind(b"\n", 0, after - 1) + 1 if after else 0  # where the first content line starts
    if any(parse_number(cell) is None for cell in cells):
        x_name, y_name = cells
        body = after
    elif bom:
        return None  # a BOM on a data row: the careful reader drops it exactly as the text is decoded
    sample = next_content_line(raw, body)
    delimiter = "," if sample is not None and "," in sample[0] else None
    # At most one row per line: the columns are allocated once and trimmed at the end.
    rows = raw.count(b"\n", body) + 1
    X, Y = np.empty(rows, dtype=np.float64), np.empty(rows, dtype=np.float64)
    filled = 0
    for start, end in _chunks(raw, body):
        if progress is not None:
            progress("parsing", start, len(raw))
        piece = raw[start:end]
        if not piece.strip():
            continue  # only blank lines: numpy would warn of no data, and there is nothing to read
        table = _load(piece, delimiter)
        if table is None or filled + len(table) > rows:
            return None  # more rows than lines: \r alone ends lines, which the careful reader handles
        X[filled : filled + len(table)] = table[:, 0]
        Y[filled : filled + len(table)] = table[:, 1]
        filled += len(table)
    if progress is not None:
        progress("parsing", len(raw), len(raw))
    if filled == 0:
        return None
    # Shrinking in place: no second copy of 10^7 rows (nothing else refers to these arrays).
    X.resize(filled, refcheck=False)
    Y.resize(filled, refcheck=False)
    return X, Y, x_name, y_name


def _chunks(raw: bytes, start: int) -> list[tuple[int, int]]:
    """``raw[start:]`` cut into spans of about :data:`PARSE_CHUNK` bytes, each ending at a line's end."""
    spans = []
    while start < len(raw):
        end = raw.find(b"\n", min(start + PARSE_CHUNK, len(raw)))
        end = len(raw) if end < 0 else end + 1
        spans.append((start, end))
        start = end
    return spans


def _load(piece: bytes, delimiter: str | None) -> np.ndarray | None:
    """One chunk's rows as an (n, 2) table of finite numbers, or ``None`` if any line is not that."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            table = np.loadtxt(io.BytesIO(piece), delimiter=delimiter, comments=None, dtype=np.float64, ndmin=2, encoding="utf-8")
    except (ValueError, Warning, UnicodeError):
        return None
    if table.ndim != 2 or table.shape[0] == 0 or table.shape[1] != 2 or not np.isfinite(table).all():
        return None
    return table
