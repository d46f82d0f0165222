"""The installed ``gd-tui`` command, run as a user runs it: exit codes, stdout, stderr."""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import core
from support.book import book_transcript
from support.cli import CLI_TIMEOUT, RunCli, cli_env, one_line
from support.data import BAD_FILES, BadFile, check_data_message, collect

EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130


def usage_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """Assert exit 2, nothing on stdout and one line on stderr; return that line."""
    line = one_line(result.stderr)
    assert result.returncode == EXIT_USAGE, (result.returncode, line)
    assert result.stdout == b""
    assert line.startswith("gd-tui: "), line
    return line


@pytest.mark.parametrize("mode", [["--headless"], []], ids=["headless", "dashboard"])
@pytest.mark.parametrize("case", BAD_FILES, ids=[case.id for case in BAD_FILES])
def test_bad_data_file_exits_2(run_gd_tui: RunCli, tmp_path: Path, case: BadFile, mode: list[str]) -> None:
    """Every bad data file: exit 2 and one line naming the file, the line and the fault.

    The dashboard checks its data with the plain-Python reader (no numpy before
    the first frame), headless with numpy's: both refuse before anything opens.
    """
    path = case.make(tmp_path)
    line = usage_error(run_gd_tui(*mode, "--data", str(path)))
    check_data_message(line.removeprefix("gd-tui: "), path, case)


