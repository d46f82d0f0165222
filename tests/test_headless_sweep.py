"""Headless parity for experiments: sweeps, start points and CSV histories, through the installed command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import core
from core.export import CSV_HEADER
from support.book import book_transcript
from support.cli import RunCli, one_line
from support.data import collect

EXIT_DIVERGED = 3


def test_start_point_matches_the_books_loop_started_there(run_gd_tui: RunCli, pizza_path: Path) -> None:
    """The surface picture's start: --w0 -10 --b0 -100 --bias, byte for byte the book's loop from there."""
    result = run_gd_tui("--headless", "--w0", "-10", "--b0", "-100", "--bias", "--iterations", "500")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == book_transcript(pizza_path, 500, 0.001, True, -10.0, -100.0)


def test_b_fixed_at_a_start_other_than_zero(run_gd_tui: RunCli, pizza_path: Path) -> None:
    result = run_gd_tui("--headless", "--b0", "5", "--iterations", "50")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == book_transcript(pizza_path, 50, 0.001, False, 0.0, 5.0)


def test_a_sweep_prints_each_run_as_it_prints_alone(run_gd_tui: RunCli) -> None:
    """One transcript per lr after '# lr=', blank-separated; 0.0046 rises, so the status is 3."""
    lrs = ["0.001", "0.002", "0.0046"]
    swept = run_gd_tui("--headless", "--lr", ",".join(lrs), "--iterations", "200", "--bias")
    assert swept.returncode == EXIT_DIVERGED
    assert "Traceback" not in swept.stderr.decode()
    assert swept.stderr.decode().splitlines() == [
        line for line in swept.stderr.decode().splitlines() if line.startswith("gd-tui: lr 0.0046: diverging:")
    ]
    expected = []
    for lr in lrs:
        alone = run_gd_tui("--headless", "--lr", lr, "--iterations", "200", "--bias")
        expected.append(f"# lr={lr}\n" + alone.stdout.decode())
    assert swept.stdout.decode() == "\n".join(expected)


def test_a_range_runs_its_evenly_spaced_values(run_gd_tui: RunCli) -> None:
    result = run_gd_tui("--headless", "--lr", "0.001..0.003 x3", "--iterations", "5")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.decode().splitlines() if line.startswith("#")] == [
        "# lr=0.001",
        "# lr=0.002",
        "# lr=0.003",
    ]
    log = run_gd_tui("--headless", "--lr", "0.0001..0.01 x3 log", "--iterations", "1")
    assert [line for line in log.stdout.decode().splitlines() if line.startswith("#")] == [
        "# lr=0.0001",
        "# lr=0.001",
        "# lr=0.01",
    ]


@pytest.mark.parametrize(
    ("lr", "fault"),
    [
        ("0.001,0.001", "appears twice"),
        ("0.01..0.001 x3", "low to high"),
        ("0.001..0.01 x20", "2 to 8 values"),
        ("0.001..0.01", "range reads like"),
        ("0.001,abc", "'abc' is not a number"),
        (",".join(["0.001"] + [f"0.00{i}" for i in range(2, 10)]), "at most 8"),
    ],
)
def test_bad_lists_and_ranges_get_one_line(run_gd_tui: RunCli, lr: str, fault: str) -> None:
    result = run_gd_tui("--headless", "--lr", lr)
    assert result.returncode == 2
    assert fault in one_line(result.stderr)


def test_export_csv_round_trips_every_step(run_gd_tui: RunCli, tmp_path: Path, pizza: core.Dataset) -> None:
    target = tmp_path / "history.csv"
    result = run_gd_tui("--headless", "--bias", "--iterations", "300", "--export-csv", str(target))
    assert result.returncode == 0, result.stderr
    lines = target.read_text().splitlines()
    assert lines[0] == CSV_HEADER == "iteration,w,b,loss,grad_w,grad_b"
    steps, _ = collect(core.descend(pizza, 0.001, 300, train_bias=True))
    assert len(lines) == 1 + len(steps)
    for line, step in zip(lines[1:], steps):
        index, *values = line.split(",")
        assert int(index) == step.index
        assert [float(v) for v in values] == [step.w, step.b, step.loss, step.grad_w, step.grad_b]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_csv_in_a_sweep_writes_one_file_per_lr(run_gd_tui: RunCli, tmp_path: Path) -> None:
    result = run_gd_tui("--headless", "--lr", "0.001,0.002", "--iterations", "10", "--export-csv", str(tmp_path / "s.csv"))
    assert result.returncode == 0, result.stderr
    single = tmp_path / "one.csv"
    run_gd_tui("--headless", "--lr", "0.002", "--iterations", "10", "--export-csv", str(single))
    assert (tmp_path / "s-lr0.002.csv").read_text() == single.read_text()
    assert (tmp_path / "s-lr0.001.csv").read_text().startswith(CSV_HEADER + "\n0,0.0,0.0,812.8666666666667,")


@pytest.mark.parametrize(("where", "fault"), [("missing/x.csv", "no directory"), (".", "is a directory")])
def test_export_csv_to_a_bad_place_is_refused_before_the_run(run_gd_tui: RunCli, tmp_path: Path, where: str, fault: str) -> None:
    result = run_gd_tui("--headless", "--export-csv", str(tmp_path / where))
    assert result.returncode == 2
    assert fault in one_line(result.stderr)
    assert result.stdout == b""


def test_export_csv_into_a_read_only_directory(run_gd_tui: RunCli, tmp_path: Path) -> None:
    """chmod where that binds (not root); else /proc, where not even root creates files."""
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o500)
    try:
        target = readonly / "x.csv" if not os.access(readonly, os.W_OK) else Path("/proc/gd-tui-x.csv")
        result = run_gd_tui("--headless", "--export-csv", str(target))
    finally:
        readonly.chmod(0o700)
    assert result.returncode == 2
    assert "is not writable" in one_line(result.stderr)
    assert result.stdout == b""


def test_export_csv_needs_headless(run_gd_tui: RunCli, tmp_path: Path) -> None:
    result = run_gd_tui("--export-csv", str(tmp_path / "x.csv"))
    assert result.returncode == 2
    assert "press e" in one_line(result.stderr)
