"""Where a plain-text file's paragraphs are. A block of lines between blank lines is one
paragraph when it is hard-wrapped or written one sentence per line; a file that writes one
paragraph per line with no blank line between (a word processor's plain-text export) has a
paragraph on each line. Read as one paragraph, such a chapter's quotations swallowed each
other: Pride and Prejudice so written had 902 findings (869 of them Q005) instead of 29, and so
did it hard-wrapped with no blank line, which is now cut where its paragraphs end. And
where most one-line paragraphs are indented (a tab before each, as on a typewriter), the
indent starts a paragraph: it is not verse, which some checks leave alone. Markdown written
one paragraph per line (as Obsidian's single line breaks let a writer) is read the same way,
not as CommonMark's one paragraph.

Each layout of the repository's sample chapter must give the findings the chapter gives with
a blank line between its paragraphs."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from conftest import invoke

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-chapter.md"


def _paragraphs() -> list[str]:
    """The sample chapter's prose paragraphs (no front matter, heading or comment)."""
    body = SAMPLE.read_text(encoding="utf-8").split("---\n", 2)[2]
    return [
        block.strip()
        for block in re.split(r"\n\s*\n", body)
        if block.strip() and not block.lstrip().startswith(("#", "<!--"))
    ]


def _sentences(paragraph: str) -> str:
    return re.sub(r"([.!?][”’]?) +(?=[“A-Z])", "\\1\n", paragraph)


def _findings(folder: Path, text: str, *args: str, name: str = "chapter.txt") -> list[str]:
    """Each finding's code and message, the line a message names left out, sorted."""
    (folder / name).write_text(text, encoding="utf-8", newline="")
    found = invoke([name, "--grammar", "off", "--format", "json", *args]).diagnostics
    return sorted(
        f"{d['code']} {re.sub(r'chapter.(txt|md):[0-9]+', '…', d['message'])}" for d in found
    )


@pytest.fixture
def blank_separated(folder: Path) -> list[str]:
    found = _findings(folder, "\n\n".join(_paragraphs()) + "\n")
    assert len(found) >= 15
    assert {f.split()[0] for f in found} >= {"D001", "D003", "D008", "Q002"}
    return found


@pytest.mark.parametrize(
    "layout",
    [
        "one paragraph per line",
        "one paragraph per line, CRLF",
        "one paragraph per line, a blank line between scenes",
        "hard-wrapped at 70",
        "hard-wrapped at 70, no blank line",
        "one sentence per line",
        "a tab before each paragraph, one per line",
        "four spaces before each paragraph, blank lines between",
    ],
)
def test_each_layout_finds_what_blank_lines_between_paragraphs_find(
    folder: Path, blank_separated: list[str], layout: str
) -> None:
    paragraphs = _paragraphs()
    text = {
        "one paragraph per line": "\n".join(paragraphs),
        "one paragraph per line, CRLF": "\r\n".join(paragraphs),
        "one paragraph per line, a blank line between scenes": "\n\n".join(
            "\n".join(paragraphs[i : i + 8]) for i in range(0, len(paragraphs), 8)
        ),
        "hard-wrapped at 70": "\n\n".join(textwrap.fill(p, 70) for p in paragraphs),
        "hard-wrapped at 70, no blank line": "\n".join(textwrap.fill(p, 70) for p in paragraphs),
        "one sentence per line": "\n\n".join(_sentences(p) for p in paragraphs),
        "a tab before each paragraph, one per line": "\n".join(f"\t{p}" for p in paragraphs),
        "four spaces before each paragraph, blank lines between": "\n\n".join(
            f"    {p}" for p in paragraphs
        ),
    }[layout]
    assert _findings(folder, text + "\n") == blank_separated


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_fixes_land_on_their_own_lines_one_paragraph_per_line(folder: Path, suffix: str) -> None:
    """--fix on the chapter written one paragraph per line (CRLF) makes the changes it makes to
    the chapter with blank lines between its paragraphs, and keeps every line ending."""
    paragraphs = _paragraphs()
    fixed = {}
    for name, sep in (("lines", "\r\n"), ("blank", "\r\n\r\n")):
        path = folder / f"{name}{suffix}"
        path.write_bytes((sep.join(paragraphs) + "\r\n").encode("utf-8"))
        assert invoke([path.name, "--grammar", "off", "--fix"]).exit_code in (0, 1)
        fixed[name] = path.read_bytes()
    assert fixed["lines"] != (("\r\n".join(paragraphs) + "\r\n").encode("utf-8"))  # fixed
    assert fixed["lines"].replace(b"\r\n", b"\r\n\r\n") == fixed["blank"] + b"\r\n"


