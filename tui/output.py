"""Where the command's words go: one-line messages on stderr, writes that survive a closed or full stream, the exit statuses.

Standard library only: the console script imports this before it can catch a ctrl+c.
"""

from __future__ import annotations

import os
import sys
from typing import IO

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_DIVERGED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "fail",
    "say",
    "silence",
    "write",
]

EXIT_OK = 0
EXIT_OUTPUT = 1
EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13


def silence(stream: IO[str]) -> None:
    """Point a failed stream's file descriptor at /dev/null.

    Python flushes stdout and stderr again at exit; on a full disk that would
    fail once more and print "Exception ignored" (and exit 120). Text still
    buffered then goes nowhere, which is all a broken stream can take.
    """
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests' StringIO), or already closed: nothing flushes to it
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def write(stream: IO[str] | None, text: str) -> bool:
    """Write and flush ``text``; False (and the stream silenced) when it cannot be written."""
    if stream is None:  # the descriptor was closed when Python started (`>&-`)
        return False
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        silence(stream)
        return False
    return True


def say(message: str) -> None:
    """One line on stderr, whatever a file name holds; dropped if stderr cannot take it."""
    flat = message.replace("\r", "\\r").replace("\n", "\\n")
    write(sys.stderr, f"gd-tui: {flat}\n")


def fail(message: str, status: int = EXIT_USAGE) -> int:
    """:func:`say` ``message`` and return ``status``, for ``return fail(...)``."""
    say(message)
    return status
