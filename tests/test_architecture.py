"""The import contracts of pyproject.toml ([tool.importlinter]) hold: the text layer reads no
rule, nothing that finds problems imports what reports them, and so on. import-linter
checks them from the real import graph, so a new import across a layer fails here."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from ficlint.config import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command is not None, "import-linter is one of the test extras"
    done = subprocess.run([command], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(contracts)} kept, 0 broken." in done.stdout
    assert len(contracts) >= 3
    # No import is let off: every one goes the one way.
    assert all(not c.get("ignore_imports") for c in contracts)


def _function_level_imports(path: Path):
    """(line, module) of each import of a ficlint module inside a function of `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ficlint"):
                    yield node.lineno, node.module
                elif isinstance(node, ast.Import):
                    yield from (
                        (node.lineno, a.name) for a in node.names if a.name.startswith("ficlint")
                    )


def test_an_import_inside_a_function_says_why() -> None:
    """Imports inside functions once held an import loop together. The layers contract now
    forbids the loop; an import kept lazy (for start-up time, or so that `--grammar off`
    never loads the grammar layer) says so in a comment beside it, or, for a module whose
    every command imports lazily (cli.py), in its docstring."""
    unexplained = []
    for path in sorted((ROOT / "src" / "ficlint").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").split("\n")
        docstring = ast.get_docstring(ast.parse("\n".join(lines))) or ""
        if "start-up" in docstring and "import" in docstring:
            continue
        for lineno, module in _function_level_imports(path):
            i = lineno - 1
            above = i - 1
            while above >= 0 and lines[above].strip().startswith(("#", "from ", "import ")):
                above -= 1
            if not any("#" in line for line in lines[above + 1 : i + 1]):
                unexplained.append(f"{path.relative_to(ROOT)}:{lineno} {module}")
    assert unexplained == []
