"""ASCII mode (--ascii, or a locale without UTF-8): frames in ASCII, every glyph with a stand-in, ASCII on the wire.

Three layers, three tests: our frames choose ASCII borders (the look); every
glyph any screen draws has a one-character stand-in (so the driver's
translation never writes ``?`` for a glyph we chose); and the real command,
started in a pseudo-terminal under ``LANG=C``, writes only ASCII bytes while
it runs the book's example to its end.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

import core
from support.app import started, sweep_to_end
from support.pty import Terminal
from tui.app import GradientDescentApp
from tui.session.glyphs import ascii_cells
from tui.session.settings import Settings

FRAMES = ("#form", "#status", "#log-pane", "#views ContentSwitcher")


def _app(ascii_mode: bool, lr: float = 0.001, *, lrs: tuple[float, ...] = (), bias: bool = False) -> GradientDescentApp:
    settings = Settings(core.load_dataset(), lr, 100, bias, None, ascii=ascii_mode, lrs=lrs or (lr,))
    app = GradientDescentApp(settings, clock=False, speed=100)
    app.animation_level = "none"
    return app


async def test_ascii_mode_draws_the_frames_in_ascii() -> None:
    app = _app(True)
    async with started(app) as pilot:
        assert app.has_class("-ascii")
        for selector in FRAMES:
            assert app.query_one(selector).styles.border_top[0] == "ascii", selector
        await pilot.press("o")  # the open dialog's field, whose tall border is eighth blocks
        await pilot.pause()
        assert app.screen.query_one("#open-path").styles.border_top[0] == "ascii"


async def test_default_mode_keeps_the_rounded_frames() -> None:
    app = _app(False)
    async with started(app):
        assert not app.has_class("-ascii")
        for selector in FRAMES:
            assert app.query_one(selector).styles.border_top[0] == "round", selector


def _glyphs(app: GradientDescentApp) -> set[str]:
    """Every non-ASCII character on the screen now (read from the SVG screenshot's text)."""
    svg = app.export_screenshot()
    text = "".join(html.unescape(part) for part in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    return {char for char in text if not char.isascii()}


async def _every_screen(app: GradientDescentApp, pilot: Pilot) -> set[str]:
    """The glyphs of a finished sweep (one lr diverging) in views 1-5, the overlay, the help and the palette."""
    seen = _glyphs(app)
    await pilot.press("enter")
    await sweep_to_end(app, pilot)
    for key in ("1", "c", "l", "2", "3", "4", "5"):
        await pilot.press(key)
        await pilot.pause()
        seen |= _glyphs(app)
    await pilot.press("question_mark")
    await pilot.pause()
    seen |= _glyphs(app)
    await pilot.press("escape", "ctrl+p")
    await pilot.pause()
    seen |= _glyphs(app)
    return seen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_glyph_on_every_screen_has_an_ascii_stand_in(size: tuple[int, int]) -> None:
    app = _app(True, lrs=(0.001, 0.003, 0.005), bias=True)
    async with started(app, size) as pilot:
        seen = await _every_screen(app, pilot)
    assert seen, "the dashboard draws glyphs (frames, charts): none found means the screenshot was not read"
    unknown = sorted(glyph for glyph in seen if "?" in ascii_cells(glyph))
    assert not unknown, f"no ASCII stand-in for {unknown} ({[hex(ord(g)) for g in unknown]})"


async def test_ascii_mode_names_keys_in_words() -> None:
    app = _app(True)
    async with started(app):
        keys = [app.get_key_display(binding) for _, binding, _, _ in app.active_bindings.values()]
    assert keys and all(key.isascii() for key in keys), keys


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
def test_a_c_locale_gets_ascii_only_and_the_books_result(gd_tui: Path, tmp_path: Path) -> None:
    """No --ascii: LANG=C alone chooses ASCII mode; every byte written is ASCII, views and help included."""
    term = Terminal(gd_tui, cwd=tmp_path, rows=24, cols=80, env={"LANG": "C", "LC_ALL": "C"})
    try:
        term.wait_for("the form", lambda s: "0.001" in term.line_with(" lr  "))
        term.child.send("\r")
        term.wait_for("the book's final w", lambda s: "w=1.8436928702" in s)
        for key, shows in (
            ("2", "L(w), b=0"),
            ("3", "Fit: Pizzas"),
            ("4", "no surface"),
            ("5", "finished, lowest loss"),
            ("?", "closes this help"),
        ):
            term.child.send(key)
            term.wait_for(f"the screen after {key!r}", lambda s, shows=shows: shows in s)  # type: ignore[misc]
        term.child.send("\x1b")
        term.wait_for("the dashboard again", lambda s: "closes this help" not in s)
        # The frames are there, in ASCII: the mode changed the look, it did not blank the screen.
        assert "+- Run " in term.text(), term.text()
        term.child.send("q")
        status = term.wait_exit(deadline=10.0)
        assert status == 0, term.text()
        wrong = sorted({chr(byte) for byte in term.raw if byte >= 0x80})
        assert not wrong, f"non-ASCII bytes written: {wrong[:20]}"
    finally:
        term.close()
