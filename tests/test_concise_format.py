"""`--format concise`: `path:line:col: CODE message`, one line per finding (for an editor's
quickfix list and grep), then the text report's summary line."""

from __future__ import annotations

import re


def test_one_line_per_finding_then_the_summary(cli, folder) -> None:
    (folder / "ch1.md").write_text("🐉 It was the the end.\n", encoding="utf-8")
    (folder / "ch2.txt").write_text(
        "She walked\nwalked home.\n\n“Oh no, she said.\n", encoding="utf-8"
    )
    result = cli("ch1.md", "ch2.txt", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "ch1.md:1:10: R001 doubled word: the the",
        "ch2.txt:1:5: R001 doubled word: walked walked",
        "ch2.txt:4:1: Q004 quotation opened here is never closed in its paragraph; "
        "the speech probably ends before “she said”",
        "Found 3 problems in 2 files (2 fixable with --fix; 1 more with --unsafe-fixes).",
    ]


def test_the_summary_line_is_the_text_reports(cli, folder) -> None:
    (folder / "ch.md").write_text(
        "“Hello.” she said, and it's late. “Don’t,” he said. She’s here — at last — Nell’s "
        "coat -- wet.\n",
        encoding="utf-8",
    )
    concise = cli("ch.md", "--format", "concise").stdout.splitlines()
    text = cli("ch.md").stdout.splitlines()
    assert concise[-1] == text[-1]
    assert concise[-1].startswith("Found ") and "--unsafe-fixes" in concise[-1]
    findings = cli("ch.md", "--format", "json").diagnostics
    assert concise[:-1] == [
        f"ch.md:{d['line']}:{d['column']}: {d['code']} {d['message']}" for d in findings
    ]


def test_quiet_leaves_out_the_summary(cli, folder) -> None:
    (folder / "ch.md").write_text("It was the the end.\n", encoding="utf-8")
    result = cli("ch.md", "--format", "concise", "--quiet")
    assert result.stdout == "ch.md:1:8: R001 doubled word: the the\n"


def test_no_findings(cli, folder) -> None:
    (folder / "a.md").write_text("Nothing wrong here.\n", encoding="utf-8")
    (folder / "b.md").write_text("Nor here.\n", encoding="utf-8")
    result = cli("a.md", "b.md", "--format", "concise")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 2 files.\n")
    assert cli("a.md", "--format", "concise", "-q").stdout == ""


def test_every_line_parses_as_a_quickfix_entry(cli, folder) -> None:
    (folder / "my chapter.md").write_text(
        'It was the the end.\n\n“Oh no, she said.\n\nHe said "hi" and “bye” and “so long.”\n',
        encoding="utf-8",
    )
    lines = cli("my chapter.md", "--format", "concise", "-q").stdout.splitlines()
    assert len(lines) >= 2
    for line in lines:
        assert re.fullmatch(r"my chapter\.md:\d+:\d+: [A-Z]\d{3} \S.*", line), line
