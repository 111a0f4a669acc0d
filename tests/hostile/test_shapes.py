"""Shapes of input no writer means but a file can have: block quotes nested deeper than
markdown-it's default of 20 (whose prose was dropped without a word), and paragraphs of
thousands of quotation marks or findings, which took minutes and gigabytes while every
finding copied the rest of its paragraph."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

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


def _made_up(i: int) -> str:
    """A made-up word of letters for each i, none another's: mabo, mabu, …"""
    word, i = "", i + 26 * 27
    while i:
        i, r = divmod(i, 26)
        word = "bcdfghjklmnpqrstvwxz"[r % 20] + "aeiou"[r % 5] + word
    return "m" + word


def _slips(n: int) -> str:
    """Many words, each written ten times and slipped once (C006), in one paragraph: a report
    per slip searched the paragraph from its start for the word's first use."""
    return "".join(
        f"The {w}on shone on the town. " * 10 + f"The {w}no shone on the town. "
        for w in map(_made_up, range(max(1, n // 6)))
    )


# Each shape took time growing with the square of its size (n = 20,000: 37 s to 204 s) before
# the parser counted open quotations, the checks stopped copying the rest of the paragraph and
# the reports stopped copying whole lines per finding. The last two: a plain-text novel with
# no blank line is one paragraph, and War and Peace so took 47 s instead of 2 while C004 and
# C006 searched it from its start for each word they reported.
SHAPES = {
    "nested quotations": lambda n: "“" * n + "x" + "”" * n,
    "quotations never closed": lambda n: "“a " * n,
    "dialogue set as one paragraph": lambda n: "“Go,” she said. " * n,
    "straight quotes never closed": lambda n: '"a ' * n,
    "a doubled name on one line": lambda n: "Marcus Marcus. " * n,
    "links on one line": lambda n: "[a](b) " * n,
    "a term capitalised after an article": (
        lambda n: "We sailed to the Lowmarket. " * n + "We saw the lowmarket."
    ),
    "slips of many words": _slips,
}


def _seconds(folder: Path, text: str, *options: str) -> float:
    (folder / "shape.md").write_text(text + "\n", encoding="utf-8")
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        result = invoke(["shape.md", "--grammar", "off", "--color", "never", *options])
        best = min(best, time.perf_counter() - start)
        assert result.exit_code in (0, 1), result.stderr
    return best


@pytest.mark.parametrize("shape", SHAPES)
def test_a_paragraph_four_times_longer_takes_about_four_times_as_long(folder, shape) -> None:
    """A ratio measured in one run, so a slow machine does not fail it: linear work gives
    about 4, quadratic 16; 9 leaves room for noise and start-up."""
    small = _seconds(folder, SHAPES[shape](1500))
    large = _seconds(folder, SHAPES[shape](6000))
    assert large / max(small, 0.02) < 9, (small, large)


@pytest.mark.parametrize(
    "options",
    [("--format", "sarif"), ("--baseline", "known.json", "--update-baseline")],
    ids=["SARIF", "baseline"],
)
def test_thousands_of_findings_in_one_paragraph_stay_linear(folder, options) -> None:
    """Each finding's fingerprint hashed, and SARIF's context carried, the whole paragraph."""
    shape = SHAPES["a doubled name on one line"]
    small = _seconds(folder, shape(1500), *options)
    large = _seconds(folder, shape(6000), *options)
    assert large / max(small, 0.02) < 9, (small, large)


def test_a_finding_inside_a_long_span_prints_a_short_snippet(folder: Path) -> None:
    n = 400
    (folder / "nest.md").write_text("“" * n + "x" + "”" * n + "\n", encoding="utf-8")
    report = invoke(["nest.md", "--grammar", "off", "--color", "never"]).stdout
    lines = report.splitlines()
    assert sum(1 for line in lines if "Q005" in line) == n - 1
    # the words in context (60 characters each side), the span cut in its middle, the fix
    assert max(len(line) for line in lines) < 400
    snippet = next(line for line in lines if line.startswith("1 │ "))
    assert "““…””" in snippet.replace("“” ", "")  # the middle of a long span is left out


def test_sarif_results_on_a_long_line_carry_a_window_of_it(folder: Path) -> None:
    (folder / "long.md").write_text("Marcus Marcus. " * 2000 + "\n", encoding="utf-8")
    log = json.loads(invoke(["long.md", "--grammar", "off", "--format", "sarif"]).stdout)
    results = log["runs"][0]["results"]
    assert len(results) == 2000
    for result in results:
        context = result["locations"][0]["physicalLocation"]["contextRegion"]
        assert 0 < len(context["snippet"]["text"]) <= 2 * 60 + 20
        assert (
            context["startColumn"]
            <= result["locations"][0]["physicalLocation"]["region"]["startColumn"]
        )
    fingerprints = [next(iter(r["partialFingerprints"].values())) for r in results]
    assert len(set(fingerprints)) == 2000  # the n-th identical finding gets its own


@pytest.mark.parametrize(
    ("shape", "code"),
    [("a term capitalised after an article", "C004"), ("slips of many words", "C006")],
)
def test_the_one_paragraph_novel_shapes_report_what_they_stand_for(folder, shape, code) -> None:
    (folder / "shape.md").write_text(SHAPES[shape](60) + "\n", encoding="utf-8")
    assert code in invoke(["shape.md", "--grammar", "off", "--format", "json"]).codes


def test_a_paragraph_is_read_once_however_many_words_harper_flags(folder, monkeypatch) -> None:
    """Each spelling finding asks whether its word is in italics (plain text finds them in
    the paragraph) and in speech spelled in dialect (an unclosed quotation runs to the
    paragraph's end): asked of the whole paragraph once per finding, a plain-text novel with
    no blank line took 40 s instead of 7 on Pride and Prejudice."""
    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    import ficlint.dialogue
    import ficlint.paragraph

    reads = {"italics": 0, "dialect": 0}
    find_italics = ficlint.paragraph.plain_italics

    def italics(text: str):
        reads["italics"] += 1
        return find_italics(text)

    class Dialect:  # the dialect pattern, counting its searches
        pattern = ficlint.dialogue._DIALECT

        def search(self, *args):
            reads["dialect"] += 1
            return self.pattern.search(*args)

    monkeypatch.setattr(ficlint.paragraph, "plain_italics", italics)
    monkeypatch.setattr(ficlint.dialogue, "_DIALECT", Dialect())
    words = " ".join(f"He saw a zorb{_made_up(i)}x there." for i in range(40))
    (folder / "note.txt").write_text(f"_Note_: “Whar ye goin {words}\n", encoding="utf-8")
    found = invoke(["note.txt", "--grammar", "harper", "--format", "json"]).codes
    assert found.count("G:harper:Spelling:SpellCheck") >= 30
    assert reads == {"italics": 1, "dialect": 1}
