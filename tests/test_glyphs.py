"""ASCII mode's glyph tables: every glyph the dashboard draws has an ASCII stand-in, columns kept where they must be."""

from __future__ import annotations

from tui.session.glyphs import ascii_cells, ascii_text

#: Every non-ASCII glyph in our texts and in plotext's frames and markers.
GLYPHS = "─│┌┐└┘├┤┬┴┼╭╮╰╯━╸╺▀▄█▌▐▖▗▘▝▚▞▙▛▜▟⣿·•●✕×−–—…←→↑↓◂▸±≥≤⏎▏"


def test_cells_keep_every_column_and_are_ascii() -> None:
    out = ascii_cells(GLYPHS)
    assert len(out) == len(GLYPHS)
    assert out.isascii() and "?" not in out


def test_free_text_reads_in_words() -> None:
    assert ascii_text("←/→ look back · enter") == "left/right look back - enter"
    assert ascii_text("a line…") == "a line..."
    assert ascii_text("loss − loss*") == "loss - loss*"
    assert ascii_text("plain") == "plain"


def test_an_unknown_glyph_becomes_a_question_mark_not_mojibake() -> None:
    assert ascii_cells("é✓") == "??"
