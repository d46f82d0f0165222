"""A large data file read while the dashboard shows how far it has got: when, and what the loading screen says."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core import Dataset
from core.files import MAX_BYTES
from tui.session.settings import Settings

__all__ = ["LOAD_IN_BACKGROUND", "Loading", "background_load", "progress_line"]

#: Files larger than this (4 MiB, about 600,000 short rows and a third of a
#: second's read) open the dashboard at once on a loading screen and are read
#: behind it; smaller ones are read before the app starts, as quickly as the
#: screen could be drawn, so they never flash a loading screen.
LOAD_IN_BACKGROUND = 4 << 20


@dataclass(frozen=True)
class Loading:
    """A dashboard whose data is still to be read: the file, its size, and the settings to make once it is."""

    path: Path
    size: int
    #: The command's flags, applied to the data once read (``Settings`` needs the data set).
    settings: Callable[[Dataset], Settings]
    #: ASCII mode (:attr:`Settings.ascii`), known before the data: the loading screen is drawn in it too.
    ascii: bool = False


def background_load(path: str | None, settings: Callable[[Dataset], Settings], *, ascii: bool = False) -> Loading | None:
    """A :class:`Loading` when ``path`` is a regular file over :data:`LOAD_IN_BACKGROUND` bytes, else ``None``.

    ``None`` means "read it now, as ever": the bundled data, small files, and
    every file the reader refuses before reading (missing, a directory, a FIFO,
    a device, over the cap), so those are still refused in one line at once.
    """
    if path is None:
        return None
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode) or not LOAD_IN_BACKGROUND < status.st_size <= MAX_BYTES:
        return None
    return Loading(Path(path), status.st_size, settings, ascii)


def progress_line(stage: str, done: int, total: int) -> str:
    """What the loading screen says: ``Reading 12.0 MB of 55.0 MB`` (then ``Parsing``)."""
    return f"{stage.capitalize()} {done / 1e6:.1f} MB of {total / 1e6:.1f} MB"
