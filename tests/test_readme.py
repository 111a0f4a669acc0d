"""The README is a contract too: its rule table names every rule, and its quick start is
exactly two commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ficlint.registry import all_rules
from ficlint.ruledocs import markdown_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_the_one_the_registry_renders(cli) -> None:
    """The README's table is `ficlint rules --format markdown`, so a new or renamed rule, or a
    changed summary or default, cannot leave it behind."""
    table = README.split("<!-- rule-table:", 1)[1].split("\n", 1)[1]
    table = table.split("<!-- rule-table end -->", 1)[0]
    assert table == markdown_table(all_rules()), "run python tools/rule_table.py"
    assert cli("rules", "--format", "markdown").stdout == table
    assert [f"| {r.code} | {r.name} |" in table for r in all_rules()] == [True] * len(all_rules())


def test_quick_start_is_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "examples/sample-chapter.md" in commands[0]
    assert "pytest" in commands[1] and "[test]" in commands[1]


def test_readme_lists_every_engine_rule_ficlint_switches_off() -> None:
    from ficlint.grammar.harper import OFF_BY_DEFAULT
    from ficlint.grammar.languagetool import DISABLED_RULES

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert [r for r in (*OFF_BY_DEFAULT, *DISABLED_RULES) if r not in text] == []


def test_the_quick_start_output_is_what_ficlint_prints_on_the_sample(monkeypatch) -> None:
    """The abridged report under the quick start, with the default grammar engine (Harper):
    every line it shows is in the real report, and the summary line is the real one."""
    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    from conftest import invoke

    monkeypatch.delenv("FICLINT_GRAMMAR")
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"abridged\):\n\n```\n(.*?)```", section, re.S)[1].splitlines()
    real = invoke(["examples/sample-chapter.md", "--color", "never"]).stdout.splitlines()
    assert [line for line in shown if line.strip() and line not in real] == []
    assert real[-1] == shown[-1]


def test_the_fixing_example_is_what_ficlint_prints_on_the_sample(tmp_path, monkeypatch) -> None:
    """The `--diff` / `--fix` session in the README, replayed on a copy of the sample, with
    the default grammar engine."""
    import shutil

    from conftest import invoke

    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    monkeypatch.delenv("FICLINT_GRAMMAR")

    root = Path(__file__).resolve().parents[1]
    section = README.split("### Fixing", 1)[1].split("\n### ", 1)[0]
    shown = re.search(r"```console\n(.*?)```", section, re.S)[1]
    diff_part, fix_part = shown.split("$ ficlint --fix examples/sample-chapter.md\n")
    (tmp_path / "examples").mkdir()
    for name in ("sample-chapter.md", "ficlint.toml"):
        shutil.copy(root / "examples" / name, tmp_path / "examples" / name)
    monkeypatch.chdir(tmp_path)
    diff = invoke(["--diff", "examples/sample-chapter.md"])
    shown_diff = [
        line
        for line in diff_part.splitlines()[1:]
        if line.strip() not in ("...", "") and not line.startswith("Would fix")
    ]
    assert [line for line in shown_diff if line not in diff.stdout.splitlines()] == []
    assert diff.stderr.strip() == diff_part.strip().splitlines()[-1]
    fixed = invoke(["--fix", "examples/sample-chapter.md", "--color", "never"])
    shown_fix = [line for line in fix_part.splitlines() if line.strip() not in ("...", "")]
    assert [line for line in shown_fix if line not in fixed.stdout.splitlines()] == []
    assert fixed.stdout.splitlines()[-1] == shown_fix[-1]


def _suppression_examples() -> list[tuple[str, str]]:
    section = README.split("### Suppressing a finding", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(markdown|text)\n(.*?)```", section, re.S)


@pytest.mark.parametrize("kind,example", _suppression_examples())
def test_the_suppression_examples_silence_what_they_name(tmp_path, monkeypatch, kind, example):
    """Each example in "Suppressing a finding", run as written: the codes its directives name
    are silent; with the directives taken out, the finding they silence is there."""
    from conftest import invoke

    monkeypatch.chdir(tmp_path)
    suffix = ".md" if kind == "markdown" else ".txt"
    # The examples are one paragraph of a manuscript; the curly opening sets its style.
    opening = "“I can’t,” she said. “It’s late. Isn’t it? We’re tired. You’re tired.”\n\n"
    directive = re.compile(r"\s*(<!-- ficlint:[^>]*-->|^# ficlint:.*$)", re.M)
    codes = {c for d in directive.findall(example) for c in re.findall(r"[A-Z]\d{3}", d)}
    for text, silenced in ((example, True), (directive.sub("", example), False)):
        Path("chapter" + suffix).write_text(opening + text, encoding="utf-8")
        found = invoke(["chapter" + suffix, "--grammar", "off", "--format", "json"]).codes
        assert bool(codes & set(found)) != silenced, (text, found)


def test_the_grammar_examples_print_what_ficlint_prints(monkeypatch) -> None:
    """The `--select G` sessions under "Grammar and spelling", replayed exactly."""
    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    import shlex

    from conftest import invoke

    monkeypatch.delenv("FICLINT_GRAMMAR")
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    sessions = re.findall(
        r"```console\n\$ (ficlint --grammar harper --select G[^\n]*)\n(.*?)```", README, re.S
    )
    assert len(sessions) == 2
    for command, shown in sessions:
        assert invoke(shlex.split(command)[1:]).stdout == shown, command


def _sh_block(starting: str) -> list[str]:
    """The command lines of the README's ```sh block whose first line starts with `starting`."""
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        if block.startswith(starting):
            return [line for line in block.splitlines() if line.strip()]
    raise AssertionError(f"no sh block starts with {starting!r}")


