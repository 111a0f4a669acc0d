"""The VS Code extension in editors/vscode, built into a .vsix by the official packaging tool
(@vscode/vsce) with the commands its README gives, when node and npm are here."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[1] / "editors" / "vscode"


@pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None, reason="node and npm are not here"
)
def test_the_extension_builds_into_a_vsix_that_starts_ficlint_server(tmp_path: Path) -> None:
    folder = tmp_path / "vscode"
    shutil.copytree(EXTENSION, folder, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    build = re.search(r"```sh\n(.*?)\n", readme)[1]  # the first line: install and package
    done = subprocess.run(
        build, shell=True, cwd=folder, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    vsix = folder / f"{manifest['name']}-{manifest['version']}.vsix"
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        code = archive.read("extension/extension.js").decode("utf-8")
    assert {"extension/package.json", "extension/extension.js"} <= names
    assert any(n.startswith("extension/node_modules/vscode-languageclient/") for n in names)
    assert "args: ['server']" in code
    check = subprocess.run(["node", "--check", str(folder / "extension.js")], capture_output=True)
    assert check.returncode == 0, check.stderr
