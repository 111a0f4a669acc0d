"""Input a writer can get wrong: each problem is one clear line on standard error and exit
status 2, never a traceback; files ficlint can read are still checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_process

GOOD = "“I can’t,” she said. “It’s late.” I don't mind.\n"


def _one_error(result, *words: str) -> None:
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr_lines) == 1, result.stderr
    line = result.stderr_lines[0]
    for word in words:
        assert word.lower() in line.lower(), line


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "cover.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            ("cover.md", "binary"),
        ),
    ],
)
def test_unreadable_file(tmp_path: Path, name: str, content: bytes, words) -> None:
    (tmp_path / name).write_bytes(content)
    _one_error(run_process([name], cwd=tmp_path), *words)


def test_an_empty_chapter_is_checked_and_clean(tmp_path: Path) -> None:
    """A placeholder chapter (an empty file) must not block a commit."""
    (tmp_path / "ch12.md").write_bytes(b"")
    result = run_process(["ch12.md", "--fix"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "No problems found in 1 file." in result.stdout
    assert (tmp_path / "ch12.md").read_bytes() == b""


def test_missing_file(tmp_path: Path) -> None:
    _one_error(run_process(["chapter-99.md"], cwd=tmp_path), "chapter-99.md", "no such file")


def test_folder_without_prose_files(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "cover.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "art" / "notes.rst").write_text("Notes.\n", encoding="utf-8")
    _one_error(run_process(["art"], cwd=tmp_path), "art", "no prose files")


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "chapter.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ficlint.toml").write_text("quotes = curly\n", encoding="utf-8")
    _one_error(run_process(["chapter.md"], cwd=tmp_path), "ficlint.toml", "TOML")


def test_unknown_rule_code(tmp_path: Path) -> None:
    (tmp_path / "chapter.md").write_text(GOOD, encoding="utf-8")
    _one_error(run_process(["chapter.md", "--select", "Q042"], cwd=tmp_path), "Q042")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_file_among_good_ones(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "one.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "blank.md").write_bytes(b"")
    (tmp_path / "three.txt").write_text("She didn't know.\n", encoding="utf-8")
    args = ["one.md", "blank.md", "gone.md", "three.txt", "--format", fmt]
    result = run_process(args, cwd=tmp_path)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr_lines) == 1
    assert "gone.md" in result.stderr_lines[0]
    if fmt == "json":
        report = result.report
        assert sorted(d["path"] for d in report["diagnostics"]) == ["one.md", "three.txt"]
        assert report["summary"]["files"] == 3  # blank.md: a chapter not yet written
    else:
        assert "one.md:1:" in result.stdout and "three.txt:1:" in result.stdout


LINE = "“Café 🎉 it’s fine,” she said. “Don't.”"


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8-sig", "\n"),
        ("utf-16", "\n"),
        ("utf-16-be", "\n"),
        ("utf-8-sig", "\r\n"),
        ("utf-16", "\r\n"),
    ],
)
def test_byte_order_marks(lint, encoding: str, newline: str) -> None:
    text = newline.join(["“It’s late,” he said.", "", LINE, ""])
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    result = lint(raw)
    assert result.exit_code == 1
    assert result.stderr == ""
    [diag] = result.diagnostics
    assert (diag["code"], diag["line"], diag["column"], diag["end_column"]) == (
        "Q002",
        3,
        LINE.index("'") + 1,
        LINE.index("'") + 2,
    )


def test_windows_1252_file_is_checked_with_a_warning(lint) -> None:
    text = (
        "“The café on the corner closes at nine,” said Renée. “We’ll never make it.”\r\n\r\n"
        "He shrugged. “I don’t mind walking. It’s a fine night, and the tourists have gone.”\r\n"
        "\r\n"
        "She didn't answer; the façade of the old hôtel was already dark.\r\n"
    )
    result = lint(text.encode("cp1252"), suffix=".txt")
    assert result.exit_code == 1
    assert len(result.stderr_lines) == 1
    assert "warning" in result.stderr_lines[0].lower()
    assert "chapter.txt" in result.stderr_lines[0]
    assert "UTF-8" in result.stderr_lines[0]
    [diag] = result.diagnostics
    assert (diag["code"], diag["line"], diag["column"]) == ("Q002", 5, 9)
    assert result.report["summary"]["files"] == 1
