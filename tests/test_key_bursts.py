"""Keys in one burst (fast typing, or an SSH link delivering them together) act in order, where the key before them sent focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from support.app import dash, data_read, field, make_app, started, type_burst
from tui.screens.open_dialog import OpenDialog

SIZE = (120, 40)


@pytest.mark.parametrize("view", ["1", "5"])  # focus on the log, or on the runs table
async def test_a_value_typed_right_after_f_goes_into_the_field(view: str) -> None:
    """f and then 0.002 in one burst (fast typing, or SSH delivering them together): the digits are the lr, not views 2 and 0."""
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("escape", view)
        await pilot.pause()
        await type_burst(pilot, "f0.002")
        assert field(app, "lr").value == "0.002"
        assert app.dashboard.query_one("#views").active == f"view-{'loss' if view == '1' else 'runs'}"  # type: ignore[attr-defined]


async def test_keys_typed_right_after_o_land_in_the_dialogs_field(tmp_path: Path) -> None:
    """Keys in one burst (fast typing, or a laggy SSH link delivering them together) are not lost while the dialog opens."""
    ice = tmp_path / "ice.csv"
    ice.write_text("temperature,ice_creams\n20,3\n25,5\n30,8\n35,9\n")
    app = make_app(iterations=30)
    async with started(app, SIZE) as pilot:
        await pilot.press("escape")  # out of the form, where single keys are commands
        await type_burst(pilot, "o" + str(ice))
        assert isinstance(app.screen, OpenDialog)
        assert app.screen.query_one("#open-path", Input).value == str(ice)
        await pilot.press("enter")
        await data_read(app, pilot)
        assert dash(app).settings.dataset.source == str(ice)


async def test_o_typed_into_a_field_is_a_letter() -> None:
    """o is a priority key (so it runs before the keys after it), but in the form it is typed like any letter."""
    app = make_app()
    async with started(app, SIZE) as pilot:
        tolerance = field(app, "tolerance")
        tolerance.focus()
        await pilot.pause()
        await pilot.press(*"no")
        await pilot.pause()
        assert not isinstance(app.screen, OpenDialog)
        assert tolerance.value.endswith("no")
