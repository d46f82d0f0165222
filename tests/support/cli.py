"""Running the installed ``gd-tui`` command in tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

__all__ = ["CLI_TIMEOUT", "RunCli", "cli_env", "one_line", "run_cli"]

#: ``run_gd_tui(*args, **kwargs)`` from conftest: the installed command, captured.
RunCli = Callable[..., "subprocess.CompletedProcess[bytes]"]

#: Generous bound for one short ``gd-tui`` run on a slow, busy CI machine.
CLI_TIMEOUT = 60.0


def cli_env() -> dict[str, str]:
    """The caller's environment without anything that would bypass the install."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONWARNINGS", None)
    # Set, it would let the dashboard start without a terminal (it is how --serve runs it).
    env.pop("TEXTUAL_DRIVER", None)
    return env


def run_cli(
    script: Path,
    *args: str,
    cwd: Path,
    timeout: float = CLI_TIMEOUT,
    stdin: int | None = subprocess.DEVNULL,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``gd-tui`` with ``args`` and capture its stdout and stderr as bytes."""
    return subprocess.run(
        [str(script), *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        timeout=timeout,
        env=cli_env(),
        check=False,
    )


def one_line(stderr: bytes) -> str:
    """The single line a failing command wrote to stderr; fails on anything else."""
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert text.endswith("\n") and text.count("\n") == 1, f"expected one line on stderr, got {text!r}"
    return text.rstrip("\n")
