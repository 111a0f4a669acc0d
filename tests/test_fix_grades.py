"""The grade of fix a rule declares (`ficlint rules`, `ficlint rule`, SARIF's rule notes) is
the one its findings carry: over every YAML rule case, each rule yields exactly its declared
grades. C001 said `safe` while its findings on a close count were unsafe."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import toml_text
from ficlint.config import load_settings
from ficlint.document import Document
from ficlint.registry import all_rules, validate_selectors
from ficlint.run import lint_texts
from rule_cases import load

FILES = ("dialogue.yaml", "quotes.yaml", "consistency.yaml")


@pytest.fixture(scope="module")
def yielded(tmp_path_factory) -> dict[str, set[str]]:
    """Every grade of fix each rule's findings carried over all its cases."""
    folder = tmp_path_factory.mktemp("grades")
    grades: dict[str, set[str]] = {}
    for name in FILES:
        for rule, cases in load(name).items():
            for case in cases:
                config = folder / "ficlint.toml"
                config.write_text(toml_text(case.get("config") or {}), encoding="utf-8")
                settings = dataclasses.replace(
                    load_settings(config, validate_selectors),
                    grammar="off",
                    select=tuple(case.get("select", rule).split(",")),
                )
                path = folder / "chapter.md"
                path.write_text(case["text"], encoding="utf-8")
                for diag in lint_texts([Document(case["text"], "chapter.md", path=path)], settings):
                    if diag.fix is not None:
                        grades.setdefault(diag.code, set()).add(diag.fix.applicability.value)
    return grades


@pytest.mark.parametrize(
    "rule", [r for r in all_rules() if r.code[0] in "CDQRT"], ids=lambda r: r.code
)
def test_a_rule_yields_the_fix_grades_it_declares(rule, yielded) -> None:
    declared = {g.value for g in rule.fix_grades()}
    assert yielded.get(rule.code, set()) == declared, rule.code
