"""Hard to break (issue 11): every stream, file and ctrl+c gets one line and the documented exit status.

Each class of hostile input is a catalogue, run through the installed
command in a real subprocess: data that is not a regular file (or is too
large), output that cannot be written, and SIGINT at each phase of a
headless run. Every case asserts the exit status, the one line on stderr
(when stderr can take it) and that no traceback is ever printed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import core
from core.files import MAX_BYTES
from support.cli import CLI_TIMEOUT, RunCli, cli_env, one_line

EXIT_OUTPUT = 1
EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_INTERRUPTED = 130

#: A refusal must come at once: a FIFO or /dev/zero would otherwise hang or eat memory.
AT_ONCE = 20.0

# ------------------------------------------------------------------ non-regular files


@dataclass(frozen=True)
class Special:
    """A --data path that is not a regular file: how to make it and what the message says."""

    id: str
    make: Callable[[Path], Path]
    says: str


def _fifo(tmp: Path) -> Path:
    path = tmp / "fifo"
    os.mkfifo(path)
    return path


def _socket(tmp: Path) -> Path:
    path = tmp / "s.sock"
    if len(str(path)) > 100:  # AF_UNIX paths are limited to about 108 bytes
        pytest.skip(f"tmp_path too long for a unix socket: {path}")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))  # the file stays after the socket is garbage-collected: enough for stat
    return path


def _device(name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = Path(name)
        if not path.exists():
            pytest.skip(f"{name} is not present on this system")
        return path

    return make


def _fifo_link(tmp: Path) -> Path:
    # A symlink is followed: what it points at decides.
    link = tmp / "data.txt"
    link.symlink_to(_fifo(tmp))
    return link


SPECIALS = [
    Special("fifo", _fifo, "is a FIFO"),
    Special("symlink-to-fifo", _fifo_link, "is a FIFO"),
    Special("dev-zero", _device("/dev/zero"), "is a character device"),
    Special("dev-urandom", _device("/dev/urandom"), "is a character device"),
    Special("dev-null", _device("/dev/null"), "is a character device"),
    Special("socket", _socket, "is a socket"),
    # The tests run the command with stdin on /dev/null; in a shell it would be a tty or a pipe.
    Special("dev-stdin", _device("/dev/stdin"), "is a character device"),
]


@pytest.mark.parametrize("mode", [["--headless"], []], ids=["headless", "dashboard"])
@pytest.mark.parametrize("case", SPECIALS, ids=[case.id for case in SPECIALS])
def test_non_regular_data_is_refused_at_once(run_gd_tui: RunCli, tmp_path: Path, case: Special, mode: list[str]) -> None:
    """A FIFO with no writer, a device or a socket as --data: one line, exit 2, without a blocking read."""
    path = case.make(tmp_path)
    result = run_gd_tui(*mode, "--data", str(path), timeout=AT_ONCE)
    line = one_line(result.stderr)
    assert result.returncode == EXIT_USAGE, (result.returncode, line)
    assert result.stdout == b""
    assert line.startswith(f"gd-tui: {path}: {case.says}"), line


@pytest.mark.parametrize("mode", [["--headless"], []], ids=["headless", "dashboard"])
def test_file_over_the_cap_is_refused(run_gd_tui: RunCli, tmp_path: Path, mode: list[str]) -> None:
    """A file one byte over MAX_BYTES (sparse: no disk used) is refused by its size, before it is read."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    result = run_gd_tui(*mode, "--data", str(path), timeout=AT_ONCE)
    line = one_line(result.stderr)
    assert result.returncode == EXIT_USAGE, (result.returncode, line)
    assert f"over {MAX_BYTES // 2**20} MiB are refused" in line, line


