"""ASCII stand-ins for the glyphs the dashboard draws, for terminals that cannot show UTF-8 (``--ascii``)."""

from __future__ import annotations

import unicodedata

__all__ = ["ASCII_CELLS", "ascii_cells", "ascii_text"]

#: One ASCII character per glyph, for text laid out cell by cell (a chart's
#: grid, a frame): the replacement must keep every column where it was.
ASCII_CELLS = str.maketrans(
    {
        # Half and quarter blocks, braille: a mark in the cell (first, so the
        # thin bars among the blocks, "▏▕", can be lines below).
        **{chr(code): "*" for code in range(0x2580, 0x25A0)},
        **{chr(code): "*" for code in range(0x2800, 0x2900)},
        **dict.fromkeys("─━┄┈╌═", "-"),
        **dict.fromkeys("│┃┆┊╎║▏▕", "|"),
        **dict.fromkeys("┌┐└┘├┤┬┴┼╭╮╰╯╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋", "+"),
        **dict.fromkeys("╴╶╸╺", "-"),
        # A separator in labels ("lr · speed"): "*" would read as times, "|" as absolute-value bars.
        "·": ",",
        "•": "o",
        "●": "@",
        "✕": "X",
        "×": "x",
        "−": "-",
        "–": "-",
        "—": "-",
        "…": "~",
        "←": "<",
        "→": ">",
        "↑": "^",
        "↓": "v",
        "◂": "<",
        "▸": ">",
        "±": "~",
        "≥": ">",
        "≤": "<",
        "⏎": "~",
        "\xa0": " ",
        "🔎": "> ",  # the command palette's prompt: two cells wide, so two characters
    }
)

#: Free text may grow: a word says what a glyph meant.
_WORDS = {
    "←/→": "left/right",
    "↑/↓": "up/down",
    "←": "left",
    "→": "right",
    "↑": "up",
    "↓": "down",
    "⏎": "enter",
    "…": "...",
    "≥": ">=",
    "≤": "<=",
    "±": "+/-",
    "·": "-",
    "—": "-",
}


def ascii_cells(text: str) -> str:
    """``text`` with each glyph replaced by ASCII, columns kept: one character a cell, anything unknown by ``?``.

    A wide character (CJK, most emoji: two cells) becomes ``??`` and a
    combining mark (no cell of its own) nothing, so what follows on the line
    stays in its column.
    """
    text = text.translate(ASCII_CELLS)
    if text.isascii():
        return text
    return "".join(char if char.isascii() else _stand_in(char) for char in text)


def _stand_in(char: str) -> str:
    if unicodedata.combining(char):
        return ""
    return "??" if unicodedata.east_asian_width(char) in "WF" else "?"


def ascii_text(text: str) -> str:
    """``text`` in ASCII for reading: arrows as words, ``…`` as ``...``, then :func:`ascii_cells`."""
    if text.isascii():
        return text
    for glyph, word in _WORDS.items():
        text = text.replace(glyph, word)
    return ascii_cells(text)
