"""The layers stay layers: imports go one way (cli → app → screens/terminal → widgets/views → session → core; cli → serve and headless), without cycles.

Read from the source (every import statement, those inside functions too),
so an import that only runs on some path is checked as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "tui")

#: Each layer and its rank: a module may import only from layers of lower rank, or its own.
LAYERS = {
    "core": 0,
    "tui.output": 0,
    "tui.session": 1,
    "tui.widgets": 2,
    "tui.views": 2,
    "tui.screens": 3,
    "tui.terminal": 3,  # the input driver the app uses
    "tui.app": 4,
    "tui.headless": 4,
    "tui.serve": 4,
    "tui.flags": 4.5,  # the command's parser: above serve (it reads its defaults), below cli
    "tui.cli": 5,
    "tui.__main__": 6,
}
#: Libraries a layer must not import at all: the core is pure numpy, the session has no UI.
FORBIDDEN = {
    "core": ("textual", "plotext", "rich"),
    "tui.session": ("textual", "plotext", "rich"),
    "tui.output": ("textual", "plotext", "rich", "numpy"),
    "tui.headless": ("textual", "plotext", "rich"),
    # The server starts gd-tui in a subprocess per browser tab; it never draws the app itself.
    "tui.serve": ("textual", "plotext", "numpy"),
    "tui.flags": ("textual", "plotext", "rich", "numpy"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module ``name`` imports, anywhere in its body (external ones by their top-level name)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from pkg import name" imports pkg.name when that is a module of ours.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            found.add(target if target in known else target.split(".")[0])
    found.discard(name)
    return found


def layer_of(name: str) -> str:
    for layer in sorted(LAYERS, key=len, reverse=True):
        if name == layer or name.startswith(layer + "."):
            return layer
    return "tui"  # the package itself: tui/__init__.py


GRAPH = {name: imports_of(name, path, set(our_modules())) for name, path in our_modules().items()}


def test_the_probe_sees_function_level_imports() -> None:
    assert "tui.app" in GRAPH["tui.cli"]  # imported inside a function, on purpose
    assert "numpy" in GRAPH["core.model"]


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_imports_go_down_the_layers_only(name: str) -> None:
    layer = layer_of(name)
    for target in sorted(GRAPH[name] & set(GRAPH)):
        other = layer_of(target)
        assert other == layer or LAYERS.get(other, 99) < LAYERS.get(layer, 99), f"{name} ({layer}) imports {target} ({other})"
    for library in FORBIDDEN.get(layer, ()):
        assert library not in GRAPH[name], f"{name} imports {library}"


def test_no_import_cycles_among_our_modules() -> None:
    ours = {name: GRAPH[name] & set(GRAPH) for name in GRAPH}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        assert name not in visiting, "import cycle: " + " → ".join([*visiting[visiting.index(name) :], name])
        visiting.append(name)
        for target in sorted(ours[name]):
            visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(ours):
        visit(name)


@pytest.mark.parametrize("package", sorted(name for name, path in our_modules().items() if path.name == "__init__.py"))
def test_each_package_says_in_one_line_what_lives_there(package: str) -> None:
    docstring = ast.get_docstring(ast.parse(our_modules()[package].read_text(encoding="utf-8")))
    assert docstring, f"{package} has no docstring"
    assert len(docstring.splitlines()[0]) > 20, docstring


def test_no_module_is_over_300_lines_and_the_app_is_thin() -> None:
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in our_modules().items()}
    assert lengths["tui.app"] <= 200, lengths["tui.app"]
    assert max(lengths.values()) <= 300, max(lengths.items(), key=lambda item: item[1])


def test_no_textual_private_module_or_name_is_imported() -> None:
    for name, path in our_modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                assert not any(part.startswith("_") for part in (node.module or "").split(".")), (name, node.module)
                assert not any(alias.name.startswith("_") for alias in node.names), (name, [a.name for a in node.names])
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("textual"):
                        assert not any(part.startswith("_") for part in alias.name.split(".")), (name, alias.name)
