"""The consistency rules with `speech-drift = false`: speech is left to the characters."""

from __future__ import annotations

from typing import Any

import pytest

import rule_cases

CASES = rule_cases.load("speech_drift.yaml")


@pytest.mark.parametrize(("rule", "case", "suffix"), list(rule_cases.params(CASES)))
def test_speech_drift_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    rule_cases.check(lint, rule, case, suffix)
