"""Recall and precision of the dialogue rules on an original first-draft chapter
(fixtures/recall-chapter.md) with planted errors and correct look-alikes listed in
fixtures/recall-chapter.tsv: every planted error is found by its rule, and no look-alike is
flagged by any D rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import invoke, overlaps, read_key

FIXTURES = Path(__file__).parent / "fixtures"
CHAPTER = FIXTURES / "recall-chapter.md"
KEY = FIXTURES / "recall-chapter.tsv"
D_RULES = tuple(f"D{n:03d}" for n in range(1, 11))


def _rows() -> list[dict[str, Any]]:
    return read_key(KEY)


def _span(row: dict[str, Any], chapter_lines: list[str]) -> tuple[int, int]:
    """1-based columns [start, end) of the row's needle on its line."""
    text = chapter_lines[row["line"] - 1]
    assert text.count(row["needle"]) == 1, f"{row} must name a needle found once on its line"
    start = text.index(row["needle"]) + 1
    return start, start + len(row["needle"])


def _overlapping(row: dict[str, Any], chapter_lines: list[str], diagnostics: list[dict]):
    start, end = _span(row, chapter_lines)
    return [d for d in diagnostics if overlaps(d, row["line"], start, end)]


def _show(row: dict[str, Any], chapter_lines: list[str]) -> str:
    return f"{row['kind']} line {row['line']} {row['needle']!r}: {chapter_lines[row['line'] - 1]}"


def test_the_key_plants_enough_errors_and_look_alikes() -> None:
    rows = _rows()
    chapter_lines = CHAPTER.read_text(encoding="utf-8").split("\n")
    for row in rows:
        assert row["kind"] in D_RULES and row["status"] in ("error", "clean"), row
        _span(row, chapter_lines)
    counts = Counter((row["kind"], row["status"]) for row in rows)
    assert sum(n for (_, status), n in counts.items() if status == "error") >= 40
    assert sum(n for (_, status), n in counts.items() if status == "clean") >= 40
    assert [rule for rule in D_RULES if counts[rule, "error"] < 3] == []


@pytest.fixture(scope="module")
def chapter_findings() -> list[dict[str, Any]]:
    result = invoke([str(CHAPTER), "--format", "json", "--select", "D"])
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    return result.diagnostics


def test_every_planted_error_is_found_and_no_look_alike_is_flagged(chapter_findings) -> None:
    chapter_lines = CHAPTER.read_text(encoding="utf-8").split("\n")
    rows = _rows()
    missed = [
        _show(row, chapter_lines)
        for row in rows
        if row["status"] == "error"
        and not [
            d
            for d in _overlapping(row, chapter_lines, chapter_findings)
            if d["code"] == row["kind"]
        ]
    ]
    false = [
        _show(row, chapter_lines)
        + " <- "
        + ", ".join(
            f"{d['code']} {d['message']}"
            for d in _overlapping(row, chapter_lines, chapter_findings)
        )
        for row in rows
        if row["status"] == "clean" and _overlapping(row, chapter_lines, chapter_findings)
    ]
    report = [f"MISSED ({len(missed)}):", *missed, f"FALSE ({len(false)}):", *false]
    assert (missed, false) == ([], []), "\n".join(report)
