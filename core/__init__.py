"""Pure numpy core of gd-tui: data, the book's model, and the training generator.

Nothing here imports a UI library (a test checks it), so the engine can be
used, tested and benchmarked on its own.
"""

from core.data import DataError, Dataset, bundled_data_path, from_arrays, load_dataset
from core.descent import Outcome, Reason, Step, descend
from core.model import Optimum, critical_lr, gradient, loss, optimum, predict
from core.params import MAX_ITERATIONS, parse_iterations, parse_lr, parse_tolerance
from core.transcript import final_line, iteration_line

__all__ = [
    "DataError",
    "Dataset",
    "MAX_ITERATIONS",
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
    "optimum",
    "parse_iterations",
    "parse_lr",
    "parse_tolerance",
    "predict",
]

__version__ = "0.1.0"
