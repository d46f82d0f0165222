"""Data cases and helpers on the core's generator."""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import core

__all__ = ["BAD_FILES", "BadFile", "check_data_message", "collect"]


def collect(run: Generator[core.Step, None, core.Outcome]) -> tuple[list[core.Step], core.Outcome]:
    """Drain a :func:`core.descend` generator: its steps and its outcome."""
    steps: list[core.Step] = []
    while True:
        try:
            steps.append(next(run))
        except StopIteration as stop:
            return steps, stop.value


@dataclass(frozen=True)
class BadFile:
    """A data file ``load_dataset`` must reject, and what its message must say."""

    id: str
    content: bytes | None  # None: see ``kind``
    fault: str  # a fragment of the message naming the fault
    line: int | None = None  # the line the message must name, if any
    kind: str = "file"  # "file", "missing" or "directory"

    def make(self, directory: Path) -> Path:
        """Create the case under ``directory`` and return its path."""
        path = directory / f"{self.id}.txt"
        if self.kind == "directory":
            path.mkdir()
        elif self.kind == "file":
            assert self.content is not None
            path.write_bytes(self.content)
        return path


BAD_FILES = [
    BadFile("missing", None, "no such file", kind="missing"),
    BadFile("directory", None, "is a directory", kind="directory"),
    BadFile("not-utf8", b"x y\n1 2\n\xff\xfe 3\n", "not UTF-8"),
    BadFile("empty", b"", "is empty"),
    BadFile("whitespace-only", b"  \n\t\n \r\n\n", "is empty"),
    BadFile("header-only", b"Reservations  Pizzas\n", "header but no data rows"),
    BadFile("header-three-columns", b"a b c\n1 2\n3 4\n", "header has 3 columns", line=1),
    BadFile("header-one-column", b"sales\n1 2\n3 4\n", "header has 1 column,", line=1),
    BadFile("one-column", b"x y\n1 2\n3\n4 5\n", "has 1 column,", line=3),
    BadFile("three-columns", b"x y\n1 2\n3 4 5\n", "has 3 columns", line=3),
    BadFile("non-numeric", b"x y\n1 2\n3 four\n", "'four' is not a number", line=3),
    BadFile("nan", b"x y\n1 2\nnan 4\n", "'nan' is not a finite number", line=3),
    BadFile("inf", b"x y\n1 2\n3 inf\n", "'inf' is not a finite number", line=3),
    BadFile("line-after-comments", b"# pizzas\nx y\n\n# more\n1 2\n1e999 3\n", "not a finite number", line=6),
    BadFile("one-row", b"x y\n1 2\n", "at least 2 data rows"),
    BadFile("all-x-equal", b"x y\n3 1\n3 2\n3 5\n", "every x value is 3"),
    BadFile("too-large", b"x y\n1 2\n3 1e200\n", "overflow the loss"),
    BadFile("x-all-near-zero", b"x y\n0 2\n1e-200 3\n", "within 1e-100 of 0"),
]


def check_data_message(message: str, path: Path, case: BadFile) -> None:
    """A data error is one line naming the file, the line (if any) and the fault."""
    assert "\n" not in message and "\r" not in message, message
    assert str(path) in message, message
    rest = message.replace(str(path), "<file>")
    assert case.fault in rest, message
    lines = re.findall(r"\bline (\d+):", rest)
    assert lines == ([str(case.line)] if case.line is not None else []), message
