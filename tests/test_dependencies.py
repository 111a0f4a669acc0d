"""Declared dependencies are real: every package pyproject.toml makes users install is
imported somewhere in src/ficlint, or found with find_spec to read its data (a dependency
nobody uses is weight for nothing)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
from pathlib import Path

from ficlint.config import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "ficlint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "find_spec"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)  # a package read as data (wordfreq's word list)
    return names


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_declared_dependency_is_imported() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        _normal(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }
    declared |= {
        _normal(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0])
        for spec in project["optional-dependencies"]["lsp"]
    }
    imported = _imported_top_levels()
    provided = {
        _normal(dist)
        for module, dists in importlib.metadata.packages_distributions().items()
        if module in imported
        for dist in dists
    }
    provided.add("tomli")  # imported as tomli only on Python 3.10, where tomllib is missing
    assert sorted(declared - provided) == []
