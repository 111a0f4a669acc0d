"""The dialogue-punctuation rules (D001–D013) on the cases in fixtures/dialogue.yaml, run through
the real command line with `--format json --select <rule>`, with their fixes applied to the
text. Each case's text is the whole manuscript of its run, so names are learned from it."""

from __future__ import annotations

from typing import Any

import pytest

import rule_cases

CASES = rule_cases.load("dialogue.yaml")


@pytest.mark.parametrize(("rule", "case", "suffix"), list(rule_cases.params(CASES)))
def test_dialogue_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    rule_cases.check(lint, rule, case, suffix)
