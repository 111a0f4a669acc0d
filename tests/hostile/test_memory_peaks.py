"""A manuscript's facts are made without holding the whole text several times over at once.
Two passes over the joined text did: a list of every word (82 MB for the eight corpus novels
together, for word counts of 3 MB), and str.lower(), which takes 12 bytes a character while
it works on a text with any character beyond Latin-1 (88 MB, for a lowercase of 14 MB).
tracemalloc counts the bytes Python allocates, the same on every machine."""

from __future__ import annotations

import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from ficlint.document import Document
from ficlint.manuscript import Manuscript, lower, pieces
from ficlint.wordcounts import word_counts

WORDS = "the keeper’s lantern swung over Marcus’s boat while rain came down on Ólafur".split()


def _novel(paragraphs: int) -> str:
    rng = random.Random(7)
    return "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(paragraphs)
    )


def _peak(work) -> tuple[object, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        return result, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_word_counts_of_a_long_manuscript_hold_no_list_of_all_its_words() -> None:
    ms = Manuscript([Document(_novel(5000), "novel.md")])
    text = ms.joined_text()  # 1.8 million characters, 300,000 words
    counts, peak = _peak(lambda: word_counts(ms))
    assert sum(counts.values()) == 300_000
    assert counts["Marcus’s"] > 0 and counts["Ólafur"] > 0
    # A list of every word is 300,000 strings of about 60 bytes: 18 MB.
    assert peak < 4_000_000, f"{peak:,} bytes to count the words of {len(text):,} characters"


def test_the_lowercase_of_a_long_text_is_made_without_twelve_bytes_a_character() -> None:
    text = _novel(5000)
    low, peak = _peak(lambda: lower(text))
    assert low == text.lower()
    # The result is two bytes a character (’ is beyond Latin-1); str.lower() of the whole
    # text took 12 more while it worked.
    assert peak < 5 * len(text), f"{peak:,} bytes to lowercase {len(text):,} characters"


def test_lowercase_in_pieces_is_the_lowercase_of_the_whole() -> None:
    # The Greek final sigma is the one casing rule that reads the letters around it; the
    # pieces end at line breaks, which it does not look across. İ lowercases to two
    # characters.
    lines = ["ΟΔΟΣ ΣΟΦΟΣ.", "Σ", "İstanbul ΑΣ", "“QUIET,” said Nell."] * 3000
    text = "\n".join(lines)
    assert lower(text) == text.lower()
    cut = list(pieces(text, size=100))
    assert len(cut) > 100
    assert all(text[end : end + 1].isspace() or end == len(text) for _, end in cut)
    assert "".join(text[s:e] for s, e in cut) == text
    one_line = text.replace("\n", " ")  # a plain-text draft with no blank lines
    assert lower(one_line) == one_line.lower()
    assert len(list(pieces(one_line, size=100))) > 100


def test_a_draft_with_no_blank_lines_is_counted_a_piece_at_a_time() -> None:
    # One paragraph as long as a novel: a plain-text draft whose paragraphs are single lines.
    ms = Manuscript([Document(_novel(5000).replace("\n\n", "\n"), "novel.txt")])
    assert len(ms.body()) == 1
    counts, peak = _peak(lambda: word_counts(ms))
    assert sum(counts.values()) == 300_000
    assert peak < 4_000_000, f"{peak:,} bytes to count the words of one long paragraph"


def test_findings_that_say_the_same_thing_share_one_message() -> None:
    from ficlint import engine

    # Straight quotes in a curly manuscript: Q001 says the same of each one.
    curly = "“Go,” she said. " * 30
    text = "\n\n".join([curly] * 40 + ['"Stay," he said.'] * 500)
    found = engine.run(Manuscript([Document(text, "novel.md")])).diagnostics
    q001 = [d for d in found if d.code == "Q001"]
    assert len(q001) == 1000
    assert len({id(d.message) for d in q001}) <= 2  # the opening mark's, the closing's


def test_a_line_costs_its_line_index_four_bytes() -> None:
    text = "Nell ran.\n" * 200_000
    doc, peak = _peak(lambda: Document(text, "lines.txt"))
    # A list held an int object for each line start: 37 bytes a line.
    assert peak < 5 * 200_000, f"{peak:,} bytes for the line index of 200,000 lines"
    assert doc.line_col(len(text) - 4) == (200_000, 7)


_READ_MANY = """
import pathlib, sys
from ficlint.document import Document

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096

files = sorted(pathlib.Path(sys.argv[1]).iterdir())
Document.read(files[0], "first")
before = rss()
docs = [Document.read(p, p.name) for p in files]
print(rss() - before, sum(len(d.text) for d in docs))
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads Linux's /proc")
def test_reading_many_small_chapters_holds_little_more_than_their_text(tmp_path: Path) -> None:
    """Each file was read into a buffer the size of the cap (16 MB), then shrunk: 3,000
    chapters of 260 bytes left 13.7 MB behind in the process, now 2 MB. RSS, in a fresh
    Python."""
    for i in range(3000):
        (tmp_path / f"ch{i:04d}.md").write_text(f"Chapter {i}. " + "Nell waited. " * 20)
    out = subprocess.run(
        [sys.executable, "-c", _READ_MANY, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    grown, chars = int(out[0]), int(out[1])
    assert chars > 700_000
    assert grown < 6_000_000, f"{grown:,} bytes to hold 3,000 chapters of {chars:,} characters"
