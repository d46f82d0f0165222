"""A fixed-size min/max summary of a growing series, for charts whose cost must not grow with history.

The loss chart wants about two points per terminal column, keeping each
column's extremes so spikes stay visible. Reducing a million-value history to
that on every frame would make the frame cost grow with the run; instead this
summary folds values into at most ``capacity`` buckets as they arrive
(amortised O(1) per value) and a frame reads only those buckets.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MinMaxSummary", "downsample"]


class MinMaxSummary:
    """Buckets of ``bucket`` consecutive values, each keeping min, max, first and last.

    When the buckets fill up, neighbours merge in pairs and ``bucket`` doubles,
    so the summary never holds more than ``capacity`` buckets.
    """

    def __init__(self, capacity: int = 2048) -> None:
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number ≥ 2")
        self.capacity = capacity
        self.clear()

    def clear(self) -> None:
        """Forget every value."""
        self.bucket = 1
        self.count = 0  # values seen
        self._min = np.empty(self.capacity)
        self._max = np.empty(self.capacity)
        self._first = np.empty(self.capacity)
        self._last = np.empty(self.capacity)

    @property
    def buckets(self) -> int:
        """Number of buckets in use (the last one may be partly filled)."""
        return -(-self.count // self.bucket)

    def extend(self, values: np.ndarray) -> None:
        """Fold ``values`` (1-D, in order) into the summary."""
        values = np.asarray(values, dtype=np.float64)
        while values.size:
            filled = self.count % self.bucket
            if filled:
                # Top up the partly filled last bucket.
                take = min(self.bucket - filled, values.size)
                head, values = values[:take], values[take:]
                i = self.buckets - 1
                self._min[i] = min(self._min[i], head.min())
                self._max[i] = max(self._max[i], head.max())
                self._last[i] = head[-1]
                self.count += take
                continue
            if self.buckets == self.capacity:
                self._merge()
                continue
            # Whole new buckets, vectorised; a ragged tail opens a partial one.
            room = (self.capacity - self.buckets) * self.bucket
            chunk, values = values[:room], values[room:]
            whole = chunk.size // self.bucket * self.bucket
            start = self.buckets
            if whole:
                grid = chunk[:whole].reshape(-1, self.bucket)
                end = start + grid.shape[0]
                self._min[start:end] = grid.min(axis=1)
                self._max[start:end] = grid.max(axis=1)
                self._first[start:end] = grid[:, 0]
                self._last[start:end] = grid[:, -1]
                start = end
            tail = chunk[whole:]
            if tail.size:
                self._min[start] = tail.min()
                self._max[start] = tail.max()
                self._first[start] = tail[0]
                self._last[start] = tail[-1]
            self.count += chunk.size

    def _merge(self) -> None:
        half = self.capacity // 2
        self._min[:half] = np.minimum(self._min[0::2], self._min[1::2])
        self._max[:half] = np.maximum(self._max[0::2], self._max[1::2])
        self._first[:half] = self._first[0::2]
        self._last[:half] = self._last[1::2]
        self.bucket *= 2

    def columns(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Group the buckets into at most ``n`` columns.

        Returns ``(start, min, max, falling)``: each column's first value index,
        its extremes, and whether it ends lower than it starts. Cost is
        O(capacity), whatever :attr:`count` is.
        """
        used = self.buckets
        if used == 0 or n < 1:
            empty = np.empty(0)
            return empty, empty, empty, np.empty(0, dtype=bool)
        edges = np.unique(np.linspace(0, used, min(n, used) + 1).astype(np.int64))[:-1]
        lows = np.minimum.reduceat(self._min[:used], edges)
        highs = np.maximum.reduceat(self._max[:used], edges)
        ends = np.append(edges[1:], used) - 1
        falling = self._last[ends] < self._first[edges]
        return edges * self.bucket, lows, highs, falling


def downsample(summary: MinMaxSummary, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Points for a line chart: two per column (its extremes, in time order), one where they are equal.

    A falling column yields (max, min), a rising one (min, max), so the line
    traces the series' shape while every spike still reaches its height. A
    column whose extremes are equal (a converged run's flat tail, most of a
    long run) yields only its start: the second point would add nothing to
    the picture, and a chart's cost goes with its points. The last column
    keeps its end, so a line still reaches the newest value.
    """
    starts, lows, highs, falling = summary.columns(columns)
    if starts.size == 0:
        return np.empty(0), np.empty(0)
    span = np.diff(np.append(starts, summary.count)).astype(np.float64)
    xs = np.empty(starts.size * 2)
    ys = np.empty(starts.size * 2)
    xs[0::2] = starts
    xs[1::2] = starts + np.maximum(span - 1, 0)
    ys[0::2] = np.where(falling, highs, lows)
    ys[1::2] = np.where(falling, lows, highs)
    keep = np.ones(xs.size, dtype=bool)
    keep[1:-1:2] = lows[:-1] != highs[:-1]
    return xs[keep], ys[keep]
