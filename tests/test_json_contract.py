"""`--format json` is a contract other tools depend on: its shape, positions and fixes."""

from __future__ import annotations

import jsonschema
import pytest

import ficlint
from conftest import span_text

POSITION = {"type": "integer", "minimum": 1}
EDIT = {
    "type": "object",
    "required": ["line", "column", "end_line", "end_column", "replacement"],
    "additionalProperties": False,
    "properties": {
        "line": POSITION,
        "column": POSITION,
        "end_line": POSITION,
        "end_column": POSITION,
        "replacement": {"type": "string"},
    },
}
DIAGNOSTIC = {
    "type": "object",
    "required": [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "source",
        "fix",
    ],
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string", "minLength": 1},
        "line": POSITION,
        "column": POSITION,
        "end_line": POSITION,
        "end_column": POSITION,
        "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
        "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "minLength": 1},
        "source": {"type": "string", "minLength": 1},
        "fix": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["applicability", "title", "edits"],
                    "additionalProperties": False,
                    "properties": {
                        "applicability": {"enum": ["safe", "unsafe", "suggestion"]},
                        "title": {"type": "string", "minLength": 1},
                        "edits": {"type": "array", "minItems": 1, "items": EDIT},
                    },
                },
            ]
        },
    },
}
REPORT = {
    "type": "object",
    "required": ["ficlint", "diagnostics", "summary"],
    "additionalProperties": False,
    "properties": {
        "ficlint": {"type": "string"},
        "diagnostics": {"type": "array", "items": DIAGNOSTIC},
        "summary": {
            "type": "object",
            "required": ["files", "diagnostics", "fixable"],
            "additionalProperties": False,
            "properties": {
                "files": {"type": "integer", "minimum": 0},
                "diagnostics": {"type": "integer", "minimum": 0},
                "fixable": {"type": "integer", "minimum": 0},
            },
        },
    },
}

# Every Q rule fires at least once here: a straight quote and apostrophe among curly ones,
# ‘til, a nested quotation in the same marks, an unclosed one, British dialogue in double
# quotes in a manuscript that puts it in single.
MIXED = (
    "‘We should go,’ said Bea. ‘Now.’ ‘Yes.’ ‘Fine.’ ‘Go on.’\n\n"
    "‘It’s late,’ said Col. 'I'll wait ‘til dawn,' he said.\n\n"
    "‘He told me “never” twice,’ she said.\n\n"
    "“I said “no” and left,” he said.\n\n"
    "‘I kept the lamp lit for a year.\n\n"
    "Nobody answered.\n"
)


def test_report_matches_the_documented_shape(lint) -> None:
    result = lint(MIXED)
    report = result.report
    jsonschema.validate(report, REPORT)
    assert report["ficlint"] == ficlint.__version__
    assert {d["code"] for d in report["diagnostics"]} >= {
        "Q001",
        "Q002",
        "Q003",
        "Q004",
        "Q005",
        "Q006",
    }
    for diag in report["diagnostics"]:
        assert diag["path"] == "chapter.md"
        assert diag["source"] == "ficlint"
        assert (diag["line"], diag["column"]) < (diag["end_line"], diag["end_column"])


