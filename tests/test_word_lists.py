"""The word lists in rules/ are data every rule trusts: every entry must be a string (YAML
reads a bare `no` or `on` as a boolean, which silently drops the word)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

RULES = Path(__file__).resolve().parents[1] / "rules"


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


@pytest.mark.parametrize("path", sorted(RULES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_entry_is_a_string(path: Path) -> None:
    bad = [
        leaf
        for leaf in _leaves(yaml.safe_load(path.read_text(encoding="utf-8")))
        if not isinstance(leaf, str)
    ]
    assert bad == []
