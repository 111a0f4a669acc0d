"""The quotation parser: which marks are apostrophes, and how quotation marks pair and nest."""

from __future__ import annotations

import re

import pytest

from ficlint.quotation import APOSTROPHE, parse


def _quotations(text: str) -> list[tuple[str, int]]:
    """Each closed quotation as (its text from mark to mark, nesting depth)."""
    parsed = parse(text)
    return [(text[q.open.pos : q.close.pos + 1], q.depth) for q in parsed.quotations if q.close]


def _apostrophe_words(text: str) -> list[str]:
    """Each apostrophe with the letters and digits joined to it (’90s, don’t, Stiles’)."""
    out = []
    for m in parse(text).marks:
        if m.role == APOSTROPHE:
            start, end = m.pos, m.pos + 1
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            out.append(text[start:end])
    return out


@pytest.mark.parametrize(
    ("text", "quotations", "apostrophes"),
    [
        ("“Hello,” she said.", [("“Hello,”", 0)], []),
        ("“I don’t know,” she said.", [("“I don’t know,”", 0)], ["don’t"]),
        ("“He said ‘go’ twice,” she said.", [("“He said ‘go’ twice,”", 0), ("‘go’", 1)], []),
        ("‘He said “go” twice,’ she said.", [("‘He said “go” twice,’", 0), ("“go”", 1)], []),
        (
            "‘He told me ‘never again’ and left,’ she said.",
            [("‘He told me ‘never again’ and left,’", 0), ("‘never again’", 1)],
            [],
        ),
        ("'He said 'go' and left,' she said.", [("'He said 'go' and left,'", 0), ("'go'", 1)], []),
        (
            "“He told me “never again” and left,” she said.",
            [("“He told me “never again” and left,”", 0), ("“never again”", 1)],
            [],
        ),
        (
            "‘It’s the Pritchards’ dog,’ she said.",
            [("‘It’s the Pritchards’ dog,’", 0)],
            ["It’s", "Pritchards’"],
        ),
        (
            "'It's the Pritchards' dog,' she said.",
            [("'It's the Pritchards' dog,'", 0)],
            ["It's", "Pritchards'"],
        ),
        ("“’Cause I said so,” said Mum.", [("“’Cause I said so,”", 0)], ["’Cause"]),
        ('"\'Cause I said so," said Mum.', [('"\'Cause I said so,"', 0)], ["'Cause"]),
        ("The Stiles’ boat was out.", [], ["Stiles’"]),
        ("The Stiles' boat was out.", [], ["Stiles'"]),
        ("It came back in the ’90s.", [], ["’90s"]),
        ("It came back in the '90s.", [], ["'90s"]),
        ("Give ’em rock ’n’ roll.", [], ["’em", "’n", "n’"]),
        ("Give 'em rock 'n' roll.", [], ["'em", "'n", "n'"]),
        (
            "“Give ’em rock ’n’ roll,” he said.",
            [("“Give ’em rock ’n’ roll,”", 0)],
            ["’em", "’n", "n’"],
        ),
        (
            "‘Give ’em a wave,’ said Nan. ‘They’re goin’ home.’",
            [("‘Give ’em a wave,’", 0), ("‘They’re goin’ home.’", 0)],
            ["’em", "They’re", "goin’"],
        ),
        (
            "'I ain't stoppin'.  It's too 'ot.  Go on 'ome, you.'",
            [("'I ain't stoppin'.  It's too 'ot.  Go on 'ome, you.'", 0)],
            ["ain't", "stoppin'", "It's", "'ot", "'ome"],
        ),
        (
            "‘I ain’t stoppin’.  ’Urry up, it’s ’ot.  Mind your ’ead.’",
            [("‘I ain’t stoppin’.  ’Urry up, it’s ’ot.  Mind your ’ead.’", 0)],
            ["ain’t", "stoppin’", "’Urry", "it’s", "’ot", "’ead"],
        ),
        ('"Go," she said. "Now."', [('"Go,"', 0), ('"Now."', 0)], []),
        ("*“Hi,”* she said.", [("“Hi,”", 0)], []),
        ("She said ‘never’ and meant it.", [("‘never’", 0)], []),
        ("The boys’ bikes lay by the Joneses’ gate.", [], ["boys’", "Joneses’"]),
    ],
)
def test_marks_pair_and_apostrophes_are_told_apart(text, quotations, apostrophes) -> None:
    assert _quotations(text) == quotations
    assert _apostrophe_words(text) == apostrophes
    parsed = parse(text)
    assert (parsed.unclosed, parsed.trailing, parsed.stray_closers, parsed.mismatched) == (
        [],
        [],
        [],
        [],
    )


