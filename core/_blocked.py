"""Large data sets: a step's three residual sums leaf by leaf, bit-identical to numpy's.

Each step of the book's loop needs, for ``r = X*w + b - Y``, the sums of
``r**2``, ``X*r`` and ``r``, each as ``np.average`` takes it: one
``np.add.reduce`` over the whole array. Beyond the L2 cache those whole-array
passes run at memory speed, and every temporary they allocate is page-faulted
in again; :func:`core.descent.descend` then takes the same three sums from
:func:`large_data_sums` instead. On 10^6 rows that makes a step 1.4x to 3.5x
faster on this project's 2-core VM (page faults cost more at some times than
at others); ``bench/core_speed.py`` measures it, and below 1.3x this module
would not be worth its code.

How: numpy's ``add.reduce`` over a contiguous float64 array is a pairwise sum
whose halves split at ``n // 2`` rounded down to a multiple of 8 (blocks of at
most 128 are summed with 8 accumulators). Cutting the arrays along that very
tree into cache-sized leaves, running every pass and all three sums on one
leaf while it is in L2 (into two reused buffers), and adding the leaf sums back
up the same tree gives the same bits while reading ``X`` and ``Y`` from memory
once per step instead of once per pass.

That relies on how numpy happens to sum, which numpy does not promise, so
:func:`large_data_sums` offers the blocked sums only after
:func:`blocking_is_exact` has checked them, once per process, against
``np.add.reduce`` itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import numpy as np

__all__ = [
    "BLOCKED_ABOVE",
    "LEAF",
    "Node",
    "Sums",
    "blocked_sums",
    "blocking_is_exact",
    "combine",
    "large_data_sums",
    "pairwise_tree",
]

#: ``sums(w, b) -> (sum r², sum x·r, sum r)`` for ``r = x·w + b - y``.
Sums = Callable[[float, float], tuple[float, float, float]]

#: Most rows in one leaf: four float64 arrays of 2^15 rows (x, y and two
#: buffers, 1 MiB) stay in a 2 MiB+ L2 cache with room to spare.
LEAF = 1 << 15
#: Up to this many rows the arrays fit in L2 whole, so blocking would only add
#: overhead.
BLOCKED_ABOVE = 1 << 16
#: numpy's pairwise-sum block size: below it the sum is not split further, so
#: a leaf must never be smaller.
_PAIRWISE_BLOCK = 128

# A node of the summation tree: a leaf's index, or a (left, right) pair.
Node: TypeAlias = "int | tuple[Node, Node]"


def large_data_sums(X: np.ndarray, Y: np.ndarray) -> Sums | None:
    """The blocked :data:`Sums` for a data set larger than the L2 cache, or ``None`` to sum whole arrays.

    ``None`` also when the columns are not float64 (the buffers and the
    combining are) or when this numpy does not sum the way the blocks assume.
    """
    float64 = X.dtype == np.float64 and Y.dtype == np.float64
    if X.shape[0] > BLOCKED_ABOVE and float64 and blocking_is_exact():
        return blocked_sums(X, Y)
    return None


def split_point(n: int) -> int:
    """Where numpy's pairwise sum splits ``n > 128`` values: n//2, down to a multiple of 8."""
    half = n // 2
    return half - half % 8


def _tree(lo: int, hi: int, leaf: int, spans: list[tuple[int, int]]) -> Node:
    # Follow numpy's splits from [lo, hi) down to pieces of at most `leaf`
    # rows, appending those pieces to `spans` left to right.
    if hi - lo <= leaf:
        spans.append((lo, hi))
        return len(spans) - 1
    middle = lo + split_point(hi - lo)
    return (_tree(lo, middle, leaf, spans), _tree(middle, hi, leaf, spans))


def pairwise_tree(n: int, leaf: int) -> tuple[Node, list[tuple[int, int]]]:
    """numpy's summation tree over ``n`` values, cut into leaves of at most ``leaf`` (≥ 128): the root and the leaves' spans."""
    spans: list[tuple[int, int]] = []
    return _tree(0, n, leaf, spans), spans


