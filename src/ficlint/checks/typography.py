"""Typography (family T): ellipsis and dash styles that drift, stray and missing spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlint import consistency, data
from ficlint.diagnostic import Applicability, Diagnostic
from ficlint.document import Paragraph
from ficlint.manuscript import Manuscript
from ficlint.quotation import CLOSE, OPEN, marks_of
from ficlint.rule import Rule, register
from ficlint.wordcounts import english_dictionary, reads_as_english

_ELLIPSIS = re.compile(r"…|(?<![.])\.\.\.(?![.])| ?(?<![.] )\. \. \.(?! \.)")


@register
class EllipsisStyle(Rule):
    """An ellipsis written in the manuscript's minority style: `...` among `…`, or `. . .`.

    What it flags
    The less common of `…` (one character), `...` (three periods) and `. . .` (spaced), with
    the counts and where the majority form first appears.

    Why
    House styles pick one; mixing them shows in print as different widths and spacing.

    Wrong
    “Wait…” she said. “I…” He paused… “Maybe...”

    Right
    “Wait…” she said. “I…” He paused… “Maybe…”
    """

    code = "T001"
    name = "ellipsis-style"
    summary = "An ellipsis in the manuscript's minority style (... among …, or . . .)."
    scope = "manuscript"
    fixable = Applicability.SAFE
    style_choice = True

    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        if sum(1 for n in ms.fact(ELLIPSES.written).values() if n) < 2:
            return  # one form at most: nothing can drift
        group = consistency.marks_group(
            ms,
            ms.fact(ELLIPSES.kinds),
            ELLIPSES.seen,
            _ELLIPSIS,
            _ellipsis_form,
            prefer=ms.settings.prefer,
        )
        if group is None:
            return
        # The form written most, whose spacing a fix follows: on a tie, the first in
        # manuscript order of the others, then the group's majority (its first form).
        major, *others = group.counts
        others.sort(key=lambda form: consistency.order_of(group.firsts[form]))
        majority = max([*others, major], key=group.count)
        first = group.firsts[majority]
        # Follow the majority's spacing: `moving . . . toward` becomes `moving… toward` where
        # the manuscript writes `snapped… and`.
        # (The spaced form's match takes the space before it, so look inside the match first.)
        attached = (
            not first.text.startswith(" ") and first.before != "" and not first.before.isspace()
        )

        def replace(occ, majority: str) -> str:
            if attached:
                return majority
            # `at last… a` becomes `at last . . . a` where the manuscript spaces its ellipses;
            # not after an opening mark (`“…I`) or a space already there.
            before = occ.para.text[occ.start - 1 : occ.start] if occ.start else ""
            spaced = occ.text.startswith(" ") or before.isalnum()
            return " " + majority if spaced else majority

        yield from consistency.report(
            self,
            [group],
            prefer=ms.settings.prefer,
            ratio=ms.settings.drift_ratio,
            label="ellipsis style",
            ms=ms,
            safe_ratio=1.0,
            replacement=replace,
        )


def _ellipsis_form(m: re.Match[str]) -> str:
    return m.group().strip()


# The ellipses, counted one document at a time (tallies: see Fact.add).
ELLIPSES = consistency.mark_tallies("ellipsis", ("…", "...", ". . ."), _ELLIPSIS, _ellipsis_form)


_DASH = re.compile(r" — | – | --(?!-) |(?<!—)—(?!—)|(?<!-)--(?!-)")
# What may stand beside a dash at the edge of speech or of a line: a dash there shows its kind
# (— or --) but not its spacing (“But—” she began; — Iris, wait).
_EDGE = frozenset(" \t\r\n“”\"‘’'")
_DASH_NAMES = {
    " — ": "spaced em dash ( — )",
    " – ": "spaced en dash ( – )",
    " -- ": "spaced double hyphen ( -- )",
    "—": "closed em dash (—)",
    "--": "double hyphen (--)",
}


def _prefer_names(prefer: tuple[str, ...], names: dict[str, str]) -> tuple[str, ...]:
    """`prefer = ["—"]` names the mark; the rule's forms are labelled (closed em dash (—))."""
    return tuple(names.get(p, names.get(p.strip(), p)) for p in prefer)


