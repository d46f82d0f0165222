"""Pure numpy core of gd-tui: data, the book's model, and the training generator.

Nothing here imports a UI library (a test checks it), so the engine can be
used, tested and benchmarked on its own.

The names below load on first use (PEP 562): ``import core`` and the
numpy-free modules (``core.table``, ``core.params``) do not import numpy, so
the dashboard can check its data and flags before the screen opens and leave
numpy's ~45 ms import until after its first frame.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the lazy names are, for type checkers and readers
    from core.data import Dataset, from_arrays, from_table, load_dataset
    from core.descent import Outcome, Reason, Step, descend
    from core.model import Optimum, critical_lr, gradient, loss, optimum, predict
    from core.params import MAX_ITERATIONS, parse_iterations, parse_lr, parse_tolerance
    from core.table import DataError, Table, bundled_data_path, read_table
    from core.transcript import final_line, iteration_line

#: Each public name and the module it lives in.
_HOMES = {
    "DataError": "core.table",
    "Table": "core.table",
    "bundled_data_path": "core.table",
    "read_table": "core.table",
    "Dataset": "core.data",
    "from_arrays": "core.data",
    "from_table": "core.data",
    "load_dataset": "core.data",
    "Outcome": "core.descent",
    "Reason": "core.descent",
    "Step": "core.descent",
    "descend": "core.descent",
    "Optimum": "core.model",
    "critical_lr": "core.model",
    "gradient": "core.model",
    "loss": "core.model",
    "optimum": "core.model",
    "predict": "core.model",
    "MAX_ITERATIONS": "core.params",
    "parse_iterations": "core.params",
    "parse_lr": "core.params",
    "parse_tolerance": "core.params",
    "final_line": "core.transcript",
    "iteration_line": "core.transcript",
}

__all__ = sorted(_HOMES)

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'core' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
