"""The run's transcript, the book's log: lines formatted from the history on demand, with marker and closing lines.

A mixin of :class:`tui.session.runner.Runner`: a million-iteration run keeps
its losses in arrays, and the log pane asks for just the lines it shows.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from core import iteration_line
from tui.session.history import History

__all__ = ["TranscriptLines"]


class TranscriptLines:
    """Line ``y`` of the transcript: an iteration, a marker (``# lr …``) or a closing line."""

    history: History
    _marker_lines: list[int]
    _marker_iters: list[int]
    _marker_texts: list[str]
    _tail: list[str]

    @property
    def done(self) -> int:
        """Iterations recorded so far."""
        return len(self.history)

    def _add_marker(self, text: str) -> None:
        self._marker_lines.append(self.done + len(self._marker_lines))
        self._marker_iters.append(self.done)
        self._marker_texts.append(text)

    def line_count(self) -> int:
        """Lines in the transcript: one per iteration, markers, and the closing lines."""
        return self.done + len(self._marker_lines) + len(self._tail)

    def line_width(self) -> int:
        """Width of the widest transcript line (a diverging loss makes long lines)."""
        widest = len(iteration_line(max(self.done - 1, 0), self.history.max_abs_loss))
        return max([widest, *map(len, self._marker_texts), *map(len, self._tail)])

    def line(self, y: int) -> tuple[str, int | None]:
        """Transcript line ``y`` and the iteration it shows (``None`` for other lines)."""
        markers = bisect_left(self._marker_lines, y)
        if markers < len(self._marker_lines) and self._marker_lines[markers] == y:
            return self._marker_texts[markers], None
        index = y - markers
        if index < self.done:
            return iteration_line(index, float(self.history.loss[index])), index
        tail = index - self.done
        if 0 <= tail < len(self._tail):
            return self._tail[tail], None
        return "", None

    def line_of_iteration(self, index: int) -> int:
        """The transcript line that shows iteration ``index``."""
        # A marker added when p iterations were done stands before iteration p.
        return index + bisect_right(self._marker_iters, index)

    def transcript(self) -> str:
        """The whole transcript as text (tests and export; not used for display)."""
        return "\n".join(self.line(y)[0] for y in range(self.line_count()))
