"""Competing forms across the whole manuscript (Cassius’s / Cassius’, armour / armor,
tea-cup / teacup, …): which is the majority, where it first appears, and findings on the
minority. Only the minority is reported, and only when the majority is clear; an even split
is reported once, as a decision for the writer; a form in the config's `prefer` always wins."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix
from ficlint.document import Paragraph
from ficlint.manuscript import PARAGRAPH_INDEX, WORD_INDEX, Fact, add_counts, tally
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

    @property
    def before(self) -> str:
        """The character before it in its paragraph ("" at the paragraph's start)."""
        return self.para.text[self.start - 1] if self.start else ""

    def where(self) -> str:
        doc = self.para.document
        assert doc is not None
        line, _ = doc.line_col(self.para.to_source(self.start))
        return f"{doc.display_path}:{line}"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a form is first used, kept when its paragraph is not (a tally, see Fact.add):
    its place in manuscript order (`order`), `path:line` for a message, the source span a
    finding there takes (`span`, the spaces around the form left out), the form as written
    and the character before it in its paragraph."""

    order: tuple[int, int]
    where: str
    span: tuple[int, int]
    text: str
    before: str

    @classmethod
    def of(cls, occ: Occurrence) -> Place:
        text = occ.text
        lead = len(text) - len(text.lstrip(" "))
        trail = len(text) - len(text.rstrip(" "))
        span = occ.para.span(occ.start + lead, occ.end - trail)
        return cls(order(occ), occ.where(), span, text, occ.before)


@dataclass
class FormGroup:
    """The competing forms of one word or phrase: form -> its occurrences in the documents
    checked, in manuscript order. A group made from a tally (see marks_group) also holds
    each form's count and first use in the whole manuscript (`counts`, `firsts`), so that a
    check of one document at a time holds only that document's occurrences; otherwise they
    are the occurrences' own."""

    forms: dict[str, list[Occurrence]] = field(default_factory=dict)
    counts: dict[str, int] | None = None
    firsts: dict[str, Place | Occurrence] | None = None

    def add(self, form: str, occurrence: Occurrence) -> None:
        self.forms.setdefault(form, []).append(occurrence)

    @property
    def competing(self) -> bool:
        return len(self.counts if self.counts is not None else self.forms) > 1

    def count(self, form: str) -> int:
        return self.counts[form] if self.counts is not None else len(self.forms[form])

    def first(self, form: str) -> Place | Occurrence:
        """The form's first use in the manuscript."""
        if self.firsts is not None:
            return self.firsts[form]
        return min(self.forms[form], key=order)

    def names(self) -> list[str]:
        return list(self.counts if self.counts is not None else self.forms)


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
) -> list[FormGroup]:
    """Groups of competing words from their counts (group -> word -> count), with only what
    `report` needs located: every use, in the documents checked, of the words it will
    report, and each word's first use in the manuscript. A word it reports counts as often
    as find_word finds it (whatever its case); the majority by its count. In a check of one
    document at a time, the uses and first uses elsewhere come from the FOUND tally (see
    planned)."""
    if ms.one_of_many:
        own = ms.fact(WORD_INDEX).at  # the words this document writes (None: not indexed)
        groups = []
        for counted, firsts, to_find in planned(ms, counts, prefer=prefer, ratio=ratio):
            group = FormGroup(counts=counted, firsts=firsts)
            for form in to_find:
                if own is None or form.lower() in own:
                    group.forms[form] = [Occurrence(*hit) for hit in ms.find_word(form)]
            groups.append(group)
        return groups
    groups = []
    for ranked, to_find in _ranked(counts, prefer, ratio):
        group = FormGroup(counts={}, firsts={})
        for form, n in ranked:
            # The majority is known by its count: only its first use is needed.
            hits = ms.find_word(form, limit=None if form in to_find else 1)
            if not hits:
                continue
            occurrences = [Occurrence(para, s, e) for para, s, e in hits]
            if form in to_find:
                group.forms[form] = occurrences
            group.counts[form] = len(occurrences) if form in to_find else n
            group.firsts[form] = occurrences[0]
        if group.competing:
            groups.append(group)
    return groups


def _ranked(counts: dict[str, dict[str, int]], prefer: tuple[str, ...], ratio: float):
    """Each group of two or more words, ranked by count, with the words report() needs
    located: all but the majority, or the first two of an even split."""
    preferred = {p.lower() for p in prefer}
    for forms in counts.values():
        if len(forms) < 2:
            continue
        ranked = sorted(forms.items(), key=lambda kv: -kv[1])
        winners = [f for f, _ in ranked if f.lower() in preferred]
        majority = winners[0] if winners else ranked[0][0]
        if not winners and ranked[0][1] < ratio * ranked[1][1]:
            yield ranked, [f for f, _ in ranked[:2]]  # a split: both first uses
        else:
            yield ranked, [f for f, _ in ranked if f != majority]


