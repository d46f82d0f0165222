"""A sweep's per-step sums: the three residual sums of k runs at once, bit-identical to each run's own.

:func:`row_sums` returns ``sums(params)``, which takes the k runs' w (then,
when b is trained, their b) in one array and returns a new (3k,) array: the k
sums of r², then of x·r, then of r, for each run's ``r = x*w + b - y``, each
the very float64 :func:`core.descent.descend` gets for that run from one
``np.add.reduce``.

numpy sums each contiguous row of a 2-D or 3-D array the way it sums a 1-D
array (the same pairwise tree), so one ``np.add.reduce(..., axis=-1)`` over
the k residual rows serves all runs. That relies on how numpy happens to sum,
so :func:`rows_sum_exactly` checks it once per process and the sums fall back
to one ``np.add.reduce`` per row if not.

Two ways to get the rows, by size:

* Small data (the book's 30 rows): a step costs numpy's per-call overhead,
  not arithmetic, and an operation that broadcasts (x against each run's w)
  costs about 1.3 µs where one on equal-shaped contiguous arrays costs 0.35.
  So x and y are tiled k times once, each step repeats w (and b) m times, and
  every operation is between equal shapes, into buffers made once.
* Larger data: x and y broadcast against the k runs' w and b columns (the
  overhead no longer counts, and k copies of the data would only crowd the
  cache). Beyond the L2 cache the columns are cut along numpy's pairwise
  tree (:func:`core._blocked.pairwise_tree`) so each leaf's (3, k, leaf)
  buffers stay in cache, and the leaf sums are added back up the same tree
  (:func:`core._blocked.combine`): the same bits as one whole-row sum.
  When the process may use a second core, one helper thread takes half of
  the leaves (numpy lets go of the GIL while it computes): computing the k
  runs together makes a step only ~1.6x cheaper than k lone steps on one
  core, since each run still needs its own five passes and sums, and a
  sweep is k runs' work, so it is the part worth spreading over two cores.
  Which thread sums a leaf changes no bit.
"""

from __future__ import annotations

import contextvars
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from core._blocked import BLOCKED_ABOVE, blocking_is_exact, combine, pairwise_tree

__all__ = ["RowSums", "row_sums", "rows_sum_exactly"]

#: ``sums(params) -> (3k,)``: see the module docstring.
RowSums = Callable[[np.ndarray], np.ndarray]

#: Up to this many values in a plane of k rows, the data is tiled (see above):
#: beyond about 3000 rows (k = 8) tiling is slower than broadcasting.
TILED_UP_TO = 1 << 14
#: Columns in a leaf of k rows on large data. Measured on 10^6 rows, k = 8:
#: 2^14 and 2^15 are fastest (13-15 ms a step); 2^12, which keeps the
#: buffers in a 1 MiB L2, takes 15-20 ms, and below 2^12 numpy's broadcasting
#: loops get 2.5x slower.
LEAF_COLUMNS = 1 << 14
#: The helper thread takes half the leaves from this many runs on. Measured
#: on 1.3·10^5 to 10^6 rows (a step alone / shared, idle 2-core machine):
#: k = 1 0.6-0.9x (handing over costs more than half a run saves), k = 2
#: 0.8-1.1x, k = 3 to 8 1.2-1.8x.
HELPED_FROM = 3


@functools.cache
def rows_sum_exactly() -> bool:
    """Whether this numpy sums each row of a (3, k, m) array bit for bit as it sums that row alone."""
    rng = np.random.default_rng(0)
    for k, m in ((1, 1), (3, 7), (8, 30), (5, 129), (8, 1000), (2, 4097), (100, 9)):
        probe = rng.standard_normal((3, k, m)) * 10.0 ** rng.integers(-3, 4, (3, k, 1))
        together = np.add.reduce(probe, axis=2)
        alone = np.array([[np.add.reduce(row) for row in plane] for plane in probe])
        if not np.array_equal(together.view(np.int64), alone.view(np.int64)):
            return False
    return True


def _each_row(rows: np.ndarray) -> np.ndarray:
    """The fallback: one ``np.add.reduce`` per row of a (..., m) array, flattened."""
    return np.array([np.add.reduce(row) for row in rows.reshape(-1, rows.shape[-1])])


