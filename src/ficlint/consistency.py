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
from ficlint.quotation import marks_of
from ficlint.rule import Rule


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


def drop_speech(ms, groups: Iterable[FormGroup]) -> list[FormGroup]:
    """With `speech-drift = false`, forget the occurrences inside speech (the counts too)."""
    groups = list(groups)
    if ms.settings.speech_drift:
        return groups
    for group in groups:
        group.forms = {
            form: kept
            for form, occurrences in group.forms.items()
            if (kept := [o for o in occurrences if not _in_speech(o)])
        }
    return groups


def _in_speech(occ: Occurrence) -> bool:
    return marks_of(occ.para).speech_at(occ.start) is not None


def locate(
    ms,
    counts: dict[str, dict[str, int]],
    *,
    prefer: tuple[str, ...],
    ratio: float,
    ignore_case: bool = True,
) -> list[FormGroup]:
    """Groups of competing forms from their counts (group -> form -> count), with only what
    `report` needs located: every use of the forms it will report, and the first use of the
    majority (the rest of the majority is known by its count)."""
    preferred = {p.lower() for p in prefer}
    groups = []
    for forms in counts.values():
        if len(forms) < 2:
            continue
        ranked = sorted(forms.items(), key=lambda kv: -kv[1])
        winners = [f for f, _ in ranked if f.lower() in preferred]
        majority = winners[0] if winners else ranked[0][0]
        if not winners and ranked[0][1] < ratio * ranked[1][1]:
            to_find = [f for f, _ in ranked[:2]]  # a split: report() needs both first uses
        else:
            to_find = [f for f, _ in ranked if f != majority]
        group = FormGroup()
        for form, n in ranked:
            # The majority is known by its count: only its first use is needed.
            found = ms.find_word(form, ignore_case, limit=None if form in to_find else 1)
            if not ignore_case:
                found = [hit for hit in found if hit[0].text[hit[1] : hit[2]] == form]
            if not found:
                continue
            occurrences = [Occurrence(para, s, e) for para, s, e in found]
            if form in to_find:
                group.forms[form] = occurrences
            else:
                group.forms[form] = occurrences[:1] * n
        if group.competing:
            groups.append(group)
    return groups


def collect_minorities(
    ms,
    pattern: re.Pattern[str],
    name: Callable[[re.Match[str]], str | None],
    *,
    prefer: tuple[str, ...],
    ratio: float,
) -> list[FormGroup]:
    """The forms of one group of frequent marks (dashes, ellipses): count every form over the
    joined manuscript, then locate only the minority forms and the majority's first use,
    rather than making an object for each of thousands of dashes. `name` gives a match's
    form (it may read the text around it), or None for a match that is no form at all."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for m in pattern.finditer(ms.joined_text()):
        form = name(m)
        if form is not None:
            counts[form] += 1
    if len(counts) < 2:
        return []
    preferred = {p.lower() for p in prefer}
    ranked = counts.most_common()
    majority = next((form for form, _ in ranked if form.lower() in preferred), ranked[0][0])
    group = FormGroup()
    first_major: Occurrence | None = None
    for para in ms.body():
        for m in pattern.finditer(para.text):
            form = name(m)
            if form is None:
                continue
            if form != majority:
                group.add(form, Occurrence(para, m.start(), m.end()))
            elif first_major is None:
                first_major = Occurrence(para, m.start(), m.end())
    if first_major is None:
        return []
    # The majority is known by its count; only its first use is located (see `report`).
    group.forms[majority] = [first_major] * counts[majority]
    return [group]


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
        # Ties go to the form used first in the manuscript, then A to Z: the same in every run.
        ranked = sorted(group.forms.items(), key=lambda kv: (-len(kv[1]), order(kv[1][0]), kv[0]))
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
        first = min(major, key=order)
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
    later = max((occ_a, form_a), (occ_b, form_b), key=lambda item: order(item[0][0]))
    occ = min(later[0], key=order)
    if id(occ.para.document) not in reported:
        return
    message = (
        f"{label}: {form_a} ({len(occ_a)}×) and {form_b} ({len(occ_b)}×) are both used; "
        f'choose one (prefer = ["{form_a}"] in the config)'
    )
    yield _diag(rule, occ, message, None)


def order(occ: Occurrence) -> tuple[int, int]:
    return (occ.para.document.order if occ.para.document else 0, occ.para.start + occ.start)


def _diag(rule: Rule, occ: Occurrence, message: str, fix: Fix | None) -> Diagnostic:
    # The finding points at the mark itself; its fix may also take the spaces around it
    # (` -- ` becomes `—`).
    text = occ.text
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" "))
    start, end = occ.para.span(occ.start + lead, occ.end - trail)
    return Diagnostic(
        occ.para.document, start, end, rule.code, rule.name, message, rule.severity, fix
    )


def match_case(original: str, replacement: str) -> str:
    """`Armour` -> `Armor`: keep the capital a word has at a sentence start (but `OK` -> `okay`
    mid-sentence stays lowercase, and `OK` keeps its capitals)."""
    if replacement.isupper() and len(replacement) > 1:
        return replacement
    if original[:1].isupper() and original[1:].islower() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