@pytest.mark.parametrize(
    ("args", "fault"),
    [
        (["--lr", "abc"], "'abc' is not a number"),
        (["--lr", "0"], "greater than 0"),
        (["--lr", "-1"], "greater than 0"),
        (["--lr", "nan"], "finite"),
        (["--lr", "inf"], "finite"),
        (["--lr", ""], "empty"),
        (["--lr"], "expected one argument"),
        (["--iterations", "0"], "at least 1"),
        (["--iterations", "1.5"], "not a whole number"),
        (["--iterations", "abc"], "not a whole number"),
        (["--iterations", str(2 * core.MAX_ITERATIONS)], f"at most {core.MAX_ITERATIONS:,}"),
        (["--iterations", "1e400"], "not a whole number"),
        (["--tolerance", "0"], "greater than 0"),
        (["--tolerance", "x"], "not a number"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--data", "missing.txt"], "missing.txt: no such file"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_bad_flag_exits_2(run_gd_tui: RunCli, args: list[str], fault: str) -> None:
    """Every bad flag: exit 2, one line on stderr saying what is wrong, no traceback."""
    line = usage_error(run_gd_tui("--headless", *args))
    assert fault in line, line


def test_help(run_gd_tui: RunCli) -> None:
    """``--help`` exits 0 and documents the flags and exit statuses."""
    result = run_gd_tui("--help")
    assert result.returncode == 0 and result.stderr == b""
    text = result.stdout.decode()
    assert text.startswith("usage: gd-tui")
    for flag in ("--headless", "--lr", "--iterations", "--bias", "--data", "--tolerance", "--version"):
        assert flag in text
    assert "130" in text


def test_version(run_gd_tui: RunCli) -> None:
    """``--version`` prints the installed distribution's version and exits 0."""
    result = run_gd_tui("--version")
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode() == f"gd-tui {version('gd-tui')}\n"


def test_python_dash_m(pizza_path: Path, tmp_path: Path) -> None:
    """``python -m tui`` is the same command."""
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--headless", "--iterations", "7"],
        cwd=tmp_path,
        capture_output=True,
        timeout=CLI_TIMEOUT,
        env=cli_env(),
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == book_transcript(pizza_path, 7, 0.001, False).encode()


def test_relative_data_path(run_gd_tui: RunCli, pizza_path: Path, tmp_path: Path) -> None:
    """``--data`` resolves against the working directory."""
    shutil.copy(pizza_path, tmp_path / "mine.txt")
    result = run_gd_tui("--headless", "--data", "mine.txt", "--lr", "0.002", "--iterations", "40", "--bias")
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == book_transcript(pizza_path, 40, 0.002, True).encode()


def test_tolerance_stops_headless_run(run_gd_tui: RunCli, pizza: core.Dataset) -> None:
    """With ``--tolerance`` the transcript stops where the core converges, then prints w and b."""
    result = run_gd_tui("--headless", "--bias", "--tolerance", "1e-6", "--iterations", "100000")
    assert result.returncode == 0 and result.stderr == b""
    steps, outcome = collect(core.descend(pizza, 0.001, 100_000, train_bias=True, tolerance=1e-6))
    assert outcome.reason == "converged"
    expected = [core.iteration_line(step.index, step.loss) for step in steps]
    expected += ["", core.final_line(outcome.w, outcome.b, True)]
    assert result.stdout.decode().splitlines() == expected


@pytest.mark.parametrize("train_bias", [False, True], ids=["w-only", "w-and-b"])
def test_diverged_exits_3(run_gd_tui: RunCli, pizza: core.Dataset, pizza_path: Path, train_bias: bool) -> None:
    """At lr 0.01 the run stops at the last finite loss, exits 3 and names the critical lr."""
    args = ["--headless", "--lr", "0.01", "--iterations", "1000"] + (["--bias"] if train_bias else [])
    result = run_gd_tui(*args)
    book = book_transcript(pizza_path, 1000, 0.01, train_bias).splitlines(keepends=True)
    losses = [float(line.rsplit(": ", 1)[1]) for line in book if line.startswith("Iteration")]
    first_bad = next(index for index, value in enumerate(losses) if not math.isfinite(value))
    assert result.returncode == EXIT_DIVERGED
    assert result.stdout == "".join(book[:first_bad]).encode()
    line = one_line(result.stderr)
    assert f"iteration {first_bad}" in line, line
    assert "%.6g" % core.critical_lr(pizza, train_bias) in line, line
    assert "0.01" in line, line


def spawn_headless(gd_tui: Path, cwd: Path, iterations: str, **popen: Any) -> subprocess.Popen[bytes]:
    """A long ``gd-tui --headless`` run with its stdout and stderr piped to the test."""
    return subprocess.Popen(
        [str(gd_tui), "--headless", "--iterations", iterations],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        **popen,
    )


def test_closed_pipe_exits_quietly(gd_tui: Path, tmp_path: Path, pizza_path: Path) -> None:
    """``gd-tui --headless ... | head``: the reader leaves, the command stops without a word."""
    process = spawn_headless(gd_tui, tmp_path, "1000000")
    try:
        assert process.stdout is not None and process.stderr is not None
        head = [process.stdout.readline() for _ in range(5)]
        process.stdout.close()
        returncode = process.wait(timeout=CLI_TIMEOUT)
        stderr = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    expected = book_transcript(pizza_path, 5, 0.001, False).splitlines(keepends=True)[:5]
    assert b"".join(head) == "".join(expected).encode()
    assert stderr == b""
    assert returncode == EXIT_BROKEN_PIPE


@pytest.mark.parametrize("reader", ["draining", "blocked"])
def test_ctrl_c_exits_130(gd_tui: Path, tmp_path: Path, reader: str) -> None:
    """SIGINT during a long run (computing, or blocked on a full pipe): exit 130, no traceback."""
    # As in a terminal: a test runner started in the background inherits SIGINT ignored.
    process = spawn_headless(gd_tui, tmp_path, "10000000", preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    chunks: list[bytes] = []
    try:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()  # the run has started: past imports and flag parsing
        assert first.startswith(b"Iteration    0 => Loss: ")
        stdout = process.stdout
        drain = threading.Thread(target=lambda: chunks.extend(iter(lambda: stdout.read(65536), b"")))
        if reader == "draining":
            drain.start()
        time.sleep(0.5)
        assert process.poll() is None, "the run ended before it could be interrupted"
        process.send_signal(signal.SIGINT)
        if reader == "blocked":
            drain.start()
        returncode = process.wait(timeout=20)
        drain.join(timeout=20)
        stderr = process.stderr.read().decode(errors="replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.count("\n") <= 1, stderr
    assert returncode == EXIT_INTERRUPTED
    assert len(b"".join(chunks)) > 0


def test_dashboard_needs_a_terminal(run_gd_tui: RunCli) -> None:
    """Without --headless and without a terminal: exit 2 with one line pointing to --headless."""
    line = usage_error(run_gd_tui())
    assert "--headless" in line and "terminal" in line


def test_dashboard_needs_stdout_terminal_too(run_gd_tui: RunCli) -> None:
    """A terminal on stdin alone is not enough: stdout is a pipe here."""
    controller, terminal = os.openpty()
    try:
        result = run_gd_tui("--lr", "0.002", stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    line = usage_error(result)
    assert "--headless" in line


def test_dashboard_reports_bad_data_first(run_gd_tui: RunCli, tmp_path: Path) -> None:
    """Bad data is reported as such even when the dashboard was asked for."""
    case = next(case for case in BAD_FILES if case.id == "non-numeric")
    path = case.make(tmp_path)
    line = usage_error(run_gd_tui("--data", str(path)))
    check_data_message(line.removeprefix("gd-tui: "), path, case)


def test_a_huge_iteration_count_gets_a_short_message(run_gd_tui: RunCli) -> None:
    result = run_gd_tui("--headless", "--iterations", "9" * 400)
    assert result.returncode == EXIT_USAGE
    line = one_line(result.stderr)
    assert "a number of 400 digits" in line and len(line) < 120
