"""The manuscript-consistency rules (C001–C006), typography (T001–T004) and repetition
(R001, R002) on the cases in fixtures/consistency.yaml, run through the real command line with
`--format json --select <rule>`, with their fixes applied to the text. Each case's text is the
whole manuscript of its run, so majorities and names are counted from it alone."""

from __future__ import annotations

from typing import Any

import pytest

import rule_cases

CASES = rule_cases.load("consistency.yaml")


@pytest.mark.parametrize(("rule", "case", "suffix"), list(rule_cases.params(CASES)))
def test_consistency_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    rule_cases.check(lint, rule, case, suffix)