def test_file_at_the_cap_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap is inclusive, and content beyond a size that lied (a /proc file, a growing file) is capped too."""
    path = tmp_path / "d.txt"
    path.write_text("x y\n1 2\n3 5\n")
    size = path.stat().st_size
    monkeypatch.setattr("core.files.MAX_BYTES", size)
    assert core.load_dataset(path).size == 2
    monkeypatch.setattr("core.files.MAX_BYTES", size - 1)
    with pytest.raises(core.DataError, match="are refused"):
        core.load_dataset(path)


def test_proc_file_with_size_zero_is_read_to_its_end() -> None:
    """A regular file whose stat says 0 bytes (Linux /proc) is still read, then judged by its content."""
    path = Path("/proc/self/status")
    if not path.is_file() or path.stat().st_size != 0:
        pytest.skip("no /proc file with a size of 0 here")
    with pytest.raises(core.DataError) as raised:
        core.load_dataset(path)
    assert "\n" not in str(raised.value) and "refused" not in str(raised.value)


# ---------------------------------------------------------------------- output errors


def _shell(gd_tui: Path, redirections: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run gd-tui under sh with ``redirections`` (``>&-``, ``>/dev/full``...), stderr captured unless redirected."""
    command = f'exec "$0" "$@" {redirections}'
    return subprocess.run(
        ["sh", "-c", command, str(gd_tui), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=CLI_TIMEOUT,
        env=cli_env(),
        check=False,
    )


def _needs_dev_full() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full is not present on this system")


@dataclass(frozen=True)
class OutputCase:
    """Where stdout/stderr go, the flags, the exit status, and the start of the one stderr line (None: no stderr)."""

    id: str
    redirections: str
    args: tuple[str, ...]
    status: int
    says: str | None
    needs_full: bool = False


OUTPUT_CASES = [
    OutputCase("stdout-full", ">/dev/full", ("--headless",), EXIT_OUTPUT, "gd-tui: cannot write the transcript", True),
    OutputCase(
        "sweep-full",
        ">/dev/full",
        ("--headless", "--lr", "0.001,0.002"),
        EXIT_OUTPUT,
        "gd-tui: cannot write the transcript",
        True,
    ),
    OutputCase(
        "stdout-full-long",
        ">/dev/full",
        ("--headless", "--iterations", "100000"),
        EXIT_OUTPUT,
        "gd-tui: cannot write the transcript",
        True,
    ),
    OutputCase("stdout-closed", ">&-", ("--headless",), EXIT_OUTPUT, "gd-tui: stdout is closed"),
    OutputCase("stdout-closed-bias", ">&-", ("--headless", "--bias"), EXIT_OUTPUT, "gd-tui: stdout is closed"),
    OutputCase("help-full", ">/dev/full", ("--help",), EXIT_OUTPUT, None, True),
    OutputCase("help-closed", ">&-", ("--help",), EXIT_OUTPUT, None),
    OutputCase("version-full", ">/dev/full", ("--version",), EXIT_OUTPUT, None, True),
    OutputCase("version-closed", ">&-", ("--version",), EXIT_OUTPUT, None),
    OutputCase("dashboard-closed", ">&-", (), EXIT_USAGE, "gd-tui: the dashboard needs a terminal"),
    OutputCase("dashboard-stdin-closed", "<&-", (), EXIT_USAGE, "gd-tui: the dashboard needs a terminal"),
    OutputCase("headless-stdin-closed", "<&- >/dev/null", ("--headless",), 0, None),
    # stderr that cannot be written must not change the status.
    OutputCase("diverged-stderr-full", ">/dev/null 2>/dev/full", ("--headless", "--lr", "1e6"), EXIT_DIVERGED, None, True),
    OutputCase("diverged-stderr-closed", ">/dev/null 2>&-", ("--headless", "--lr", "1e6"), EXIT_DIVERGED, None),
    OutputCase("rising-stderr-full", ">/dev/null 2>/dev/full", ("--headless", "--lr", "0.0046"), EXIT_DIVERGED, None, True),
    OutputCase("usage-stderr-full", "2>/dev/full", ("--lr", "-1"), EXIT_USAGE, None, True),
    OutputCase("usage-stderr-closed", "2>&-", ("--lr", "-1"), EXIT_USAGE, None),
    OutputCase("data-stderr-full", "2>/dev/full", ("--data", "/nonexistent"), EXIT_USAGE, None, True),
    OutputCase("both-full", ">/dev/full 2>/dev/full", ("--headless",), EXIT_OUTPUT, None, True),
    OutputCase("both-closed", ">&- 2>&-", ("--headless",), EXIT_OUTPUT, None),
]


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=[case.id for case in OUTPUT_CASES])
def test_output_errors(gd_tui: Path, tmp_path: Path, case: OutputCase) -> None:
    """stdout or stderr closed or full: the documented status always, one line when stderr can take it."""
    if case.needs_full:
        _needs_dev_full()
    result = _shell(gd_tui, case.redirections, *case.args, cwd=tmp_path)
    stderr = result.stderr.decode(errors="replace")
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert result.returncode == case.status, (result.returncode, stderr)
    if case.says is not None:
        assert one_line(result.stderr).startswith(case.says), stderr
    elif "2>" not in case.redirections:
        assert stderr == "", stderr


