"""For the servers the end-to-end tests start (sshd, gd-tui --serve): a free port, and waiting for a condition."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

__all__ = ["free_port", "wait_until"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on just now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(ready: Callable[[], object], deadline: float, step: float = 0.05) -> bool:
    """Poll the callable ``ready`` until it returns true or ``deadline`` seconds pass."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if ready():
            return True
        time.sleep(step)
    return bool(ready())
