"""What a run is exported as, and how it reaches the disk: CSV rows that round-trip, atomic writes that never clobber.

A history row is ``iteration,w,b,loss,grad_w,grad_b`` with each float written
as ``repr`` (``float(text)`` gives the same bits back, ``inf`` and ``nan``
included). Files are written to a temporary name beside the target and moved
into place in one step, so a reader never sees half a file and a failed write
(full disk, read-only directory) leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import TextIO

import numpy as np

from core.descent import Outcome, Step
from core.sweep import rows_sum_exactly

__all__ = ["CSV_HEADER", "csv_row", "free_name", "history_rows", "lines_writer", "recorded", "write_atomic"]

CSV_HEADER = "iteration,w,b,loss,grad_w,grad_b"


def csv_row(step: Step) -> str:
    """One history row, newline included; floats as ``repr`` so they read back bit for bit."""
    return f"{step.index},{step.w!r},{step.b!r},{step.loss!r},{step.grad_w!r},{step.grad_b!r}\n"


def history_rows(X: np.ndarray, Y: np.ndarray, w: np.ndarray, b: np.ndarray, loss: np.ndarray) -> Iterator[str]:
    """CSV rows (header first) of a recorded history: the gradients recomputed, bit-identical to the run's.

    Each iteration's gradient is the book's ``2 * average(x * r)`` and
    ``2 * average(r)`` for ``r = x*w + b - y``, computed for a block of
    iterations at once as rows of one array, which numpy sums exactly as it
    sums one row alone (checked by :func:`core.sweep.rows_sum_exactly`, else
    row by row), so each value equals the one the run used.
    """
    yield CSV_HEADER + "\n"
    m = X.shape[0]
    block = max(1, (1 << 20) // max(m, 1))
    exact = rows_sum_exactly()
    for start in range(0, loss.shape[0], block):
        ws, bs = w[start : start + block], b[start : start + block]
        with np.errstate(all="ignore"):
            residual = X * ws[:, None] + bs[:, None] - Y
            products = X * residual
            if exact:
                sums_xr, sums_r = np.add.reduce(products, axis=1), np.add.reduce(residual, axis=1)
            else:
                sums_xr = np.array([np.add.reduce(row) for row in products])
                sums_r = np.array([np.add.reduce(row) for row in residual])
            grad_w, grad_b = 2 * (sums_xr / m), 2 * (sums_r / m)
        for offset, values in enumerate(
            zip(ws.tolist(), bs.tolist(), loss[start : start + block].tolist(), grad_w.tolist(), grad_b.tolist())
        ):
            yield csv_row(Step(start + offset, *values))


def recorded(run: Generator[Step, None, Outcome], out: TextIO) -> Generator[Step, None, Outcome]:
    """``run``, unchanged, with each step also written to ``out`` as a CSV row (header first)."""
    out.write(CSV_HEADER + "\n")
    rows: list[str] = []
    try:
        while True:
            step = next(run)
            rows.append(csv_row(step))
            if len(rows) >= 4096:
                out.write("".join(rows))
                rows.clear()
            yield step
    except StopIteration as stop:
        out.write("".join(rows))
        outcome: Outcome = stop.value
        return outcome


def free_name(directory: Path, stem: str, suffix: str, taken: Callable[[Path], bool] | None = None) -> Path:
    """``directory/stem+suffix``, or the first ``stem-2+suffix``, ``stem-3+suffix``, … that does not exist yet."""
    exists = taken or (lambda path: path.exists() or path.is_symlink())
    candidate = directory / f"{stem}{suffix}"
    number = 2
    while exists(candidate):
        candidate = directory / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def write_atomic(target: Path, write: Callable[[TextIO], object], *, clobber: bool = False) -> Path:
    """Write a text file through ``write(stream)`` atomically; return the path written.

    With ``clobber`` False an existing file is never replaced: the next free
    name (:func:`free_name`) is taken instead, race-free (the finished file is
    hard-linked into place, which fails if the name appeared meanwhile). Raises
    ``OSError`` (nothing left behind) when the directory cannot be written.
    """
    directory = target.parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".part")
    try:
        # mkstemp makes the file private (0600); an export is an ordinary file.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if clobber:
            os.replace(temporary, target)
            return target
        stem, suffix = _split(target.name)
        while True:
            candidate = free_name(directory, stem, suffix)
            try:
                os.link(temporary, candidate)
            except FileExistsError:
                continue
            except OSError:
                # No hard links here (some network and FAT file systems):
                # claim the name first, then move the file onto the claim.
                try:
                    os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                except FileExistsError:
                    continue
                os.replace(temporary, candidate)
                return candidate
            os.unlink(temporary)
            return candidate
    except BaseException:
        # Also on ctrl+c: no half-written file stays behind.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _split(name: str) -> tuple[str, str]:
    """``run.csv`` → (``run``, ``.csv``); a name with no suffix keeps it empty."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, dot + suffix) if stem else (name, "")


def lines_writer(lines: Iterable[str]) -> Callable[[TextIO], None]:
    """A ``write`` for :func:`write_atomic` that writes ``lines`` as they are."""

    def write(stream: TextIO) -> None:
        stream.writelines(lines)

    return write
