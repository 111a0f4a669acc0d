"""Competing forms across the whole manuscript (Cassius’s / Cassius’, armour / armor,
tea-cup / teacup, …): which is the majority, where it first appears, and findings on the
minority. Only the minority is reported, and only when the majority is clear; an even split
is reported once, as a decision for the writer; a form in the config's `prefer` always wins."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix
from ficlint.document import Paragraph
from ficlint.registry import Rule


@dataclass(frozen=True)
class Occurrence:
    para: Paragraph
    start: int  # offsets in the paragraph's prose
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]

    def where(self) -> str:
        doc = self.para.document
        assert doc is not None
        line, _ = doc.line_col(self.para.to_source(self.start))
        return f"{doc.display_path}:{line}"


@dataclass
class FormGroup:
    """The competing forms of one word or phrase: form -> its occurrences, in manuscript order."""

    forms: dict[str, list[Occurrence]] = field(default_factory=dict)

    def add(self, form: str, occurrence: Occurrence) -> None:
        self.forms.setdefault(form, []).append(occurrence)

    @property
    def competing(self) -> bool:
        return len(self.forms) > 1


def collect(
    paragraphs: Iterable[Paragraph],
    pattern: re.Pattern[str],
    key: Callable[[re.Match[str]], tuple[str, str] | None],
) -> dict[str, FormGroup]:
    """Scan paragraphs with `pattern`; `key` maps a match to (group key, form) or None."""
    groups: dict[str, FormGroup] = {}
    for para in paragraphs:
        for m in pattern.finditer(para.text):
            found = key(m)
            if found is None:
                continue
            group, form = found
            groups.setdefault(group, FormGroup()).add(form, Occurrence(para, m.start(), m.end()))
    return groups


def report(
    rule: Rule,
    groups: Iterable[FormGroup],
    *,
    prefer: tuple[str, ...],
    ratio: float,
    label: str,
    reported: set[int],
    safe_ratio: float | None = None,
    replacement: Callable[[Occurrence, str], str] | None = None,
) -> Iterator[Diagnostic]:
    """Findings on the minority forms of each group (see the module docstring)."""
    preferred = {p.lower() for p in prefer}
    for group in groups:
        if not group.competing:
            continue
        ranked = sorted(group.forms.items(), key=lambda kv: (-len(kv[1]), kv[1][0].para.start))
        winners = [form for form, _ in ranked if form.lower() in preferred]
        if winners:
            majority = winners[0]
            why = "the config prefers"
        else:
            majority = ranked[0][0]
            top, second = len(ranked[0][1]), len(ranked[1][1])
            if top < ratio * second:
                yield from _split(rule, ranked, label, reported)
                continue
            why = None
        major = group.forms[majority]
        first = min(major, key=_order)
        for form, occurrences in ranked:
            if form == majority:
                continue
            safe = safe_ratio is not None and (
                why is not None or len(major) >= safe_ratio * len(occurrences)
            )
            for occ in occurrences:
                if id(occ.para.document) not in reported:
                    continue
                where = (
                    f"the config prefers {majority}"
                    if why
                    else f"{majority} ({len(major)}×, first in {first.where()})"
                )
                message = f"{label}: {form} ({len(occurrences)}×) vs {where}"
                fix = None
                if replacement is not None:
                    start, end = occ.para.span(occ.start, occ.end)
                    fix = Fix(
                        (Edit(start, end, replacement(occ, majority)),),
                        Applicability.SAFE if safe else Applicability.UNSAFE,
                    )
                yield _diag(rule, occ, message, fix)


def _split(rule: Rule, ranked: list, label: str, reported: set[int]) -> Iterator[Diagnostic]:
    """An even split: one finding, where the second form first appears."""
    (form_a, occ_a), (form_b, occ_b) = ranked[0], ranked[1]
    later = max((occ_a, form_a), (occ_b, form_b), key=lambda item: _order(item[0][0]))
    occ = min(later[0], key=_order)
    if id(occ.para.document) not in reported:
        return
    message = (
        f"{label}: {form_a} ({len(occ_a)}×) and {form_b} ({len(occ_b)}×) are both used; "
        f'choose one (prefer = ["{form_a}"] in the config)'
    )
    yield _diag(rule, occ, message, None)


def _order(occ: Occurrence) -> tuple[int, int]:
    return (occ.para.document.order if occ.para.document else 0, occ.para.start + occ.start)


def _diag(rule: Rule, occ: Occurrence, message: str, fix: Fix | None) -> Diagnostic:
    start, end = occ.para.span(occ.start, occ.end)
    return Diagnostic(
        occ.para.document, start, end, rule.code, rule.name, message, rule.severity, fix
    )


def match_case(original: str, replacement: str) -> str:
    """`Armour` -> `Armor`: keep the capital of the word being replaced."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
