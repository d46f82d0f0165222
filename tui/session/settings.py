"""What a session starts from (the command's flags) and what one run is asked to do (the form's values)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core import Dataset

__all__ = ["SPEEDS", "RunConfig", "Settings", "speed_label"]

#: Steps per tick; ``None`` is "max": as many as fit in the tick's time budget.
SPEEDS: tuple[int | None, ...] = (1, 10, 100, 1000, None)


def speed_label(speed: int | None) -> str:
    """How a speed reads in the form and the status."""
    return "max" if speed is None else f"{speed}/tick"


def low_bandwidth_default(environ: Mapping[str, str]) -> bool:
    """Whether low-bandwidth mode is on when no flag says: in an SSH session (``SSH_CONNECTION`` set)."""
    return bool(environ.get("SSH_CONNECTION"))


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

    @property
    def source(self) -> str:
        """Where the data came from (a file name)."""
        return self.dataset.source

    def run_config(self) -> RunConfig:
        """The run these settings describe."""
        return RunConfig(self.lr, self.iterations, self.train_bias, self.tolerance)


@dataclass(frozen=True)
class RunConfig:
    """The form's validated values for one run."""

    lr: float
    iterations: int
    train_bias: bool = False
    tolerance: float | None = None
