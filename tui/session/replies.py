"""Terminal input made safe to parse: replies to queries removed, every byte turned into valid UTF-8.

A terminal answers queries on the same input as the keyboard: device
attributes (``ESC [ ? 62 ; 22 c``), colour queries (``ESC ] 11 ; rgb:… ESC \\``),
window reports, mode reports. Textual 8.2.8's input parser knows a few of
them (DECRQM mode reports ``ESC [ ? … $ y``, cursor position reports, focus
in/out); every other one it cannot match, and after its escape delay it hands
the sequence's characters on as key presses: ``?`` opens the help, ``1`` to
``4`` change the view, ``r`` starts a run. It also decodes input as strict
UTF-8 in its input thread, so one byte from a Latin-1 terminal (``é``, or an
8-bit ``CSI`` 0x9b) ends that thread and the app with a traceback.

:class:`ReplyFilter` sits between the terminal and Textual (see
``tui.terminal``): bytes that are not UTF-8 are read as Latin-1, 8-bit C1
controls become their 7-bit ``ESC`` forms, and the replies Textual would
mistake for keys are dropped, even when they arrive split across reads.
Everything else (keys, mouse, paste, the replies Textual does read) passes
through unchanged and in order.
"""

from __future__ import annotations

import codecs

__all__ = ["HOLD_REPLY", "HOLD_SHORT", "MAX_HELD", "ReplyFilter"]

#: How long the start of an escape sequence that might still turn out to be
#: a key (a lone ESC, ``ESC [ 1 ;``) waits for its next byte before it is
#: passed on as it is: Textual's own escape delay, so a split key still arrives whole.
HOLD_SHORT = 0.1
#: How long the start of what can only be a reply (``ESC [ ?``, ``ESC ]``)
#: waits for its next byte before it is dropped: a split reply still comes whole.
HOLD_REPLY = 1.0
#: A reply that grows past this many characters without ending is dropped as it stands.
MAX_HELD = 4096

ESC = "\x1b"
#: 8-bit C1 controls (a Latin-1 terminal's CSI, OSC, ST...) as their 7-bit forms.
_C1 = {code: ESC + chr(code - 0x40) for code in range(0x80, 0xA0)}
#: Escape sequences that only a terminal sends, as replies: OSC, DCS, APC, PM, SOS strings.
_STRINGS = "]P_^X"


def _latin1(error: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Latin-1 (what a non-UTF-8 terminal most likely sent)."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("gd-tui.latin-1", _latin1)


class ReplyFilter:
    """Feed it the terminal's bytes; it returns what Textual should read (valid UTF-8, no stray replies).

    Stateful: a sequence split across reads is held until its end arrives (or
    its hold expires: :meth:`flush` at :meth:`deadline`). Times are in seconds
    of a monotonic clock, passed in so that tests control them.
    """

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")("gd-tui.latin-1")
        self._undecoded_since: float | None = None
        self._held = ""
        self._held_since = 0.0

    def feed(self, data: bytes, now: float) -> bytes:
        """The part of ``data`` (and of what was held) that can be passed on now."""
        text = self._decoder.decode(data)
        # The first bytes of a character (a Latin-1 'é' looks like one) would
        # otherwise wait in the decoder until the next key.
        pending = bool(self._decoder.getstate()[0])
        if not pending:
            self._undecoded_since = None
        elif self._undecoded_since is None:
            self._undecoded_since = now
        return self._scan(text, now)

    def deadline(self) -> float | None:
        """When :meth:`flush` should be called if no more input comes; ``None`` when nothing is held."""
        times = []
        if self._undecoded_since is not None:
            times.append(self._undecoded_since + HOLD_SHORT)
        if self._held:
            times.append(self._held_since + (HOLD_REPLY if _reply_shaped(self._held) else HOLD_SHORT))
        return min(times) if times else None

    def flush(self, now: float) -> bytes:
        """Release what has waited too long: a key's start passes on as it is, a reply's start is dropped."""
        text = ""
        if self._undecoded_since is not None and now >= self._undecoded_since + HOLD_SHORT:
            text = self._decoder.decode(b"", final=True)  # an incomplete UTF-8 sequence: its bytes as Latin-1
            self._undecoded_since = None
        out = self._scan(text, now) if text else b""
        if self._held:
            reply = _reply_shaped(self._held)
            if now >= self._held_since + (HOLD_REPLY if reply else HOLD_SHORT):
                held, self._held = self._held, ""
                if not reply:
                    out += held.encode("utf-8")
        return out

    def _scan(self, text: str, now: float) -> bytes:
        text, self._held = (self._held + text).translate(_C1), ""
        out: list[str] = []
        start = 0
        while start < len(text):
            at = text.find(ESC, start)
            if at < 0:
                out.append(text[start:])
                break
            out.append(text[start:at])
            end, reply = _sequence(text, at)
            if end is None:  # incomplete: hold it for the next read
                # Timed from its latest byte, as Textual times its escape delay.
                self._held, self._held_since = text[at:], now
                if len(self._held) > MAX_HELD:
                    self._held = ""
                break
            if not reply:
                out.append(text[at:end])
            start = end
        return "".join(out).encode("utf-8")


def _reply_shaped(held: str) -> bool:
    """Whether a held sequence's start can only be a reply (no key starts like this)."""
    return len(held) > 1 and (held[1] in _STRINGS or (held[1] == "[" and held[2:3] in ("?", ">", "=")))


def _sequence(text: str, at: int) -> tuple[int | None, bool]:
    """The end of the escape sequence at ``text[at]`` (``None``: not complete yet), and whether it is a reply."""
    if at + 1 >= len(text):
        return None, False
    kind = text[at + 1]
    if kind in _STRINGS:
        return _string_end(text, at + 2), True
    if kind != "[":
        return at + 1, False  # ESC alone before another key (alt+key, SS3 keys): Textual decides
    index = at + 2
    while index < len(text) and "\x30" <= text[index] <= "\x3f":
        index += 1
    params_end = index
    while index < len(text) and "\x20" <= text[index] <= "\x2f":
        index += 1
    if index >= len(text):
        return None, False
    if not "\x40" <= text[index] <= "\x7e":
        return index, False  # not a well-formed CSI: passed on for Textual to make of it what it does today
    return index + 1, _csi_is_reply(text[at + 2 : params_end], text[params_end:index], text[index])


def _string_end(text: str, index: int) -> int | None:
    """The end of an OSC/DCS/APC string body from ``index``: after BEL or ST (``ESC \\``), or before a stray ESC."""
    while index < len(text):
        char = text[index]
        if char == "\x07":
            return index + 1
        if char == ESC:
            if index + 1 >= len(text):
                return None
            return index + 2 if text[index + 1] == "\\" else index
        index += 1
    return None


def _csi_is_reply(params: str, intermediates: str, final: str) -> bool:
    """Whether a complete CSI sequence is a reply Textual would turn into keys."""
    marker = params[:1]
    if marker == "?" and intermediates == "$" and final == "y":
        return False  # a DECRQM mode report: Textual reads it (synchronized output, in-band resize)
    if marker in ("?", ">", "=") or intermediates:
        return True  # device attributes, DECXCPR, kitty flags, other reports: no key has these
    if final == "t":
        return not params.startswith("48;")  # window reports; 48 is Textual's in-band resize
    return final in "cnx"  # device attributes, status and parameter reports without a marker
