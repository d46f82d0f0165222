"""The layout follows the terminal: a slimmer side panel below 100 columns, back when it grows."""

from __future__ import annotations

from support.app import make_app, started


async def test_side_panel_narrows_and_widens_with_the_terminal() -> None:
    app = make_app()
    async with started(app, (120, 40)) as pilot:
        main = app.screen
        side = app.query_one("#side")
        assert not main.has_class("-narrow") and side.size.width == 40
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert main.has_class("-narrow") and side.size.width == 36
        await pilot.resize_terminal(130, 45)
        await pilot.pause()
        assert not main.has_class("-narrow") and side.size.width == 40
