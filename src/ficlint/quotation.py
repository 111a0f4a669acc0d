"""Quotation parser: the quotation marks and apostrophes of one paragraph, paired into
quotations (opening mark, closing mark, nesting), with the straight `'` and `"` and the
curly `’` (which is both apostrophe and closing single quote) told apart by context.

Dialogue rules build on the quotations; quote-style rules on the marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ficlint import data
from ficlint.scan import char_back, skip_back

if TYPE_CHECKING:
    from ficlint.document import Paragraph

DOUBLE = "double"
SINGLE = "single"
OPEN = "open"
CLOSE = "close"
APOSTROPHE = "apostrophe"

CURLY_FOR = {(DOUBLE, OPEN): "“", (DOUBLE, CLOSE): "”", (SINGLE, OPEN): "‘", (SINGLE, CLOSE): "’"}
STRAIGHT_FOR = {DOUBLE: '"', SINGLE: "'"}

_MARKS = re.compile("[\"'“”‘’]")
_OPEN_BEFORE = set("([{<—–-/\u2026\ufffc") | {"“", "‘", '"', "'"}
_CLOSE_AFTER = set(".,;:!?)]}>—–-/\u2026*_") | {"”", "’", '"', "'"}
_SENTENCE_PUNCT = set(".,;:!?—–-\u2026")
_DECADE = re.compile(r"\d\d(?:s\b|\b)")
# A height or length in feet and inches typed with straight marks: 6'2", 5' 10", 6'2.
_FEET_INCHES = re.compile(r"(?<![\w.])\d{1,2}(')[ ]?\d{1,2}(?:\.\d+)?(\")?(?![\w'])")
_WORD_AFTER = re.compile(r"[A-Za-z]+")


# Read on first use (data.WordLists).
_APOSTROPHES = data.WordLists("apostrophes")


@dataclass(eq=False, slots=True)
class Mark:
    pos: int  # offset in the paragraph's prose text
    char: str
    kind: str  # DOUBLE or SINGLE
    role: str  # OPEN, CLOSE or APOSTROPHE
    # An opening mark where a closing one belongs (“ closing, ‘ as an apostrophe), or the reverse.
    misdirected: bool = False
    # False when neither neighbour told the role and the pairing decided it (`" ` between spaces).
    certain: bool = True

    @property
    def straight(self) -> bool:
        return self.char in "\"'"


@dataclass(eq=False, slots=True)
class Quotation:
    open: Mark
    close: Mark | None = None
    parent: Quotation | None = None
    children: list[Quotation] = field(default_factory=list)
    # For a quotation left open: the opening mark of the same kind that came next.
    interrupted_by: Mark | None = None

    @property
    def kind(self) -> str:
        return self.open.kind

    @property
    def depth(self) -> int:
        depth, q = 0, self.parent
        while q is not None:
            depth, q = depth + 1, q.parent
        return depth

    @property
    def end(self) -> int:
        """Offset just past the closing mark (or the paragraph's end when unclosed)."""
        return self.close.pos + 1 if self.close else -1


@dataclass(eq=False)
class ParsedParagraph:
    text: str
    marks: list[Mark]
    quotations: list[Quotation]  # every quotation, in order of its opening mark
    unclosed: list[Quotation]  # opened, then a new quotation began before it closed
    trailing: list[Quotation]  # still open at the paragraph's end (multi-paragraph speech?)
    stray_closers: list[Mark]  # closing marks with no opening
    mismatched: list[Quotation]  # closed by a mark of the other kind (“…’)

    @cached_property
    def speech(self) -> list[Quotation]:
        """Top-level quotations closed in this paragraph: the candidates for dialogue."""
        return [q for q in self.quotations if q.parent is None and q.close is not None]

    @cached_property
    def speech_spans(self) -> list[tuple[int, int]]:
        """Where the top-level quotations run, start..end: to just past the closing mark, or
        to the paragraph's end for speech that goes on into the next paragraph."""
        return [
            (q.open.pos, q.close.pos + 1 if q.close else len(self.text))
            for q in self.quotations
            if q.parent is None
        ]

    def speech_at(self, offset: int) -> Quotation | None:
        """The top-level quotation that holds character `offset`, closed or still open at
        the paragraph's end (speech that goes on into the next paragraph)."""
        for q in self.quotations:
            if (
                q.parent is None
                and q.open.pos <= offset
                and (q.close is None or offset < q.close.pos)
            ):
                return q
        return None

    @property
    def apostrophes(self) -> list[Mark]:
        return [m for m in self.marks if m.role == APOSTROPHE]

    def starts_with_opening(self) -> Mark | None:
        """The opening mark that begins this paragraph, if any (multi-paragraph speech)."""
        stripped = len(self.text) - len(self.text.lstrip(" \t*_"))
        for m in self.marks:
            if m.pos == stripped and m.role == OPEN:
                return m
            if m.pos > stripped:
                break
        return None


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "\ufffc"


def _classify(text: str, pos: int, ch: str) -> tuple[str, str | None, bool]:
    """Role of a mark from its neighbours alone: (kind, role or None if undecided, misdirected)."""
    prev = text[pos - 1] if pos else ""
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    open_ctx = prev == "" or prev.isspace() or prev in _OPEN_BEFORE
    close_ctx = nxt == "" or nxt.isspace() or nxt in _CLOSE_AFTER
    if ch == "“":
        if (_is_word(prev) and close_ctx and not open_ctx) or (
            prev
            and not prev.isspace()
            and prev not in ("“", "‘", "(", "[")
            and (nxt == "" or nxt.isspace() or nxt in "’'”")
        ):
            return DOUBLE, CLOSE, True  # Hello“ she said / little--“’
        return DOUBLE, OPEN, False
    if ch == "”":
        if open_ctx and _is_word(nxt) and prev not in ("“", "‘", '"', "'"):
            return DOUBLE, OPEN, True
        return DOUBLE, CLOSE, False
    if ch == '"':
        if open_ctx and not close_ctx:
            return DOUBLE, OPEN, False
        if close_ctx and not open_ctx:
            return DOUBLE, CLOSE, False
        return DOUBLE, None, False
    # Single marks: ‘ ’ and '.
    if _is_word(prev) and _is_word(nxt):
        return SINGLE, APOSTROPHE, ch == "‘"  # don’t; don‘t is a misdirected apostrophe
    if _is_word(prev) and nxt == "-" and _is_word(text[pos + 2 : pos + 3]):
        return SINGLE, APOSTROPHE, ch == "‘"  # dam’-tight
    if (open_ctx or prev in ("“", '"')) and _is_word(nxt):
        if _leading_elision(text, pos, prev):
            return SINGLE, APOSTROPHE, ch == "‘"
        if ch == "’":
            return SINGLE, APOSTROPHE, False  # ’em, ’Cause: a curly closing mark never opens
        return SINGLE, OPEN, False
    if ch == "‘":
        return SINGLE, OPEN, False
    if prev and (prev in _SENTENCE_PUNCT or prev in ("”", '"')) and close_ctx:
        return SINGLE, CLOSE, False
    if prev == "" or prev.isspace():
        if ch == "’" and close_ctx:
            return SINGLE, None, False
        return SINGLE, OPEN if ch == "'" else APOSTROPHE, False
    # After a letter, before a space or punctuation: a closing mark or an apostrophe (Stiles’).
    return SINGLE, None, False


def _elision_or_opening(raw: list[Mark]) -> None:
    """An opening mark ‘ before a word that elision also begins (‘round, ‘way, ‘un) opens a
    quotation when no single quotation is open before it and one closes after it with no other
    opening between: `he said, ‘round the back, love.’`. Otherwise it stays the misdirected
    apostrophe it looks like (`went ‘round the back`)."""
    open_singles = 0
    for i, mk in enumerate(raw):
        if mk.kind != SINGLE:
            continue
        if mk.char == "‘" and mk.role == APOSTROPHE and mk.misdirected and not open_singles:
            for later in raw[i + 1 :]:
                if later.kind != SINGLE or later.role == APOSTROPHE:
                    continue
                if later.role == CLOSE:
                    mk.role, mk.misdirected = OPEN, False
                break
        if mk.role == OPEN:
            open_singles += 1
        elif mk.role == CLOSE and open_singles:
            open_singles -= 1


def _leading_elision(text: str, pos: int, prev: str) -> bool:
    rest = text[pos + 1 : pos + 12]
    if _DECADE.match(rest):
        return True
    m = _WORD_AFTER.match(rest)
    if not m:
        return False
    word = m.group()
    if word.lower() not in _APOSTROPHES.leading_elisions:
        return False
    if word == "n":  # rock ’n’ roll
        return True
    if len(word) == 1 and rest[1:2] in ("’", "'"):
        return False  # a letter in quotes: the ‘t’ key, the ‘s’ at the end (no ’t’ elision)
    if word.islower():
        return True
    # Capitalised (’Cause, ’Tis) counts only right after an opening mark: “’Cause …”, ‘’Tis ….
    return prev in ("“", '"', "‘", "'")


def marks_of(para: Paragraph) -> ParsedParagraph:
    """The paragraph's quotation marks, apostrophes and quotations, parsed once and kept with
    the paragraph."""
    if para.parsed_marks is None:
        para.parsed_marks = parse(
            para.text, continued=para.next_opens_with_mark(), line_start=para.begins_line
        )
    return para.parsed_marks


def parse(
    text: str, continued: bool = True, line_start: Callable[[int], bool] | None = None
) -> ParsedParagraph:
    """Pair the marks of one paragraph. `continued` says whether the next paragraph opens
    with a quotation mark, so that speech still open at this one's end may run on into it;
    `line_start(pos)` whether the mark at `pos` begins a line of a hard-wrapped block."""
    raw = []
    primes = (
        {m.start(g) for m in _FEET_INCHES.finditer(text) for g in (1, 2) if m.start(g) >= 0}
        if "'" in text
        else ()
    )
    for m in _MARKS.finditer(text):
        pos, ch = m.start(), m.group()
        if pos in primes:
            continue  # 6'2": feet and inches, not quotation marks or an apostrophe
        kind, role, misdirected = _classify(text, pos, ch)
        raw.append(Mark(pos, ch, kind, role or "", misdirected, certain=role is not None))
    _elision_or_opening(raw)

    # For each undecided single mark after a letter, the question is: does a better closing
    # candidate come later? Precompute, from the end, whether a single closing mark that follows
    # punctuation (`,’ she said`) lies ahead before the next single opening mark.
    n = len(raw)
    punct_closer_ahead = [False] * (n + 1)
    # Per kind, the running count of openings less closings up to each mark, and its lowest
    # value from each mark on: a quotation opened at i while another of its kind is open is
    # nested only if the outer one can still close after the inner one (the count drops two
    # below its value at i).
    depth = {DOUBLE: [0] * (n + 1), SINGLE: [0] * (n + 1)}
    for i, mk in enumerate(raw):
        for kind, run in depth.items():
            step = 0
            if mk.kind == kind:
                step = 1 if mk.role == OPEN else -1 if mk.role in (CLOSE, "") else 0
            run[i + 1] = run[i] + step
    lowest_after = {kind: [0] * (n + 1) for kind in depth}
    for kind, run in depth.items():
        low = lowest_after[kind]
        low[n] = run[n]
        for i in range(n - 1, -1, -1):
            low[i] = min(run[i], low[i + 1])
    for i in range(n - 1, -1, -1):
        mk = raw[i]
        ahead = punct_closer_ahead[i + 1]
        if mk.kind == SINGLE:
            if mk.role == OPEN:
                ahead = False
            elif mk.role == CLOSE:
                ahead = True
        punct_closer_ahead[i] = ahead

    stack: list[Quotation] = []
    quotations: list[Quotation] = []
    unclosed: list[Quotation] = []
    stray: list[Mark] = []
    mismatched: list[Quotation] = []

    # How many quotations of each kind the stack holds, kept as it changes: counting the
    # stack at every mark made a deep nest (“““…”””) quadratic.
    open_count = {DOUBLE: 0, SINGLE: 0}

    def open_of(kind: str) -> int:
        return open_count[kind]

    def push(mark: Mark) -> None:
        q = Quotation(mark, parent=stack[-1] if stack else None)
        if q.parent is not None:
            q.parent.children.append(q)
        stack.append(q)
        open_count[q.kind] += 1
        quotations.append(q)

    def pop() -> Quotation:
        q = stack.pop()
        open_count[q.kind] -= 1
        return q

    for i, mark in enumerate(raw):
        kind = mark.kind
        role = mark.role
        if role == "":
            if kind == DOUBLE:
                role = CLOSE if open_of(DOUBLE) else OPEN
            elif not stack or stack[-1].kind != SINGLE:
                role = APOSTROPHE  # nothing single is open: Stiles’ or goin’
            else:
                nxt = text[mark.pos + 1] if mark.pos + 1 < len(text) else ""
                # `the Pritchards’ dog,’ she said`: a later closing mark after punctuation is
                # the real close, so this one is an apostrophe.
                later = punct_closer_ahead[i + 1]
                nested = open_of(SINGLE) >= 2  # ‘He told me ‘never again’ and left,’: a close
                role = (
                    APOSTROPHE
                    if later and not nested and (nxt == "" or nxt.isspace() or nxt in ",.;:-—")
                    else CLOSE
                )
            mark.role = role
        if role == APOSTROPHE:
            continue
        if role == OPEN:
            same_open = open_of(kind)
            if same_open and stack[-1].kind == kind:
                if mark.char in "'‘" and _elision_word(text, mark.pos):
                    # ''Ow near?  'Ow far / ‘Mark my words, Marilla ‘ll live: an elision or an
                    # autocorrected apostrophe, not a second quotation.
                    mark.role = APOSTROPHE
                    mark.misdirected = mark.char == "‘"
                    continue
                # Either a quotation nested in the same marks, or the previous one never closed.
                # depth[kind][i + 1] counts this opening: the outer quotation closes where
                # the count falls two below it, this one where it falls one below.
                outer_closes = lowest_after[kind][i + 1] <= depth[kind][i + 1] - 2
                inner_closes = lowest_after[kind][i + 1] <= depth[kind][i + 1] - 1
                # Without that, nesting leaves the outer quotation open at the paragraph's
                # end, which only speech running on into the next paragraph may do, and
                # then only a quotation inside a sentence (`I said, “Pick one,” and`) is
                # nested: one after a sentence end or another quotation starts a new line
                # of dialogue, and one unclosed quotation must not swallow every later one.
                nested = outer_closes or (
                    continued
                    and inner_closes
                    and _inside_sentence(text, mark.pos)
                    and not (line_start and line_start(mark.pos))  # a letter's next line
                )
                if not nested:
                    q = pop()
                    q.interrupted_by = mark
                    unclosed.append(q)
            push(mark)
            continue
        # A closing mark.
        if stack and stack[-1].kind == kind:
            q = pop()
            q.close = mark
            continue
        if kind == SINGLE and not mark.certain and open_of(SINGLE) == 0:
            mark.role = APOSTROPHE  # a lone ’ after a word closes nothing: dogs’, goin’
            continue
        if any(q.kind == kind for q in stack):
            # The quotations opened inside this one were never closed.
            while stack[-1].kind != kind:
                unclosed.append(pop())
            pop().close = mark
            continue
        if stack and kind == DOUBLE and mark.char in '”"':
            # ‘Hello,” she said: a single quotation closed by a double mark.
            q = pop()
            q.close = mark
            mismatched.append(q)
            continue
        stray.append(mark)
    trailing = stack
    at_end = {id(q) for q in trailing}
    gone = {
        id(q) for q in [*unclosed, *trailing] if _elision_not_quote(text, q.open, id(q) in at_end)
    }
    if gone:
        quotations, unclosed, trailing = _drop(gone, quotations, unclosed, trailing)
    return ParsedParagraph(text, raw, quotations, unclosed, trailing, stray, mismatched)


def _inside_sentence(text: str, pos: int) -> bool:
    """Whether the mark at `pos` follows a word or a comma or colon of the same sentence."""
    before = char_back(text, pos, " \t*_")
    return bool(before) and before not in ".!?…”’\"'"


def _elision_word(text: str, pos: int) -> bool:
    m = _WORD_AFTER.match(text, pos + 1)
    return bool(m) and m.group().lower() in _APOSTROPHES.leading_elisions


def _elision_not_quote(text: str, mark: Mark, trailing: bool) -> bool:
    """An unclosed straight single "opening" mark is an elision ('prentice, "'Pon my word),
    not a quotation, unless it opens its paragraph and is still open at the end (a quotation
    running over paragraphs); so is an unclosed ‘ before a shortened word (Diana ‘ll)."""
    if mark.kind != SINGLE or (trailing and skip_back(text, mark.pos, ' \t"“*_') == 0):
        return False
    return mark.char == "'" or (mark.char == "‘" and _elision_word(text, mark.pos))


def _drop(
    gone: set[int], quotations: list[Quotation], *lists: list[Quotation]
) -> tuple[list[Quotation], ...]:
    """`quotations` and `lists` without the quotations whose ids are in `gone` (elisions read
    as opening marks), each kept one under its nearest kept ancestor. Linear: a paragraph of
    ten thousand elisions is read once."""
    kept_ancestor: dict[int, Quotation | None] = {}
    kept = []
    for q in quotations:  # a parent opens before its children
        parent = q.parent
        if parent is not None and id(parent) in gone:
            parent = kept_ancestor[id(parent)]
        if id(q) in gone:
            kept_ancestor[id(q)] = parent
            q.open.role = APOSTROPHE
            q.open.misdirected = q.open.char == "‘"
        else:
            q.parent = parent
            q.children = []
            kept.append(q)
    for q in kept:
        if q.parent is not None:
            q.parent.children.append(q)
    return (kept, *([q for q in lst if id(q) not in gone] for lst in lists))
