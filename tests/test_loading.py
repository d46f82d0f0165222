"""The loading screen (issue 11): a large file opens the dashboard at once, shows its progress, and can be quit.

Pilot tests drive the app with a :class:`Loading` on a generated file (the
real reader, in its thread, with small chunks so the progress moves many
times); the pty tests run the installed command on a file over the threshold
and check what a person would see, and that ctrl+c there exits 130 with the
terminal restored.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, ProgressBar

import core
from support.pty import DEADLINE, Terminal
from tui.app import GradientDescentApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.loading import LoadingScreen
from tui.session.loading import LOAD_IN_BACKGROUND, Loading, background_load
from tui.session.settings import Settings

#: Rows of the Pilot tests' file: about 2 MB, read in 64 KiB and parsed in 32 KiB chunks.
ROWS = 250_000
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


def write_rows(path: Path, repeats: int, bad_tail: bytes = b"") -> Path:
    """A header and ``repeats`` copies of ten rows (fast to write: one bytes object), then ``bad_tail``."""
    block = b"".join(b"%d %d\n" % (x, 2 * x + 3) for x in range(10, 20))
    path.write_bytes(b"reservations pizzas\n" + block * repeats + bad_tail)
    return path


def settings_for(dataset: core.Dataset) -> Settings:
    return Settings(dataset, 0.001, 100, False, None)


def loading_app(path: Path) -> GradientDescentApp:
    app = GradientDescentApp(Loading(path, path.stat().st_size, settings_for), clock=False)
    app.animation_level = "none"
    return app


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many chunks, so that the progress has many steps to show."""
    monkeypatch.setattr("core.files.READ_CHUNK", 64 << 10)
    monkeypatch.setattr("core.plain.PARSE_CHUNK", 32 << 10)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the reading thread at its start until the test is watching; the real reader runs after."""
    opened = threading.Event()
    real = core.load_dataset

    def held(path: Any, **kwargs: Any) -> core.Dataset:
        assert opened.wait(DEADLINE), "the test never opened the gate"
        return real(path, **kwargs)

    monkeypatch.setattr("tui.screens.loading.load_dataset", held)
    return opened


async def until(pilot: Pilot, what: str, ready: Callable[[], bool], pauses: int = 2000) -> None:
    for _ in range(pauses):
        if ready():
            return
        await pilot.pause(0.005)
    raise AssertionError(f"never: {what}")


@pytest.mark.usefixtures("small_chunks")
async def test_progress_moves_then_the_dashboard_opens(tmp_path: Path, gate: threading.Event) -> None:
    path = write_rows(tmp_path / "big.txt", ROWS // 10)
    size = path.stat().st_size
    app = loading_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        bar = screen.query_one(ProgressBar)
        assert str(path) in str(screen.query_one("#loading-file", Label).render())
        assert str(screen.query_one("#loading-text", Label).render()) == f"Reading 0.0 MB of {size / 1e6:.1f} MB"
        seen: list[float] = []

        def record(value: float) -> None:
            seen.append(value)

        app.watch(bar, "progress", record, init=False)
        gate.set()
        await until(pilot, "the dashboard", lambda: isinstance(app.screen, DashboardScreen))
        assert seen == sorted(seen) and seen[-1] == bar.total == 2 * size
        inside = [value for value in seen if 0 < value < 2 * size]
        assert len(inside) >= 2 * size // (64 << 10), seen  # every chunk was shown
        assert any(value < size for value in inside) and any(value > size for value in inside)
        assert app.dashboard.settings.dataset.size == ROWS
        assert app.dashboard.runner.state == "ready"
        await pilot.press("enter")  # the dashboard is live: its keys work
        assert app.dashboard.runner.state == "running"


@pytest.mark.parametrize(("key", "status"), [("ctrl+c", 130), ("q", 0)])
async def test_ctrl_c_or_q_while_loading_quits_and_stops_the_read(
    tmp_path: Path, gate: threading.Event, key: str, status: int
) -> None:
    app = loading_app(write_rows(tmp_path / "big.txt", ROWS // 10))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        await pilot.press(key)
        assert screen.stop.is_set()
        gate.set()  # the thread now reads its first chunk, sees the stop, and ends
    assert app.return_code == status
    assert app.data_error is None


@pytest.mark.usefixtures("small_chunks")
async def test_a_bad_file_found_while_loading_quits_with_2_and_its_line(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "bad.txt", ROWS // 10, bad_tail=b"1 x\n")
    app = loading_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, "the app to end", lambda: not app.is_running)
    assert app.return_code == 2
    assert app.data_error == f"{path}: line {ROWS + 2}: 'x' is not a number"


def test_only_large_regular_files_load_in_the_background(tmp_path: Path) -> None:
    small = write_rows(tmp_path / "small.txt", 10)
    large = tmp_path / "large.txt"
    with large.open("wb") as stream:
        stream.truncate(LOAD_IN_BACKGROUND + 1)  # sparse: the size is what decides
    os.mkfifo(tmp_path / "fifo")
    assert background_load(None, settings_for) is None  # the bundled data
    assert background_load(str(small), settings_for) is None
    for refused_at_once in ("missing.txt", "fifo", ""):
        assert background_load(str(tmp_path / refused_at_once), settings_for) is None
    loading = background_load(str(large), settings_for)
    assert loading is not None and loading.size == LOAD_IN_BACKGROUND + 1 and loading.path == large


# ------------------------------------------------------------------- in a real terminal

#: About 64 MB, 10^7 rows: the issue's file, a few seconds' read.
BIG_REPEATS = 10**6


def loading_shown(text: str) -> bool:
    return "Reading the data" in text and " MB of " in text


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_big_file_shows_the_loading_screen_and_ctrl_c_there_exits_130(gd_tui: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "big.txt", BIG_REPEATS)
    term = Terminal(gd_tui, "--data", str(path), cwd=tmp_path, rows=24, cols=80)
    try:
        term.wait_for("the loading screen", loading_shown)
        assert "big.txt" in term.text() and "q or ctrl+c quits" in term.text()
        before = len(term.raw)
        term.child.send("\x03")  # ctrl+c: in the app's raw terminal a key, not a signal
        status = term.wait_exit(deadline=DEADLINE)
        after = bytes(term.raw[before:])
        assert status == 130, (status, term.text())
        assert LEAVE_ALTERNATE_SCREEN in after and SHOW_CURSOR in after, after[-200:]
        assert b"Traceback" not in bytes(term.raw)
    finally:
        term.close()


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_large_file_shows_the_loading_screen_then_the_dashboard(gd_tui: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "large.txt", 2 * LOAD_IN_BACKGROUND // 60)  # about 8 MB: under a second's read
    term = Terminal(gd_tui, "--data", str(path), cwd=tmp_path, rows=24, cols=80)
    try:
        shown: list[bool] = []

        def dashboard_up(text: str) -> bool:
            shown.append(loading_shown(text))  # every screen seen on the way
            return "Pause/Resume" in text and "state" in text

        term.wait_for("the dashboard", dashboard_up)
        assert any(shown), "the loading screen never showed"
        term.child.send("q")
        assert term.wait_exit(deadline=DEADLINE) == 0
    finally:
        term.close()
