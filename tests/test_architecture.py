"""The layout tells the flow of data, and the imports keep to it: files -> catalogue -> profile -> engine ->
view -> renderer, with the command line on top. A module may import from its own layer or the layers
below it, never above (lazy imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "rolemap"

#: Each layer and the rolemap modules it may import (besides its own package and the shared utilities).
SHARED = {"rolemap", "rolemap.errors", "rolemap.names", "rolemap.fileio", "rolemap.safeyaml"}
ALLOWED = {
    "catalogue": set(),
    "engine": {"catalogue", "documents"},
    "render": {"catalogue", "engine"},
    "batch": {"catalogue", "engine", "render"},  # batch writes JSON lines with render's JSON rules
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rolemap"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("rolemap"))
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_layers_import_only_downwards():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((SRC / layer).glob("*.py")):
            for module in _imports(path):
                if module.startswith("rolemap.__"):  # the package's own attributes (__version__)
                    continue
                other = _layer(module)
                if other is None:
                    top = ".".join(module.split(".")[:2])
                    if top not in SHARED and top.split(".")[1] not in allowed and module not in SHARED:
                        wrong.append(f"{layer}/{path.name} imports {module}")
                elif other != layer and other not in allowed:
                    wrong.append(f"{layer}/{path.name} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_the_catalogue_reads_its_files_one_way():
    """model <- files <- cache <- the package: no module of the catalogue imports one above it."""
    order = ["model", "files", "cache"]
    for i, name in enumerate(order):
        imported = {m for m in _imports(SRC / "catalogue" / f"{name}.py") if not m.startswith("rolemap.__")}
        above = {f"rolemap.catalogue.{m}" for m in order[i + 1 :]} | {"rolemap.catalogue"}
        assert not imported & above, f"catalogue/{name}.py imports {sorted(imported & above)}"


def test_the_command_line_is_the_only_module_that_imports_typer():
    users = [p.relative_to(SRC) for p in SRC.rglob("*.py") if "typer" in {m.split(".")[0] for m in _raw(p)}]
    assert [str(p) for p in users] == ["cli.py"]


def _raw(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names