def _run_in_shell(line: str, folder: Path):
    """One README command line, run by a shell in `folder` exactly as written, with this
    environment's `ficlint` first on the PATH."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env["FICLINT_GRAMMAR"] = "off"  # the house rules: what these lines show is how to call it
    return subprocess.run(
        line, shell=True, cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_using_it_commands_run_as_written(tmp_path) -> None:
    """Every line of the README's "Using it" block, in a writing folder holding the files it
    names (the --watch line runs in tests/test_watch.py, as written too)."""
    sample = (Path(__file__).resolve().parents[1] / "examples" / "sample-chapter.md").read_text(
        encoding="utf-8"
    )
    for name in ("chapter-03.md", "ch01.md", "ch02.md", "ch03.md", "draft.md"):
        (tmp_path / name).write_text(sample, encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "one.md").write_text(sample, encoding="utf-8")
    lines = _sh_block("ficlint chapter-03.md")
    assert len(lines) == 8
    for line in lines:
        if "--watch" in line:
            continue
        done = _run_in_shell(line, tmp_path)
        assert done.returncode in (0, 1), (line, done.stderr)
        assert "Traceback" not in done.stderr and "error" not in done.stderr, (line, done.stderr)
        assert done.stdout.strip(), line
    # what the lines say they do
    assert "draft.md:" in _run_in_shell(lines[5], tmp_path).stdout
    assert "Q002" in _run_in_shell(lines[6], tmp_path).stdout
    assert "Wrong" in _run_in_shell(lines[7], tmp_path).stdout


def test_the_baseline_commands_run_as_written(tmp_path) -> None:
    """Record the findings there are now; later only a new one is reported."""
    sample = (Path(__file__).resolve().parents[1] / "examples" / "sample-chapter.md").read_text(
        encoding="utf-8"
    )
    (tmp_path / "chapter.md").write_text(sample, encoding="utf-8")
    record, later = _sh_block("ficlint --baseline")
    assert _run_in_shell(record, tmp_path).returncode == 0
    assert (tmp_path / "ficlint-baseline.json").is_file()
    assert _run_in_shell(later, tmp_path).returncode == 0
    (tmp_path / "chapter.md").write_text(sample + "\n“We should go” Nell said.\n", encoding="utf-8")
    done = _run_in_shell(later, tmp_path)
    assert done.returncode == 1
    assert "D003" in done.stdout and "Found 1 problem" in done.stdout


def test_every_version_the_readme_pins_is_a_commit_of_this_repository() -> None:
    """ficlint has no release tags: a `rev:` or `pip install git+…@ref` naming a tag fails
    for whoever copies it (`pathspec 'v0.1.0' did not match`)."""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[1]
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout: no history to look the pinned commits up in")
    shallow = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
    )
    if shallow.stdout.strip() != "false":
        pytest.skip("a shallow clone: the pinned commits may lie beyond its history")
    refs = re.findall(r"^\s*rev: (\S+)", README, re.M) + re.findall(r"git\+\S+@(\S+)", README)
    assert refs
    for ref in refs:
        found = subprocess.run(
            ["git", "-C", str(root), "cat-file", "-e", f"{ref}^{{commit}}"], capture_output=True
        )
        assert found.returncode == 0, f"the README pins {ref}, which this repository lacks"


def test_the_quick_start_and_the_editor_install_run_as_written(tmp_path: Path) -> None:
    """The quick start's first command, pasted into a fresh copy of the repository, installs
    ficlint and checks the sample chapter with the report the README shows; the editor
    section's install line then adds the language server. (The second command, the tests,
    is what .ci/run runs.)"""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[1]
    clone = tmp_path / "ficlint"
    shutil.copytree(
        root,
        clone,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", "*.egg-info", "build", ".*_cache", ".hypothesis",
            "node_modules", "texts", "*.vsix",
        ),
    )  # fmt: skip
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first = re.findall(r"```sh\n(.*?)```", section, re.S)[0].strip()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "FICLINT_GRAMMAR")}
    ran = subprocess.run(
        ["bash", "-c", first], cwd=clone, capture_output=True, text=True, env=env, timeout=900
    )
    assert ran.returncode == 1, ran.stderr[-2000:]  # findings: exit status 1
    summary = next(line for line in section.splitlines() if line.startswith("Found "))
    assert summary in ran.stdout
    install = next(line for line in README.splitlines() if "pip install '.[lsp]'" in line)
    assert install.startswith(".venv/bin/pip")
    ran = subprocess.run(
        ["bash", "-c", install + " && .venv/bin/python -c 'import pygls, ficlint.lsp'"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]


def _lsp_message(payload: dict) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body


def test_the_helix_setup_parses_and_starts_ficlints_server(tmp_path: Path) -> None:
    """Helix is not packaged for Debian, so no Helix runs here; what Helix would read and
    start is checked: the README's languages.toml parses, gives ficlint to Markdown and
    plain text, and its command starts a server that answers Helix's first request."""
    import tomllib

    section = README.split("**Helix**", 1)[1]
    config = tomllib.loads(re.search(r"```toml\n(.*?)```", section, re.S)[1])
    server = config["language-server"]["ficlint"]
    languages = {lang["name"]: lang for lang in config["language"]}
    assert "ficlint" in languages["markdown"]["language-servers"]
    assert languages["text"]["language-servers"] == ["ficlint"]
    assert languages["text"]["file-types"] == ["txt"]
    command = shutil.which(server["command"], path=str(Path(sys.executable).parent))
    assert command is not None
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize"}
    init["params"] = {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}
    requests = [
        init,
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [command, *server["args"]],
        input=b"".join(_lsp_message(r) for r in requests),
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    parts = re.split(rb"Content-Length: \d+\r\n(?:Content-Type: [^\r]*\r\n)?\r\n", done.stdout)
    bodies = [json.loads(b) for b in parts if b]
    answer = next(b for b in bodies if b.get("id") == 1)
    assert answer["result"]["serverInfo"]["name"] == "ficlint"
    assert answer["result"]["capabilities"]["codeActionProvider"]
    assert done.returncode == 0, done.stderr
