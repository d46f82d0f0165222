"""Reading a data file's bytes safely: regular files only, and no more than a cap.

A FIFO without a writer would block ``open()`` forever and ``/dev/zero``
never ends, so :func:`read_regular_file` refuses anything that is not a
regular file before opening it, and anything larger than :data:`MAX_BYTES`.
Its faults are :class:`DataError`, one line for the user, as every fault of
:mod:`core.data` is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["MAX_BYTES", "READ_CHUNK", "DataError", "decode_text", "read_data_file", "read_regular_file"]

#: Largest data file read, in bytes (128 MiB, about 2x10^7 short rows). A plain
#: file peaks at about 8x its size (its bytes and the arrays), but one that
#: needs the careful line-by-line reader holds its text and a string per line,
#: about 18x, so this cap keeps a mistaken --data (a disk image, a log) from
#: taking the machine's memory; the dashboard and headless mode refuse it in one line.
MAX_BYTES = 128 * 1024 * 1024

#: Bytes read at once: a few reads for a large file, each reported to the
#: caller's progress callback (``progress("reading", done, total)``).
READ_CHUNK = 4 << 20


class DataError(ValueError):
    """A data file that cannot be used; the message is one line for the user."""


def _check_regular(name: str, status: os.stat_result) -> None:
    """Refuse what is not a regular file, or is larger than :data:`MAX_BYTES`."""
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a character device"
            if stat.S_ISCHR(mode)
            else "a block device"
            if stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise DataError(f"{name}: is {kind}, not a regular file; save the data to a file first")
    if status.st_size > MAX_BYTES:
        raise DataError(f"{name}: is {status.st_size / 2**20:.0f} MiB; data files over {MAX_BYTES // 2**20} MiB are refused")


def read_regular_file(
    file: Path, name: str, status: os.stat_result, progress: Callable[[str, int, int], None] | None = None
) -> bytes:
    """The bytes of ``file`` (``name`` in messages), never more than :data:`MAX_BYTES` of them.

    ``status`` is the path's ``os.stat``: anything but a regular file of at
    most :data:`MAX_BYTES` is refused before it is opened, so nothing blocks.
    ``progress`` hears of each :data:`READ_CHUNK` read; what it raises stops the read.
    """
    _check_regular(name, status)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, open()
        # still returns at once, and the fstat below refuses it.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DataError(f"{name}: cannot be read ({error.strerror or error})") from None
    with open(fd, "rb", closefd=True) as stream:
        try:
            status = os.fstat(fd)
            _check_regular(name, status)
            # A file can grow while read, and /proc files say size 0 but have
            # content: read up to one byte past the cap, a chunk at a time
            # (each one reported), and refuse what goes past it.
            chunks = [stream.read(min(status.st_size + 1, READ_CHUNK))]
            total = len(chunks[0])
            while chunks[-1] and total <= MAX_BYTES:
                if progress is not None:
                    progress("reading", total, max(status.st_size, total))
                chunks.append(stream.read(min(READ_CHUNK, MAX_BYTES + 1 - total)))
                total += len(chunks[-1])
        except OSError as error:
            raise DataError(f"{name}: cannot be read ({error.strerror or error})") from None
    if total > MAX_BYTES:
        raise DataError(f"{name}: holds more than {MAX_BYTES // 2**20} MiB; data files over that are refused")
    return chunks[0] if len(chunks) <= 2 else b"".join(chunks)


def read_data_file(file: Path, progress: Callable[[str, int, int], None] | None = None) -> tuple[str, bytes]:
    """The file's name and its bytes; file-level faults (missing, a directory, not regular, too large) raise :class:`DataError`."""
    name = str(file)
    # stat() never blocks, where open() on a FIFO without a writer waits forever
    # and /dev/zero never ends: only a regular file gets as far as a read.
    try:
        status = os.stat(file)
    except FileNotFoundError:
        raise DataError(f"{name}: no such file") from None
    except OSError as error:
        raise DataError(f"{name}: cannot be read ({error.strerror or error})") from None
    except ValueError as error:  # a NUL in the path: no file can have that name
        raise DataError(f"{name!r}: is not a valid path ({error})") from None
    if stat.S_ISDIR(status.st_mode):
        raise DataError(f"{name}: is a directory, not a data file")
    return name, read_regular_file(file, name, status, progress)


def decode_text(raw: bytes, name: str) -> str:
    """The file's text; a UTF-8 BOM is dropped, and anything not UTF-8 raises :class:`DataError`."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(f"{name}: is not UTF-8 text (bad byte at offset {error.start})") from None
