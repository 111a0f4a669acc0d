"""The dialogue-punctuation rules (D001–D013) on the cases in fixtures/dialogue.yaml, run through
the real command line with `--format json --select <rule>`, with their fixes applied to the
text. Each case's text is the whole manuscript of its run, so names are learned from it."""

from __future__ import annotations

from typing import Any

import pytest

import rule_cases

CASES = rule_cases.load("dialogue.yaml")
D_RULES = tuple(f"D{n:03d}" for n in range(1, 14))
MIN_CASES = 8


@pytest.mark.parametrize(("rule", "case", "suffix"), list(rule_cases.params(CASES)))
def test_dialogue_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    rule_cases.check(lint, rule, case, suffix)


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
