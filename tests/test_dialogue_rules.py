"""The dialogue-punctuation rules (D001–D010) on the cases in fixtures/dialogue.yaml, run through
the real command line with `--format json --select <rule>`, with their fixes applied to the
text. Each case's text is the whole manuscript of its run, so names are learned from it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import apply_fixes, source_offset

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "dialogue.yaml").read_text("utf-8"))
D_RULES = tuple(f"D{n:03d}" for n in range(1, 11))
MIN_CASES = 8


def _params():
    for rule, cases in CASES.items():
        for case in cases:
            for suffix in [case["suffix"]] if "suffix" in case else [".md", ".txt"]:
                slug = re.sub(r"[^a-z0-9]+", "-", case["name"].lower()).strip("-")
                yield pytest.param(rule, case, suffix, id=f"{rule}-{slug}{suffix}")


def _describe(text: str, diag: dict[str, Any]) -> str:
    line = text.split("\n")[diag["line"] - 1]
    col = diag["column"] - 1
    return (
        f"{diag['code']}:{diag['line']}:{diag['column']} "
        f"«{line[max(0, col - 12) : col + 12]}» {diag['message']}"
    )


def _unmatched(text: str, expect: list[str], diagnostics: list[dict[str, Any]]):
    """Expectations no finding meets, and findings no expectation names."""
    left = list(diagnostics)
    missing = []
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
    return missing, [_describe(text, d) for d in left]


@pytest.mark.parametrize(("rule", "case", "suffix"), list(_params()))
def test_dialogue_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    text = case["text"]
    select = case.get("select", rule)
    result = lint(text, suffix=suffix, args=["--select", select], config=case.get("config"))
    assert result.stderr == ""
    diagnostics = result.diagnostics
    missing, unexpected = _unmatched(text, case["expect"], diagnostics)
    assert (missing, unexpected) == ([], []), "\n".join(_describe(text, d) for d in diagnostics)
    assert result.exit_code == (1 if case["expect"] else 0)
    if "fixed" in case:
        fixed = apply_fixes(text, diagnostics)
        assert fixed == case["fixed"]
        if all(d["fix"] and d["fix"]["applicability"] == "safe" for d in diagnostics):
            again = lint(fixed, suffix=suffix, args=["--select", select], config=case.get("config"))
            assert [_describe(fixed, d) for d in again.diagnostics] == []
    if "unsafe_fixed" in case:
        assert apply_fixes(text, diagnostics, unsafe=True) == case["unsafe_fixed"]


@pytest.mark.parametrize("rule", D_RULES)
def test_every_dialogue_rule_has_enough_wrong_and_right_cases(rule: str) -> None:
    cases = CASES.get(rule, [])
    wrong = [case for case in cases if case["expect"]]
    right = [case for case in cases if not case["expect"]]
    assert len(wrong) >= MIN_CASES, f"{rule} has {len(wrong)} cases it must flag"
    assert len(right) >= MIN_CASES, f"{rule} has {len(right)} cases it must pass"


@pytest.mark.parametrize("rule", D_RULES)
def test_every_wrong_case_shows_its_fix(rule: str) -> None:
    """A wrong case says what the text becomes, so a fix that mangles the prose is caught."""
    unfixed = [
        case["name"]
        for case in CASES.get(rule, [])
        if case["expect"] and "fixed" not in case and "unsafe_fixed" not in case
    ]
    assert unfixed == []