def test_summary_counts_files_findings_and_safe_fixes(tmp_path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(MIXED, encoding="utf-8")
    (tmp_path / "b.md").write_text("“All quiet,” said the keeper.\n", encoding="utf-8")
    report = cli("a.md", "b.md", "--format", "json").report
    diagnostics = report["diagnostics"]
    safe = [d for d in diagnostics if d["fix"] and d["fix"]["applicability"] == "safe"]
    unsafe = [d for d in diagnostics if d["fix"] and d["fix"]["applicability"] == "unsafe"]
    assert safe and unsafe
    assert report["summary"] == {"files": 2, "diagnostics": len(diagnostics), "fixable": len(safe)}


def test_clean_manuscript_gives_an_empty_list(lint) -> None:
    result = lint("“All quiet,” said the keeper. “It’s late.”\n")
    assert result.exit_code == 0
    assert result.report["diagnostics"] == []
    assert result.report["summary"] == {"files": 1, "diagnostics": 0, "fixable": 0}


@pytest.mark.parametrize(
    "before",
    [
        "Café ",  # é precomposed: 2 bytes in UTF-8
        "🎉🎉 ",  # astral: 4 bytes in UTF-8, 2 units in UTF-16
        "漢字の ",  # wide characters
        "Cafe\u0301 ",  # e + combining acute: 2 code points
        "👩‍👩‍👧 ",  # a ZWJ sequence of 5 code points
    ],
)
def test_columns_count_code_points(lint, before: str) -> None:
    text = f"“I can’t,” she said. “It’s late.”\n\n{before}She didn't wait.\n"
    [diag] = lint(text, args=["--select", "Q002"]).diagnostics
    line = text.split("\n")[2]
    column = line.index("'") + 1
    assert (diag["line"], diag["column"], diag["end_line"], diag["end_column"]) == (
        3,
        column,
        3,
        column + 1,
    )
    assert span_text(text, diag) == "'"
    [edit] = diag["fix"]["edits"]
    assert (edit["line"], edit["column"], edit["end_line"], edit["end_column"]) == (
        3,
        column,
        3,
        column + 1,
    )
    assert edit["replacement"] == "’"


def test_span_over_a_line_break_ends_on_the_next_line(lint) -> None:
    text = (
        "She turned at the door, looked at them all and said, “I will\n"
        "not be coming back to this house again, not for anything.\n\n"
        "The door shut behind her.\n"
    )
    [diag] = lint(text, suffix=".txt", args=["--select", "Q004"]).diagnostics
    assert (diag["line"], diag["column"]) == (1, 54)
    assert diag["end_line"] == 2
    covered = span_text(text, diag)
    assert covered.startswith("“I will\nnot be")
    # The unsafe fix puts the missing closing mark where the speech ends: an insertion.
    assert diag["fix"] == {
        "applicability": "unsafe",
        "title": "insert ”",
        "edits": [{"line": 2, "column": 58, "end_line": 2, "end_column": 58, "replacement": "”"}],
    }
    assert diag["severity"] == "error"


def test_fix_edits_for_a_safe_and_an_unsafe_fix(lint) -> None:
    text = '“He said “run” and left,” she said. “Fine.” "Go.”\n'
    diagnostics = lint(text, args=["--select", "Q001,Q005"]).diagnostics
    [q001] = [d for d in diagnostics if d["code"] == "Q001"]
    assert q001["name"] == "straight-quote"
    assert q001["fix"] == {
        "applicability": "safe",
        "title": 'replace " with “',
        "edits": [{"line": 1, "column": 45, "end_line": 1, "end_column": 46, "replacement": "“"}],
    }
    [q005] = [d for d in diagnostics if d["code"] == "Q005"]
    assert q005["name"] == "nested-quote-style"
    assert q005["fix"]["applicability"] == "unsafe"
    assert [(e["column"], e["end_column"], e["replacement"]) for e in q005["fix"]["edits"]] == [
        (10, 11, "‘"),
        (14, 15, "’"),
    ]


def test_paths_are_reported_as_given(tmp_path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    chapter = tmp_path / "drafts" / "one.md"
    chapter.write_text("“I can’t,” she said. “It’s late.” He didn't.\n", encoding="utf-8")
    assert {d["path"] for d in cli("drafts/one.md", "--format", "json").diagnostics} == {
        "drafts/one.md"
    }
    assert {d["path"] for d in cli(str(chapter), "--format", "json").diagnostics} == {str(chapter)}
    assert {d["path"] for d in cli("drafts", "--format", "json").diagnostics} == {"drafts/one.md"}


def test_paths_from_config_files_are_relative_to_the_config(tmp_path, cli, monkeypatch) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "ficlint.toml").write_text('files = ["chapters/*.md"]\n', encoding="utf-8")
    (tmp_path / "chapters" / "01.md").write_text("“I can’t,” she said. He didn't.\n", "utf-8")
    monkeypatch.chdir(tmp_path / "notes")
    assert {d["path"] for d in cli("--format", "json").diagnostics} == {"chapters/01.md"}
