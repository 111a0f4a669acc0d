"""Shapes of input no writer means but a file can have: block quotes nested deeper than
markdown-it's default of 20 (whose prose was dropped without a word)."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

LATE = "“You’re late.” Nell said."


def test_deeply_nested_block_quotes_are_checked(folder: Path) -> None:
    (folder / "deep.md").write_text("> " * 25 + LATE + "\n", encoding="utf-8")
    result = invoke(["deep.md", "--grammar", "off", "--format", "json"])
    assert result.codes == ["D001"]
    assert result.stderr == ""


def test_nesting_too_deep_to_read_is_said(folder: Path) -> None:
    text = f"{LATE}\n\n" + "> " * 150 + LATE + "\n"
    (folder / "deeper.md").write_text(text, encoding="utf-8")
    result = invoke(["deeper.md", "--grammar", "off", "--format", "json"])
    assert result.codes == ["D001"]  # the first paragraph; the deep one cannot be read
    assert result.stderr_lines == [
        "ficlint: warning: deeper.md: block quotes or lists nested more than 99 deep from "
        "line 3 on are not checked"
    ]
