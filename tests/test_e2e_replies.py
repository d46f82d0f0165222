"""Terminal replies written into the running dashboard's input are never taken as keys (issue 11, part 4).

A real terminal answers queries on the keyboard's input: device attributes,
mode reports, cursor position reports, colour replies, focus in/out; a
non-UTF-8 terminal sends some as 8-bit controls or Latin-1, and any of them
can arrive split across reads. Each is written into the installed command's
pseudo-terminal while the dashboard waits; nothing may change (no help, the
same view, no run), and ``q`` must still quit with 0.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from support.pty import DEADLINE, Terminal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")

#: What a terminal sends back, by name: the replies whose characters Textual 8.2.8 took as keys, and those it reads.
REPLIES = {
    "DA1": b"\x1b[?62;22c",
    "DA2": b"\x1b[>1;10;0c",
    "DECRQM sync": b"\x1b[?2026;2$y",
    "DECRQM ansi": b"\x1b[4;2$y",
    "CPR": b"\x1b[12;40R",
    "DECXCPR": b"\x1b[?12;40;1R",
    "OSC 11 ST": b"\x1b]11;rgb:0000/0000/0000\x1b\\",
    "OSC 10 BEL": b"\x1b]10;rgb:ffff/ffff/ffff\x07",
    "focus": b"\x1b[I\x1b[O",
    "window size": b"\x1b[8;40;120t",
    "kitty flags": b"\x1b[?1u",
    "XTVERSION": b"\x1bP>|xterm(390)\x1b\\",
    "DSR": b"\x1b[0n",
}

#: The same replies as a Latin-1 terminal in 8-bit mode sends them (C1 controls), and Latin-1 text.
LATIN1 = {
    "8-bit DA1": b"\x9b?62;22c",
    "8-bit OSC 11": b"\x9d11;rgb:0000/0000/0000\x9c",
    "8-bit DECRQM": b"\x9b?2026;2$y",
    "Latin-1 after a reply": b"\x1b[?62;22c\xe9",
    "Latin-1 byte alone": b"\xe9",
}


def split_points(reply: bytes) -> list[int]:
    """Where to cut a reply into two reads: after ESC, after the introducer, in the middle."""
    return sorted({1, 2, len(reply) // 2} - {0, len(reply)})


def cases(kind: str) -> list[tuple[str, list[bytes]]]:
    if kind == "whole":
        return [(name, [reply]) for name, reply in REPLIES.items()] + [("all at once", [b"".join(REPLIES.values())])]
    if kind == "split":
        return [
            (f"{name} cut at {cut}", [reply[:cut], reply[cut:]]) for name, reply in REPLIES.items() for cut in split_points(reply)
        ]
    return [(name, [reply]) for name, reply in LATIN1.items()] + [
        (f"{name} cut at {cut}", [reply[:cut], reply[cut:]]) for name, reply in LATIN1.items() for cut in split_points(reply)
    ]


def settled(term: Terminal, seconds: float = 0.15) -> str:
    """The screen once the app has had ``seconds`` to react (longer than Textual's 0.1 s escape delay).

    A key that leaked later than that still shows at the next case's check, or the final one.
    """
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        term.pump(0.05)
    return term.text()


@pytest.mark.parametrize("kind", ["whole", "split", "latin-1"])
def test_terminal_replies_are_never_taken_as_keys(gd_tui: Path, tmp_path: Path, kind: str) -> None:
    term = Terminal(gd_tui, cwd=tmp_path, rows=30, cols=100)
    try:
        term.wait_for("the dashboard", lambda s: "Pause/Resume" in s and "state" in s)
        before = settled(term, 0.5)
        assert "Loss per iteration" in before and "ready" in term.line_with("state")
        for name, pieces in cases(kind):
            for piece in pieces:
                term.child.send(piece)
                term.pump(0.03)  # a separate read for each piece: the reply arrives split
            after = settled(term)
            assert term.child.isalive(), f"{name}: the app ended:\n{after}"
            assert "Keys" not in after, f"{name}: the help opened"
            assert "ready" in term.line_with("state"), f"{name}: a run started:\n{after}"
            assert after == before, f"{name}: the screen changed:\n{after}"
        assert settled(term, 1.0) == before, "the screen changed after the last case"
        term.child.send("q")
        assert term.wait_exit(deadline=DEADLINE) == 0
        assert b"Traceback" not in bytes(term.raw)
    finally:
        term.close()


def test_keys_still_work_through_the_filter(gd_tui: Path, tmp_path: Path) -> None:
    """Escape, arrows, and typing (a Latin-1 'é' too) reach the app as before, replies or not in between."""
    term = Terminal(gd_tui, cwd=tmp_path, rows=30, cols=100)
    try:
        term.wait_for("the dashboard", lambda s: "Pause/Resume" in s and "state" in s)
        term.child.send("f")  # into the form, at the lr field (its text selected)
        term.child.send(b"0.002\x1b[?62;22c\xe9")
        term.wait_for("the typed lr", lambda s: "0.002é" in term.line_with("lr "))
        term.child.send(b"\x7f\x7f")  # backspace twice: 0.00
        term.child.send(b"5\x1b")  # then esc (alone: it waits for Textual's escape delay) leaves the form
        term.wait_for("lr 0.005", lambda s: "0.005" in term.line_with("lr ") and "é" not in term.line_with("lr "))
        term.child.send("\r")
        term.wait_for("a run with lr 0.005", lambda s: "0.005" in term.line_with("lr · speed"))
        term.child.send("q")
        assert term.wait_exit(deadline=DEADLINE) == 0
    finally:
        term.close()
