"""The README's Neovim set-up, run as written in a real, headless Neovim: the chapter's
findings arrive, a quick fix is applied, and "Add ‘word’ to words" writes the config.
.ci/run installs Neovim from Debian's packages; on a machine without it this test skips."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rule_cases import load

ROOT = Path(__file__).resolve().parents[1]
NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed; .ci/run installs it")
def test_the_readme_neovim_setup_shows_findings_fixes_and_adds_a_word(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Neovim**", 1)[1]
    init = re.search(r"```lua\n(.*?)```", section, re.S)[1]
    (tmp_path / "init.lua").write_text(init, encoding="utf-8")
    chapter = tmp_path / "ch.md"
    typo = load("consistency.yaml")["C005"][0]["text"]  # Marcus many times, Marucs once
    chapter.write_text("“You’re late.” she said.\n\n" + typo, encoding="utf-8")
    env = dict(os.environ, FICLINT_GRAMMAR="off", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    drive = Path(__file__).parent / "fixtures" / "neovim-drive.lua"
    done = subprocess.run(
        [NVIM, "--headless", "-u", "init.lua", "ch.md", "-c", f"luafile {drive}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    lines = [line for line in re.split(r"[\r\n]+", done.stdout + done.stderr) if line]
    assert "apply Fix D001: replace ‘.’ with ‘,’ (safe)" in lines, lines
    assert "run Add ‘Marucs’ to words in ficlint.toml (ficlint)" in lines, lines
    assert any(line.endswith("left 0") for line in lines), lines
    assert chapter.read_text(encoding="utf-8").startswith("“You’re late,” she said.\n")
    assert (tmp_path / "ficlint.toml").read_text(encoding="utf-8") == 'words = ["Marucs"]\n'
