"""The layout of generator/ reads as the pipeline's stages, and imports flow with the pipeline, never against it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import generator

PACKAGE = Path(generator.__file__).parent

#: Stage -> stages it must never import. Data flows read -> rules -> render -> publish; staff tools and the
#: synthetic county sit outside the build; git feeds the diff command and record histories, not the rules.
FORBIDDEN = {
    "schema": {"read", "datasets", "render", "publish", "git", "staff", "synth", "build", "validate"},
    "read": {"rules", "render", "publish", "git", "staff", "synth", "build", "validate"},
    "rules": {"render", "publish", "git", "staff", "synth", "build", "validate"},
    "privacy": {"render", "staff", "synth", "build", "validate"},
    "render": {"publish", "git", "staff", "synth", "build", "validate"},
    "publish": {"git", "staff", "synth", "build", "validate"},
    "git": {"render", "publish", "staff", "synth", "build"},
    "datasets": {"publish", "git", "staff", "build", "validate"},
    "catalog": {"render", "publish", "git", "staff", "synth", "build", "validate", "datasets"},
    "problems": {"read", "rules", "privacy", "render", "publish", "git", "staff", "synth", "datasets", "schema"},
    "paths": {"read", "rules", "privacy", "render", "publish", "git", "staff", "synth", "datasets", "schema",
              "build", "validate", "catalog", "problems"},
}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(["generator", *parts]), path))
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Absolute names of the generator modules and packages `path` imports (at top level or inside functions)."""
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
            if full == "generator":
                out.update(f"generator.{a.name}" for a in node.names)
            elif full.startswith("generator."):
                out.add(full)
    return out


def _stage(name: str) -> str:
    return name.split(".")[1] if name.count(".") else ""


def test_imports_flow_with_the_pipeline():
    against = []
    for name, path in _modules():
        for target in _imports(name, path):
            if _stage(target) in FORBIDDEN.get(_stage(name), set()):
                against.append(f"{name} imports {target}")
    assert against == []


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


def test_the_checker_sees_a_backward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from ..render.views import PublicView\nfrom generator.publish import engine\n")
    assert _imports("generator.rules.bad", bad) == {"generator.render.views", "generator.publish"}
    assert {_stage(t) for t in _imports("generator.rules.bad", bad)} & FORBIDDEN["rules"] == {"render", "publish"}
