"""Quotation marks and apostrophes (family Q): style drift, direction, balance, nesting."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlint import data
from ficlint.diagnostic import Applicability, Diagnostic, Severity
from ficlint.dialogue import Clause, Lexicon, clause_after, is_object, lexicon
from ficlint.document import Paragraph
from ficlint.manuscript import READ_AROUND, Fact, Manuscript, tally
from ficlint.quotation import (
    APOSTROPHE,
    CLOSE,
    CURLY_FOR,
    DOUBLE,
    OPEN,
    SINGLE,
    STRAIGHT_FOR,
    Mark,
    Quotation,
    marks_of,
)
from ficlint.rule import Rule, register
from ficlint.scan import char_back, skip_ahead, skip_back
from ficlint.wordcounts import quote_style


def _curly(mark: Mark) -> str:
    role = CLOSE if mark.role == APOSTROPHE else mark.role
    return CURLY_FOR[(mark.kind, role)]


@register
class StraightQuote(Rule):
    """A quotation mark in the manuscript's minority style: straight among curly, or the reverse.

    What it flags
    `"` among `“ ”` (or `'` used as a quotation mark among `‘ ’`), and curly marks in a
    manuscript that is straight throughout. The style is the majority of the manuscript's marks
    unless `quotes` is set in the config.

    Why
    Mixed marks are the first thing a reader or an editor notices; they come from pasting
    between editors and phones.

    Wrong
    “Hello,” she said. "Are you coming?” he asked. “Yes,” she said. “Now.”

    Right
    “Hello,” she said. “Are you coming?” he asked. “Yes,” she said. “Now.”
    """

    code = "Q001"
    name = "straight-quote"
    summary = "A quotation mark in the manuscript's minority style (straight among curly, or the reverse)."
    fixable = Applicability.SAFE
    style_choice = True

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        style = quote_style(ms)
        for m in marks_of(para).marks:
            if m.role == APOSTROPHE or m.straight != style.curly:
                continue
            if style.curly:
                what = "straight quotation mark"
                replacement = _curly(m)
            else:
                what = "curly quotation mark"
                replacement = STRAIGHT_FOR[m.kind]
            yield self.report(
                para, m.pos, m.pos + 1, f"{what}; {style.why(m.kind)}", replacement, safe=m.certain
            )


@register
class StraightApostrophe(Rule):
    """An apostrophe in the manuscript's minority style: `'` among `’`, or the reverse.

    What it flags
    `don't` in a manuscript that writes `don’t`, and `don’t` in one that writes `don't`
    throughout (or as `quotes` in the config says).

    Why
    Word processors curl apostrophes but many writing apps and phones do not; a manuscript
    pasted together from both has both.

    Wrong
    “I don’t know,” she said. “You don't either.” It’s late.

    Right
    “I don’t know,” she said. “You don’t either.” It’s late.
    """

    code = "Q002"
    name = "straight-apostrophe"
    summary = "An apostrophe in the manuscript's minority style (' among ’, or the reverse)."
    fixable = Applicability.SAFE
    style_choice = True

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        style = quote_style(ms)
        for m in marks_of(para).marks:
            if m.role != APOSTROPHE or m.misdirected or m.straight != style.curly:
                continue
            if style.curly:
                what, replacement = "straight apostrophe", "’"
            else:
                what, replacement = "curly apostrophe", "'"
            yield self.report(
                para, m.pos, m.pos + 1, f"{what}; {style.why(APOSTROPHE)}", replacement
            )


@register
class ApostropheDirection(Rule):
    """An opening single quotation mark used as an apostrophe.

    What it flags
    `‘90s`, `‘til`, `‘em`, `rock ‘n’ roll`: autocorrect turns an apostrophe at the start of
    a word into an opening quote. The apostrophe always points the way of `’`.

    Why
    It is the classic autocorrect error, and a copy editor corrects every one. The fix is
    safe, except for `‘n’`, which may be the letter n in quotes (`Press ‘n’ to go on`): there
    it is unsafe, and the message says why.

    Wrong
    She had loved it since the ‘90s.
    We’ll wait ‘til dawn.
    He played rock ‘n’ roll all night.

    Right
    She had loved it since the ’90s.
    We’ll wait ’til dawn.
    He played rock ’n’ roll all night.
    """

    code = "Q003"
    name = "apostrophe-direction"
    summary = "An opening quotation mark ‘ used as an apostrophe (‘90s, ‘til, ‘em)."
    fixable = (Applicability.SAFE, Applicability.UNSAFE)

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        for m in marks_of(para).marks:
            if m.role == APOSTROPHE and m.misdirected:
                right = "’" if quote_style(ms).curly else "'"
                # ‘n’ is rock ’n’ roll's and, or the letter n in quotes (Press ‘n’ to go on):
                # the same marks, so the writer says which.
                letter_n = para.text[m.pos : m.pos + 3] in ("‘n’", "‘n'")
                yield self.report(
                    para,
                    m.pos,
                    m.pos + 1,
                    f"opening quotation mark used as an apostrophe; use {right}"
                    + (" (unless ‘n’ is the letter, in quotes)" if letter_n else ""),
                    right,
                    safe=not letter_n,
                )


@register
class UnbalancedQuote(Rule):
    """A quotation opened and never closed, or closed and never opened, or closed by the wrong mark.

    What it flags
    A quotation still open at the end of its paragraph when the next paragraph does not open
    with a quotation mark (speech that runs over paragraphs opens each one again and closes
    only the last); a closing mark with no opening; a quotation closed by a mark of the other
    kind (`‘Hello,” she said`); a mark pointing the wrong way (`Hello“`).

    A quotation left open is one finding, which starts at its opening mark and, where the
    text tells, runs to where the closing mark most likely belongs: before a speech tag
    (`“Come here, Milo said.`) or before narration in the third person after a sentence end
    (`“I’m going out. She shut the door.`); the message names those words and an unsafe fix
    puts the mark there (else at the end of the speech). A tag like that inside the quotation
    is reported even when the next paragraph opens with a mark, which alone would read as
    speech running on: the tag says the speech ended. Reported speech that goes on
    (`…, he added, of studying law`, `…, I thought, and`) is not taken for a tag.

    Why
    The reader cannot tell where the speech ends, and the dialogue rules cannot either.

    Wrong
    “I waited for you. She closed the door behind her.
    She said, ‘Come in,” and left.

    Right
    “I waited for you.” She closed the door behind her.
    She said, ‘Come in,’ and left.
    """

    code = "Q004"
    name = "unbalanced-quote"
    summary = (
        "A quotation opened and never closed, closed and never opened, or closed by the wrong mark."
    )
    severity = Severity.ERROR
    fixable = Applicability.UNSAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        parsed = marks_of(para)
        if not parsed.marks or para.kind == "heading":
            return
        lex = None
        for q in parsed.unclosed:
            lex = lex or _lex(ms)
            nxt = q.interrupted_by
            close = _probable_close(para.text, q, len(para.text) if nxt is None else nxt.pos, lex)
            if nxt is not None and para.begins_line(nxt.pos) and close[1] != "tag":
                continue  # a letter or verse in a hard-wrapped block: each part opens anew
            yield self._unclosed(para, q, "before the next quotation opens", close)
        if parsed.trailing:
            continues = self._continues(para)
            closed_later = _closed_in_later_paragraph(para)
            for q in parsed.trailing:
                if q.kind in closed_later:
                    continue
                lex = lex or _lex(ms)
                close = _probable_close(para.text, q, len(para.text), lex)
                if continues and close[1] != "tag":
                    continue  # speech running on into the next paragraph, which reopens it
                yield self._unclosed(para, q, "in its paragraph", close)
        if parsed.stray_closers:
            opened_before = _opened_in_earlier_paragraph(para)
            for m in parsed.stray_closers:
                if m.kind not in opened_before:
                    yield self.report(
                        para, m.pos, m.pos + 1, "closing quotation mark with no opening mark"
                    )
        for q in parsed.mismatched:
            assert q.close is not None
            yield self.report(
                para,
                q.close.pos,
                q.close.pos + 1,
                f"quotation opened with {q.open.char} but closed with {q.close.char}",
            )
        for m in parsed.marks:
            if m.misdirected and m.kind == DOUBLE:
                right = CURLY_FOR[(m.kind, m.role)]
                yield self.report(
                    para,
                    m.pos,
                    m.pos + 1,
                    f"{m.char} points the wrong way here; use {right}",
                    right,
                    safe=False,
                )

    def _unclosed(
        self, para: Paragraph, q: Quotation, where: str, close: tuple[int, str, int]
    ) -> Diagnostic:
        text = para.text
        closer = (CURLY_FOR if not q.open.straight else {(q.kind, CLOSE): STRAIGHT_FOR[q.kind]})[
            (q.kind, CLOSE)
        ]
        message = f"quotation opened here is never closed {where}"
        at, clue, clue_end = close
        if clue in ("tag", "beat"):
            after = " ".join(text[at:clue_end].split())
            return self.report(
                para,
                q.open.pos,
                at,
                f"{message}; the speech probably ends before “{after}”",
                edits=[(at, at, closer)],
                safe=False,
            )
        end = min(len(text), q.open.pos + 40)
        space = text.rfind(" ", q.open.pos + 1, end)
        if end < len(text) and space > q.open.pos + 1:
            end = space
        return self.report(para, q.open.pos, end, message, edits=[(at, at, closer)], safe=False)

    @staticmethod
    def _continues(para: Paragraph) -> bool:
        doc = para.document
        if doc is None or para.index + 1 >= len(doc.paragraphs):
            return False
        nxt = doc.paragraphs[para.index + 1]
        return marks_of(nxt).starts_with_opening() is not None


@register
class NestedQuoteStyle(Rule):
    """A quotation inside a quotation that uses the same marks as the one around it.

    What it flags
    `“He said “run” and left,”` — inside double quotes, a quotation takes single ones
    (and inside single, double: British style).

    Why
    With the same marks the reader cannot tell where the inner quotation ends.

    Wrong
    “He told me “never again” and left,” she said.

    Right
    “He told me ‘never again’ and left,” she said.
    """

    code = "Q005"
    name = "nested-quote-style"
    summary = "A quotation nested inside one that uses the same marks."
    fixable = Applicability.UNSAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        style = None
        for q in marks_of(para).quotations:
            if q.parent is None or q.parent.kind != q.kind or q.close is None:
                continue
            if q.parent.close is None and (
                _probable_close(para.text, q.parent, q.open.pos, _lex(ms))[1] == "tag"
            ):
                continue  # `‘My son, said he, ‘what…`: speech reopened after a tag Q004 reports
            style = style or quote_style(ms)
            other = SINGLE if q.kind == DOUBLE else DOUBLE
            edits = [
                (m.pos, m.pos + 1, _mark_for(other, m.role, style.curly)) for m in (q.open, q.close)
            ]
            shape = _mark_for(other, OPEN, style.curly) + "…" + _mark_for(other, CLOSE, style.curly)
            yield self.report(
                para,
                q.open.pos,
                q.close.pos + 1,
                f"quotation inside a quotation uses the same marks; use {shape}",
                edits=edits,
                safe=False,
            )


def _lex(ms: Manuscript) -> Lexicon:
    return lexicon(tuple(ms.settings.speech_verbs), ms.settings.beats_as_tags)


_SPEECH_END = ",.!?…"
# Read on first use (data.WordLists).
_FUNCTION_WORDS = data.WordLists("function-words")
_PARTICIPLE = re.compile(r"[a-z]{2,}ing\b")


def _probable_close(text: str, q: Quotation, limit: int, lex: Lexicon) -> tuple[int, str, int]:
    """Where the closing mark of a quotation left open most likely belongs, and the clue:
    before a speech tag (`“Come here, Milo said.`: after `here,`), before narration in the
    third person after a sentence end (`“I’m going out. She shut the door.`: after `out.`);
    else at the end of the text the quotation holds ("end"). The third item is the end of
    the clue's words. A quotation inside one that closes ends before that one's closing mark
    (`“… took ‘Poleon twice.’”`, not after the `”`, where the mark closes nothing)."""
    parent = q.parent
    if parent is not None and parent.close is not None and parent.close.pos > q.open.pos:
        limit = min(limit, parent.close.pos)
    pos = q.open.pos + 1
    while True:
        pos = _next_speech_end(text, pos, limit)
        if pos < 0:
            break
        if text[pos - 1] == "." and _abbreviation_before(text, pos - 1, lex):
            continue  # Mr. Jaggers
        clause = clause_after(text, pos, lex)
        if clause is not None:
            if clause.kind == "tag" and _ends_speech(text, pos, clause, lex):
                return pos, "tag", clause.end
            if (
                clause.kind == "beat"
                and text[pos - 1] in ".!?…"
                and not clause.inverted
                and (
                    clause.subject_kind == "name"
                    or clause.subject.lower in _FUNCTION_WORDS.third_person_pronouns
                )
            ):
                return pos, "beat", clause.end
    end = limit
    while end > q.open.pos + 1 and text[end - 1] in " \t":
        end -= 1
    return end, "end", end


def _ends_speech(text: str, pos: int, clause: Clause, lex: Lexicon) -> bool:
    """Whether a tag inside an open quotation reads as the tag of the speech before it
    (`“Come here, Milo said.`, `“Why? she asked,`) rather than reported speech that goes on
    (`“I went, I thought, and…`, `“…. I will tell you what he said`): after a comma, `?` or
    `!`, in the third person, ending its clause."""
    if text[pos - 1] not in ",?!" or clause.via_auxiliary or is_object(clause, lex):
        return False
    if (
        clause.subject_kind == "pronoun"
        and clause.subject.lower not in _FUNCTION_WORDS.third_person_pronouns
    ):
        return False
    if clause.subject_kind == "phrase" and not clause.inverted:
        return False  # `, a little huffed`: narration inside a told story
    at = skip_ahead(text, clause.end, " *_")
    if text[at : at + 1] in ("", ".", "!", "?"):
        return True
    # `, Milo said, “and…`: the speech reopens; `said a mate, sucking at the pipe.`: a
    # participle; but `, he added, of studying…` is reported speech going on.
    if text[at : at + 1] != ",":
        return False
    at = skip_ahead(text, at + 1, " *_")
    first = text[at : at + 1]
    return first != "" and (first in "“‘\"'" or _PARTICIPLE.match(text, at) is not None)


def _abbreviation_before(text: str, dot: int, lex: Lexicon) -> bool:
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    return len(word) == 1 or word.lower() in lex.titles


def _next_speech_end(text: str, pos: int, limit: int) -> int:
    """Offset just past the next `,.!?…` (and any run of them) followed by a space, or -1."""
    while pos < limit:
        ch = text[pos]
        pos += 1
        if ch in _SPEECH_END:
            while pos < limit and text[pos] in _SPEECH_END:
                pos += 1
            if pos < limit and text[pos] in " \t":
                return pos
    return -1


# Speech interrupted by a verse or letter block set as paragraphs of their own closes a few
# paragraphs later, in a paragraph that does not open with a quotation mark. Within verse
# (indented stanzas) a quotation may run over any number of stanzas.
_CARRY = READ_AROUND
_VERSE_RUN = 40


def _closed_in_later_paragraph(para: Paragraph) -> set[str]:
    """Kinds of quotation closed by a stray closing mark in one of the next few paragraphs."""
    doc = para.document
    if doc is None:
        return set()
    kinds: set[str] = set()
    prose_seen = 0
    for nxt in doc.paragraphs[para.index + 1 : para.index + 1 + _VERSE_RUN]:
        parsed = marks_of(nxt)
        kinds.update(m.kind for m in parsed.stray_closers)
        if nxt.indented:
            opening = parsed.starts_with_opening()
            if opening is not None:
                kinds.add(opening.kind)  # a later stanza reopens it
            continue
        prose_seen += 1
        if kinds or parsed.trailing or parsed.starts_with_opening() or prose_seen >= _CARRY:
            break
    return kinds


def _opened_in_earlier_paragraph(para: Paragraph) -> set[str]:
    doc = para.document
    if doc is None:
        return set()
    kinds: set[str] = set()
    prose_seen = 0
    for prev in reversed(doc.paragraphs[max(0, para.index - _VERSE_RUN) : para.index]):
        parsed = marks_of(prev)
        kinds.update(q.kind for q in parsed.trailing)
        if prev.indented:
            continue
        prose_seen += 1
        if kinds or parsed.stray_closers or parsed.starts_with_opening() or prose_seen >= _CARRY:
            break
    return kinds


def _mark_for(kind: str, role: str, curly: bool) -> str:
    return CURLY_FOR[(kind, role)] if curly else STRAIGHT_FOR[kind]


@register
class DialogueQuoteConvention(Rule):
    """Dialogue in double quotes in a manuscript that uses single quotes for dialogue, or the reverse.

    What it flags
    A top-level quotation that reads as speech (it starts with a capital and ends with
    punctuation) in the manuscript's minority kind of marks. The convention is the majority
    of the manuscript's dialogue unless `dialogue-quotes` is set in the config.

    Why
    US house style puts dialogue in “double” quotes, British style often in ‘single’; one
    manuscript keeps one.

    Wrong
    ‘We should go,’ she said. ‘Now.’ He nodded. ‘Fine.’ ‘Coats?’ “I’ll get the coats,” he said.

    Right
    ‘We should go,’ she said. ‘Now.’ He nodded. ‘Fine.’ ‘Coats?’ ‘I’ll get the coats,’ he said.
    """

    code = "Q006"
    name = "dialogue-quote-convention"
    summary = (
        "Dialogue in double quotes where the manuscript uses single for dialogue, or the reverse."
    )
    fixable = Applicability.UNSAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        parsed = marks_of(para)
        if not parsed.quotations:
            return
        doc = para.document
        if doc is not None and para.index and marks_of(doc.paragraphs[para.index - 1]).trailing:
            return  # inside speech that began in an earlier paragraph: these quotes are nested
        style = quote_style(ms)
        if not style.dialogue_pinned and min(
            style.double_dialogue, style.single_dialogue
        ) * 3 > max(style.double_dialogue, style.single_dialogue):
            return  # no clear convention to hold the minority to
        text = para.text
        for q in parsed.quotations:
            if q.parent is not None or q.close is None or q.kind == style.dialogue:
                continue
            inner = text[q.open.pos + 1 : q.close.pos].strip(" *_")
            before_open = char_back(text, q.open.pos, " *_")
            if before_open and before_open not in ",:—.!?”’\"'":
                continue  # a quoted phrase or title inside a sentence, not a line of dialogue
            before_close = text[q.close.pos - 1 : q.close.pos]
            if (
                len(inner.split()) < 3
                or not inner[:1].isupper()
                or before_close not in (".", ",", "!", "?", "—", "…", "-")
            ):
                continue
            if _thought(text, q, ms):
                continue  # `‘She never listens,’ he thought`: a thought, set apart on purpose
            swap = {DOUBLE: SINGLE, SINGLE: DOUBLE}
            edits = []
            stack = [q]
            while stack:  # swap the marks of the quotation and of everything nested in it
                cur = stack.pop()
                for m in (cur.open, cur.close):
                    if m is not None:
                        edits.append(
                            (m.pos, m.pos + 1, _mark_for(swap[m.kind], m.role, style.curly))
                        )
                stack.extend(cur.children)
            want = "single" if style.dialogue == SINGLE else "double"
            counts = (
                ""
                if style.dialogue_pinned
                else (
                    f" ({max(style.double_dialogue, style.single_dialogue):,} to "
                    f"{min(style.double_dialogue, style.single_dialogue):,})"
                )
            )
            yield self.report(
                para,
                q.open.pos,
                q.close.pos + 1,
                f"dialogue in {q.kind} quotes; this manuscript puts dialogue in {want} quotes{counts}",
                edits=sorted(edits),
                safe=False,
            )


def _thought(text: str, q: Quotation, ms: Manuscript) -> bool:
    """Whether the quotation is a thought by its tag (`he thought`, `she wondered`), which
    many writers set in the other quotation marks on purpose."""
    assert q.close is not None
    lex = _lex(ms)
    clause = clause_after(text, q.close.pos + 1, lex)
    return (
        clause is not None
        and clause.kind == "tag"
        and clause.verb is not None
        and clause.verb.lower in lex.cognition_verbs
    )


# Spaces a writer types; the thin, hair and no-break spaces of typesetting are deliberate.
_TYPED_SPACE = " \t"
_DASHES = "—–-"


def _spaced_inside(text: str, q: Quotation) -> tuple[int, int]:
    """The typed spaces just inside a closed quotation's marks: (after the opening mark,
    before the closing one), as counts of characters."""
    assert q.close is not None
    after = before = 0
    while q.open.pos + 1 + after < q.close.pos and text[q.open.pos + 1 + after] in _TYPED_SPACE:
        after += 1
    while q.close.pos - 1 - before > q.open.pos and text[q.close.pos - 1 - before] in _TYPED_SPACE:
        before += 1
    return after, before


def _count_spaced_quotations(ms: Manuscript) -> tuple[int, int]:
    # (closed quotations spaced inside on both sides, closed quotations)
    spaced = closed = 0
    for para in ms.paragraphs():
        for q in marks_of(para).quotations:
            if q.close is None:
                continue
            after, before = _spaced_inside(para.text, q)
            spaced += after > 0 and before > 0
            closed += 1
    return spaced, closed


SPACED_QUOTATIONS: Fact[tuple[int, int]] = tally(
    "spaced-quotations",
    _count_spaced_quotations,
    lambda total, part: (total[0] + part[0], total[1] + part[1]),
)


def _spaces_inside_quotations(ms: Manuscript) -> bool:
    """Whether the manuscript spaces the inside of its quotations as a rule (`“ Bonjour ”`):
    at least half of its closed quotations (and three or more) are spaced on both sides,
    where a slip spaces one side of one quotation."""
    spaced, closed = ms.fact(SPACED_QUOTATIONS)
    return spaced >= 3 and spaced * 2 >= closed


QUOTE_SPACING: Fact[bool] = Fact("quote-spacing", _spaces_inside_quotations)


def _role_known(text: str, mark: Mark) -> bool:
    """Whether the parser knows this mark's role from the text, not only from the pairing: a
    straight `"` between spaces could open or close, unless it begins or ends the paragraph."""
    if mark.certain:
        return True
    if mark.role == OPEN:
        return skip_back(text, mark.pos, " \t*_") == 0
    if mark.char == "’":
        return True  # a curly closing mark after a space and before a space or punctuation
    return skip_ahead(text, mark.pos + 1, " \t*_") == len(text)


