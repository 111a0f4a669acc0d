"""YAML rule cases (sqlfluff-style): each case is a whole manuscript with the findings it must
give (`CODE:line:col` or `CODE:needle`) and, optionally, its text after the fixes. Shared by the
tests: one file per rule family in fixtures/rules/, named after its module in ficlint/checks/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import apply_fixes, source_offset

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> dict[str, list[dict[str, Any]]]:
    """The cases of one family (`dialogue.yaml`), by rule code."""
    return yaml.safe_load((FIXTURES / "rules" / name).read_text("utf-8"))


def every_case():
    """Every case of every family, with its rule's code."""
    for path in sorted((FIXTURES / "rules").glob("*.yaml")):
        for rule, cases in load(path.name).items():
            for case in cases:
                yield rule, case


def params(cases: dict[str, list[dict[str, Any]]]):
    """One test per case and file type (.md and .txt unless the case pins one)."""
    for rule, rule_cases in cases.items():
        for case in rule_cases:
            for suffix in [case["suffix"]] if "suffix" in case else [".md", ".txt"]:
                slug = re.sub(r"[^a-z0-9]+", "-", case["name"].lower()).strip("-")
                yield pytest.param(rule, case, suffix, id=f"{rule}-{slug}{suffix}")


def describe(text: str, diag: dict[str, Any]) -> str:
    line = text.split("\n")[diag["line"] - 1]
    col = diag["column"] - 1
    return f"{diag['code']}:{diag['line']}:{diag['column']} «{line[max(0, col - 12) : col + 12]}» {diag['message']}"


def unmatched(text: str, expect: list[str], diagnostics: list[dict[str, Any]]):
    """Expectations no finding meets, and findings no expectation names."""
    left = list(diagnostics)
    missing = []
    # Exact positions first, so that a needle does not take a finding a position names.
    ordered = sorted(expect, key=lambda e: not re.fullmatch(r"\w+:\d+:\d+", e))
    for item in ordered:
        code, where = item.split(":", 1)
        position = re.fullmatch(r"(\d+):(\d+)", where)
        if position:
            start = source_offset(text, int(position[1]), int(position[2]))
            end = start + 1
        else:
            assert text.count(where) == 1, f"needle {where!r} must occur once in the case text"
            start = text.index(where)
            end = start + len(where)
        for diag in left:
            at = source_offset(text, diag["line"], diag["column"])
            if diag["code"] == code and start <= at < end:
                left.remove(diag)
                break
        else:
            missing.append(item)
    return missing, [describe(text, d) for d in left]


def check(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    """Run one case through the CLI: the expected findings, and nothing else; the fixed text;
    after safe fixes, no finding of that rule left; and a second `--fix` changes nothing."""
    text = case["text"]
    select = case.get("select", rule)
    result = lint(text, suffix=suffix, args=["--select", select], config=case.get("config"))
    assert result.stderr == ""
    diagnostics = result.diagnostics
    missing, unexpected = unmatched(text, case["expect"], diagnostics)
    assert (missing, unexpected) == ([], []), "\n".join(describe(text, d) for d in diagnostics)
    assert result.exit_code == (1 if case["expect"] else 0)
    if "fixed" in case:
        fixed = apply_fixes(text, diagnostics)
        assert fixed == case["fixed"]
        if all(d["fix"] and d["fix"]["applicability"] == "safe" for d in diagnostics):
            again = lint(fixed, suffix=suffix, args=["--select", select], config=case.get("config"))
            assert [describe(fixed, d) for d in again.diagnostics] == []
    if "unsafe_fixed" in case:
        assert apply_fixes(text, diagnostics, unsafe=True) == case["unsafe_fixed"]
    for key, extra in (("fixed", []), ("unsafe_fixed", ["--unsafe-fixes"])):
        if key in case:
            once = real_fix(lint, text, suffix, select, case.get("config"), extra)
            assert once == case[key]
            # The README promises that a second `--fix` changes nothing.
            assert real_fix(lint, once, suffix, select, case.get("config"), extra) == once


def real_fix(lint, text: str, suffix: str, select: str, config, extra: list[str]) -> str:
    """The file's text after `ficlint --fix` (the command a writer runs) on the case."""
    result = lint(text, suffix=suffix, args=["--select", select, "--fix", *extra], config=config)
    assert result.exit_code in (0, 1), result.stderr
    return (Path.cwd() / f"chapter{suffix}").read_bytes().decode("utf-8")