def test_help_documents_the_output_status(run_gd_tui: RunCli) -> None:
    """--help's epilog names the output-error status and the rising-loss verdict."""
    text = " ".join(run_gd_tui("--help").stdout.decode().split())
    assert "1 the transcript or CSV could not be written" in text, text
    assert "rose 5 steps in a row" in text, text


# ------------------------------------------------------------------- SIGINT by phase


def _slow_data(tmp: Path, rows: int) -> Path:
    """A file the careful (line-by-line) reader must take: a comment line keeps numpy's fast path out."""
    path = tmp / "slow.txt"
    with path.open("w") as stream:
        stream.write("# a comment sends this file to the careful reader\nx y\n")
        stream.writelines(f"{i % 97} {i % 89 + 0.5}\n" for i in range(rows))
    return path


def _interrupt(gd_tui: Path, cwd: Path, delay: float, *args: str) -> tuple[int, bytes, str]:
    """Start a headless run, SIGINT it after ``delay`` s; its status, stdout and stderr."""
    process = subprocess.Popen(
        [str(gd_tui), "--headless", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        # As in a terminal: a test runner started in the background inherits SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        time.sleep(delay)
        assert process.poll() is None, "the run ended before it could be interrupted"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=CLI_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stdout, stderr.decode(errors="replace")


def _assert_interrupted(returncode: int, stderr: str) -> None:
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr == "", stderr
    assert returncode == EXIT_INTERRUPTED, (returncode, stderr)


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.35])
def test_sigint_while_starting(gd_tui: Path, tmp_path: Path, delay: float) -> None:
    """SIGINT during start-up (Python, numpy's import, flag parsing): exit 130, no traceback."""
    returncode, _, stderr = _interrupt(gd_tui, tmp_path, delay, "--iterations", "10000000")
    _assert_interrupted(returncode, stderr)


def test_sigint_while_reading_the_data(gd_tui: Path, tmp_path: Path) -> None:
    """SIGINT while a large file is being read (nothing printed yet): exit 130, no traceback, no output."""
    path = _slow_data(tmp_path, 1_500_000)
    # The careful reader takes seconds over 1.5 million lines; start-up takes well under one.
    returncode, stdout, stderr = _interrupt(gd_tui, tmp_path, 1.5, "--data", str(path), "--iterations", "10000000")
    _assert_interrupted(returncode, stderr)
    assert stdout == b"", "the file was read before the signal: make it larger"


def test_sigint_while_running(gd_tui: Path, tmp_path: Path) -> None:
    """SIGINT in the middle of the run: exit 130, no traceback (stdout is the book's, cut where the signal came)."""
    returncode, stdout, stderr = _interrupt(gd_tui, tmp_path, 1.5, "--iterations", "10000000")
    _assert_interrupted(returncode, stderr)
    assert stdout.startswith(b"Iteration    0 => Loss: ")