@pytest.mark.parametrize(
    "text",
    [
        "It was the ‘90s.",
        "Wait ‘til dawn.",
        "Give ‘em hell.",
        "Rock ‘n’ roll.",
        "“‘Cause I said so.”",
    ],
)
def test_opening_mark_used_as_an_apostrophe(text: str) -> None:
    [mark] = [m for m in parse(text).marks if m.char == "‘"]
    assert mark.role == APOSTROPHE
    assert mark.misdirected


def test_quotation_open_at_the_end_of_the_paragraph() -> None:
    parsed = parse("“I kept the lamp lit for a year.")
    assert [q.open.pos for q in parsed.trailing] == [0]
    assert parsed.starts_with_opening() is not None


def test_paragraph_that_reopens_speech() -> None:
    assert parse("“Then two,” she said.").starts_with_opening() is not None
    assert parse("She said, “Then two.”").starts_with_opening() is None


def test_closing_mark_with_no_opening() -> None:
    parsed = parse("She said hello.” Then she left.")
    assert [m.pos for m in parsed.stray_closers] == [15]


def test_single_quotation_closed_by_a_double_mark() -> None:
    parsed = parse("She said, ‘Come in,” and left.")
    [q] = parsed.mismatched
    assert (q.open.char, q.close.char) == ("‘", "”")


def test_quotation_left_open_when_the_next_opens() -> None:
    parsed = parse("“Wait. “Stop,” she said.")
    assert [q.open.pos for q in parsed.unclosed] == [0]
    assert _quotations("“Wait. “Stop,” she said.") == [("“Stop,”", 0)]


def test_marks_are_found_at_their_offsets() -> None:
    text = "“It’s,” she said, ‘the ’90s.’"
    marks = [(m.pos, m.char) for m in parse(text).marks]
    assert marks == [(m.start(), m.group()) for m in re.finditer("[“”‘’\"']", text)]


BLOCK = "“Come here, Milo said. “Where are you?” she asked. “Here,” he said. “Look.”"


@pytest.mark.parametrize("continued", [False, True])
def test_one_unclosed_quotation_does_not_swallow_the_later_ones(continued: bool) -> None:
    """A quotation after a sentence end starts a new line of dialogue: the one before it was
    left open, and the later ones are top-level speech, not quotations nested in it."""
    parsed = parse(BLOCK, continued=continued)
    assert [q.open.pos for q in parsed.unclosed] == [0]
    assert _quotations(BLOCK) == [
        ("“Where are you?”", 0),
        ("“Here,”", 0),
        ("“Look.”", 0),
    ]
    assert parsed.trailing == []


def test_quotation_inside_a_sentence_of_speech_that_runs_on_is_nested() -> None:
    text = "“I said to him, “Pick us a good one,” and he did."
    parsed = parse(text, continued=True)
    assert [(q.open.pos, q.depth) for q in parsed.quotations] == [(0, 0), (text.index("“Pick"), 1)]
    assert [q.open.pos for q in parsed.trailing] == [0]
    # With no next paragraph to run on into, the outer quotation cannot stay open.
    assert [q.open.pos for q in parse(text, continued=False).unclosed] == [0]


def test_nested_quotation_whose_outer_one_closes_is_nested_either_way() -> None:
    text = "“He told me “never again” and then “not ever” and left,” she said."
    for continued in (False, True):
        parsed = parse(text, continued=continued)
        assert [q.depth for q in parsed.quotations] == [0, 1, 1]
        assert parsed.unclosed == parsed.trailing == []


def test_next_line_of_a_letter_opens_anew() -> None:
    text = "“Yours faithfully, “VIOLET HUNTER.”"
    signature = text.index("“VIOLET")
    assert [q.depth for q in parse(text).quotations] == [0, 1]
    parsed = parse(text, line_start=lambda pos: pos == signature)
    assert [q.open.pos for q in parsed.unclosed] == [0]
    assert [(q.open.pos, q.depth) for q in parsed.quotations] == [(0, 0), (signature, 0)]
