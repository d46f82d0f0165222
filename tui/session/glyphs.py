"""ASCII stand-ins for the glyphs the dashboard draws, for terminals that cannot show UTF-8 (``--ascii``)."""

from __future__ import annotations

__all__ = ["ASCII_CELLS", "ascii_cells", "ascii_text"]

#: One ASCII character per glyph, for text laid out cell by cell (a chart's
#: grid, a frame): the replacement must keep every column where it was.
ASCII_CELLS = str.maketrans(
    {
        **dict.fromkeys("─━┄┈╌═", "-"),
        **dict.fromkeys("│┃┆┊╎║▏▕", "|"),
        **dict.fromkeys("┌┐└┘├┤┬┴┼╭╮╰╯╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋", "+"),
        **dict.fromkeys("╴╶╸╺", "-"),
        # Half and quarter blocks, braille: a mark in the cell.
        **{chr(code): "*" for code in range(0x2580, 0x25A0)},
        **{chr(code): "*" for code in range(0x2800, 0x2900)},
        "·": "*",
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
    """``text`` with each glyph replaced by one ASCII character (anything unknown by ``?``), columns kept."""
    return text.translate(ASCII_CELLS).encode("ascii", "replace").decode("ascii")


def ascii_text(text: str) -> str:
    """``text`` in ASCII for reading: arrows as words, ``…`` as ``...``, then :func:`ascii_cells`."""
    if text.isascii():
        return text
    for glyph, word in _WORDS.items():
        text = text.replace(glyph, word)
    return ascii_cells(text)