def row_sums(X: np.ndarray, Y: np.ndarray, k: int, b: float | None) -> RowSums:
    """The sums of k runs on ``X``, ``Y`` (float64) whose b is ``b`` for all, or (``None``) in the params after w.

    As :func:`core.descent.descend`, "+ b" is left out when b is 0.0: a zero's
    sign, all "+ 0.0" could change, no sum shows (``np.add.reduce`` starts
    from +0.0).
    """
    m = X.shape[0]
    exact = rows_sum_exactly()
    if k * m <= TILED_UP_TO:
        return _tiled(X, Y, k, b, exact)
    blocked = exact and m > BLOCKED_ABOVE and blocking_is_exact()
    return _broadcast(X, Y, k, b, exact, LEAF_COLUMNS if blocked else m)


def _tiled(X: np.ndarray, Y: np.ndarray, k: int, b: float | None, exact: bool) -> RowSums:
    m = X.shape[0]
    km = k * m
    xs, ys = np.tile(X, k), np.tile(Y, k)
    # Three planes of k rows of m: r², x·r and r, each run's row contiguous.
    buffer = np.empty((3, k * m))
    squares, products, residual = buffer
    rows = buffer.reshape(3 * k, m)
    multiply, add, subtract, reduce = np.multiply, np.add, np.subtract, np.add.reduce

    def sums(params: np.ndarray) -> np.ndarray:
        # Each run's w (and b) m times, by one call. out is given by
        # position: numpy parses a keyword out= more slowly.
        repeated = params.repeat(m)
        multiply(xs, repeated[:km], residual)
        if b is None:
            add(residual, repeated[km:], residual)
        elif b != 0.0:
            add(residual, b, residual)
        subtract(residual, ys, residual)
        multiply(residual, residual, squares)
        multiply(xs, residual, products)
        return reduce(rows, 1) if exact else _each_row(rows)

    return sums


def _broadcast(X: np.ndarray, Y: np.ndarray, k: int, b: float | None, exact: bool, leaf: int) -> RowSums:
    # Leaves of at most `leaf` columns (one leaf: the whole rows).
    root, spans = pairwise_tree(X.shape[0], leaf)
    widest = max(hi - lo for lo, hi in spans)
    helper = _helper() if len(spans) > 1 and k >= HELPED_FROM else None
    # With a helper thread, the leaves are cut in two halves, one per thread,
    # each with its own buffers; the leaf sums are combined as before.
    halves = [spans[: len(spans) // 2], spans[len(spans) // 2 :]] if helper else [spans]
    groups = []
    for part in halves:
        buffer = np.empty((3, k, widest))
        # Views made once, planes unpacked: slicing on every step would add up.
        groups.append([(X[lo:hi], Y[lo:hi], buffer[:, :, : hi - lo], *buffer[:, :, : hi - lo]) for lo, hi in part])
    multiply, add, subtract, reduce = np.multiply, np.add, np.subtract, np.add.reduce
    with_b = b is None or b != 0.0

    def leaf_sums(leaves: list[tuple[np.ndarray, ...]], w_column: np.ndarray, b_column: np.ndarray | float) -> list[np.ndarray]:
        found = []
        for x, y, planes, squares, products, residual in leaves:
            multiply(x, w_column, out=residual)
            if with_b:
                add(residual, b_column, out=residual)
            subtract(residual, y, out=residual)
            multiply(residual, residual, out=squares)
            multiply(x, residual, out=products)
            found.append(reduce(planes, axis=2) if exact else _each_row(planes))
        return found

    def sums(params: np.ndarray) -> np.ndarray:
        w_column = params[:k, None]
        b_column = params[k:, None] if b is None else b
        if helper is None:
            found = leaf_sums(groups[0], w_column, b_column)
        else:
            # numpy lets go of the GIL inside each operation, so the two halves
            # run at once. The helper runs in a copy of this thread's context:
            # np.errstate, which the caller may have entered, lives there.
            later = helper.submit(contextvars.copy_context().run, leaf_sums, groups[1], w_column, b_column)
            found = leaf_sums(groups[0], w_column, b_column) + later.result()
        return combine(root, found).reshape(3 * k)

    return sums


@functools.cache
def _helper() -> ThreadPoolExecutor | None:
    """One thread to share a large sweep's leaves with, if this process may use a second core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return ThreadPoolExecutor(1, thread_name_prefix="gd-sweep") if cores > 1 else None


# A forked child inherits the cached executor but not its thread: a task
# given to it would wait forever. The child makes its own when it needs one.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_helper.cache_clear)