def combine(node: Node, leaf_sums: Sequence[Any]) -> Any:
    """Add the leaves' sums up the tree as numpy would (floats, or arrays of per-row sums)."""
    # Each pairwise level adds its left half's sum to its right half's. The
    # leaf sums include add.reduce's start value +0.0, which can only turn a
    # -0.0 partial sum into +0.0; the whole sum starts from +0.0 too, so the
    # final bits agree (and no sum of non-negative-zero values is -0.0).
    if isinstance(node, int):
        return leaf_sums[node]
    left, right = node
    return combine(left, leaf_sums) + combine(right, leaf_sums)


def blocked_sums(X: np.ndarray, Y: np.ndarray, leaf: int = LEAF) -> Sums:
    """Sums computed leaf by leaf along numpy's pairwise tree (see the module docstring).

    ``X`` and ``Y`` are 1-D float64 arrays; ``leaf`` is at least 128. (Only the
    buffers are summed, and they are contiguous, whatever the layout of X and Y.)
    """
    if leaf < _PAIRWISE_BLOCK:
        raise ValueError(f"leaf must be at least {_PAIRWISE_BLOCK}, not {leaf}")
    root, spans = pairwise_tree(X.shape[0], leaf)
    widest = max(hi - lo for lo, hi in spans)
    r_buffer = np.empty(widest, dtype=np.float64)
    s_buffer = np.empty(widest, dtype=np.float64)
    # Views made once: slicing on every step would cost more than it saves.
    leaves = [(X[lo:hi], Y[lo:hi], r_buffer[: hi - lo], s_buffer[: hi - lo]) for lo, hi in spans]
    squares = [0.0] * len(leaves)
    products = [0.0] * len(leaves)
    residuals = [0.0] * len(leaves)
    multiply, add, subtract, add_reduce = np.multiply, np.add, np.subtract, np.add.reduce

    def sums(w: float, b: float) -> tuple[float, float, float]:
        for i, (x, y, r, s) in enumerate(leaves):
            # r = x*w + b - y, the book's residual, on this leaf.
            multiply(x, w, out=r)
            add(r, b, out=r)
            subtract(r, y, out=r)
            residuals[i] = float(add_reduce(r))
            multiply(x, r, out=s)
            products[i] = float(add_reduce(s))
            multiply(r, r, out=r)  # r is used up: square it in place
            squares[i] = float(add_reduce(r))
        return combine(root, squares), combine(root, products), combine(root, residuals)

    return sums


def _whole_array_sums(X: np.ndarray, Y: np.ndarray, w: float, b: float) -> tuple[float, float, float]:
    """The three sums as ``np.average`` takes them, one ``np.add.reduce`` over each whole array."""
    r = X * w + b - Y
    return float(np.add.reduce(r**2)), float(np.add.reduce(X * r)), float(np.add.reduce(r))


def _bits(values: tuple[float, float, float]) -> bytes:
    return np.array(values, dtype=np.float64).tobytes()


def _verify() -> bool:
    """Do blocked sums equal whole-array ``np.add.reduce`` sums, bit for bit?

    Values spread over 2^±24 make a sum's low bits depend on the order of its
    additions, so a tree that differed from numpy's anywhere would show. The
    small-leaf cases reach many levels of the tree; the real leaf size checks
    that numpy sums a leaf-sized and a whole array in one pairwise pass. About
    10-20 ms.
    """
    rng = np.random.default_rng(20_240_601)
    for rows, leaf in ((65_537, LEAF), (100_003, LEAF), (20_011, 1_024), (3_001, _PAIRWISE_BLOCK)):
        X = rng.standard_normal(rows) * np.exp2(rng.integers(-24, 25, rows))
        Y = rng.standard_normal(rows) * np.exp2(rng.integers(-24, 25, rows))
        blocked = blocked_sums(X, Y, leaf)
        for w, b in ((0.75, -1.25), (-3.0, 0.0)):
            if _bits(blocked(w, b)) != _bits(_whole_array_sums(X, Y, w, b)):
                return False
    return True


@functools.cache
def blocking_is_exact() -> bool:
    """Whether :func:`blocked_sums` reproduces this numpy's sums (checked once)."""
    return _verify()
