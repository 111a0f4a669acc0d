"""Adopting ficlint on a finished manuscript: `--baseline`, `--update-baseline`; and the CI
options around the report: `--output-file`, `--fail-on`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CHAPTER = (
    "# One\n\n"
    "“You’re late.” Nell said.\n\n"
    "The fog rolled in. “Why now?” He asked.\n\n"
    "She walked to the the door.\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ch1.md").write_text(CHAPTER, "utf-8")
    return tmp_path


def test_update_baseline_records_the_findings_and_later_runs_pass(folder: Path, cli) -> None:
    recorded = cli("--baseline", "base.json", "--update-baseline", "ch1.md")
    assert recorded.exit_code == 0
    assert "Recorded 3 findings in base.json" in recorded.stderr
    data = json.loads((folder / "base.json").read_text("utf-8"))
    assert data["ficlint-baseline"] == 1
    assert sorted(e["code"] for e in data["findings"]) == ["D001", "D002", "R001"]
    later = cli("--baseline", "base.json", "ch1.md", "--color", "never")
    assert later.exit_code == 0
    assert later.stdout.strip() == "No new problems in 1 file (3 known in the baseline)."


def test_known_findings_stay_known_when_lines_move(folder: Path, cli) -> None:
    cli("--baseline", "base.json", "--update-baseline", "ch1.md")
    moved = CHAPTER.replace("# One\n\n", "# One\n\nA new opening paragraph.\n\nAnother one.\n\n")
    (folder / "ch1.md").write_text(moved, "utf-8")
    result = cli("--baseline", "base.json", "ch1.md", "--format", "json")
    assert (result.exit_code, result.codes) == (0, [])
    assert result.report["summary"]["baseline"] == 3


def test_a_new_finding_is_reported_and_the_known_ones_are_not(folder: Path, cli) -> None:
    cli("--baseline", "base.json", "--update-baseline", "ch1.md")
    (folder / "ch1.md").write_text(CHAPTER + "\n“Hush.” Ada said.\n", "utf-8")
    result = cli("--baseline", "base.json", "ch1.md", "--format", "json")
    assert result.exit_code == 1
    assert [(d["code"], d["line"]) for d in result.diagnostics] == [("D001", 9)]
    text = cli("--baseline", "base.json", "ch1.md", "--color", "never")
    assert text.stdout.splitlines()[-1] == (
        "Found 1 problem in 1 file (1 fixable with --fix); 3 more known in the baseline."
    )


def test_the_same_finding_twice_counts_twice(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text("“Go.” Nell said.\n", "utf-8")
    cli("--baseline", "base.json", "--update-baseline", "ch1.md")
    (folder / "ch1.md").write_text("“Go.” Nell said.\n\n“Go.” Nell said.\n", "utf-8")
    result = cli("--baseline", "base.json", "ch1.md", "--format", "json")
    assert len(result.diagnostics) == 1


def test_editing_the_paragraph_makes_its_finding_new_again(folder: Path, cli) -> None:
    cli("--baseline", "base.json", "--update-baseline", "ch1.md")
    (folder / "ch1.md").write_text(CHAPTER.replace("Nell said", "Nell said softly"), "utf-8")
    result = cli("--baseline", "base.json", "ch1.md", "--format", "json")
    assert result.codes == ["D001"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no baseline at base.json"),
        ("{not json", "is not valid JSON"),
        ('{"findings": []}', "is not a ficlint baseline"),
        ('{"ficlint-baseline": 1, "findings": [{"path": 1}]}', "malformed entry"),
    ],
)
def test_a_missing_or_broken_baseline_is_one_clear_error(
    folder: Path, cli, content: str | None, problem: str
) -> None:
    if content is not None:
        (folder / "base.json").write_text(content, "utf-8")
    result = cli("--baseline", "base.json", "ch1.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("ficlint: error: ") and problem in result.stderr
    assert "Traceback" not in result.stderr


def test_update_baseline_needs_a_file(folder: Path, cli) -> None:
    result = cli("--update-baseline", "ch1.md")
    assert result.exit_code == 2
    assert "--update-baseline needs --baseline FILE" in result.stderr


def test_output_file_holds_the_report_and_stdout_stays_empty(folder: Path, cli) -> None:
    result = cli("ch1.md", "--format", "json", "--output-file", "report.json")
    assert (result.exit_code, result.stdout) == (1, "")
    report = json.loads((folder / "report.json").read_text("utf-8"))
    assert [d["code"] for d in report["diagnostics"]] == ["D001", "D002", "R001"]


def test_output_file_that_cannot_be_written_is_an_error(folder: Path, cli) -> None:
    result = cli("ch1.md", "--output-file", "no/such/folder/report.txt")
    assert result.exit_code == 2
    assert "cannot write no/such/folder/report.txt" in result.stderr


def test_fail_on_sets_which_severities_fail_the_run(folder: Path, cli) -> None:
    (folder / "ficlint.toml").write_text('[severity]\nD001 = "error"\nD002 = "info"\n', "utf-8")
    assert cli("ch1.md").exit_code == 1
    assert cli("ch1.md", "--fail-on", "error").exit_code == 1
    (folder / "ch1.md").write_text("The fog rolled in. “Why now?” He asked.\n", "utf-8")
    assert cli("ch1.md", "--fail-on", "info").exit_code == 1
    only_info = cli("ch1.md", "--fail-on", "warning", "--format", "json")
    assert (only_info.exit_code, only_info.codes) == (0, ["D002"])  # still reported


def test_a_new_baseline_gets_the_users_normal_file_mode(folder: Path, cli) -> None:
    """It was written 0600 (the temporary file's mode): a collaborator could not read it."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert cli("--baseline", "base.json", "--update-baseline", "ch1.md").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder / "base.json").stat().st_mode) == 0o644


def test_the_diff_counts_the_fixes_the_report_counts(folder: Path, cli) -> None:
    """`--diff --unsafe-fixes` said "Would fix 467" beside a report of 453 fixable."""
    report = cli("ch1.md", "--unsafe-fixes", "--grammar", "off", "--color", "never")
    diff = cli("ch1.md", "--diff", "--unsafe-fixes", "--grammar", "off")
    fixable = report.stdout.strip().splitlines()[-1]
    assert "3 fixable with --fix --unsafe-fixes" in fixable
    assert "Would fix 3 problems in 1 file (nothing was written)." in diff.stderr
    assert "did not settle" not in diff.stderr


def test_a_baseline_from_before_rule_named_grammar_codes_still_matches(folder: Path, cli) -> None:
    """Grammar codes grew the engine's rule (G:harper:Spelling -> G:harper:Spelling:SpellCheck);
    a baseline records the kind, so one recorded before still knows its findings."""
    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    (folder / "ch1.md").write_text("It was definately late.\n", "utf-8")
    args = ["--grammar", "harper", "--select", "G"]
    assert cli("--baseline", "base.json", "--update-baseline", "ch1.md", *args).exit_code == 0
    data = json.loads((folder / "base.json").read_text("utf-8"))
    assert [e["code"] for e in data["findings"]] == ["G:harper:Spelling"]
    assert cli("--baseline", "base.json", "ch1.md", *args).exit_code == 0
