"""Reading with progress (the dashboard's loading screen), a chunk at a time, and the reader under fuzzing.

The fast reader parses a plain file a chunk of lines at a time so that it can
say how far it has got and stop between chunks; that must not change a single
bit of what it reads, nor what it accepts. Any bytes at all in a file give a
:class:`core.DataError` or a data set, never another exception.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core
from core.data import _parse_careful, _parse_fast

Calls = list[tuple[str, int, int]]


def plain_file(path: Path, rows: int, *, header: bool = True, comment: bool = False) -> Path:
    """``rows`` rows of small numbers; a comment sends the file to the careful reader."""
    with path.open("w") as stream:
        if comment:
            stream.write("# sent to the careful reader\n")
        if header:
            stream.write("reservations pizzas\n")
        stream.writelines(f"{i % 97} {(i * 7) % 89 + 0.25}\n" for i in range(rows))
    return path


def load_with_progress(path: Path) -> tuple[core.Dataset, Calls]:
    calls: Calls = []
    dataset = core.load_dataset(path, progress=lambda stage, done, total: calls.append((stage, done, total)))
    return dataset, calls


def assert_progress_is_sane(calls: Calls, size: int) -> None:
    """Stages in order (reading, parsing, checking), each count rising, never past the file's size."""
    stages = [stage for stage, _, _ in calls]
    assert stages == sorted(stages, key=["reading", "parsing", "checking"].index), stages
    for stage in sorted(set(stages)):
        done = [d for s, d, _ in calls if s == stage]
        assert done == sorted(done) and done, (stage, done)
        assert all(total == size for s, _, total in calls if s == stage)
        assert done[-1] <= size
    assert [d for s, d, _ in calls if s == "reading"][-1] == size


@pytest.mark.parametrize("careful", [False, True], ids=["fast", "careful"])
def test_progress_rises_through_reading_then_parsing(tmp_path: Path, careful: bool) -> None:
    path = plain_file(tmp_path / "d.txt", 60_000, comment=careful)
    size = path.stat().st_size
    with mock.patch("core.files.READ_CHUNK", 64 << 10), mock.patch("core.plain.PARSE_CHUNK", 32 << 10):
        dataset, calls = load_with_progress(path)
    assert dataset.size == 60_000
    assert_progress_is_sane(calls, size)
    assert sum(stage == "reading" for stage, _, _ in calls) >= size // (64 << 10)
    if not careful:
        assert sum(stage == "parsing" for stage, _, _ in calls) >= size // (32 << 10)
        assert calls[-1] == ("parsing", size, size)
    else:  # the fast reader gives up at once (a comment line), the careful one reports as it goes
        assert sum(stage == "checking" for stage, _, _ in calls) >= 2


def test_what_the_callback_raises_stops_the_read(tmp_path: Path) -> None:
    """The dashboard stops a load on ctrl+c by raising from the callback: it comes out unchanged, at once."""
    path = plain_file(tmp_path / "d.txt", 60_000)

    class Stop(Exception):
        pass

    calls: Calls = []

    def stop_when_parsing(stage: str, done: int, total: int) -> None:
        calls.append((stage, done, total))
        if stage == "parsing" and done > 0:
            raise Stop

    with mock.patch("core.files.READ_CHUNK", 64 << 10), mock.patch("core.plain.PARSE_CHUNK", 32 << 10), pytest.raises(Stop):
        core.load_dataset(path, progress=stop_when_parsing)
    assert calls[-1][0] == "parsing" and calls[-1][1] < path.stat().st_size // 2


def test_no_progress_calls_without_a_callback_and_the_same_data(tmp_path: Path) -> None:
    path = plain_file(tmp_path / "d.txt", 5000)
    plain, (with_progress, _) = core.load_dataset(path), load_with_progress(path)
    assert np.array_equal(plain.X, with_progress.X) and np.array_equal(plain.Y, with_progress.Y)
    assert not plain.X.flags.writeable and plain.X.flags.c_contiguous and plain.X.base is None


ROW = st.tuples(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=1, max_size=60),
    blanks=st.lists(st.integers(min_value=0, max_value=60), max_size=5),
    chunk=st.integers(min_value=1, max_value=200),
    ending=st.sampled_from(["\n", "\r\n"]),
    separator=st.sampled_from([" ", ",", "\t"]),
)
def test_chunked_fast_reader_reads_the_careful_readers_bits(
    rows: list[tuple[float, float]], blanks: list[int], chunk: int, ending: str, separator: str
) -> None:
    """However the lines fall into chunks (blank lines too), the fast reader reads what the careful one does."""
    lines = [f"{x!r}{separator}{y!r}" for x, y in rows]
    for at in sorted(blanks, reverse=True):
        lines.insert(min(at, len(lines)), "")
    raw = ("x y" + ending + ending.join(lines) + ending).encode()
    with mock.patch("core.plain.PARSE_CHUNK", chunk):
        fast = _parse_fast(raw)
    careful = _parse_careful(raw.decode().splitlines(), "f")
    assert fast is not None
    for ours, theirs in zip(fast[:2], careful[:2]):
        assert np.array_equal(ours.view(np.int64), theirs.view(np.int64))
    assert fast[2:] == careful[2:] == ("x", "y")


# ----------------------------------------------------------------- the reader, fuzzed

#: Bytes a hostile or broken file holds: text-like pieces, odd bytes, and raw noise.
PIECES = st.sampled_from(
    [b"1 2\n", b"3,4\r\n", b"x y\n", b"# c\n", b"\n", b"nan 1\n", b"1e309 2\n", b"1 2 3\n", b"\xef\xbb\xbf", b"\xff\xfe",
     b"\x00", b"\x0b", b"\xc2\x85", b"\xe2\x80\xa8", b"-0 -0\n", b"1e-320 5\n", b"1e100 1\n", b"\t \t\n", b"\x1b[A", b"\r"]
)  # fmt: skip
CONTENT = st.one_of(st.binary(max_size=300), st.lists(st.one_of(PIECES, st.binary(max_size=8)), max_size=40).map(b"".join))


@settings(max_examples=300)
@given(content=CONTENT)
def test_any_bytes_give_a_data_set_or_one_data_error(content: bytes) -> None:
    """Only DataError ever comes out of the reader, its message one line naming the file; a data set is valid."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzz.txt"
        path.write_bytes(content)
        try:
            dataset = core.load_dataset(path, progress=lambda stage, done, total: None)
        except core.DataError as error:
            message = str(error)
            assert message.startswith(str(path)) and "\n" not in message, message
            return
    assert dataset.size >= 2 and np.isfinite(dataset.X).all() and np.isfinite(dataset.Y).all()
    assert dataset.X.dtype == dataset.Y.dtype == np.float64