def planned(ms, counts: dict[str, dict[str, int]], *, prefer: tuple[str, ...], ratio: float):
    """For a check of one document at a time: each group of `counts` that competes in the
    whole manuscript, as (counts, first uses, the words to locate), from the FOUND tally;
    made once for every document (kept with the facts, by the `counts` it was made for)."""
    held = ms.fact(PLANS)
    key = id(counts)
    if key not in held:
        found_words = ms.fact(FOUND)
        plans = []
        for ranked, to_find in _ranked(counts, prefer, ratio):
            counted: dict[str, int] = {}
            firsts: dict[str, Place | Occurrence] = {}
            for form, n in ranked:
                entry = found_words.get(form.lower())
                if entry is None:
                    continue
                counted[form] = entry[0] if form in to_find else n
                firsts[form] = entry[1]
            if len(counted) > 1:
                plans.append((counted, firsts, [f for f in to_find if f in counted]))
        held[key] = (counts, plans)  # the counts held too, so that their id stays theirs
    return held[key][1]


# Plans made for a check of one document at a time (see planned), by the counts' id.
PLANS: Fact[dict] = Fact("located-plans", lambda ms: {}, of_the_text=False)


# A tally of competing forms by group (see Fact.add): group -> form -> [how often it is
# written, where first].
Forms = dict[str, dict[str, list]]


def count_forms(found: Iterable[tuple[str, str, Occurrence]]) -> Forms:
    """The tally of the (group, form, occurrence) found, in manuscript order."""
    forms: Forms = {}
    for group, form, occ in found:
        entry = forms.setdefault(group, {}).get(form)
        if entry is None:
            forms[group][form] = [1, Place.of(occ)]
        else:
            entry[0] += 1
    return forms


def add_forms(total: Forms, part: Forms) -> Forms:
    """A Forms tally's `add`: the counts added, the earlier first use kept."""
    for group, forms in part.items():
        add_found(total.setdefault(group, {}), forms)
    return total


def located_group(located: Iterable[tuple[str, Occurrence]]) -> FormGroup:
    """The group of the occurrences `located` in the whole manuscript, as (form, occurrence)
    in manuscript order: each form counted and first used as located."""
    group = FormGroup()
    for form, occ in located:
        group.add(form, occ)
    return group


def tallied_group(forms: dict[str, list], located: Iterable[tuple[str, Occurrence]]) -> FormGroup:
    """The group of `forms` (form -> [count, first use], the whole manuscript's, from a Forms
    tally) with the occurrences `located` in the documents checked, as (form, occurrence)."""
    group = located_group(located)
    group.counts = {form: n for form, (n, _) in forms.items()}
    group.firsts = {form: first for form, (_, first) in forms.items()}
    return group


def _found_words(ms) -> dict[str, list]:
    # word (lowercase) -> [uses, first use] as find_word finds them, for every word.
    index = ms.fact(WORD_INDEX)
    if index.at is None:  # a text whose lowercase is longer (İ) has no index: not counted
        return {}
    paragraphs = ms.fact(PARAGRAPH_INDEX)
    found: dict[str, list] = {}
    for word, starts in index.at.items():
        at = starts[0]
        i = bisect_right(paragraphs.starts, at) - 1
        start = at - paragraphs.starts[i]
        occ = Occurrence(paragraphs.paragraphs[i], start, start + len(word))
        found[word] = [len(starts), Place.of(occ)]
    return found


def add_found(total: dict[str, list], part: dict[str, list]) -> dict[str, list]:
    """A tally's `add` for word -> [uses, first use]: the uses added, the earlier kept."""
    for word, (n, first) in part.items():
        entry = total.get(word)
        if entry is None:
            total[word] = [n, first]
        else:
            entry[0] += n
    return total


# Every word's uses and first use, as find_word finds them: what a check of one document at
# a time (Manuscript.one_of_many) reads for the rest of the manuscript (a tally, see
# Fact.add). A check of the whole manuscript asks find_word.
FOUND: Fact[dict[str, list]] = tally("found-words", _found_words, add_found)


