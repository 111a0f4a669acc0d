"""An edit checked again from the last check (ficlint.recheck, what the language server does
while a writer types in a novel): the edited paragraphs' findings are the ones a full check
finds, every other finding moves with the text, and what a part cannot be read without
takes a full check."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlint.config import Settings
from ficlint.document import Document
from ficlint.recheck import MARGIN, MAX_EDIT, Previous, recheck
from ficlint.run import lint_manuscript

SAMPLE = (Path(__file__).parents[1] / "examples" / "sample-chapter.md").read_text(encoding="utf-8")
# The sample chapter, then its body three more times: 22,000 characters, 100 findings.
TEXT = SAMPLE + SAMPLE.split("---\n", 2)[2] * 3
SETTINGS = Settings(grammar="off")
LATE = "“You’re late.” Nell said."  # D001: a comma, not a full stop, before the tag


def full_check(text: str) -> tuple[list, dict]:
    return lint_manuscript([Document(text, "chapter.md")], SETTINGS)


def seen(found) -> set:
    return {(d.code, d.start, d.end, d.fix.edits if d.fix else None) for d in found}


def quick(text: str, new: str):
    before, facts = full_check(text)
    return recheck(Previous(text, before, facts), Document(new, "chapter.md"), SETTINGS)


MIDDLE = TEXT.index("\n\n", len(TEXT) // 2)


@pytest.mark.parametrize(
    "new",
    [
        pytest.param(TEXT[:MIDDLE] + "\n\n" + LATE + TEXT[MIDDLE:], id="a paragraph added"),
        pytest.param(TEXT[:MIDDLE] + " " + LATE + TEXT[MIDDLE:], id="words added"),
        pytest.param(
            TEXT[:MIDDLE] + TEXT[TEXT.index("\n\n", MIDDLE + 2) :], id="a paragraph deleted"
        ),
        pytest.param(TEXT.replace("She noticed it", LATE + " She noticed it", 1), id="near the top"),
        pytest.param(TEXT + "\n" + LATE + "\n", id="at the end"),
    ],
)  # fmt: skip
def test_an_edit_checked_again_finds_what_a_full_check_finds(new: str) -> None:
    after, _ = full_check(new)
    found = quick(TEXT, new)
    assert found is not None
    assert seen(found) == seen(after)
    assert {d.code for d in found if d.code == "D001"}  # the slip, seen in the edit
    assert all(d.document.text == new for d in found)


@pytest.mark.parametrize("between", [1, 2])
def test_an_edit_that_changes_a_finding_paragraphs_away(between: int) -> None:
    """Speech carried over paragraphs: a quotation left open closes with a closing mark up to
    three paragraphs on. Taking away the opening mark before it (the edit) closes the first
    quotation, paragraphs before the edit, and its finding goes; from the quick check too."""
    carried = (
        "\n\n“I went down to the shore and waited all night for the boat"
        + "\n\nShe looked at the sea." * between
        + "\n\n“And nobody came. Nobody at all.”"
    )
    text = TEXT[:MIDDLE] + carried + TEXT[MIDDLE:]
    new = TEXT[:MIDDLE] + carried.replace("\n\n“And", "\n\nAnd") + TEXT[MIDDLE:]
    after, _ = full_check(new)
    found = quick(text, new)
    assert found is not None
    assert seen(found) == seen(after)
    unclosed = ("Q004", MIDDLE + 2)  # the first quotation's opening mark
    assert unclosed in {(d.code, d.start) for d in full_check(text)[0]}
    assert unclosed not in {(d.code, d.start) for d in found}


def test_a_manuscript_wide_finding_in_the_edited_words_waits_for_the_full_check() -> None:
    """C005 (a name typed once as Tobais) counts the whole manuscript: the quick check keeps
    the C findings outside the edit and leaves this one to the full check that follows."""
    new = TEXT[:MIDDLE] + "\n\n" + LATE + " Tobais waved." + TEXT[MIDDLE:]
    after, _ = full_check(new)
    found = quick(TEXT, new)
    assert found is not None
    assert seen(after) - seen(found) == {
        d for d in seen(after) if d[0] == "C005" and new[d[1] : d[2]] == "Tobais"
    }
    assert {d[0] for d in seen(found)} >= {"C002", "D001"}  # C findings elsewhere: kept


@pytest.mark.parametrize(
    "text, new",
    [
        pytest.param(
            TEXT + "\n<!-- ficlint: disable D001 -->\n",
            TEXT.replace("She noticed it", LATE, 1) + "\n<!-- ficlint: disable D001 -->\n",
            id="a suppression comment",
        ),
        pytest.param(
            "```\n\n" + "code\n\n" * 10 + "```\n\n" + TEXT,
            "```\n\n" + "code\n\n" * 9 + LATE + "\n\n```\n\n" + TEXT,
            id="inside a code fence",
        ),
        pytest.param(
            "<!--\n\n" + "cut\n\n" * 10 + "-->\n\n" + TEXT,
            "<!--\n\n" + "cut\n\n" * 9 + LATE + "\n\n-->\n\n" + TEXT,
            id="inside an HTML comment",
        ),
        pytest.param(TEXT, TEXT[:MIDDLE] + "\n\nWords." * (MAX_EDIT // 7) + TEXT[MIDDLE:], id="a large edit"),
    ],
)  # fmt: skip
def test_what_a_part_cannot_be_read_without_takes_a_full_check(text: str, new: str) -> None:
    assert quick(text, new) is None


def _txt_check(text: str, name: str = "chapter.txt") -> tuple[list, dict]:
    return lint_manuscript([Document(text, name)], SETTINGS)


# The sample chapter's paragraphs as a word processor exports them: one a line, no blank line
# but between scenes. The scenes in the middle, of five lines each and one of them long, read
# as one paragraph each on their own (too few long lines), where a quotation left open at the
# end of the long line closes lines later; in their file each line is a paragraph, and the
# quotation is left open (Q004).
_PARAGRAPHS = [
    block.strip()
    for block in TEXT.split("---\n", 2)[2].split("\n\n")
    if block.strip() and not block.startswith(("#", "<!--"))
]
_SCENE = (
    "He read the sign aloud: “Beware the tide, all ye who walk the causeway after dark, for the"
    " sea comes in faster than a horse can run.\nNobody laughed.\nThe wind rose.\n“Fine.”"
    " She turned back.\nHe followed."
)
LINES = (
    "\n".join(_PARAGRAPHS[:40])
    + f"\n\n{_SCENE}" * (4 * MARGIN + 3)
    + "\n\n"
    + "\n".join(_PARAGRAPHS[40:])
    + "\n"
)


@pytest.mark.parametrize("name", ["chapter.txt", "chapter.md"])
def test_a_file_written_a_paragraph_a_line_is_checked_again_as_it_reads_whole(name: str) -> None:
    middle = LINES.index(_SCENE)
    for _ in range(2 * MARGIN + 1):  # the middle one of those scenes
        middle = LINES.index(_SCENE, middle + 1)
    new = LINES[:middle] + LINES[middle:].replace("Nobody laughed.", LATE, 1)
    after, _ = _txt_check(new, name)
    before, facts = _txt_check(LINES, name)
    found = recheck(Previous(LINES, before, facts), Document(new, name), SETTINGS)
    assert found is not None
    assert seen(found) == seen(after)
    assert {"Q004", "D001"} <= {d.code for d in found if middle <= d.start < middle + 300}


def test_an_indented_plain_text_takes_a_full_check() -> None:
    text = "\n\n".join(f"\t{p}" for p in _PARAGRAPHS) + "\n"
    new = text.replace("She noticed it", LATE + " She noticed it", 1)
    before, facts = _txt_check(text)
    assert recheck(Previous(text, before, facts), Document(new, "chapter.txt"), SETTINGS) is None
