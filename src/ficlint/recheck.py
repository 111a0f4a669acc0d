"""An edited text checked again from its last check, in a fraction of a full check's time:
what the language server does while a writer types in a novel-length file.

Only the paragraphs around the edit are checked, as a text of their own, against the
manuscript facts of the last full check (its quote style, names, word counts, joined text):
an edit of a few words does not change them, and a full check of the text follows when the
writer pauses, to catch the rare edit that does. Every other finding is the last check's,
moved with the text that follows the edit. A manuscript-wide finding (C rules) outside the
edited words is kept; one inside them waits for the full check.

A full check is needed (recheck returns None) when the edit is large, when paragraph breaks
are too far apart to find the edited paragraphs, and when the part cannot be read as it reads
in the whole text: the text holds suppression comments (a `disable` reaches to the end of the
file), the part holds indented verse (a rule reads across any run of it), or, in Markdown,
the part starts inside a code fence, an HTML comment or an indented block (a list item's
second paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ficlint.config import Settings
from ficlint.diagnostic import Diagnostic, Edit, Fix
from ficlint.document import Document
from ficlint.engine import run
from ficlint.manuscript import READ_AROUND, Manuscript
from ficlint.registry import get_rule, is_grammar_code

# The findings of the edited paragraphs and of the AROUND paragraphs on each side (those whose
# findings the edit can change: a rule reads READ_AROUND paragraphs on each side) are taken
# from a check of a part that reaches AROUND paragraphs further, so that each has all it reads.
AROUND = READ_AROUND
MARGIN = 2 * READ_AROUND
MAX_EDIT = 20_000  # characters changed; more (a paste of a chapter), and a full check
WINDOW = 50_000  # characters searched on each side of the edit for paragraph breaks
_CHUNK = 65_536

# One or more blank lines: where a paragraph ends, in plain text and in Markdown.
_BREAK = re.compile(r"(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))+")
_DIRECTIVE = re.compile(r"ficlint\s*:", re.IGNORECASE)
# A line that starts with white space and has words (plain text).
_INDENTED_LINE = re.compile(r"(?<![^\r\n])[ \t]+\S")
# A Markdown code fence: its marks, and what follows them on the line (a closing fence has
# nothing).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\r\n]*)", re.MULTILINE)


@dataclass(frozen=True)
class Previous:
    """The last check of a text: the text, its findings, and the facts of the last full
    check of it (Manuscript.facts)."""

    text: str
    diagnostics: list[Diagnostic]
    facts: dict[str, Any]


def recheck(previous: Previous, document: Document, settings: Settings) -> list[Diagnostic] | None:
    """The findings in `document` (an edit of previous.text), or None when it needs a full
    check (see the module's docstring)."""
    old, new = previous.text, document.text
    if old == new:
        return [_moved(d, document, 0) for d in previous.diagnostics]
    start = _common_prefix(old, new)
    tail = _common_suffix(old, new, min(len(old), len(new)) - start)
    old_end, new_end = len(old) - tail, len(new) - tail
    if max(old_end, new_end) - start > MAX_EDIT or _DIRECTIVE.search(new):
        return None
    before = _breaks_before(new, start)
    after = _breaks_after(new, new_end)
    if before is None or after is None:
        return None
    part_start, kept_start = before
    part_end, kept_end = after
    if document.kind == "markdown":
        if not _starts_a_block(new, part_start):
            return None
    elif _INDENTED_LINE.search(new, part_start, part_end):
        # Plain text: an indent is verse or a paragraph's start as the whole text's share of
        # them says, so a part with one takes a full check.
        return None
    part = Document(
        new[part_start:part_end],
        document.display_path,
        kind=document.kind,
        path=document.path,
        # Read a paragraph a line where the whole text is.
        lines_are_paragraphs=document.reads_a_paragraph_a_line(),
    )
    if any(para.indented for para in part.paragraphs):
        return None  # verse: a rule reads across any run of it (READ_AROUND)
    ms = Manuscript([part], settings)
    ms.keep(previous.facts)
    fresh = [
        _moved(d, document, part_start)
        for d in run(ms, manuscript_rules=False).diagnostics
        if kept_start <= d.start + part_start < kept_end
    ]
    shift = len(new) - len(old)
    old_kept_end = kept_end - shift  # in the unchanged text after the edit
    out = fresh
    for d in previous.diagnostics:
        if d.start < kept_start or d.start >= old_kept_end:
            reuse = True  # a paragraph not checked again
        else:  # in the paragraphs checked again: a manuscript-wide finding off the edit
            reuse = not _read_again(d.code) and (d.end <= start or d.start >= old_end)
        if reuse:
            out.append(_moved(d, document, shift if d.start >= old_end else 0))
    out.sort(key=Diagnostic.sort_key)
    return out


def _read_again(code: str) -> bool:
    """Whether the part's check finds `code` again: a paragraph rule or a grammar engine's
    (every code but a manuscript rule's)."""
    return is_grammar_code(code) or get_rule(code).scope != "manuscript"


def _moved(d: Diagnostic, document: Document, shift: int) -> Diagnostic:
    fix = d.fix
    if fix is not None and shift:
        edits = tuple(Edit(e.start + shift, e.end + shift, e.replacement) for e in fix.edits)
        fix = Fix(edits, fix.applicability)
    return replace(d, document=document, start=d.start + shift, end=d.end + shift, fix=fix)


def _starts_a_block(text: str, at: int) -> bool:
    """Whether Markdown read from `at` reads as the whole text does there: `at` is outside
    any code fence and HTML comment, and its line is not indented (a list item's next
    paragraph, an indented code block)."""
    if text[at : at + 1] in (" ", "\t"):
        return False
    if text.rfind("<!--", 0, at) > text.rfind("-->", 0, at):
        return False
    fence = None  # the open fence's character and length
    for m in _FENCE.finditer(text, 0, at):
        mark = m.group(1)
        if fence is None:
            fence = (mark[0], len(mark))
        elif mark[0] == fence[0] and len(mark) >= fence[1] and not m.group(2).strip():
            fence = None
    return fence is None


def _breaks_before(text: str, at: int) -> tuple[int, int] | None:
    """Where the part to check starts (MARGIN paragraphs before the one holding `at`) and
    where its findings are taken from (AROUND paragraphs before)."""
    lo = max(0, at - WINDOW)
    ends = [m.end() for m in _BREAK.finditer(text, lo, at)]
    if len(ends) <= MARGIN and lo > 0:
        return None
    ends = [0, *ends] if lo == 0 else ends
    return ends[max(0, len(ends) - 1 - MARGIN)], ends[max(0, len(ends) - 1 - AROUND)]


def _breaks_after(text: str, at: int) -> tuple[int, int] | None:
    """Where the part ends (MARGIN paragraphs after the one holding `at`) and where its
    findings are taken to."""
    hi = min(len(text), at + WINDOW)
    starts = [m.start() for m in _BREAK.finditer(text, at, hi)]
    if len(starts) <= MARGIN and hi < len(text):
        return None
    starts = [*starts, len(text)] if hi == len(text) else starts
    return starts[min(len(starts) - 1, MARGIN)], starts[min(len(starts) - 1, AROUND)]


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix, compared a chunk at a time at C speed."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i : i + _CHUNK] == b[i : i + _CHUNK]:
        i += _CHUNK
    i = min(i, n)
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix, at most `limit` (what the prefix left)."""
    i = 0
    while i < limit:
        step = min(_CHUNK, limit - i)
        if a[len(a) - i - step : len(a) - i] != b[len(b) - i - step : len(b) - i]:
            break
        i += step
    while i < limit and a[len(a) - 1 - i] == b[len(b) - 1 - i]:
        i += 1
    return i