def first_found(ms, word: str) -> Place | Occurrence | None:
    """The manuscript's first use of `word` as ms.find_word(word, limit=1) finds it, from the
    FOUND tally in a check of one document at a time (None for a phrase there)."""
    if ms.one_of_many:
        entry = ms.fact(FOUND).get(word.lower())
        return entry[1] if entry is not None else None
    hit = ms.find_word(word, limit=1)
    return Occurrence(*hit[0]) if hit else None


def at_place(rule: Rule, ms, first: Place | Occurrence, message: str) -> Iterator[Diagnostic]:
    """A finding with no fix at a first use, if `ms` reports on the document that holds it."""
    if isinstance(first, Occurrence):
        if id(first.para.document) in ms.reported:
            yield _diag(rule, first, message, None)
        return
    for doc in ms.documents:
        if doc.order == first.order[0]:
            start, end = first.span
            yield Diagnostic(doc, start, end, rule.code, rule.name, message, rule.severity)


def count_marks(
    ms, pattern: re.Pattern[str], kind: Callable[[re.Match[str]], str | None]
) -> Counter[str]:
    """How often `ms`'s joined text (which leaves out speech with `speech-drift = false`)
    writes each kind of one group of frequent marks (dashes, ellipses): `kind` gives a
    match's kind (it may read the text around it), or None for a match that is no form at
    all. A tally (see Fact.add)."""
    counted: Counter[str] = Counter()
    for m in pattern.finditer(ms.joined_text()):
        k = kind(m)
        if k is not None:
            counted[k] += 1
    return counted


@dataclass
class MarkForms:
    """A tally (see Fact.add) of one group of frequent marks in the paragraphs' own text, by
    kind (see count_marks): how often each is written (`seen`) and where first (`first`).
    Only a check of one document at a time needs it: a check of the whole text finds them
    as it locates the minority forms."""

    seen: Counter[str] = field(default_factory=Counter)
    first: dict[str, Place] = field(default_factory=dict)


def see_marks(ms, pattern: re.Pattern[str], kind: Callable[[re.Match[str]], str | None]):
    """The MarkForms of `ms` (see count_marks for `kind`)."""
    forms = MarkForms()
    for para in ms.body():
        for m in pattern.finditer(para.text):
            k = kind(m)
            if k is None:
                continue
            forms.seen[k] += 1
            if k not in forms.first:
                forms.first[k] = Place.of(Occurrence(para, m.start(), m.end()))
    return forms


def add_marks(total: MarkForms, part: MarkForms) -> MarkForms:
    """A MarkForms tally's `add`: the counts added, the earlier first use kept."""
    total.seen.update(part.seen)
    for k, place in part.first.items():
        total.first.setdefault(k, place)
    return total


@dataclass(frozen=True)
class MarkTallies:
    """The tallies of one group of frequent marks (see Fact.add): how often the joined text
    holds each of `marks` as characters (`written`, which tells first whether two forms can
    be there at all), how often it writes each kind (count_marks), and the paragraphs' own
    counts and first uses (see_marks)."""

    written: Fact[Counter[str]]
    kinds: Fact[Counter[str]]
    seen: Fact[MarkForms]


def mark_tallies(
    name: str,
    marks: tuple[str, ...],
    pattern: re.Pattern[str],
    kind: Callable[[re.Match[str]], str | None],
) -> MarkTallies:
    """Declare the MarkTallies of one group of marks, named after `name`."""

    def written(ms) -> Counter[str]:
        text = ms.joined_text()
        return Counter({mark: text.count(mark) for mark in marks})

    return MarkTallies(
        tally(f"{name}-marks", written, add_counts),
        tally(f"{name}-forms", lambda ms: count_marks(ms, pattern, kind), add_counts),
        tally(f"{name}-forms-seen", lambda ms: see_marks(ms, pattern, kind), add_marks),
    )


