"""The form under fuzzing (issue 11): anything typed or pasted into its fields, then enter.

Only each field's own validator message may appear beside it; the app stays
alive; the field still holds what was typed (a paste of several lines is
refused whole, with its one warning); a valid form runs, and after ctrl+r
(which restores invalid fields) enter runs again.
"""

from __future__ import annotations

import asyncio
import unicodedata

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from textual import events

import core
from support.app import FIELDS, error_text, field, make_app, started
from tui.widgets.run_form import RunForm

PARSERS = RunForm.FIELDS
PASTE_REFUSED = "A field takes one line"

NASTY = st.sampled_from(
    ["1e309", "-1e309", "nan", "NaN", "-nan", "inf", "-inf", "-0", "0", "+0", "-0.0", "0x10", "1_000", "1,000", " 0.001 ",
     "\u00a00.001", "１２３", "٣", "1e-400", "9" * 400, "", "   ", "0.001\u200b", "10000001", "1.5", "½", "𝟏", "1e6", "0.01"]
)  # fmt: skip
TYPED = st.one_of(NASTY, st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=24))
#: Pastes carry what typing cannot: control characters, line breaks, 5,000 digits.
PASTED = st.one_of(NASTY, st.text(max_size=40), st.just("1" * 5000), st.lists(NASTY, min_size=2, max_size=3).map("\n".join))
ENTRY = st.tuples(st.sampled_from(["type", "paste"]), st.one_of(TYPED, PASTED))


def key_for(char: str) -> events.Key:
    """The key event a terminal's keyboard gives for ``char`` (its name as Textual derives it)."""
    name = char if char.isalnum() else unicodedata.name(char, char).lower().replace("-", "_").replace(" ", "_")
    return events.Key(name, char)


def expected_message(name: str, text: str) -> str | None:
    """The field's own validator message for ``text``, or None when it parses."""
    try:
        PARSERS[name](text)
    except ValueError as error:
        return str(error)
    return None


async def fuzz(entries: dict[str, tuple[str, str]], pizza: core.Dataset) -> None:
    app = make_app(dataset=pizza)
    async with started(app) as pilot:
        held: dict[str, str] = {}
        for name, (how, text) in entries.items():
            app.dashboard.set_focus(field(app, name))  # at once; selects the text, which what comes next replaces
            await pilot.pause()
            before = field(app, name).value
            if how == "type":
                for char in text:
                    app.post_message(key_for(char))
                # A key that prints nothing types nothing; typing nothing leaves the field as it was.
                expected = "".join(char for char in text if char.isprintable()) or before
            else:
                app.post_message(events.Paste(text))
                lines = text.strip("\r\n").splitlines()
                expected = before if len(lines) > 1 or not text else text.splitlines()[0]
            await pilot.pause()
            held[name] = field(app, name).value
            assert held[name] == expected, (name, how, text)
        await pilot.press("enter")
        assert app.is_running
        messages = {name: expected_message(name, held[name]) for name in FIELDS}
        for name in FIELDS:
            shown = error_text(app, name)
            if messages[name] is None:
                assert shown == "", (name, held[name], shown)
            else:
                assert shown.startswith(str(messages[name])) and "ctrl+r restores" in shown, (name, shown)
            assert field(app, name).value == held[name]  # enter loses nothing
        valid = all(message is None for message in messages.values())
        assert app.dashboard.runner.state == ("running" if valid else "ready")
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert all(PASTE_REFUSED in toast for toast in toasts), toasts
        await pilot.press("ctrl+r", "enter")  # invalid fields restored: a valid form runs
        assert app.dashboard.runner.state == "running"


# No shrinking: each example is an app, and a failure's example is printed as drawn.
@settings(max_examples=12, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(entries=st.fixed_dictionaries({name: ENTRY for name in FIELDS}))
def test_anything_typed_or_pasted_into_the_form(entries: dict[str, tuple[str, str]], pizza: core.Dataset) -> None:
    asyncio.run(fuzz(entries, pizza))
