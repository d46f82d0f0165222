"""The settings of one run, as the form validates them (no numpy: the form exists before numpy loads)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RunConfig"]


@dataclass(frozen=True)
class RunConfig:
    """The form's validated values for one run."""

    lr: float
    iterations: int
    train_bias: bool = False
    tolerance: float | None = None
