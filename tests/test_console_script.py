"""The console script's start-up housekeeping: the garbage-collector pause and the BLAS thread default."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from appkit import make_app, started
from conftest import CLI_TIMEOUT, cli_env
from tui.cli import resume_collection

#: Runs tui.cli.run (the console script) with the given argv, then reports what it left behind.
PROBE = """
import gc, os, sys
sys.argv = ["gd-tui", *sys.argv[1:]]
from tui.cli import run
try:
    run()
except SystemExit:
    pass
sys.stderr.write(f"{os.environ.get('OPENBLAS_NUM_THREADS')} {gc.isenabled()} {gc.get_freeze_count() > 0}\\n")
"""


def probe(tmp_path: Path, *args: str, **env: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        env={**cli_env(), **env} if env else {k: v for k, v in cli_env().items() if k != "OPENBLAS_NUM_THREADS"},
        check=False,
    )
    return result.stderr.strip().splitlines()[-1].split()


def test_headless_run_collects_garbage_again_with_start_up_frozen(tmp_path: Path) -> None:
    assert probe(tmp_path, "--headless", "--iterations", "3") == ["1", "True", "True"]


def test_blas_threads_default_to_one_but_the_user_decides(tmp_path: Path) -> None:
    assert probe(tmp_path, "--version")[0] == "1"
    assert probe(tmp_path, "--version", OPENBLAS_NUM_THREADS="3")[0] == "3"


def test_console_script_starts_through_run() -> None:
    text = (Path(sys.executable).parent / "gd-tui").read_text(encoding="utf-8")
    assert "from tui.cli import run" in text


@pytest.fixture
def gc_restored() -> object:
    """Leave the collector as the test found it (enabled, nothing frozen)."""
    yield
    gc.unfreeze()
    gc.enable()


def test_resume_collection_ends_a_pause_and_leaves_a_running_collector_alone(gc_restored: object) -> None:
    gc.unfreeze()
    resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing paused: nothing frozen
    gc.disable()
    resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() > 0


async def test_dashboard_reports_started_once_the_views_are_mounted() -> None:
    calls: list[bool] = []
    app = make_app(on_started=lambda: calls.append(app.stage_ready))
    async with started(app) as pilot:
        await pilot.pause()
        assert calls == [True]
