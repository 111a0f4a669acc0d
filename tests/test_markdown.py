"""Prose ranges: the text rules see, and how each of its characters maps back to the exact
place in the writer's file (Markdown and plain text)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ficlint.document import PLACEHOLDER, Document


def _entity_at(source: str, offset: int) -> str | None:
    m = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);").match(source, offset)
    return html.unescape(m.group()) if m else None


def assert_maps_back(source: str, path: str = "chapter.md") -> list:
    """Every prose character sits at its mapped offset: the same character, or a line break
    read as a space, or an entity or backslash escape that stands for it; placeholders stand
    for code."""
    doc = Document(source, path)
    for para in doc.paragraphs:
        for i, ch in enumerate(para.text):
            if ch == PLACEHOLDER:
                continue
            at = para.to_source(i)
            found = source[at] if at < len(source) else ""
            if found == ch or (ch == " " and found in "\r\n"):
                continue
            if found == "\\" and source[at + 1 : at + 2] == ch:
                continue  # a backslash escape maps to its backslash, so fixes replace both
            assert _entity_at(source, at) == ch, (
                f"prose {ch!r} at {i} of {para.text!r} maps to {found!r} at {at} in {source!r}"
            )
    return doc.paragraphs


def _texts(source: str, path: str = "chapter.md") -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in assert_maps_back(source, path)]


@pytest.mark.parametrize(
    ("source", "prose"),
    [
        ("# A “Title” Here\n", [("heading", "A “Title” Here")]),
        ("The Title\n=========\n\nText.\n", [("heading", "The Title"), ("paragraph", "Text.")]),
        (
            "Some *emph*, _under_, **strong** and ***both*** words.\n",
            [("paragraph", "Some emph, under, strong and both words.")],
        ),
        ("*“Hi,”* she said.\n", [("paragraph", "“Hi,” she said.")]),
        ("A ~~struck~~ “word”.\n", [("paragraph", "A struck “word”.")]),
        (
            "> “Quoted,” she said.\n> Second line.\n",
            [("paragraph", "“Quoted,” she said. Second line.")],
        ),
        (
            "> Outer.\n>\n> > “Inner,” he said.\n",
            [("paragraph", "Outer."), ("paragraph", "“Inner,” he said.")],
        ),
        (
            "- item “one”\n- item two\n\n1. first\n2. second\n",
            [
                ("paragraph", "item “one”"),
                ("paragraph", "item two"),
                ("paragraph", "first"),
                ("paragraph", "second"),
            ],
        ),
        (
            "> - nested “list” in a quote\n>   continued here\n",
            [("paragraph", "nested “list” in a quote continued here")],
        ),
        ("- She said\n  softly, “hi” there.\n", [("paragraph", "She said softly, “hi” there.")]),
        ("- She said\n\tsoftly, “hi” there.\n", [("paragraph", "She said softly, “hi” there.")]),
        (
            "A [link “text”](http://example.com/it's \"Title's\") here.\n",
            [("paragraph", "A link “text” here.")],
        ),
        (
            'A [link][r] and [r] here.\n\n[r]: http://example.com/don\'t "T"\n',
            [("paragraph", "A link and r here.")],
        ),
        (
            'Escaped \\*stars\\* and \\"quotes\\" stay.\n',
            [("paragraph", 'Escaped *stars* and "quotes" stay.')],
        ),
        (
            "Fish &amp; chips, &ldquo;hot&rdquo; &#8217;n&#x2019; fresh.\n",
            [("paragraph", "Fish & chips, “hot” ’n’ fresh.")],
        ),
        (
            'She typed `"x"` and <https://example.com> there.\n',
            [("paragraph", f"She typed {PLACEHOLDER} and {PLACEHOLDER} there.")],
        ),
        (
            'A <span>“tagged”</span> word <!-- a "note" --> here.\n',
            [("paragraph", "A “tagged” word  here.")],
        ),
        (
            "Two spaces  \nthen a backslash\\\nthen more.\n",
            [("paragraph", "Two spaces then a backslash then more.")],
        ),
        ('---\ntitle: "Don\'t"\n---\n\n“Hi,” she said.\n', [("paragraph", "“Hi,” she said.")]),
        ("```\nsay \"x\"\n```\n\n    indented 'code'\n\nProse.\n", [("paragraph", "Prose.")]),
        ("<div>\n“Block” html.\n</div>\n\nProse.\n", [("paragraph", "Prose.")]),
        (
            "Line one\r\nline “two”\r\n\r\nNext.\r\n",
            [("paragraph", "Line one line “two”"), ("paragraph", "Next.")],
        ),
        (
            "café with e\u0301 and 🎉 then “quote”.\n",
            [("paragraph", "café with e\u0301 and 🎉 then “quote”.")],
        ),
    ],
)
def test_markdown_prose_maps_back(source: str, prose) -> None:
    assert _texts(source) == prose


@pytest.mark.parametrize(
    ("source", "prose"),
    [
        ("One line.\n\nAnother line.\n", ["One line.", "Another line."]),
        (
            "A hard-wrapped\nparagraph of\nthree lines.\n\nNext.\n",
            ["A hard-wrapped paragraph of three lines.", "Next."],
        ),
        (
            "  Indented first line\nand the rest.\n \t \nAfter a blank-looking line.\n",
            ["Indented first line and the rest.", "After a blank-looking line."],
        ),
        ("# Not a heading in *plain* text `x`\n", ["# Not a heading in *plain* text `x`"]),
    ],
)
def test_plain_text_paragraphs(source: str, prose: list[str]) -> None:
    assert [text for _, text in _texts(source, "chapter.txt")] == prose


WORD = st.sampled_from(
    ["she", "said", "don’t", "it's", "’90s", "Stiles’", "rock", "café", "e\u0301", "🎉", "n", "Ada"]
)
QUOTE = st.sampled_from(["“", "”", "‘", "’", '"', "'"])
SPACE = st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". "])


@st.composite
def _inline(draw, depth: int = 0) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(
                ["word", "quoted", "emphasis", "link"] if depth < 2 else ["word", "quoted"]
            )
        )
        if kind == "word":
            pieces.append(draw(WORD))
        elif kind == "quoted":
            pieces.append(draw(QUOTE) + draw(WORD) + draw(QUOTE))
        elif kind == "emphasis":
            mark = draw(st.sampled_from(["*", "_", "**"]))
            pieces.append(mark + draw(_inline(depth + 1)) + mark)
        else:
            target = draw(st.sampled_from(["http://example.com/a", "<a b>", '/it\'s "t"']))
            pieces.append(f"[{draw(_inline(depth + 1))}]({target})")
        pieces.append(draw(SPACE))
    return "".join(pieces)


@st.composite
def _markdownish(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        prefix = draw(st.sampled_from(["", "", "> ", "- ", "# ", "1. "]))
        blocks.append(prefix + draw(_inline()).strip(" ") + "\n")
    return "\n".join(blocks)


@settings(max_examples=300, deadline=None)
@given(_markdownish())
def test_every_prose_character_maps_to_the_same_source_character(source: str) -> None:
    assert_maps_back(source)
