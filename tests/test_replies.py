"""The input filter on its own: replies dropped whole or split, keys passed through unchanged, any bytes valid UTF-8 after."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.session.replies import HOLD_REPLY, HOLD_SHORT, ReplyFilter

REPLIES = [
    b"\x1b[?62;22c",
    b"\x1b[>1;10;0c",
    b"\x1b[=0c",
    b"\x1b[4;2$y",
    b"\x1b[?12;40;1R",
    b"\x1b[?1u",
    b"\x1b[8;40;120t",
    b"\x1b[0n",
    b"\x1b]11;rgb:0000/0000/0000\x1b\\",
    b"\x1b]10;rgb:ffff/ffff/ffff\x07",
    b"\x1bP>|xterm(390)\x1b\\",
    b"\x1bP1$r0m\x1b\\",
    b"\x1b_Gi=1;OK\x1b\\",
    b"\x9b?62;22c",  # 8-bit CSI, as a Latin-1 terminal sends it
    b"\x9d11;rgb:0000/0000/0000\x9c",
    b"\xc2\x9b?62;22c",  # a C1 CSI encoded in UTF-8
]

#: What Textual reads itself, and keys: passed on byte for byte.
PASSED = [
    b"q",
    b"?",
    b"\r",
    b"\x1b[A",
    b"\x1b[1;5C",
    b"\x1b[3~",
    b"\x1b[Z",
    b"\x1bOP",
    b"\x1b[[A",
    b"\x1b[97;5u",
    b"\x1b[<0;10;5M",
    b"\x1b[<0;10;5m",
    b"\x1b[200~0.002\x1b[201~",
    b"\x1b[I",
    b"\x1b[O",
    b"\x1b[12;40R",
    b"\x1b[?2026;2$y",
    b"\x1b[48;40;120;800;600t",
    "é½".encode(),
]


def through(pieces: list[bytes], gap: float = 0.01) -> bytes:
    """What the filter passes on for ``pieces`` read ``gap`` seconds apart, then once everything held has expired."""
    replies, now, out = ReplyFilter(), 100.0, b""
    for piece in pieces:
        out += replies.flush(now) + replies.feed(piece, now)
        now += gap
    return out + replies.flush(now + 2 * HOLD_REPLY)


@pytest.mark.parametrize("reply", REPLIES, ids=repr)
def test_a_reply_is_dropped_whole_or_split_at_any_byte(reply: bytes) -> None:
    assert through([reply]) == b""
    for cut in range(1, len(reply)):
        assert through([reply[:cut], reply[cut:]]) == b"", cut
    assert through([bytes([byte]) for byte in reply]) == b""  # a byte per read


@pytest.mark.parametrize("keys", PASSED, ids=repr)
def test_keys_and_what_textual_reads_pass_unchanged(keys: bytes) -> None:
    assert through([keys]) == keys
    assert through([keys[:1], keys[1:]]) == keys


def test_replies_among_keys_leave_the_keys_in_order() -> None:
    stream = b"".join(key + reply for key, reply in zip(PASSED, REPLIES))
    assert through([stream[i : i + 7] for i in range(0, len(stream), 7)]) == b"".join(PASSED[: len(REPLIES)])


def test_held_starts_wait_as_long_as_they_may() -> None:
    """A lone ESC (the escape key) passes on after HOLD_SHORT; a reply's start waits HOLD_REPLY, then is dropped."""
    replies = ReplyFilter()
    assert replies.feed(b"\x1b", 10.0) == b"" and replies.deadline() == 10.0 + HOLD_SHORT
    assert replies.flush(10.0 + HOLD_SHORT / 2) == b""
    assert replies.flush(10.0 + HOLD_SHORT) == b"\x1b" and replies.deadline() is None
    assert replies.feed(b"\x1b[?62", 20.0) == b"" and replies.deadline() == 20.0 + HOLD_REPLY
    assert replies.flush(20.0 + HOLD_REPLY) == b"" and replies.deadline() is None
    assert replies.feed(b"q", 30.0) == b"q"  # and it holds nothing after


def test_a_latin1_byte_is_read_as_latin1_once_no_more_comes() -> None:
    replies = ReplyFilter()
    assert replies.feed(b"\xe9", 1.0) == b""  # it could start a UTF-8 character
    assert replies.flush(1.0 + HOLD_SHORT) == "é".encode()
    assert replies.feed(b"\xe9q", 2.0) == "éq".encode()


@given(st.lists(st.binary(max_size=12), max_size=12), st.floats(min_value=0.0, max_value=0.3))
def test_any_bytes_come_out_as_valid_utf8(pieces: list[bytes], gap: float) -> None:
    through(pieces, gap).decode("utf-8")  # raises if not


@given(st.lists(st.sampled_from(PASSED + REPLIES), max_size=20), st.integers(min_value=1, max_value=9))
def test_keys_mixed_with_replies_come_out_as_the_keys(parts: list[bytes], size: int) -> None:
    """However a stream of keys and replies is cut into reads, the keys come out, in order, and nothing else."""
    stream = b"".join(parts)
    keys = b"".join(part for part in parts if part in PASSED)
    assert through([stream[i : i + size] for i in range(0, len(stream), size)]) == keys
