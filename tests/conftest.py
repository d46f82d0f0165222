"""Shared fixtures: the bundled data set and the installed ``gd-tui`` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

import core
from helpers import RunCli

# Deterministic property tests: the same examples on every machine and run.
settings.register_profile("gd-tui", deadline=None, derandomize=True, max_examples=80, print_blob=True)
settings.load_profile("gd-tui")

#: Generous bound for one short ``gd-tui`` run on a slow, busy CI machine.
CLI_TIMEOUT = 60.0

@pytest.fixture(scope="session")
def pizza() -> core.Dataset:
    """The bundled pizza data, as the app loads it."""
    return core.load_dataset()


@pytest.fixture(scope="session")
def pizza_path() -> Path:
    """Path of the bundled ``pizza.txt``."""
    return core.bundled_data_path()


@pytest.fixture(scope="session")
def gd_tui() -> Path:
    """The installed console script, preferring the one beside this interpreter."""
    bin_dir = Path(sys.executable).parent
    found = shutil.which("gd-tui", path=os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]))
    script = Path(found) if found else bin_dir / "gd-tui"
    if not script.is_file():
        pytest.fail(f"gd-tui is not installed beside {sys.executable}; run `make test`")
    return script


def cli_env() -> dict[str, str]:
    """The caller's environment without anything that would bypass the install."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONWARNINGS", None)
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


@pytest.fixture
def run_gd_tui(gd_tui: Path, tmp_path: Path) -> RunCli:
    """``run_gd_tui(*args, **kwargs)``: :func:`run_cli` from a scratch directory."""

    def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        kwargs.setdefault("cwd", tmp_path)
        return run_cli(gd_tui, *args, **kwargs)  # type: ignore[arg-type]

    return run
