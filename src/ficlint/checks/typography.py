"""Typography (family T): ellipsis and dash styles that drift, stray spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlint import consistency
from ficlint.diagnostic import Applicability, Diagnostic
from ficlint.document import Paragraph
from ficlint.engine import Manuscript
from ficlint.registry import Rule, register

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

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        text = ms.joined_text()
        if sum(1 for form in ("…", "...", ". . .") if form in text) < 2:
            return  # one form at most: nothing can drift
        groups = consistency.collect_minorities(
            ms, _ELLIPSIS, str.strip, prefer=ms.settings.prefer, ratio=ms.settings.drift_ratio
        )
        if not groups:
            return
        majority = max(groups[0].forms, key=lambda form: len(groups[0].forms[form]))
        first = groups[0].forms[majority][0]
        # Follow the majority's spacing: `moving . . . toward` becomes `moving… toward` where
        # the manuscript writes `snapped… and`.
        attached = first.start > 0 and not first.para.text[first.start - 1].isspace()

        def replace(occ, majority: str) -> str:
            return majority if attached or not occ.text.startswith(" ") else " " + majority

        yield from consistency.report(
            self,
            groups,
            prefer=ms.settings.prefer,
            ratio=ms.settings.drift_ratio,
            label="ellipsis style",
            reported=ms.reported,
            safe_ratio=1.0,
            replacement=replace,
        )


_DASH = re.compile(r" — | – | --(?!-) |—|(?<!-)--(?!-)")
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

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        text = ms.joined_text()
        closed = text.count("—") - text.count(" — ")
        counts = (closed, text.count(" — "), text.count(" – "), text.count("--"))
        if sum(1 for n in counts if n) < 2 and " -- " not in text:
            return  # one dash style at most: nothing can drift
        prefer = _prefer_names(ms.settings.prefer, _DASH_NAMES)
        groups = consistency.collect_minorities(
            ms, _DASH, _DASH_NAMES.__getitem__, prefer=prefer, ratio=ms.settings.drift_ratio
        )
        by_name = {v: k for k, v in _DASH_NAMES.items()}
        yield from consistency.report(
            self,
            groups,
            prefer=prefer,
            ratio=ms.settings.drift_ratio,
            label="dash style",
            reported=ms.reported,
            replacement=lambda occ, majority: by_name[majority],
        )


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
                    from ficlint.checks.consistency import _english, english_dictionary

                    english = _english(text, english_dictionary())
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
