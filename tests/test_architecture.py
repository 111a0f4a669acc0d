"""The import contracts of pyproject.toml ([tool.importlinter]) hold: the text layer reads no
rule, nothing that finds problems imports what reports them, and so on. import-linter
checks them from the real import graph, so a new import across a layer fails here."""

from __future__ import annotations

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
