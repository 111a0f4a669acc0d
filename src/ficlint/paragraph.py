"""A paragraph of prose as the rules see it: its text with markup taken out and line breaks
turned into spaces, and a map from every character back to its exact place in the source, so
findings and fixes point at the writer's own bytes. Made by ficlint.document (plain text) and
ficlint.markdown (Markdown)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ficlint.document import Document

# Stands in the prose for things that are not prose but sit inside a sentence (inline code, an
# autolink), so that the words on either side stay apart.
PLACEHOLDER = "\ufffc"


@dataclass(slots=True)
class Paragraph:
    """The prose of one block, with offsets that map back to the document's source text."""

    text: str
    kind: str  # "paragraph" or "heading"
    index: int  # position among the document's paragraphs
    # Parallel lists: a segment of `text` starting at seg_text[i] comes from source seg_src[i].
    seg_text: list[int]
    seg_src: list[int]
    document: Document | None = field(default=None, repr=False)
    # Every source line indented: verse, a letter's address, a table of contents.
    indented: bool = False
    # Prose offset -> source end, for characters whose source is longer than one character.
    wide: dict[int, int] = field(default_factory=dict, repr=False)
    # Prose spans in italics (Markdown's *…* and _…_; in plain text, see italic_spans).
    italics: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    # The paragraph's quotation marks, parsed on first use by ficlint.quotation.marks_of.
    parsed_marks: Any = field(default=None, repr=False, compare=False)
    # In plain text, the italic spans (plain_italics), found on first use: once per
    # paragraph, not once per word asked about (a paragraph as long as a novel was read
    # again for every spelling finding in it).
    plain_italic_spans: tuple[tuple[int, int], ...] | None = field(
        default=None, repr=False, compare=False
    )

    def italic_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The italic span holding prose characters start..end, if any: a Markdown emphasis,
        or in plain text a run between `_` or `*` marks (`a plate of _jiaozi_`)."""
        if self.document is None or self.document.kind == "markdown":
            spans = self.italics
        else:
            spans = self.plain_italic_spans
            if spans is None:
                spans = self.plain_italic_spans = plain_italics(self.text)
        return next(((a, b) for a, b in spans if a <= start and end <= b), None)

    def begins_line(self, pos: int) -> bool:
        """Whether the prose character at `pos` begins a source line after the paragraph's
        first (after indentation and other opening marks): a letter's or verse's next line."""
        doc = self.document
        if doc is None:
            return False
        src = self.to_source(pos)
        line_start = doc.text.rfind("\n", 0, src) + 1
        return line_start > self.start and not doc.text[line_start:src].strip(" \t“‘\"'")

    def next_opens_with_mark(self) -> bool:
        doc = self.document
        if doc is None:
            return True  # nothing known about what follows: let speech run on
        if self.index + 1 >= len(doc.paragraphs):
            return False
        first = doc.paragraphs[self.index + 1].text.lstrip(" \t*_")[:1]
        return first != "" and first in "“‘\"'"

    @property
    def end(self) -> int:
        """Source offset just past the paragraph's last prose character."""
        return self.to_source(len(self.text) - 1) + 1 if self.text else self.start

    def to_source(self, offset: int) -> int:
        """Source offset of the prose character at `offset`."""
        i = bisect_right(self.seg_text, offset) - 1
        if i < 0:
            i = 0
        return self.seg_src[i] + (offset - self.seg_text[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span [start, end) of the prose span [start, end)."""
        src_start = self.to_source(start)
        if end <= start:
            return src_start, src_start
        src_end = self.wide.get(end - 1) or self.to_source(end - 1) + 1
        return src_start, src_end

    @property
    def start(self) -> int:
        return self.seg_src[0]

    def contiguous(self, start: int, end: int) -> bool:
        """Whether the prose span [start, end) is one unbroken stretch of the source, with no
        markup between its characters (emphasis markers, a block quote's `> `): only such a
        span can be replaced by a fix without losing markup."""
        if end - start <= 1:
            return True
        first = bisect_right(self.seg_text, start) - 1
        last = bisect_right(self.seg_text, end - 1) - 1
        for j in range(max(first, 0) + 1, last + 1):
            prev_end = self.wide.get(self.seg_text[j] - 1) or (
                self.seg_src[j - 1] + self.seg_text[j] - self.seg_text[j - 1]
            )
            if self.seg_src[j] != prev_end:
                return False
        return True


def plain_italics(text: str) -> tuple[tuple[int, int], ...]:
    if "_" not in text and "*" not in text:
        return ()
    return tuple((m.start(2), m.end(2)) for m in _PLAIN_ITALICS.finditer(text))


# `_words_` or `*words*` in plain text: the marks against word characters on the inside and
# not on the outside (snake_case and 2*3 are not italics).
_PLAIN_ITALICS = re.compile(r"(?<![\w*_])([_*])(?![\s_*])([^\n_*]{1,200}?)(?<![\s_*])\1(?![\w*_])")


@dataclass(frozen=True)
class Comment:
    """An HTML comment in Markdown, or a ficlint directive in plain text (where suppression
    directives live)."""

    start: int
    end: int
    body: str
