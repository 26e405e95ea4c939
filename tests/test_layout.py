"""The layout of generator/ reads as the pipeline's stages, and imports flow with the pipeline, never against it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import generator

PACKAGE = Path(generator.__file__).parent

#: The stages, lowest first. A module may import its own stage and those below it, never one above: data flows
#: read -> rules -> render -> publish; the dataset families (datasets/) sit above the stages they use and hand them
#: their declarations through the registry (model.py); validate, build and the commands take the registry.
LAYERS: tuple[frozenset[str], ...] = tuple(frozenset(layer.split()) for layer in (
    "paths problems memo lazy",
    "schema",
    "model",
    "read",
    "git",
    "privacy",
    "rules",
    "catalog",
    "render",
    "publish",
    "synth",
    "datasets",
    "validate",
    "build diff",
    "staff serve",
    "cli",
    "__main__",
))
RANK = {stage: n for n, layer in enumerate(LAYERS) for stage in layer}
#: The stages that work on the registry's types only: none may import the families.
STAGES = ("schema", "model", "read", "git", "privacy", "rules", "catalog", "render", "publish", "synth")


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(["generator", *parts]), path))
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Absolute names of what `path` imports from the generator (at top level, inside functions or for type checking
    alike): modules and packages, and for `from x import y` the name x.y (the module y when x.y is one)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("generator"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                full = ".".join(base + ([node.module] if node.module else []))
            else:
                full = node.module or ""
            if full == "generator" or full.startswith("generator."):
                out.update(f"{full}.{a.name}" for a in node.names)
    return out


def _stage(name: str) -> str:
    return name.split(".")[1] if name.count(".") else ""


def _graph() -> dict[str, set[str]]:
    """Module -> the generator modules it imports (top level, inside functions or for type checking alike)."""
    modules = dict(_modules())
    graph = {}
    for name, path in modules.items():
        targets = set()
        for target in _imports(name, path):
            while target not in modules and "." in target:  # `from x import name`: the module x, or x.name
                target = target.rsplit(".", 1)[0]
            if target in modules and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_every_stage_has_a_place_in_the_layers():
    assert sorted({_stage(name) for name, _ in _modules()} - RANK.keys() - {""}) == []


def test_no_import_runs_up_the_layers():
    upward = sorted(f"{name} imports {target}" for name, targets in _graph().items() for target in targets
                    if RANK[_stage(target)] > RANK[_stage(name)])
    assert upward == []


def test_no_stage_imports_the_families():
    found = sorted(f"{name} imports {target}" for name, targets in _graph().items() for target in targets
                   if _stage(name) in STAGES and _stage(target) == "datasets")
    assert found == []


def test_the_import_graph_has_no_cycle():
    assert _cycles(_graph()) == []


def test_the_checks_see_a_cycle_and_an_upward_import(tmp_path):
    graph = {"generator.rules.a": {"generator.rules.b"}, "generator.rules.b": {"generator.rules.c"},
             "generator.rules.c": {"generator.rules.a"}, "generator.read.d": {"generator.render.e"},
             "generator.render.e": set()}
    assert _cycles(graph) == [["generator.rules.a", "generator.rules.b", "generator.rules.c"]]
    assert RANK[_stage("generator.render.e")] > RANK[_stage("generator.read.d")]
    bad = tmp_path / "bad.py"
    bad.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..datasets.views import PublicView\n"
                   "def f():\n    from generator.publish import engine\n")
    assert _imports("generator.rules.bad", bad) == {"generator.datasets.views.PublicView", "generator.publish.engine"}
    graph = _graph()
    assert "generator.datasets.decisions.checks" in graph["generator.datasets.decisions.kinds"]  # from . import checks


@pytest.mark.parametrize("stage", ["staff", "synth", "build", "serve"])
def test_commands_outside_the_build_are_reached_only_from_the_command_line(stage):
    # The dataset families may use the synthetic county's vocabulary for their synthetic rows.
    allowed = {"cli", stage} | ({"datasets", "serve"} if stage in ("synth", "build") else set())
    users = sorted(name for name, path in _modules()
                   if _stage(name) not in allowed and any(_stage(t) == stage for t in _imports(name, path)))
    assert users == []


def test_every_folder_and_top_level_module_is_described_in_the_package_docstring():
    doc = generator.__doc__ or ""
    named = {p.name + "/" for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    named |= {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    undescribed = sorted(n for n in named if f"    {n}" not in doc)
    assert undescribed == []


def test_every_module_starts_with_one_line_naming_what_it_is():
    missing = [name for name, path in _modules()
               if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert missing == []