@register
class DashStyle(Rule):
    """A dash written in the manuscript's minority style: `--` among `—`, spaced among closed.

    What it flags
    The less common of a closed em dash (`word—word`), a spaced em dash (`word — word`), a
    spaced en dash (`word – word`) and a double hyphen (`word--word`). Ranges (1990–1995)
    are not dashes of this kind and are not counted.

    Why
    One manuscript, one dash.

    Wrong
    She waited—and waited—and then—at last—he came -- late.

    Right
    She waited—and waited—and then—at last—he came—late.
    """

    code = "T002"
    name = "dash-style"
    summary = "A dash in the manuscript's minority style (-- among —, spaced among closed)."
    scope = "manuscript"
    fixable = Applicability.UNSAFE
    style_choice = True

    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        marks = ms.fact(DASHES.written)
        closed = marks["—"] - marks[" — "]
        counts = (closed, marks[" — "], marks[" – "], marks["--"])
        if sum(1 for n in counts if n) < 2 and not marks[" -- "]:
            return  # one dash style at most: nothing can drift
        kinds = ms.fact(DASHES.kinds)
        prefer = _prefer_names(ms.settings.prefer, _DASH_NAMES)
        # An em dash at an edge counts as the manuscript's more common em dash spacing, as
        # the dashes between words show it.
        em = _DASH_NAMES["—" if kinds["—"] >= counts[1] else " — "]
        by_name = {v: k for k, v in _DASH_NAMES.items()}

        def name(kind: str) -> str:
            return em if kind == "—@edge" else _DASH_NAMES[kind]

        def replace(occ, majority: str) -> str:
            mark = by_name[majority]
            at_edge = occ.text in ("—", "--") and _at_edge(occ.para.text, occ.start, occ.end)
            return mark.strip() if at_edge else mark

        group = consistency.marks_group(
            ms, kinds, DASHES.seen, _DASH, _dash_kind, name, prefer=prefer
        )
        yield from consistency.report(
            self,
            [group] if group is not None else [],
            prefer=prefer,
            ratio=ms.settings.drift_ratio,
            label="dash style",
            ms=ms,
            replacement=replace,
        )


def _dash_kind(m: re.Match[str]) -> str | None:
    """A dash's kind: as written (` — `, `--`, …), but a closed em dash at an edge (of
    speech, or of a line) apart as `—@edge`, whose spacing it does not show; None for a
    line that holds only a dash (a scene break)."""
    raw = m.group()
    if raw not in ("—", "--") or not _at_edge(m.string, m.start(), m.end()):
        return raw
    if _line_around(m.string, m.start(), m.end()).strip() == raw:
        return None
    return "—@edge" if raw == "—" else raw


# The dashes, counted one document at a time (tallies: see Fact.add).
DASHES = consistency.mark_tallies("dash", ("—", " — ", " – ", "--", " -- "), _DASH, _dash_kind)


def _at_edge(text: str, start: int, end: int) -> bool:
    """Whether the dash text[start:end] has a space, a line's edge or a quotation mark on
    either side, rather than words on both."""
    return start == 0 or end == len(text) or text[start - 1] in _EDGE or text[end] in _EDGE


def _line_around(text: str, start: int, end: int) -> str:
    """The line of text that holds text[start:end]. A lone CR is looked for only between the
    LFs around it: on a joined manuscript with none, a search to the text's ends for each
    dash made the check quadratic."""
    after_lf = text.rfind("\n", 0, start) + 1
    left = max(after_lf, text.rfind("\r", after_lf, start) + 1)
    lf = text.find("\n", end)
    right = lf if lf >= 0 else len(text)
    cr = text.find("\r", end, right)
    return text[left : cr if cr >= 0 else right]


_SPACE_BEFORE = re.compile(r"(?<=[^\W_]) +(?=[,.;:!?](?:[\s”’\"')]|$))(?![.] [.])")
_DOUBLE_SPACE = re.compile(r"(?<=[^\W_]) {2,}(?=[^\W_])")


@register
class SpaceBeforePunctuation(Rule):
    """A space before a comma, period or other mark, or two spaces between words.

    What it flags
    `She left , slowly .` and `two  spaces` inside a sentence. Spaces before `; : ! ?` in a
    French passage are French typography and are left alone; so are line breaks in a
    hard-wrapped paragraph and two spaces after a full stop.

    Why
    Stray spaces are left over from editing; they split words from their punctuation at line
    ends in print.

    Wrong
    She left , slowly.
    He waited  a moment.

    Right
    She left, slowly.
    He waited a moment.
    """

    code = "T003"
    name = "space-before-punctuation"
    summary = "A space before punctuation, or two spaces between words inside a sentence."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        if (
            "  " not in text
            and " ," not in text
            and " ." not in text
            and " ;" not in text
            and " :" not in text
            and " !" not in text
            and " ?" not in text
        ):
            return
        doc = para.document
        assert doc is not None
        english = None
        for m in _SPACE_BEFORE.finditer(text):
            mark = text[m.end()]
            if mark in ";:!?":
                if english is None:
                    english = reads_as_english(text, english_dictionary())
                if not english:
                    continue  # French typography: « Mon Dieu ! »
            start, end = para.span(m.start(), m.end())
            if "\n" in doc.text[start:end] or "\r" in doc.text[start:end]:
                continue  # a line break before the mark
            yield self.report(
                para,
                m.start(),
                m.end() + 1,
                f"space before “{mark}”",
                edits=[(m.start(), m.end(), "")],
            )
        if para.indented:
            return  # a table of contents or verse lines up its columns with spaces
        for m in _DOUBLE_SPACE.finditer(text):
            start, end = para.span(m.start(), m.end())
            if "\n" in doc.text[start:end] or "\r" in doc.text[start:end]:
                continue  # a line break in a hard-wrapped paragraph
            yield self.report(
                para,
                m.start(),
                m.end(),
                "two spaces between words",
                edits=[(m.start(), m.end(), " ")],
            )


