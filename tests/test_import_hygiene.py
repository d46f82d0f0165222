"""Import hygiene: the core and the command line load no UI library; the dashboard loads its views late."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLI_TIMEOUT, cli_env

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
        "import core, core.headless, tui.cli",
    ],
)
def test_imports_leave_ui_libraries_out(body: str, tmp_path: Path) -> None:
    """Importing the core or the command line does not import textual, plotext or rich."""
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


#: What the dashboard's first frame must not wait for: the views, the log, plotting, the help, numpy.
AFTER_FIRST_FRAME = ("tui.stage", "tui.plot_view", "tui.loss_chart", "tui.transcript_log", "tui.help_screen", "tui.runner", "plotext", "numpy")


def test_dashboard_module_leaves_views_and_plotting_for_later(tmp_path: Path) -> None:
    """Importing the app loads the form and status only; the stage comes after the first frame."""
    assert modules_after("import tui.app", tmp_path, AFTER_FIRST_FRAME) == []
    assert "tui.stage" in modules_after("import tui.stage", tmp_path, AFTER_FIRST_FRAME)  # the probe sees them


FIRST_FRAME_PROBE = """
import asyncio, json, sys
from core.table import read_table
from tui.app import GradientDescentApp
from tui.cli import Settings

seen = {}
build_stage = GradientDescentApp._build_stage

async def probed(self):
    # Runs after the first refresh: everything the first frame needed is loaded by now.
    seen["numpy before the stage"] = "numpy" in sys.modules
    seen["focused"] = self.focused.id if self.focused else None
    await build_stage(self)
    seen["numpy with the stage"] = "numpy" in sys.modules

GradientDescentApp._build_stage = probed

async def main():
    app = GradientDescentApp(Settings(read_table(), 0.001, 100, False, None), clock=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.stage_ready:
                break
            await pilot.pause()

asyncio.run(main())
print(json.dumps(seen))
"""


def test_dashboard_first_frame_does_without_numpy(tmp_path: Path) -> None:
    """The form and status are drawn before numpy is imported; the views bring it a frame later."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE], cwd=tmp_path, capture_output=True, timeout=CLI_TIMEOUT, env=cli_env(), check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    seen = json.loads(result.stdout.decode().splitlines()[-1])
    assert seen == {"numpy before the stage": False, "focused": "field-lr", "numpy with the stage": True}


@pytest.mark.parametrize("body", ["import core", "import core.table, core.params", "import tui.cli", "import tui.app"])
def test_numpy_free_modules_stay_numpy_free(body: str, tmp_path: Path) -> None:
    """What the dashboard needs before its first frame imports no numpy; core's names load it on use."""
    assert modules_after(body, tmp_path, ("numpy",)) == []
    assert "numpy" in modules_after(f"{body}\nimport core\ncore.descend", tmp_path, ("numpy",))


def test_core_lazy_names_match_their_declarations() -> None:
    """core names each public name twice (for type checkers, and where to load it from): the lists agree and resolve."""
    import ast
    import importlib

    import core

    tree = ast.parse(Path(core.__file__).read_text(encoding="utf-8"))
    declared = {
        alias.name: node.module
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert declared == core._HOMES
    for name, home in core._HOMES.items():
        assert getattr(core, name) is getattr(importlib.import_module(home), name)
    with pytest.raises(AttributeError):
        core.no_such_name  # noqa: B018
