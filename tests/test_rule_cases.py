"""Every rule the registry knows has YAML cases: at least 8 it must flag and 8 it must pass,
and every wrong case of a rule that offers fixes shows the text its fix writes. Driven by the
registry, so a new rule without cases fails here. (The family modules run the cases.)"""

from __future__ import annotations

import pytest

import rule_cases
from ficlint.registry import all_rules

FILES = ("dialogue.yaml", "quotes.yaml", "consistency.yaml", "speech_drift.yaml")
MIN_CASES = 8
# Rules whose behaviour is not a finding on prose, tested in their own modules.
ELSEWHERE = {"X001": "tests/test_suppression.py: a suppression comment that silences nothing"}


def _cases() -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for name in FILES:
        for rule, cases in rule_cases.load(name).items():
            merged.setdefault(rule, []).extend(cases)
    return merged


CASES = _cases()
RULES = [rule for rule in all_rules() if rule.code not in ELSEWHERE]


def _flags(case: dict, code: str) -> bool:
    return any(expected.split(":")[0] == code for expected in case["expect"])


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_has_enough_wrong_and_right_cases(rule) -> None:
    cases = CASES.get(rule.code, [])
    wrong = [case for case in cases if _flags(case, rule.code)]
    right = [case for case in cases if not _flags(case, rule.code)]
    assert len(wrong) >= MIN_CASES, f"{rule.code} has {len(wrong)} cases it must flag"
    assert len(right) >= MIN_CASES, f"{rule.code} has {len(right)} cases it must pass"


@pytest.mark.parametrize(
    "rule", [rule for rule in RULES if rule.fix_grades()], ids=lambda rule: rule.code
)
def test_every_wrong_case_shows_its_fix(rule) -> None:
    """A wrong case says what the text becomes, so a fix that mangles the prose is caught (an
    even split has no fix: its `fixed` is its text)."""
    unfixed = [
        case["name"]
        for case in CASES.get(rule.code, [])
        if _flags(case, rule.code) and "fixed" not in case and "unsafe_fixed" not in case
    ]
    assert unfixed == []


def test_the_rules_tested_elsewhere_are_registered() -> None:
    assert set(ELSEWHERE) <= {rule.code for rule in all_rules()}