def _role_from_context(para: Paragraph, mark: Mark, beside: str) -> bool:
    """Whether a straight `"` between two spaces plainly has the role the pairing gave it, in
    a paragraph whose every quotation closes: the paragraph's first mark opens and its last
    closes; a mark between them closes speech after the speech's own end (`but... " Drip
    waved`, `the globe. " He`; after a comma, `"Fine, " she` may be either), or opens speech
    after a lead-in's comma or colon, before a capital (`he went on, " If you…`)."""
    text = para.text
    if any(q.close is None for q in marks_of(para).quotations) or text.count('"') % 2:
        return False
    if mark.role == CLOSE:
        if '"' not in text[mark.pos + 1 :]:
            return True  # the last of an even count of marks can only close
        return beside in ".!?…" and text[mark.pos + 1 : mark.pos + 2] in ("", " ", "\t")
    if '"' not in text[: mark.pos]:
        return True  # the first of an even count can only open (`She stopped. " So we go."`)
    before = skip_back(text, mark.pos, " \t")
    return before > 0 and text[before - 1] in ",:" and beside.isupper()


@register
class SpaceInsideQuote(Rule):
    """A space just inside a quotation mark: after an opening mark or before a closing one.

    What it flags
    `“ Hello,” she said`, `“Wait ”`, `“I was going to say... ”`: a space between the
    quotation mark and the words it holds. Only marks whose role the text tells are judged:
    curly marks, and a straight `"` where it begins or ends its paragraph or where the
    context tells its role in a paragraph whose quotations all close: after the speech's own
    `.` `?` `!` or ellipsis (`but... " Maren waved`), or after a lead-in's comma before a
    capital (`he went on, " If…`). Otherwise between two spaces it could open or close.
    Left alone: a space between two marks of nested
    quotations (`“He said ‘no’ ”`, a typographic convention that keeps `’”` apart); thin,
    hair and no-break spaces (typesetting); a space after a dash in a manuscript of spaced
    dashes (`“I was — ”`); apostrophes after a space (`rock ’n’ roll`, `’em`); and a
    manuscript that spaces both insides of at least half of its quotations (French style).

    Why
    A word processor treats the space as a place to break the line, so the mark can end up
    alone at the start or end of a line in print; and it reads as a slip.

    Wrong
    “ Hello,” she said.
    “Wait ” he called.
    She turned. “I was going to say... ”

    Right
    “Hello,” she said.
    “He told me ‘no’ ”, she said.
    They played rock ’n’ roll and gave ’em a show.
    """

    code = "Q007"
    name = "space-inside-quote"
    summary = "A space just inside a quotation mark (after an opening mark, before a closing one)."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        parsed = marks_of(para)
        if not parsed.quotations or (" " not in text and "\t" not in text):
            return
        spaced_style = None
        for q in parsed.quotations:
            if q.close is None:
                continue
            after, before = _spaced_inside(text, q)
            if not after and not before:
                continue
            if spaced_style is None:
                spaced_style = ms.fact(QUOTE_SPACING)
            if spaced_style:
                return
            if after and q.open.pos + 1 + after < q.close.pos:
                start, end = q.open.pos + 1, q.open.pos + 1 + after
                if self._judged(para, q.open, text[end], start, end):
                    yield self.report(
                        para,
                        q.open.pos,
                        end,
                        f"space after the opening mark {q.open.char}",
                        edits=[(start, end, "")],
                    )
            if before and q.close.pos - before > q.open.pos + 1 + after:
                start, end = q.close.pos - before, q.close.pos
                if self._judged(para, q.close, text[start - 1], start, end):
                    yield self.report(
                        para,
                        start,
                        q.close.pos + 1,
                        f"space before the closing mark {q.close.char}",
                        edits=[(start, end, "")],
                    )

    @staticmethod
    def _judged(para: Paragraph, mark: Mark, beside: str, start: int, end: int) -> bool:
        """Whether the space between `mark` and the character `beside` it is a slip to report."""
        if beside in "“”‘’\"'":
            return False  # nested marks kept apart on purpose
        if beside in _DASHES:
            return False  # `“I was — ”` where dashes are spaced
        if not _role_known(para.text, mark) and not _role_from_context(para, mark, beside):
            return False
        doc = para.document
        if doc is not None:
            src_start, src_end = para.span(start, end)
            if "\n" in doc.text[src_start:src_end] or "\r" in doc.text[src_start:src_end]:
                return False  # a line break, not a typed space
        return True