# A speech that ends its paragraph, and a paragraph of narration after it that opens as a
# speech tag would. Read as one paragraph, the speech's full stop is one before a tag (D001).
_SPEECH_THEN_NARRATION = [
    "“We should go back.”",
    "She answered with a shrug, and kept walking toward the point.",
]


@pytest.mark.parametrize("sep", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("scenes", [False, True], ids=["no blank line", "scene breaks"])
def test_markdown_written_one_paragraph_per_line_reads_a_paragraph_a_line(
    folder: Path, sep: str, scenes: bool
) -> None:
    """Markdown written one paragraph per line with no blank line between (what an editor
    showing single line breaks, as Obsidian does by default, lets a writer do) is read a
    paragraph a line, not as CommonMark's one paragraph: the chapter finds what it finds with
    a blank line between its paragraphs. Read as one, its quotations swallowed each other."""
    paragraphs = _paragraphs() + _SPEECH_THEN_NARRATION
    blank = _findings(folder, "\n\n".join(paragraphs) + "\n", name="chapter.md")
    assert {f.split()[0] for f in blank} >= {"D001", "D003", "D008", "Q002"}
    # The speech and the narration are right as written: they add no finding.
    without = _findings(folder, "\n\n".join(_paragraphs()) + "\n", name="chapter.md")
    assert [f.split()[0] for f in blank] == [f.split()[0] for f in without]
    step = 8 if scenes else len(paragraphs)
    text = (sep * 2).join(
        sep.join(paragraphs[i : i + step]) for i in range(0, len(paragraphs), step)
    )
    assert _findings(folder, text + sep, name="chapter.md") == blank


def test_hard_wrapped_markdown_stays_one_paragraph_a_block(folder: Path) -> None:
    """CommonMark's soft line breaks are kept where the lines are a wrap: a chapter
    hard-wrapped at 70 finds what it finds with each paragraph on one line."""
    paragraphs = _paragraphs()
    one_line = _findings(folder, "\n\n".join(paragraphs) + "\n", name="chapter.md")
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in paragraphs)
    assert _findings(folder, wrapped + "\n", name="chapter.md") == one_line


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_short_file_written_one_paragraph_per_line_is_read_so(folder: Path, suffix: str) -> None:
    """Two scenes of three and two lines. The break after a block's longest line leaves no
    room for the next word in any layout, so it is not counted: with so few breaks it made
    the file read as hard-wrapped, and its speech ran into the next line's narration (a
    D001)."""
    scenes = ["\n".join(_paragraphs()[:3]), "\n".join(_SPEECH_THEN_NARRATION)]
    blank = "\n\n".join([*_paragraphs()[:3], *_SPEECH_THEN_NARRATION]) + "\n"
    expected = _findings(folder, blank, name=f"chapter{suffix}")
    assert _findings(folder, "\n\n".join(scenes) + "\n", name=f"chapter{suffix}") == expected


# A speech told over four lines with no blank line between, in a chapter whose paragraphs
# stand between blank lines (a real draft does so): one paragraph, as CommonMark reads it,
# its quotation closed on the last line.
_TOLD_OVER_LINES = (
    "“That may be for the best. Yes, this was in the years when both houses first tried to mend"
    " the old bond of centuries past, and we rode out to meet them.\n"
    "Like crows in a fearful daze, we rushed at the horde, praying that no second would be too"
    " late to save them.\n"
    "But what we saw amidst the corpses was a youth in royal clothing.\n"
    "I challenged him to a duel, despite every plea. ‘It is impossible for a boy to win,’ I"
    " told him, and I lost.”"
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_run_of_lines_among_blank_separated_paragraphs_stays_one(
    folder: Path, suffix: str
) -> None:
    """Where most paragraphs stand between blank lines, a run of lines is the writer's own
    choice (a letter, verse, a speech told over lines) and stays one paragraph: read a
    paragraph a line, the last line's closing mark had no opening (Q004) and the quotation
    inside the speech read as dialogue in single quotes (Q006)."""
    text = "\n\n".join([*_paragraphs(), _TOLD_OVER_LINES]) + "\n"
    found = _findings(folder, text, name=f"chapter{suffix}")
    without = _findings(folder, "\n\n".join(_paragraphs()) + "\n", name=f"chapter{suffix}")
    assert [f.split()[0] for f in found] == [f.split()[0] for f in without]
