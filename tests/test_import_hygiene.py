"""Import hygiene at run time: the core, the session and the command line load no UI library; headless runs never do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import CLI_TIMEOUT, cli_env

UI_LIBRARIES = ("textual", "plotext", "rich")


def modules_after(body: str, cwd: Path, prefixes: tuple[str, ...]) -> list[str]:
    """Run ``body`` in a fresh interpreter; return the modules it left imported that start with ``prefixes``."""
    code = f"import json, sys\n{body}\nprint(json.dumps(sorted(n for n in sys.modules if n.startswith({prefixes!r}))))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, timeout=CLI_TIMEOUT, env=cli_env(), check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout.decode().splitlines()[-1])


def ui_modules_after(body: str, cwd: Path) -> list[str]:
    """Run ``body`` in a fresh interpreter; return the UI modules it left imported."""
    return [name for name in modules_after(body, cwd, UI_LIBRARIES) if name.split(".")[0] in UI_LIBRARIES]


@pytest.mark.parametrize(
    "body",
    [
        "import core",
        "import core.headless",
        "import tui",
        "import tui.cli",
        "import tui.session.runner, tui.session.status, tui.session.settings",
        "import core, core.headless, tui.cli",
    ],
)
def test_imports_leave_ui_libraries_out(body: str, tmp_path: Path) -> None:
    """Importing the core, the session layer or the command line does not import textual, plotext or rich."""
    assert ui_modules_after(body, tmp_path) == []


def test_headless_run_leaves_ui_libraries_out(tmp_path: Path) -> None:
    """A whole headless run (and --help) never loads a UI library."""
    body = (
        "import contextlib, io\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--headless', '--iterations', '3', '--bias']) == 0\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code == 0\n"
        "assert out.getvalue().startswith('Iteration    0')\n"
    )
    assert ui_modules_after(body, tmp_path) == []


def test_probe_detects_ui_imports(tmp_path: Path) -> None:
    """The probe itself works: importing textual is seen."""
    assert "textual" in ui_modules_after("import textual", tmp_path)
