"""The pre-commit hooks, run for real: `pre-commit try-repo <this repository>` in a throwaway
writing repository, as a writer's `git commit` would run them.

pre-commit builds the hooks' environment by installing this repository with pip (from the
package index), once per test session; the tests skip if pre-commit or git is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and this repository's git checkout",
)

CONFIG = 'files = ["chapters/*.md"]\n'
CH1 = (
    "# One\n\n“You’re late,” said Nell. The grey fog rolled in over the grey rocks.\n\n"
    "“I know,” said Tobias. “The grey boat is out.”\n"
)
CH2 = "# Two\n\n“Grey again,” said Nell. The sky was grey and the sea was grey.\n"
CH3 = "# Three\n\n“We should go.” Nell said. The gray light faded.\n"


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="Writer",
        GIT_AUTHOR_EMAIL="writer@example.com",
        GIT_COMMITTER_NAME="Writer",
        GIT_COMMITTER_EMAIL="writer@example.com",
        NO_COLOR="1",
    )
    env.pop("FICLINT_LT_SERVER", None)
    # The hook's own environment runs the ficlint that pre-commit installed, not ours.
    env.pop("VIRTUAL_ENV", None)
    return env


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extras")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def book(tmp_path: Path, pre_commit_home: Path):
    repo = tmp_path / "book"
    (repo / "chapters").mkdir(parents=True)
    (repo / "ficlint.toml").write_text(CONFIG, "utf-8")
    for name, text in (("ch01.md", CH1), ("ch02.md", CH2), ("ch03.md", CH3)):
        (repo / "chapters" / name).write_text(text, "utf-8")
    env = _env(pre_commit_home)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)

    def try_repo(hook: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    return repo, try_repo


def test_the_hook_blocks_a_planted_error_and_the_fix_hook_clears_it(book) -> None:
    repo, try_repo = book
    first = try_repo("ficlint", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "chapters/ch03.md:3:14  D001" in first.stdout
    # Found through the manuscript's majority in ch01/ch02, reported only where it drifts.
    assert "chapters/ch03.md:3:32  C002" in first.stdout
    assert not re.search(r"^chapters/ch0[12]\.md:\d", first.stdout, re.M)
    # The writer settles gray/grey by hand (C002's fix is unsafe); D001 is left to the hook.
    ch3 = repo / "chapters" / "ch03.md"
    ch3.write_text(CH3.replace("gray", "grey"), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    fixed = try_repo("ficlint-fix", "--all-files")
    assert fixed.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    assert "Fixed 1 problem in 1 file." in fixed.stdout
    assert ch3.read_text("utf-8") == CH3.replace("gray", "grey").replace("go.” Nell", "go,” Nell")

    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    after = try_repo("ficlint", "--all-files")
    assert after.returncode == 0, after.stdout
    assert re.search(r"^ficlint\.+Passed$", after.stdout, re.M)


def test_only_the_changed_chapter_is_reported_against_the_whole_manuscript(book) -> None:
    _, try_repo = book
    only_three = try_repo("ficlint", "--files", "chapters/ch03.md")
    assert only_three.returncode == 1
    assert "ch03.md:3:32  C002" in only_three.stdout
    assert "gray (1×) vs grey (6×, first in chapters/ch01.md:3)" in only_three.stdout
    only_one = try_repo("ficlint", "--files", "chapters/ch01.md")
    assert only_one.returncode == 0, only_one.stdout
    assert "Passed" in only_one.stdout


def test_the_manifest_is_valid_and_the_readme_snippet_names_its_hooks(pre_commit_home) -> None:
    import yaml

    check = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=_env(pre_commit_home),
    )
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = {
        hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    readme = (ROOT / "README.md").read_text("utf-8")
    remote = yaml.safe_load(_snippets(readme)[1])["repos"][0]
    # No release tags yet: a commit of this repository, whose manifest has the hooks named.
    assert re.fullmatch(r"[0-9a-f]{40}", remote["rev"])
    at_rev = subprocess.run(
        ["git", "show", f"{remote['rev']}:.pre-commit-hooks.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [h["id"] for h in remote["hooks"]] == ["ficlint-fix", "ficlint"]
    assert {h["id"] for h in remote["hooks"]} <= {h["id"] for h in yaml.safe_load(at_rev)}
    assert {h["id"] for h in remote["hooks"]} <= manifest


def _snippets(readme: str) -> list[str]:
    section = readme.split("### In a git repository: pre-commit", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```yaml\n(repos:.*?)```", section, re.S)


def test_the_readme_snippet_works_as_written(book, pre_commit_home) -> None:
    """The README's first snippet, copied verbatim into a writing repository's
    .pre-commit-config.yaml, run by real pre-commit with ficlint on the PATH."""
    repo, _ = book
    local = _snippets((ROOT / "README.md").read_text("utf-8"))[0]
    (repo / ".pre-commit-config.yaml").write_text(local, "utf-8")
    env = _env(pre_commit_home)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    first = run()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    ch3 = (repo / "chapters" / "ch03.md").read_text("utf-8")
    assert "go,” Nell" in ch3  # the safe fix, written by the fix hook
    assert "chapters/ch03.md:3:32  C002" in first.stdout  # what is left, from the other
