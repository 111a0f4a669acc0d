"""A search (a folder, the current folder, the config's `files`) leaves out what git ignores,
as git reads its ignore files, and the report the run itself writes; a file named on the
command line is always checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke

CHAPTER = "“You’re late.” Nell said.\n"
OFF = ["--grammar", "off", "--format", "concise"]


def checked(result) -> list[str]:
    return sorted({line.split(":", 1)[0] for line in result.stdout.splitlines() if ":" in line})


@pytest.fixture
def repo(folder: Path) -> Path:
    """A writing repository: chapters, old drafts git ignores, notes re-included."""
    (folder / ".git" / "info").mkdir(parents=True)
    for name in (
        "ch01.md",
        "old-drafts/ch01.md",
        "notes/todo.md",
        "notes/keep.md",
        "x/scratch.txt",
    ):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(CHAPTER, encoding="utf-8")
    (folder / ".gitignore").write_text(
        "old-drafts/\nnotes/*.md\n!notes/keep.md\n", encoding="utf-8"
    )
    (folder / "x" / ".gitignore").write_text("scratch.*\n", encoding="utf-8")
    return folder


def test_a_search_leaves_out_what_git_ignores(repo: Path) -> None:
    assert checked(invoke(OFF)) == ["ch01.md", "notes/keep.md"]
    assert checked(invoke([".", *OFF])) == ["ch01.md", "notes/keep.md"]


def test_the_repositorys_own_exclude_file_counts_too(repo: Path) -> None:
    (repo / ".git" / "info" / "exclude").write_text("ch01.md\n", encoding="utf-8")
    assert checked(invoke(OFF)) == ["notes/keep.md"]


def test_a_file_named_on_the_command_line_is_checked_even_if_ignored(repo: Path) -> None:
    assert checked(invoke(["old-drafts/ch01.md", *OFF])) == ["old-drafts/ch01.md"]


def test_the_configs_files_leave_out_what_git_ignores(repo: Path) -> None:
    (repo / "ficlint.toml").write_text('files = ["**/*.md", "**/*.txt"]\n', encoding="utf-8")
    assert checked(invoke(OFF)) == ["ch01.md", "notes/keep.md"]


def test_outside_a_repository_a_gitignore_means_nothing(folder: Path) -> None:
    (folder / "old").mkdir()
    (folder / "old" / "a.md").write_text(CHAPTER, encoding="utf-8")
    (folder / ".gitignore").write_text("old/\n", encoding="utf-8")
    assert checked(invoke(OFF)) == ["old/a.md"]


def test_the_report_a_run_writes_is_never_checked(repo: Path) -> None:
    for _ in range(2):  # the second run finds the first one's report in the folder
        result = invoke([".", "--grammar", "off", "-o", "report.md", "--color", "never"])
        assert result.exit_code == 1, result.stderr
    report = (repo / "report.md").read_text(encoding="utf-8")
    assert "ch01.md:1:" in report and "report.md:" not in report


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_a_report_an_earlier_run_wrote_is_not_checked_by_a_later_one(repo: Path, fmt) -> None:
    """`ficlint -o report.txt` one day, bare `ficlint` the next: the report is no chapter."""
    invoke(["--grammar", "off", "--format", fmt, "-o", "report.txt", "--color", "never"])
    assert (repo / "report.txt").read_text(encoding="utf-8")
    assert checked(invoke(OFF)) == ["ch01.md", "notes/keep.md"]
    (repo / "ficlint.toml").write_text('files = ["**/*.md", "**/*.txt"]\n', encoding="utf-8")
    assert checked(invoke(OFF)) == ["ch01.md", "notes/keep.md"]
    # Named on the command line, it is checked as asked.
    assert " in 1 file" in invoke(["report.txt", *OFF]).stdout.splitlines()[-1]


def test_a_clean_report_is_not_checked_either(folder: Path) -> None:
    (folder / "ch01.md").write_text("“You’re late,” Nell said.\n", encoding="utf-8")
    invoke(["--grammar", "off", "-o", "report.txt"])
    assert (folder / "report.txt").read_text(encoding="utf-8").startswith("No problems found")
    (folder / "ch01.md").write_text(CHAPTER, encoding="utf-8")
    assert checked(invoke(OFF)) == ["ch01.md"]


def test_a_chapter_that_talks_of_files_and_lines_is_still_a_chapter(folder: Path) -> None:
    (folder / "ch01.md").write_text(
        "Chapter 3: 10:45 at night. She read the log line by line.\n\n" + CHAPTER,
        encoding="utf-8",
    )
    assert checked(invoke(OFF)) == ["ch01.md"]
