"""The text report: a snippet window around each finding on long one-line paragraphs, the
caret under the span, the fix, and the summary line."""

from __future__ import annotations

import re
import unicodedata

import pytest

WORDS = [
    "the",
    "harbour",
    "lamp",
    "keeper",
    "walked",
    "slowly",
    "along",
    "quay",
    "under",
    "morning",
    "sky",
    "while",
    "gulls",
    "cried",
    "above",
    "salt-stiff",
    "nets",
    "and",
    "somebody",
    "whistled",
]
GUTTER = "1 │ "


def _prose(length: int, seed: int = 0) -> str:
    words, size, i = [], 0, seed
    while size < length:
        word = WORDS[(i * 7) % len(WORDS)]
        words.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(words)


def _cells(text: str) -> int:
    """Terminal cells, measured independently of the reporter."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f" or 0x1F3FB <= ord(ch) <= 0x1F3FF:
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _snippet(stdout: str, source: str) -> tuple[str, str, int, int]:
    """(snippet line, caret line, w0, w1): the shown slice is source[w0:w1]."""
    lines = stdout.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(GUTTER))
    snippet = lines[i][len(GUTTER) :]
    shown = snippet.removeprefix("…").removesuffix("…")
    w0 = source.index("'") - shown.index("'")
    assert source[w0 : w0 + len(shown)] == shown, "the snippet is not a slice of the line"
    assert snippet.startswith("…") == (w0 > 0)
    assert snippet.endswith("…") == (w0 + len(shown) < len(source))
    return lines[i], lines[i + 1], w0, w0 + len(shown)


def _long_line(middle: str) -> str:
    # Curly marks far from the finding set the style; one straight apostrophe in the middle.
    return f"“It’s late,” she said. “Isn’t it?” {_prose(1500)} {middle} {_prose(1500, 3)} “Yes.”"


def test_long_line_is_windowed_at_word_boundaries(lint) -> None:
    line = _long_line("and it didn't matter")
    assert len(line) >= 3000
    result = lint(line + "\n", args=["--format", "text", "--color", "never"])
    assert re.search(r"^chapter\.md:1:\d+  Q002  straight apostrophe", result.stdout, re.M)
    snippet, caret, w0, w1 = _snippet(result.stdout, line)
    at = line.index("'")
    assert 40 <= at - w0 <= 61
    assert 40 <= w1 - (at + 1) <= 61
    assert line[w0 - 1] == " " and line[w1] == " ", "a word is cut"
    assert _cells(caret[: caret.index("^")]) == _cells(snippet[: snippet.index("'")])
    assert caret.count("^") == 1
    assert "fix: didn’t" in caret


def test_short_line_is_shown_whole(lint) -> None:
    line = "“It’s late,” she said. I don't mind."
    result = lint(line + "\n", args=["--format", "text", "--color", "never"])
    snippet, _, w0, w1 = _snippet(result.stdout, line)
    assert (w0, w1) == (0, len(line))
    assert "…" not in snippet


def test_caret_under_the_span_after_wide_characters(lint) -> None:
    line = "“It’s late,” said 漢字 🎉 Café and Cafe\u0301 and I don't mind. “Yes.”"
    result = lint(line + "\n", args=["--format", "text", "--color", "never"])
    snippet, caret, _, _ = _snippet(result.stdout, line)
    assert _cells(caret[: caret.index("^")]) == _cells(snippet[: snippet.index("'")])


# Grapheme clusters: each must be shown whole or not at all.
CLUSTERS = ["e\u0301", "a", "👍🏽", "🇫🇷", "👨‍👩‍👧", "o\u0308", "b"]


@pytest.mark.parametrize("shift", range(len(CLUSTERS) * 2))
def test_window_never_splits_a_character(lint, shift: int) -> None:
    # A run with no spaces (an outburst of accents and emoji) forces the window to cut
    # inside it; it may cut between characters, never inside one.
    left = [CLUSTERS[(k + shift) % len(CLUSTERS)] for k in range(45 + shift)]
    right = [CLUSTERS[(k * 3 + shift) % len(CLUSTERS)] for k in range(45)]
    run = "".join(left) + "don't" + "".join(right)
    line = f"“It’s late,” she said. “Isn’t it?” {_prose(200)} {run} {_prose(200, 5)} “Yes.”"
    result = lint(line + "\n", args=["--format", "text", "--color", "never"])
    _, _, w0, w1 = _snippet(result.stdout, line)
    start = line.index(run)
    boundaries, pos = {start}, start
    for cluster in [*left, *"don't", *right]:
        pos += len(cluster)
        boundaries.add(pos)
    assert w0 in boundaries, f"window starts inside {line[w0 - 2 : w0 + 2]!a}"
    assert w1 in boundaries, f"window ends inside {line[w1 - 2 : w1 + 2]!a}"


def test_combining_accent_near_the_window_edge(lint) -> None:
    # Words with a decomposed é on both sides, at every distance from the finding.
    accented = " ".join(f"cafe\u0301{'x' * (k % 5)}" for k in range(40))
    line = f"“It’s late,” she said. {accented} I don't mind {accented} “Yes.”"
    result = lint(line + "\n", args=["--format", "text", "--color", "never"])
    snippet, _, w0, w1 = _snippet(result.stdout, line)
    shown = snippet.removeprefix("…").removesuffix("…")
    assert not unicodedata.combining(shown[0])
    assert not unicodedata.combining(line[w1])
    assert line[w0 - 1] == " " and line[w1] == " "


def test_summary_line(tmp_path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.md").write_text("“It’s late,” she said. “Isn’t it?” I don't mind.\n", "utf-8")
    (tmp_path / "two.md").write_text(
        '“We’re here,” he said. "Come in.”\n\n“He said “run” and left,” she said.\n', "utf-8"
    )
    result = cli("one.md", "two.md", "--color", "never")
    assert result.stdout.splitlines()[-1] == (
        "Found 3 problems in 2 files (2 fixable with --fix; 1 more with --unsafe-fixes)."
    )


def test_each_finding_has_header_snippet_and_fix(lint) -> None:
    text = "“It’s late,” she said. “Isn’t it?”\n\nI don't mind.\n"
    result = lint(text, args=["--format", "text", "--color", "never"])
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "chapter.md:3:6  Q002  straight apostrophe; this manuscript uses ’ (2) over ' (1)"
    )
    assert lines[1] == "3 │ I don't mind."
    assert lines[2].startswith("  │      ^ ")
    assert "fix: don’t" in lines[2]


def test_one_style_choice_made_many_times_is_shown_a_few_times_and_counted(lint, tmp_path) -> None:
    """808 findings of straight apostrophes in a curly book were one choice; the writer acts
    on it once. The text report shows three per file and counts the rest; --fix fixes all."""
    text = (
        "“Go,” she said. “Stay,” he said. “No,” she said. “Yes,” he said. “Now,” she said.\n\n"
        "It's fine. I don't know. We won't go. He can't. They didn't.\n"
    )
    shown = lint(text, args=["--format", "text", "--color", "never", "--select", "Q002"]).stdout
    assert shown.count("straight apostrophe;") == 3
    assert "chapter.md: 2 more Q002 straight-apostrophe" in shown
    assert "Found 5 problems in 1 file (5 fixable with --fix)." in shown
    concise = lint(text, args=["--format", "concise", "--select", "Q002"]).stdout
    assert concise.count(" Q002 ") == 5
    lint(text, args=["--fix", "--select", "Q002"])
    assert "'" not in (tmp_path / "chapter.md").read_text(encoding="utf-8")
