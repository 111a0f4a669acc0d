"""Every rule the registry knows, held to its YAML cases (sqlfluff-style): one fixture file per
rule family, named after its module in `ficlint/checks/` (`fixtures/rules/dialogue.yaml` for
`checks/dialogue.py`). Driven by the registry, so a new rule fails here until it has
- at least 8 cases it must flag and 8 it must pass,
- the text its fix writes on every case it flags (when it offers fixes),
- and findings that carry exactly the fix grades it declares (`ficlint rules`, SARIF);
and every case runs through the real command line (`rule_cases.check`)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import rule_cases
from conftest import toml_text
from ficlint.config import load_settings
from ficlint.document import Document
from ficlint.registry import all_rules, validate_selectors
from ficlint.run import lint_texts

MIN_CASES = 8
RULES = all_rules()


def _family_file(rule) -> str:
    """The fixture file of a rule: its checks/ module's name."""
    return rule.__module__.rsplit(".", 1)[1] + ".yaml"


FILES = sorted({_family_file(rule) for rule in RULES})
CASES = {name: rule_cases.load(name) for name in FILES}


def _cases_of(rule) -> list[dict[str, Any]]:
    return CASES[_family_file(rule)].get(rule.code, [])


def _flags(case: dict, code: str) -> bool:
    return any(expected.split(":")[0] == code for expected in case["expect"])


def _all_params():
    for name in FILES:
        yield from rule_cases.params(CASES[name])


@pytest.mark.parametrize(("rule", "case", "suffix"), list(_all_params()))
def test_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    rule_cases.check(lint, rule, case, suffix)


def test_each_fixture_file_holds_its_own_family() -> None:
    """A case filed under another family's module would never be counted for its rule."""
    home = {rule.code: _family_file(rule) for rule in RULES}
    misfiled = [(name, code) for name in FILES for code in CASES[name] if home.get(code) != name]
    assert misfiled == []
    assert not [
        path.name
        for path in (rule_cases.FIXTURES / "rules").glob("*.yaml")
        if path.name not in FILES
    ], "a fixture file no rule module is named after"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_has_enough_wrong_and_right_cases(rule) -> None:
    cases = _cases_of(rule)
    wrong = [case for case in cases if _flags(case, rule.code)]
    right = [case for case in cases if not _flags(case, rule.code)]
    where = f"tests/fixtures/rules/{_family_file(rule)}"
    assert len(wrong) >= MIN_CASES, f"{rule.code} has {len(wrong)} cases it must flag in {where}"
    assert len(right) >= MIN_CASES, f"{rule.code} has {len(right)} cases it must pass in {where}"


@pytest.mark.parametrize(
    "rule", [rule for rule in RULES if rule.fix_grades()], ids=lambda rule: rule.code
)
def test_every_wrong_case_shows_its_fix(rule) -> None:
    """A wrong case says what the text becomes, so a fix that mangles the prose is caught (an
    even split has no fix: its `fixed` is its text)."""
    unfixed = [
        case["name"]
        for case in _cases_of(rule)
        if _flags(case, rule.code) and "fixed" not in case and "unsafe_fixed" not in case
    ]
    assert unfixed == []


@pytest.fixture(scope="module")
def yielded(tmp_path_factory) -> dict[str, set[str]]:
    """Every grade of fix each rule's findings carried over all the cases (run in-process:
    the grades, not the command line, are under test here)."""
    folder = tmp_path_factory.mktemp("grades")
    grades: dict[str, set[str]] = {}
    for cases in CASES.values():
        for rule, rule_cases_ in cases.items():
            for case in rule_cases_:
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


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_rule_yields_the_fix_grades_it_declares(rule, yielded) -> None:
    """C001 once said `safe` while its findings on a close count were unsafe; D007 said safe
    and yielded unsafe. A grade above the declared one, or one never seen, fails."""
    declared = {grade.value for grade in rule.fix_grades()}
    assert yielded.get(rule.code, set()) == declared, rule.code
