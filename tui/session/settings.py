"""What a session starts from (the command's flags) and what one run is asked to do (the form's values)."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass

from core import Dataset

__all__ = ["SPEEDS", "RunConfig", "Settings", "ascii_default", "low_bandwidth_default", "speed_label"]

#: Steps per tick; ``None`` is "max": as many as fit in the tick's time budget.
SPEEDS: tuple[int | None, ...] = (1, 10, 100, 1000, None)


def speed_label(speed: int | None) -> str:
    """How a speed reads in the form and the status."""
    return "max" if speed is None else f"{speed}/tick"


def low_bandwidth_default(environ: Mapping[str, str]) -> bool:
    """Whether low-bandwidth mode is on when no flag says: in an SSH session (``SSH_CONNECTION`` set)."""
    return bool(environ.get("SSH_CONNECTION"))


def ascii_default(environ: Mapping[str, str], encoding: str | None) -> bool:
    """Whether ASCII mode is on when no flag says: when the terminal's encoding cannot show UTF-8.

    ``encoding`` is the output stream's (from the locale); ``LC_ALL``/``LC_CTYPE``/``LANG``
    naming no UTF-8 charset (``C``, ``POSIX``, ``en_US.ISO-8859-1``) counts too, since a
    terminal set up that way shows box-drawing and block glyphs as mojibake.
    """
    if encoding:
        try:
            if codecs.lookup(encoding).name != "utf-8":
                return True
        except LookupError:
            return True
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name)
        if value:
            lowered = value.lower().replace("-", "")
            return "utf8" not in lowered
    return False


@dataclass(frozen=True)
class Settings:
    """Validated flags: what the dashboard's form is prefilled with, or what a headless run does."""

    dataset: Dataset
    lr: float
    iterations: int
    train_bias: bool
    tolerance: float | None
    #: Fewer redraws and no blinking, for a slow link (SSH): see :func:`low_bandwidth_default`.
    low_bandwidth: bool = False
    #: Frames, markers and charts drawn with ASCII only: see :func:`ascii_default`.
    ascii: bool = False
    #: Where a run starts (the book starts at 0, 0; its surface picture at -10, -100).
    w0: float = 0.0
    b0: float = 0.0
    #: Every learning rate asked for: one, or a sweep run side by side (``lr`` is the first).
    lrs: tuple[float, ...] = ()
    #: Headless: also write each run's history here as CSV (``--export-csv``).
    export_csv: str | None = None
    #: Where the dashboard's exports go (``--export-dir``; default: the current directory).
    export_dir: str = "."

    @property
    def source(self) -> str:
        """Where the data came from (a file name)."""
        return self.dataset.source

    def run_config(self) -> RunConfig:
        """The run these settings describe."""
        return RunConfig(self.lr, self.iterations, self.train_bias, self.tolerance, self.w0, self.b0, self.lrs[1:])


@dataclass(frozen=True)
class RunConfig:
    """The form's validated values for one run."""

    lr: float
    iterations: int
    train_bias: bool = False
    tolerance: float | None = None
    w0: float = 0.0
    b0: float = 0.0
    #: A sweep's other learning rates, run beside ``lr`` (empty: one run).
    sweep: tuple[float, ...] = ()
