"""Pure numpy core of gd-tui: the data, the book's model, and the training generator.

``core.data`` reads and checks data files (``core.files`` reads their bytes:
regular files only, up to a cap), ``core.model`` is the book's
``predict``/``loss``/``gradient`` with the closed-form optimum and critical
learning rate, ``core.descent`` the :func:`descend` generator,
``core.verdict`` the one rule for a diverging loss, ``core.params`` the run
settings' rules, ``core.transcript`` and ``core.headless`` the book's printed
lines, and ``core.pictures`` the numbers behind the dashboard's views.
Nothing here imports a UI library (a test checks it), so the engine can be
used, tested and benchmarked on its own.
"""

from core.data import DataError, Dataset, bundled_data_path, from_arrays, load_dataset
from core.descent import Outcome, Reason, Step, descend
from core.model import Optimum, critical_lr, gradient, loss, optimal_lr, optimum, predict
from core.params import MAX_ITERATIONS, MAX_SWEEP, parse_iterations, parse_lr, parse_lrs, parse_start, parse_tolerance
from core.transcript import final_line, iteration_line

__all__ = [
    "MAX_ITERATIONS",
    "MAX_SWEEP",
    "DataError",
    "Dataset",
    "Optimum",
    "Outcome",
    "Reason",
    "Step",
    "bundled_data_path",
    "critical_lr",
    "descend",
    "final_line",
    "from_arrays",
    "gradient",
    "iteration_line",
    "load_dataset",
    "loss",
    "optimal_lr",
    "optimum",
    "parse_iterations",
    "parse_lr",
    "parse_lrs",
    "parse_start",
    "parse_tolerance",
    "predict",
]

__version__ = "0.1.0"
