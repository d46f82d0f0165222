"""ASCII mode (--ascii): the app carries the -ascii class and its frames are drawn with ASCII borders."""

from __future__ import annotations

import core
from support.app import started
from tui.app import GradientDescentApp
from tui.session.settings import Settings


def _app(ascii_mode: bool) -> GradientDescentApp:
    app = GradientDescentApp(Settings(core.load_dataset(), 0.001, 100, False, None, ascii=ascii_mode), clock=False)
    app.animation_level = "none"
    return app


async def test_ascii_mode_draws_the_frames_in_ascii() -> None:
    app = _app(True)
    async with started(app):
        assert app.has_class("-ascii")
        for selector in ("#form", "#status", "#log-pane", "#views ContentSwitcher"):
            assert app.query_one(selector).styles.border_top[0] == "ascii", selector


async def test_default_mode_keeps_the_rounded_frames() -> None:
    app = _app(False)
    async with started(app):
        assert not app.has_class("-ascii")
        for selector in ("#form", "#status", "#log-pane", "#views ContentSwitcher"):
            assert app.query_one(selector).styles.border_top[0] == "round", selector