# A word of two or more letters, one sentence end (`.`, `?`, `!`, `?!`, `!!`; not an
# ellipsis), maybe a quotation mark, then a capitalised word (or `I`) with no space between.
_MISSING_SPACE = re.compile(
    r"(?<![^\s(\[{*_“‘\"'—–-])([^\W\d_]{2,})([.?!]|[?!]{2})([“”‘’\"']?)(?=[A-Z][a-z]|I[\s’'])"
)
# What every such finding holds, searched first: most paragraphs have none, and this search skips
# to its punctuation where _MISSING_SPACE tries its look-behind at every character (15x quicker
# over a novel).
_END_THEN_CAPITAL = re.compile(r"[.?!][“”‘’\"']?(?:[A-Z][a-z]|I[\s’'])")
# Inside a token like these the period is not a sentence end.
_NOT_PROSE_TOKEN = re.compile(r"://|www\.|@|[/\\=&_#]|\d")


# Read on first use (data.WordLists).
_ABBREVIATIONS = data.WordLists("abbreviations")


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isalpha():
        pos += 1
    return pos


def _token_around(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


@register
class MissingSpaceAfterSentence(Rule):
    """No space between a sentence's end and the next sentence: `the door.The hall`.

    What it flags
    A word of two or more letters, then `.`, `?` or `!` (maybe with a quotation mark), then a
    capitalised word with no space between: `the door.The hall`, `she asked?No`,
    `Fine!Then`, `he said.“Come in.`

    Known exceptions, left alone: initials (`J.R.R. Tolkien`, `U.S.A.`) and abbreviations
    with single letters (`Ph.D.`, `e.g.`, `i.e.`, `a.m.`); an abbreviation from
    rules/abbreviations.yaml before a name (`Mr.Smith`, `St.Ives`); URLs, domains, e-mail
    addresses and file names (`www.Example.com`, `Amazon.Com`, `notes.txt`); decimals
    and version numbers (`3.14`, `v2.Beta`: a digit in the token); an all-capitals word after
    the period (`README.TXT`); and ellipses (`I don’t...I can’t`), whose spacing is a house
    style that T001 measures.

    Why
    It happens when a sentence is joined during editing or typed on a phone; a spell checker
    sees one unknown word and the sentence break is lost.

    Wrong
    She shut the door.The hall was dark.
    “Are you coming?” she asked?No one answered.
    Fine!Then we go without him.

    Right
    She shut the door. The hall was dark.
    J.R.R. Tolkien wrote it, e.g. in 1937, at 9 a.m. on a Monday.
    Mr.Smith sent notes.txt from www.Example.com at 3.14 past.
    I don’t...I can’t say.
    """

    code = "T004"
    name = "missing-space-after-sentence"
    summary = "No space after a sentence's end before the next sentence (door.The)."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        if not _END_THEN_CAPITAL.search(text):
            return
        for m in _MISSING_SPACE.finditer(text):
            word, mark = m.group(1), m.group(3)
            if m.group(2) == "." and word.lower() in _ABBREVIATIONS.period_abbreviations:
                continue
            if _NOT_PROSE_TOKEN.search(_token_around(text, m.start(), m.end())):
                continue
            after = text[m.end() : _word_end(text, m.end())]
            if m.group(2) == "." and not mark and after.lower() in _ABBREVIATIONS.top_level_domains:
                continue  # Amazon.Com
            at = m.end()
            if mark:
                role = next((q.role for q in marks_of(para).marks if q.pos == m.start(3)), None)
                if role == OPEN:
                    at = m.start(3)  # the space goes before an opening mark: said.“Come
                elif role != CLOSE:
                    continue  # an apostrophe or a mark of no known role
            yield self.report(
                para,
                m.start(2),
                at + 1,
                f"no space between sentences: {text[m.start(1) : _word_end(text, m.end())]}",
                edits=[(at, at, " ")],
            )
