"""The wheel carries pizza.txt, and an installed copy finds it from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from support.book import book_transcript

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_the_data_and_runs_from_elsewhere(tmp_path: Path, pizza_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("gd_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "core/pizza.txt" in names, names
    assert not any(name.startswith(("tests/", "data/", "bench/")) for name in names), names

    # "Installed": the wheel's contents first on the path, run from a directory
    # that holds no data/ folder, so only the packaged file can be found.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import core; print(core.bundled_data_path())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()
    assert Path(where) == site / "core" / "pizza.txt"
    run = subprocess.run(
        [sys.executable, "-m", "tui", "--headless"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == book_transcript(pizza_path, 100, 0.001, False)
