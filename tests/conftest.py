"""Shared fixtures: run the real `ficlint` command on manuscripts written to a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ficlint.cli import main

# The project's shared development data (drafts, corpus), next to this checkout; optional.
SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass
class Result:
    """What a user sees from one run: exit status, standard output and standard error."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        """The `--format json` object printed on standard output."""
        return json.loads(self.stdout)

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        return self.report["diagnostics"]

    @property
    def codes(self) -> list[str]:
        return [d["code"] for d in self.diagnostics]

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def invoke(
    args: Sequence[str], input: str | bytes | None = None, env: dict | None = None
) -> Result:
    """Run the CLI in-process. An exception other than the CLI's own exit is a bug (the user
    would see a traceback), so it is raised here rather than hidden in the result."""
    result = CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


def run_process(
    args: Sequence[str], cwd: Path, input: bytes | None = None, env: dict | None = None
) -> Result:
    """Run `python -m ficlint` as a separate process, as a shell would."""
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "ficlint", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=full_env,
        timeout=60,
    )
    return Result(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def toml_text(config: str | dict[str, Any]) -> str:
    """A config given as TOML text, or as a dict of top-level keys and one-level tables."""
    if isinstance(config, str):
        return config
    scalars, tables = [], []
    for key, value in config.items():
        if isinstance(value, dict):
            tables.append(f"[{json.dumps(key)}]")
            tables += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()]
        else:
            scalars.append(f"{json.dumps(key)} = {json.dumps(value)}")
    return "\n".join(scalars + tables) + "\n"


@pytest.fixture
def cli() -> Callable[..., Result]:
    """`cli(*args, input=None, env=None)`: the CLI in-process."""

    def run(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Result:
        return invoke(args, input=input, env=env)

    return run


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is the test's working directory (where a writer runs ficlint)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """`lint(text, suffix=".md", args=(), config=None)`: write `text` (str or bytes) to
    `chapter<suffix>` in a fresh folder (with `config` as its ficlint.toml), run
    `ficlint chapter<suffix> --format json *args` there, and return the result; its
    `.report` is the parsed JSON and `.exit_code` the exit status."""
    monkeypatch.chdir(tmp_path)

    def run(
        text: str | bytes,
        suffix: str = ".md",
        args: Sequence[str] = (),
        config: str | dict | None = None,
        name: str = "chapter",
    ) -> Result:
        path = tmp_path / f"{name}{suffix}"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        if config is not None:
            (tmp_path / "ficlint.toml").write_text(toml_text(config), encoding="utf-8")
        return invoke([path.name, "--format", "json", *args])

    return run


def source_offset(text: str, line: int, column: int) -> int:
    """The string index of a 1-based (line, column) in code points, lines ending at \\n."""
    lines = text.split("\n")
    return sum(len(ln) + 1 for ln in lines[: line - 1]) + column - 1


def span_text(text: str, diag: dict[str, Any]) -> str:
    """The source text a diagnostic (or an edit) covers."""
    start = source_offset(text, diag["line"], diag["column"])
    end = source_offset(text, diag["end_line"], diag["end_column"])
    return text[start:end]


def apply_fixes(text: str, diagnostics: list[dict[str, Any]], unsafe: bool = False) -> str:
    """Apply the fixes' edits to `text` from last to first, as a fixer would; edits must not
    overlap (one fixer applies every rule's edits at once)."""
    edits = []
    for diag in diagnostics:
        fix = diag["fix"]
        if fix is None or (fix["applicability"] != "safe" and not unsafe):
            continue
        for e in fix["edits"]:
            start = source_offset(text, e["line"], e["column"])
            end = source_offset(text, e["end_line"], e["end_column"])
            edits.append((start, end, e["replacement"]))
    edits.sort(reverse=True)
    for later, earlier in pairwise(edits):
        assert earlier[1] <= later[0], f"overlapping edits in {edits}"
    for start, end, replacement in edits:
        text = text[:start] + replacement + text[end:]
    return text


def overlaps(diag: dict[str, Any], line: int, start: int, end: int) -> bool:
    """Whether a finding touches columns [start, end) of `line` (1-based, as score.py counts)."""
    if not diag["line"] <= line <= diag["end_line"]:
        return False
    d_start = diag["column"] if diag["line"] == line else 1
    d_end = diag["end_column"] if diag["end_line"] == line else 10**9
    return d_start < end and start < max(d_end, d_start + 1)


def read_key(path: Path) -> list[dict[str, Any]]:
    """An answer key (TSV with a header row), with `line` as a number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line]
    for row in rows:
        row["line"] = int(row["line"])
    return rows


@pytest.fixture(scope="session")
def _session_word_lists(tmp_path_factory) -> Path:
    """One folder of word lists (ficlint.wordstore) for the whole session: they hold the
    installed packages' lists, the same for every test, and take a second to write."""
    return tmp_path_factory.mktemp("word-lists")


@pytest.fixture(autouse=True)
def _private_grammar_cache(tmp_path_factory, monkeypatch, _session_word_lists) -> None:
    """Tests never read or write the user's own grammar cache."""
    cache = tmp_path_factory.mktemp("grammar-cache")
    (cache / "words").symlink_to(_session_word_lists, target_is_directory=True)
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(cache))
    # Tests change ficlint's code in this process (monkeypatch), which the run cache's key
    # cannot see: every run runs its rules, but in tests/test_results_cache.py.
    monkeypatch.setenv("FICLINT_RUN_CACHE", "off")
    # Nor a LanguageTool server from the developer's environment (the live test reads it).
    monkeypatch.delenv("FICLINT_LT_SERVER", raising=False)
    # ficlint's own rules only, unless a test names an engine (--grammar, the config) or
    # removes this to see the default (Harper): most tests are about the house rules.
    monkeypatch.setenv("FICLINT_GRAMMAR", "off")
