"""The manuscript-consistency rules (C001–C006), typography (T001–T004) and doubled words
(R001) on the cases in fixtures/consistency.yaml, run through the real command line with
`--format json --select <rule>`, with their fixes applied to the text. Each case's text is the
whole manuscript of its run, so majorities and names are counted from it alone."""

from __future__ import annotations

from typing import Any

import pytest

import rule_cases

CASES = rule_cases.load("consistency.yaml")
RULES = ("C001", "C002", "C003", "C004", "C005", "C006", "T001", "T002", "T003", "T004", "R001")
MIN_CASES = 6


@pytest.mark.parametrize(("rule", "case", "suffix"), list(rule_cases.params(CASES)))
def test_consistency_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    rule_cases.check(lint, rule, case, suffix)


@pytest.mark.parametrize("rule", RULES)
def test_every_consistency_rule_has_enough_wrong_and_right_cases(rule: str) -> None:
    cases = CASES.get(rule, [])
    wrong = [case for case in cases if case["expect"]]
    right = [case for case in cases if not case["expect"]]
    assert len(wrong) >= MIN_CASES, f"{rule} has {len(wrong)} cases it must flag"
    assert len(right) >= MIN_CASES, f"{rule} has {len(right)} cases it must pass"


@pytest.mark.parametrize("rule", RULES)
def test_every_wrong_case_shows_its_fix(rule: str) -> None:
    """Every rule here has fixes, so a wrong case says what the text becomes (an even split has
    no fix: its `fixed` is its text)."""
    unfixed = [
        case["name"]
        for case in CASES.get(rule, [])
        if case["expect"] and "fixed" not in case and "unsafe_fixed" not in case
    ]
    assert unfixed == []
