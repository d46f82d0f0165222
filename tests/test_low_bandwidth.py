"""Low-bandwidth mode: on by itself in an SSH session, off with the flag, and what it changes on screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

import core
from support.pty import DEADLINE, Terminal
from tui.app import GradientDescentApp
from tui.session.pace import FRAME_RATE, LOG_RATE, LOW_BANDWIDTH_FRAME_RATE, LOW_BANDWIDTH_LOG_RATE
from tui.session.settings import Settings, low_bandwidth_default
from tui.widgets.transcript_log import TranscriptLog


def test_an_ssh_session_turns_it_on_by_default() -> None:
    assert low_bandwidth_default({"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"})
    assert not low_bandwidth_default({})
    assert not low_bandwidth_default({"SSH_CONNECTION": ""})


@pytest.mark.parametrize("low", [True, False])
async def test_it_redraws_less_never_blinks_and_says_so(low: bool) -> None:
    app = GradientDescentApp(Settings(core.load_dataset(), 0.001, 100, False, None, low), clock=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.dashboard
        assert screen.frame_rate == (LOW_BANDWIDTH_FRAME_RATE if low else FRAME_RATE)
        assert app.query_one(TranscriptLog).rate == (LOW_BANDWIDTH_LOG_RATE if low else LOG_RATE)
        assert all(field.cursor_blink is not low for field in app.query(Input))
        assert ("low bandwidth" in str(app.query_one("#status").border_title)) is low


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(("flags", "on"), [((), True), (("--no-low-bandwidth",), False)])
def test_the_real_command_in_an_ssh_like_session(
    gd_tui: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: tuple[str, ...], on: bool
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22")
    term = Terminal(gd_tui, *flags, cwd=tmp_path)
    try:
        term.wait_for("the status panel", lambda s: "Status ·" in s and "state" in s)
        assert ("low bandwidth" in term.line_with("Status ·")) is on, term.text()
        term.child.send("q")
        assert term.wait_exit(deadline=DEADLINE) == 0
    finally:
        term.close()
