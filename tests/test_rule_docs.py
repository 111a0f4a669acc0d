"""Every rule documents itself with examples, and the examples do what they say: each Wrong
example, checked alone, is flagged by its rule; each Right example is not."""

from __future__ import annotations

import pytest

from ficlint.registry import all_rules

# X001 is found by the suppression pass, not by checking prose, so it has no prose examples.
RULES = [rule for rule in all_rules() if rule.code != "X001"]


def _examples(section: str):
    for rule in RULES:
        for n, example in enumerate(rule.examples(section), 1):
            yield pytest.param(rule.code, example, id=f"{rule.code}-{section.lower()}-{n}")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_has_documentation_sections(rule) -> None:
    docs = rule.docs()
    assert docs["summary"]
    assert docs.get("What it flags"), f"{rule.code} does not say what it flags"
    assert docs.get("Why"), f"{rule.code} does not say why"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_wrong_and_right_examples(rule) -> None:
    assert rule.examples("Wrong"), f"{rule.code} has no Wrong example"
    assert rule.examples("Right"), f"{rule.code} has no Right example"


@pytest.mark.parametrize(("code", "example"), list(_examples("Wrong")))
def test_wrong_example_is_flagged(lint, code: str, example: str) -> None:
    result = lint(example + "\n", suffix=".txt", args=["--select", code])
    assert code in result.codes, f"{code} finds nothing in its Wrong example {example!r}"
    assert result.exit_code == 1


@pytest.mark.parametrize(("code", "example"), list(_examples("Right")))
def test_right_example_is_clean(lint, code: str, example: str) -> None:
    result = lint(example + "\n", suffix=".txt", args=["--select", code])
    assert result.diagnostics == []
    assert result.exit_code == 0


def test_rule_command_prints_name_and_examples(cli) -> None:
    rule = next(r for r in all_rules() if r.code == "Q002")
    result = cli("rule", "Q002")
    assert result.exit_code == 0
    assert "Q002" in result.stdout
    assert "straight-apostrophe" in result.stdout
    assert "Wrong" in result.stdout and "Right" in result.stdout
    for example in rule.examples("Wrong") + rule.examples("Right"):
        assert example in result.stdout
    assert result.stdout.index("Wrong") < result.stdout.index(rule.examples("Right")[0])


def test_rule_command_accepts_the_rule_name(cli) -> None:
    assert cli("rule", "straight-apostrophe").stdout == cli("rule", "Q002").stdout


def test_rule_command_rejects_an_unknown_code(cli) -> None:
    result = cli("rule", "Q999")
    assert result.exit_code == 2
    assert len(result.stderr_lines) == 1
    assert "Q999" in result.stderr


def test_rules_command_lists_every_rule(cli) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for rule in all_rules():
        [row] = [line for line in lines if line.split()[:1] == [rule.code]]
        assert rule.name in row
        assert ("on" if rule.default_enabled else "off") in row.split()


def test_the_rule_command_and_sarif_help_show_the_same_sections(cli, folder) -> None:
    """One renderer: whatever `ficlint rule CODE` explains (options and known limits too), a
    code-scanning tool shows from SARIF's help, in the same order."""
    import json

    (folder / "ch.md").write_text("Quiet.\n", encoding="utf-8")
    sarif = json.loads(cli("ch.md", "--format", "sarif").stdout)
    helps = {d["id"]: d["help"]["text"] for d in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for rule in all_rules():
        shown = cli("rule", rule.code).stdout
        # Everything after the rule's header lines (code and name, summary, family).
        body = shown.split("\n\n", 3)[3].rstrip("\n")
        assert body in helps[rule.code], rule.code
        assert rule.docs().get("Known limits", "") in shown
