"""The quotation-mark rules (Q001–Q007) beyond their YAML cases (fixtures/rules/quotes.yaml, run
by test_rule_cases.py): the counts their messages give, and a style inferred across files."""

from __future__ import annotations

import pytest

import rule_cases

CASES = rule_cases.load("quotes.yaml")


@pytest.mark.parametrize(
    ("rule", "text", "shown"),
    [
        ("Q001", '“Yes,” she said. “No,” he said. "Maybe,” said Jo.\n', '“ ” (5) over " (1)'),
        ("Q002", "“I can’t,” she said. “It’s late.” I don't care.\n", "’ (2) over ' (1)"),
        ("Q002", '"I can\'t," she said. "It\'s late." I don’t care.\n', "' (2) over ’ (1)"),
        # The apostrophes alone lean straight; the quotation marks decide, and the message
        # counts each kind apart (it once called 10 quotation marks curly apostrophes).
        (
            "Q002",
            "I don't. We won't. It's fine. “Go,” she said. “Stay,” he said. “No.” And it’s late.\n",
            "quotation marks are curly (6 over 0 straight), and its apostrophes follow them, "
            "though 3 are straight and 1 curly",
        ),
    ],
)
def test_style_findings_give_the_counts(lint, rule: str, text: str, shown: str) -> None:
    found = lint(text, args=["--select", rule]).diagnostics
    assert found and all(shown in diag["message"] for diag in found)


def test_style_is_inferred_across_every_file_of_the_run(tmp_path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.md").write_text("“I don’t,” she said. “It’s late. Isn’t it?”\n", "utf-8")
    (tmp_path / "two.md").write_text("He didn't. She wasn't. It's fine.\n", "utf-8")
    (tmp_path / "three.md").write_text("“We’ll see,” he said. “You’re right. I’m sure.”\n", "utf-8")
    result = cli("one.md", "two.md", "three.md", "--format", "json", "--select", "Q002")
    assert {(d["path"], d["code"]) for d in result.diagnostics} == {("two.md", "Q002")}
    assert len(result.diagnostics) == 3


@pytest.mark.parametrize(
    "case",
    [case for case in CASES["Q004"] if "unsafe_fixed" in case],
    ids=lambda case: case["name"],
)
def test_closing_mark_put_where_q004_says_leaves_nothing_to_fix(lint, case) -> None:
    """The unsafe fix closes the quotation: run again on the fixed text, Q004 finds nothing
    and a second `--fix --unsafe-fixes` changes nothing."""
    fixed = case["unsafe_fixed"]
    again = lint(fixed, args=["--select", case.get("select", "Q004")])
    assert again.diagnostics == []
    assert rule_cases.real_fix(lint, fixed, ".md", "Q", None, ["--unsafe-fixes"]) == fixed
