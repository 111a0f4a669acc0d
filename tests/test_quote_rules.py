"""The quotation-mark rules (Q001–Q006) on the cases in fixtures/quotes.yaml, run through the
real command line with `--format json`, with their fixes applied to the text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import apply_fixes, source_offset

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "quotes.yaml").read_text("utf-8"))
Q_RULES = ("Q001", "Q002", "Q003", "Q004", "Q005", "Q006")


def _params():
    for rule, cases in CASES.items():
        for case in cases:
            for suffix in [case["suffix"]] if "suffix" in case else [".md", ".txt"]:
                slug = re.sub(r"[^a-z0-9]+", "-", case["name"].lower()).strip("-")
                yield pytest.param(rule, case, suffix, id=f"{rule}-{slug}{suffix}")


def _describe(text: str, diag: dict[str, Any]) -> str:
    line = text.split("\n")[diag["line"] - 1]
    col = diag["column"] - 1
    return f"{diag['code']}:{diag['line']}:{diag['column']} «{line[max(0, col - 12) : col + 12]}» {diag['message']}"


def _unmatched(text: str, expect: list[str], diagnostics: list[dict[str, Any]]):
    """Expectations no finding meets, and findings no expectation names."""
    left = list(diagnostics)
    missing = []
    # Exact positions first, so that a needle does not take a finding a position names.
    ordered = sorted(expect, key=lambda e: not re.fullmatch(r"\w+:\d+:\d+", e))
    for item in ordered:
        code, where = item.split(":", 1)
        position = re.fullmatch(r"(\d+):(\d+)", where)
        if position:
            start = source_offset(text, int(position[1]), int(position[2]))
            end = start + 1
        else:
            assert text.count(where) == 1, f"needle {where!r} must occur once in the case text"
            start = text.index(where)
            end = start + len(where)
        for diag in left:
            at = source_offset(text, diag["line"], diag["column"])
            if diag["code"] == code and start <= at < end:
                left.remove(diag)
                break
        else:
            missing.append(item)
    return missing, [_describe(text, d) for d in left]


@pytest.mark.parametrize(("rule", "case", "suffix"), list(_params()))
def test_quote_rule_case(lint, rule: str, case: dict[str, Any], suffix: str) -> None:
    text = case["text"]
    select = case.get("select", rule)
    result = lint(text, suffix=suffix, args=["--select", select], config=case.get("config"))
    assert result.stderr == ""
    diagnostics = result.diagnostics
    missing, unexpected = _unmatched(text, case["expect"], diagnostics)
    assert (missing, unexpected) == ([], []), "\n".join(_describe(text, d) for d in diagnostics)
    assert result.exit_code == (1 if case["expect"] else 0)
    if "fixed" in case:
        fixed = apply_fixes(text, diagnostics)
        assert fixed == case["fixed"]
        if all(d["fix"] and d["fix"]["applicability"] == "safe" for d in diagnostics):
            again = lint(fixed, suffix=suffix, args=["--select", select])
            assert [_describe(fixed, d) for d in again.diagnostics] == []
    if "unsafe_fixed" in case:
        assert apply_fixes(text, diagnostics, unsafe=True) == case["unsafe_fixed"]


@pytest.mark.parametrize("rule", Q_RULES)
def test_every_quote_rule_has_wrong_and_right_cases(rule: str) -> None:
    cases = CASES.get(rule, [])
    assert any(case["expect"] for case in cases), f"{rule} has no case it must flag"
    assert any(not case["expect"] for case in cases), f"{rule} has no case it must pass"


@pytest.mark.parametrize(
    ("rule", "text", "shown"),
    [
        ("Q001", '“Yes,” she said. “No,” he said. "Maybe,” said Jo.\n', '“ ” (5) over " (1)'),
        ("Q002", "“I can’t,” she said. “It’s late.” I don't care.\n", "’ (2) over ' (1)"),
        ("Q002", '"I can\'t," she said. "It\'s late." I don’t care.\n', "' (2) over ’ (1)"),
    ],
)
def test_style_findings_give_the_counts(lint, rule: str, text: str, shown: str) -> None:
    [diag] = lint(text, args=["--select", rule]).diagnostics
    assert shown in diag["message"]


def test_style_is_inferred_across_every_file_of_the_run(tmp_path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.md").write_text("“I don’t,” she said. “It’s late. Isn’t it?”\n", "utf-8")
    (tmp_path / "two.md").write_text("He didn't. She wasn't. It's fine.\n", "utf-8")
    (tmp_path / "three.md").write_text("“We’ll see,” he said. “You’re right. I’m sure.”\n", "utf-8")
    result = cli("one.md", "two.md", "three.md", "--format", "json", "--select", "Q002")
    assert {(d["path"], d["code"]) for d in result.diagnostics} == {("two.md", "Q002")}
    assert len(result.diagnostics) == 3