def marks_group(
    ms,
    counted: Counter[str],
    seen: Fact[MarkForms],
    pattern: re.Pattern[str],
    kind: Callable[[re.Match[str]], str | None],
    name: Callable[[str], str] = str,
    *,
    prefer: tuple[str, ...],
) -> FormGroup | None:
    """The competing forms of one group of frequent marks: each form (`name` of a kind) with
    its count (the majority's in the joined text, `counted`, a tally of count_marks; the
    others' in the paragraphs) and first use, and the occurrences in `ms`'s own documents
    of every form but the majority (by count, or the config's `prefer`), which `report`
    reports; rather than an object for each of thousands of dashes. In a check of one
    document at a time, the rest of the manuscript's uses come from the `seen` tally. None
    when fewer than two forms are written, or the majority never in the paragraphs' text."""
    by_name: Counter[str] = Counter()
    for k, n in counted.items():
        by_name[name(k)] += n
    if len(by_name) < 2:
        return None
    preferred = {p.lower() for p in prefer}
    ranked = by_name.most_common()
    majority = next((form for form, _ in ranked if form.lower() in preferred), ranked[0][0])
    written: Counter[str] = Counter()
    firsts: dict[str, Place | Occurrence] = {}
    group = FormGroup()
    alone = ms.one_of_many
    for para in ms.body():
        for m in pattern.finditer(para.text):
            k = kind(m)
            if k is None:
                continue
            form = name(k)
            if alone:
                if form != majority:
                    group.add(form, Occurrence(para, m.start(), m.end()))
                continue
            written[form] += 1
            occ = firsts.get(form)
            if occ is None:
                occ = firsts[form] = Occurrence(para, m.start(), m.end())
            if form != majority:
                group.add(form, Occurrence(para, m.start(), m.end()))
    if alone:
        tallied = ms.fact(seen)
        for k, n in tallied.seen.items():
            form = name(k)
            written[form] += n
            place = tallied.first[k]
            if form not in firsts or place.order < order_of(firsts[form]):
                firsts[form] = place
    if majority not in firsts:
        return None
    # The majority by its count in the joined text; the rest as written in the paragraphs.
    group.counts = {majority: by_name[majority]}
    group.counts.update((form, n) for form, n in written.items() if form != majority)
    group.firsts = {form: firsts[form] for form in group.counts}
    return group


def report(
    rule: Rule,
    groups: Iterable[FormGroup],
    *,
    prefer: tuple[str, ...],
    ratio: float,
    label: str,
    ms,
    safe_ratio: float | None = None,
    replacement: Callable[[Occurrence, str], str] | None = None,
) -> Iterator[Diagnostic]:
    """Findings on the minority forms of each group (see the module docstring), in the
    documents `ms` reports on."""
    preferred = {p.lower() for p in prefer}
    reported = ms.reported
    # In a check of one document at a time, a group with nothing to report here but an even
    # split's finding at a first use elsewhere is passed over.
    here = {doc.order for doc in ms.documents} if ms.one_of_many else None
    for group in groups:
        if not group.competing:
            continue
        if here is not None and not any(group.forms.values()):
            firsts = group.firsts.values() if group.firsts is not None else ()
            if not any(order_of(first)[0] in here for first in firsts):
                continue
        # Ties go to the form used first in the manuscript, then A to Z: the same in every run.
        ranked = sorted(
            group.names(), key=lambda form: (-group.count(form), order_of(group.first(form)), form)
        )
        winners = [form for form in ranked if form.lower() in preferred]
        if winners:
            majority = winners[0]
            why = "the config prefers"
        else:
            majority = ranked[0]
            if group.count(ranked[0]) < ratio * group.count(ranked[1]):
                yield from _split(rule, group, ranked, label, ms)
                continue
            why = None
        major = group.count(majority)
        first = group.first(majority)
        for form in ranked:
            if form == majority:
                continue
            n = group.count(form)
            safe = safe_ratio is not None and (why is not None or major >= safe_ratio * n)
            for occ in group.forms.get(form, ()):
                if id(occ.para.document) not in reported:
                    continue
                where = (
                    f"the config prefers {majority}"
                    if why
                    else f"{majority} ({major}×, first in {where_of(first)})"
                )
                message = f"{label}: {form} ({n}×) vs {where}"
                fix = None
                if replacement is not None:
                    start, end = occ.para.span(occ.start, occ.end)
                    fix = Fix(
                        (Edit(start, end, replacement(occ, majority)),),
                        Applicability.SAFE if safe else Applicability.UNSAFE,
                    )
                yield _diag(rule, occ, message, fix)


def _split(rule: Rule, group: FormGroup, ranked: list, label: str, ms) -> Iterator[Diagnostic]:
    """An even split: one finding, where the second form first appears."""
    form_a, form_b = ranked[0], ranked[1]
    later = max(group.first(form_a), group.first(form_b), key=order_of)
    message = (
        f"{label}: {form_a} ({group.count(form_a)}×) and {form_b} ({group.count(form_b)}×) are "
        f'both used; choose one (prefer = ["{form_a}"] in the config)'
    )
    yield from at_place(rule, ms, later, message)


def order_of(first: Place | Occurrence) -> tuple[int, int]:
    return first.order if isinstance(first, Place) else order(first)


def where_of(first: Place | Occurrence) -> str:
    return first.where if isinstance(first, Place) else first.where()


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
