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
from support.cli import RunCli, run_cli

# Deterministic property tests: the same examples on every machine and run.
settings.register_profile("gd-tui", deadline=None, derandomize=True, max_examples=80, print_blob=True)
settings.load_profile("gd-tui")


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


@pytest.fixture
def run_gd_tui(gd_tui: Path, tmp_path: Path) -> RunCli:
    """``run_gd_tui(*args, **kwargs)``: :func:`run_cli` from a scratch directory."""

    def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        kwargs.setdefault("cwd", tmp_path)
        return run_cli(gd_tui, *args, **kwargs)  # type: ignore[arg-type]

    return run
