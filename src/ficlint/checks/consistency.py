"""Consistency across the whole manuscript (family C): possessives, US/UK spelling and other
variant pairs, hyphenation, capitalisation, and names typed once wrong. Every rule here
counts the competing forms over all the files of the run (and the rest of the manuscript the
config names) and reports only the minority; see ficlint.consistency."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ficlint import consistency, data
from ficlint.consistency import FormGroup, Occurrence, match_case
from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix
from ficlint.dialogue import lexicon, typed_voice
from ficlint.manuscript import (
    PARAGRAPH_INDEX,
    WORD_INDEX,
    Fact,
    Manuscript,
    add_counts,
    index_forms,
    lower,
    run_at,
    tally,
)
from ficlint.quotation import APOSTROPHE, marks_of
from ficlint.rule import Rule, register
from ficlint.scan import char_back
from ficlint.wordcounts import (
    english_dictionary,
    english_paragraphs,
    ize_family,
    lower_counts,
    manuscript_names,
    mid_sentence_capitals,
    slips_of,
    us_uk_pairs,
    without_possessives,
    word_counts,
)

_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
_LOWER_WORDS = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")


def _ratio(ms: Manuscript) -> float:
    return ms.settings.drift_ratio


_POSSESSIVE = re.compile(r"([A-Z][^\W\d_]*[sxzSXZ])([’'])(s?)(?![^\W_])")


@register
class PossessiveDrift(Rule):
    """A name ending in s, x or z made possessive two ways: `Stiles’s` and `Stiles’`.

    What it flags
    The less common of the two forms for each name across the manuscript, with the counts and
    where the majority form first appears. Plural possessives that never take `’s`
    (`the Fitches’ cart`) are left alone.

    Why
    Both styles are correct; mixing them in one manuscript is not.

    Wrong
    Marcus’s coat was wet. Marcus’s boots were worse. He hung up Marcus’ hat.

    Right
    Marcus’s coat was wet. Marcus’s boots were worse. He hung up Marcus’s hat.
    """

    code = "C001"
    name = "possessive-drift"
    summary = "A name ending in s made possessive two ways (Stiles’s / Stiles’)."
    scope = "manuscript"
    fixable = (Applicability.SAFE, Applicability.UNSAFE)

    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        tallied = ms.fact(POSSESSIVES)
        competing = [name for name, forms in tallied.items() if len(forms) > 1]
        if not competing:
            return
        located: dict[str, list] = {}
        for name, form, occ in _possessives(ms, competing):
            located.setdefault(name, []).append((form, occ))
        groups = [consistency.tallied_group(tallied[n], located.get(n, ())) for n in competing]
        yield from consistency.report(
            self,
            groups,
            prefer=_prefer(ms),
            ratio=_ratio(ms),
            label="possessive drift",
            ms=ms,
            safe_ratio=3.0,
            replacement=_possessive_as,
        )


def _possessives(
    ms: Manuscript, names: list[str] | None = None
) -> Iterator[tuple[str, str, Occurrence]]:
    """Each possessive of a name ending in s, x or z in `ms`'s body, in order, as (the name,
    its form: Marcus’s or Marcus’, the occurrence); only of `names` if given. With
    `speech-drift = false`, none in speech."""
    speech = not ms.settings.speech_drift
    wanted = None if names is None else set(names)
    for para in ms.body():
        text = para.text
        if "’" not in text and "'" not in text:
            continue
        if names is not None and not any(name in text for name in names):
            continue
        apostrophes = None
        for m in _POSSESSIVE.finditer(text):
            name = m.group(1)
            if wanted is not None and name not in wanted:
                continue
            if apostrophes is None:
                apostrophes = {k.pos for k in marks_of(para).marks if k.role == APOSTROPHE}
            if m.start(2) not in apostrophes:
                continue  # a closing quotation mark after a name, not a possessive
            if speech and marks_of(para).speech_at(m.start()) is not None:
                continue
            form = f"{name}’s" if m.group(3) else f"{name}’"
            yield name, form, Occurrence(para, m.start(), m.end())


# The possessives of names ending in s, by name and form, counted one document at a time (a
# tally: see Fact.add).
POSSESSIVES: Fact[consistency.Forms] = tally(
    "possessive-forms", lambda ms: consistency.count_forms(_possessives(ms)), consistency.add_forms
)


def _prefer(ms: Manuscript) -> tuple[str, ...]:
    return tuple(p.replace("'", "’") for p in ms.settings.prefer) + ms.settings.prefer


def _possessive_as(occ: Occurrence, majority: str) -> str:
    text = occ.text
    mark = "’" if "’" in text else "'"
    name = text[:-2] if text.endswith(("’s", "'s")) else text[:-1]
    return f"{name}{mark}s" if majority.endswith("’s") else f"{name}{mark}"


_UK_DIALECTS = ("en-gb", "en-au", "en-nz", "en-ie", "en-za", "en-in")


@register
class SpellingVariantDrift(Rule):
    """A word spelt in the other dialect, or a variant pair written both ways.

    What it flags
    US spellings in a British manuscript or the reverse (armour/armor, centre/center,
    travelled/traveled), judged against the manuscript's majority or the config's `dialect`;
    -ise/-ize on its own (Oxford spelling is British with -ize); and variant pairs that are
    not about dialect (okay/OK, all right/alright, judgment/judgement, gray/grey) against the
    manuscript's own majority. US/UK pairs come from the breame package's spelling lists;
    words right in both dialects (practice, licence, tyre/tire, …) are in rules/spelling.yaml.

    Why
    A reader notices colour on one page and color on the next.

    Wrong
    The colour of the sky, the colour of the sea, the colour of her coat: he loved the color.

    Right
    The colour of the sky, the colour of the sea, the colour of her coat: he loved the colour.
    """

    code = "C002"
    name = "spelling-variant-drift"
    summary = "US and British spellings mixed (armour/armor), or a variant pair written both ways."
    scope = "manuscript"
    fixable = Applicability.UNSAFE
    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        yield from self._dialect(ms)
        yield from self._pairs(ms)

    def _dialect(self, ms: Manuscript) -> Iterator[Diagnostic]:
        decided = ms.fact(DIALECT_DRIFT)
        for message, later in decided.splits:
            yield from consistency.at_place(self, ms, later, message)
        minority, summary = decided.minority, decided.summary
        if not minority:
            return
        counts = lower_counts(ms)
        for para, s, e in ms.find_words(minority):
            word = para.text[s:e]
            if word[0].isupper() and not _sentence_start(para.text, s):
                continue  # a name: the Louvre, Centre Street
            right = minority[word.lower()]
            start, end = para.span(s, e)
            pair = counts.get(right, 0)
            seen = ""
            if pair:
                first = consistency.first_found(ms, right)
                where = f", first in {consistency.where_of(first)}" if first else ""
                seen = f"; {right} ({pair}×{where})"
            yield Diagnostic(
                para.document,
                start,
                end,
                self.code,
                self.name,
                f"{summary[word.lower()]}: {word} → {match_case(word, right)}{seen}",
                self.severity,
                Fix((Edit(start, end, match_case(word, right)),), Applicability.UNSAFE),
            )

    @staticmethod
    def _side(ms: Manuscript, n_uk: int, n_us: int, ize: bool) -> str | None:
        dialect = ms.settings.dialect.lower()
        if dialect == "en-us":
            return "us"
        if dialect in _UK_DIALECTS and not ize:
            return "uk"
        if not n_uk or not n_us:
            return None  # nothing mixed
        ratio = _ratio(ms)
        if n_us >= ratio * n_uk:
            return "us"
        if n_uk >= ratio * n_us:
            return "uk"
        return None

    def _pairs(self, ms: Manuscript) -> Iterator[Diagnostic]:
        counts = word_counts(ms)
        lowered = lower_counts(ms)
        # A check of one document at a time reads the rest from a tally; a check of the
        # whole text reads the text, and counts what it locates.
        tallied = ms.fact(VARIANT_FORMS) if ms.one_of_many else None
        written = None  # the joined text in lowercase, for the phrases
        candidates = []
        for forms in _variant_pairs():
            present = 0
            for form in forms:
                if " " in form or "-" in form:
                    if tallied is not None:
                        present += form.lower() in tallied.phrases
                    else:
                        written = written if written is not None else lower(ms.joined_text())
                        present += form.lower() in written
                else:
                    present += bool(
                        counts.get(form)
                        if form.isupper() or form[:1].isupper()
                        else lowered.get(form)
                    )
            if present >= 2:
                candidates.append(forms)
        if not candidates:
            return
        located = _variants(ms, candidates)
        groups = [
            consistency.tallied_group(tallied.forms.get(forms[0], {}), located.get(forms[0], ()))
            if tallied is not None
            else consistency.located_group(located.get(forms[0], ()))
            for forms in candidates
        ]
        yield from consistency.report(
            self,
            groups,
            prefer=ms.settings.prefer,
            ratio=_ratio(ms),
            label="variant spellings",
            ms=ms,
            replacement=lambda occ, majority: match_case(occ.text, majority),
        )


@dataclass(frozen=True)
class _DialectDrift:
    """C002's decision on US and British spellings, made once from the word counts: each
    word of the minority dialect and what it should be, with the summary its message
    opens with; and an even split's one finding (message, where the second dialect first
    appears) for each family (-ise/-ize, the rest)."""

    minority: dict[str, str]
    summary: dict[str, str]
    splits: list[tuple[str, object]]


def _dialect_drift(ms: Manuscript) -> _DialectDrift:
    uk_us, us_uk = us_uk_pairs()
    counts = lower_counts(ms)
    present_uk = {w: n for w, n in counts.items() if w in uk_us}
    present_us = {w: n for w, n in counts.items() if w in us_uk}
    if not present_uk and not present_us:
        return _DialectDrift({}, {}, [])
    words = set(ms.settings.words) | {w.lower() for w in ms.settings.words}
    minority: dict[str, str] = {}  # word -> what it should be
    summary: dict[str, str] = {}
    splits: list[tuple[str, object]] = []
    for family in (False, True):
        uk = {w: n for w, n in present_uk.items() if ize_family(w, uk_us[w]) == family}
        us = {w: n for w, n in present_us.items() if ize_family(us_uk[w], w) == family}
        n_uk, n_us = sum(uk.values()), sum(us.values())
        side = SpellingVariantDrift._side(ms, n_uk, n_us, family)
        if side is None:
            splits.extend(_split(ms, uk, us, family))
            continue
        kind = "-ise/-ize" if family else "US/UK"
        # One decision per manuscript: every word of the other dialect goes the manuscript's
        # way, even one the manuscript writes mostly the other way (saviour 6x beside savior
        # 3x in a US book). Letting each word's own majority decide sent honour -> honor and
        # savior -> saviour in one run, and the fixes never settled.
        if side == "us":
            wrong = {w: uk_us[w] for w in uk}
            summary_text = f"British spelling in a US-spelling manuscript ({kind}: US {n_us}×, British {n_uk}×)"
        else:
            wrong = {w: us_uk[w] for w in us}
            summary_text = f"US spelling in a British-spelling manuscript ({kind}: British {n_uk}×, US {n_us}×)"
        for w, right in wrong.items():
            minority[w] = right
            summary[w] = summary_text
    minority = {w: r for w, r in minority.items() if w not in words}
    return _DialectDrift(minority, summary, splits)


def _split(
    ms: Manuscript, uk: dict[str, int], us: dict[str, int], ize: bool
) -> list[tuple[str, object]]:
    """British and US spellings used about as often: one finding, a decision to make, where
    the second dialect first appears."""
    if not uk or not us or ms.settings.dialect.lower() not in ("auto", ""):
        return []
    firsts = []
    for words in (uk, us):
        hits = [h for h in (consistency.first_found(ms, w) for w in words) if h is not None]
        firsts.append(min(hits, key=consistency.order_of) if hits else None)
    if None in firsts:
        return []
    later = max(firsts, key=consistency.order_of)
    kind = "-ise/-ize" if ize else "US/UK"
    message = (
        f"{kind} spellings are mixed about evenly (British {sum(uk.values())}×, US "
        f'{sum(us.values())}×); choose one: dialect = "en-GB" or "en-US" in the config'
    )
    return [(message, later)]


# Made once, from the counts, for every document a check reads one at a time (see
# Manuscript.window); not kept for a later check of an edit, which runs no manuscript rule.
DIALECT_DRIFT: Fact[_DialectDrift] = Fact("dialect-drift", _dialect_drift, of_the_text=False)


def _variant_pairs() -> list[list[str]]:
    return data.load("spelling")["variant-pairs"]


def _variants(
    ms: Manuscript, pairs: list[list[str]], written: str | None = None
) -> dict[str, list]:
    """Where `ms` writes each form of the variant `pairs` (okay / OK), by the pair's first
    form, as (form, occurrence) in manuscript order: `OK` only in capitals, `okay` in any
    case; with `speech-drift = false`, none in speech. `written`: ms's joined text in
    lowercase, if at hand, to ask only for the forms it holds."""
    speech = not ms.settings.speech_drift
    low = written
    located: dict[str, list] = {}
    for forms in pairs:
        capitals = {f for f in forms if f.isupper()}  # OK, beside okay and ok
        found = []
        for form in forms:
            if low is not None and form.lower() not in low:
                continue  # not written here: no need to ask
            for para, s, e in ms.find_word(form, ignore_case=form not in capitals):
                written = para.text[s:e]
                if (form in capitals) != (written in capitals):
                    continue  # ok is not OK
                if speech and marks_of(para).speech_at(s) is not None:
                    continue
                found.append((form, Occurrence(para, s, e)))
        if found:
            found.sort(key=lambda item: consistency.order(item[1]))
            located[forms[0]] = found
    return located


@dataclass
class _VariantForms:
    """A tally (see Fact.add) of the variant pairs' forms: the phrases written (lowercase),
    and the uses and first use of each form, by the pair's first form."""

    phrases: set[str]
    forms: consistency.Forms


def _count_variants(ms: Manuscript) -> _VariantForms:
    pairs = _variant_pairs()
    low = lower(ms.joined_text())
    phrases = {
        form.lower()
        for forms in pairs
        for form in forms
        if (" " in form or "-" in form) and form.lower() in low
    }
    counts = consistency.count_forms(
        (key, form, occ) for key, found in _variants(ms, pairs, low).items() for form, occ in found
    )
    return _VariantForms(phrases, counts)


def _add_variants(total: _VariantForms, part: _VariantForms) -> _VariantForms:
    total.phrases |= part.phrases
    consistency.add_forms(total.forms, part.forms)
    return total


VARIANT_FORMS: Fact[_VariantForms] = tally("variant-forms", _count_variants, _add_variants)


_LEFT_HALF = re.compile(r"[^\W\d_]+\Z")
_RIGHT_HALF = re.compile(r"[^\W\d_]+")


def _compounds(text: str) -> Counter[str]:
    """Two-part hyphenated compounds (long-haired), lowercased, found from the hyphens: far
    fewer than the words, so this is quicker than a regex over every word."""
    found: Counter[str] = Counter()
    pos = text.find("-")
    while pos >= 0:
        if text[pos + 1 : pos + 2] != "-" and text[pos - 1 : pos] != "-":
            left = _LEFT_HALF.search(text, max(0, pos - 40), pos)
            right = _RIGHT_HALF.match(text, pos + 1)
            if left and right:
                # (At the text's start or end, nothing: a compound there counts too.)
                before = text[left.start() - 1 : left.start()]
                after = text[right.end() : right.end() + 1]
                if not (before.isalnum() or before in ("_", "-")) and not (
                    after.isalnum() or after in ("_", "-")
                ):
                    found[text[left.start() : right.end()].lower()] += 1
        pos = text.find("-", pos + 1)
    return found


def _count_compounds(ms: Manuscript) -> Counter[str]:
    text = ms.joined_text()
    return _compounds(text) if "-" in text else Counter()


# The hyphenated compounds, counted one document at a time (a tally: see Fact.add).
COMPOUNDS: Fact[Counter[str]] = tally("hyphenated-compounds", _count_compounds, add_counts)

# Read on first use (data.WordLists).
_HYPHENATION = data.WordLists("hyphenation")


@register
class HyphenationDrift(Rule):
    """The same compound written hyphenated and closed: `tea-cup` and `teacup`.

    What it flags
    The less common form of each compound the manuscript writes both ways (found from the
    manuscript itself, not a list): long-haired/longhaired, mid-morning/midmorning,
    to-morrow/tomorrow. Pairs that are different words (re-cover/recover) are in
    rules/hyphenation.yaml.

    Why
    Compounds close up over time and house styles differ; one manuscript keeps one form.

    Wrong
    She lifted her teacup. The teacup was chipped. He found another tea-cup.

    Right
    She lifted her teacup. The teacup was chipped. He found another teacup.
    """

    code = "C003"
    name = "hyphenation-drift"
    summary = "A compound written both hyphenated and closed (tea-cup / teacup)."
    scope = "manuscript"
    fixable = Applicability.UNSAFE

    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        counts = ms.fact(COMPOUND_PAIRS)
        if not counts:
            return
        groups = consistency.locate(ms, counts, prefer=ms.settings.prefer, ratio=_ratio(ms))
        yield from consistency.report(
            self,
            groups,
            prefer=ms.settings.prefer,
            ratio=_ratio(ms),
            label="hyphenation drift",
            ms=ms,
            replacement=lambda occ, majority: match_case(occ.text, majority),
        )


def _compound_pairs(ms: Manuscript) -> dict[str, dict[str, int]]:
    """C003's decision, made once from the counts: each compound the manuscript writes both
    hyphenated and closed, with both forms' counts."""
    hyphenated = ms.fact(COMPOUNDS)
    if not hyphenated:
        return {}
    lowered = lower_counts(ms)
    skip = set(data.load("hyphenation")["different-words"])
    story_words = {w.lower() for w in ms.settings.words}
    in_compounds: Counter[str] = Counter()  # uses of a word as half of a compound
    for compound, n in hyphenated.items():
        for part in compound.split("-"):
            in_compounds[part] += n
    counts: dict[str, dict[str, int]] = {}
    dictionary = None
    for compound, n in hyphenated.items():
        closed = compound.replace("-", "")
        if not lowered.get(closed) or any(compound.startswith(h) for h in skip if "-" in h):
            continue  # re-cover/recover and re-covering/recovering are different words
        if compound in story_words or closed in story_words:
            continue
        # Both halves must be words: s-harp and dear-est spell out how a word is said.
        dictionary = dictionary or english_dictionary()
        # (wai-ter, ur-gent: a word drawn out in speech).
        if all(
            lowered.get(part, 0) > in_compounds[part]
            or part in _HYPHENATION.short_compound_parts
            or (len(part) >= 3 and part in dictionary)
            for part in compound.split("-")
        ):
            counts[compound] = {compound: n, closed: lowered[closed]}
    return counts


# Made once from the counts for every document a check reads one at a time (see
# Manuscript.window); not kept for a later check of an edit, which runs no manuscript rule.
COMPOUND_PAIRS: Fact[dict[str, dict[str, int]]] = Fact(
    "compound-pairs", _compound_pairs, of_the_text=False
)


@register
class CapitalizationDrift(Rule):
    """A term capitalised in some places and not in others: `the Pack` / `the pack`.

    What it flags
    A term the manuscript capitalises after an article or possessive (the Lowmarket, the
    Pack, an Alpha) written in lowercase once or twice. Words that are ordinary dictionary
    words need a strong majority (five to one, at most two lowercase), since a capital on a
    common word is often meant (the River, the Order). Sentence starts and names followed by
    another capitalised word (the Red Bull) are not counted.

    Why
    Invented places and ranks (the Lowmarket, an Alpha) are proper nouns or they are not; a
    reader takes a capital as a signal.

    Wrong
    They met in the Lowmarket. The Lowmarket was loud. She left the Lowmarket at dawn and came back to the lowmarket at dusk.

    Right
    They met in the Lowmarket. The Lowmarket was loud. She left the Lowmarket at dawn and came back to the Lowmarket at dusk.
    """

    code = "C004"
    name = "capitalization-drift"
    summary = "A term capitalised in some places and not in others (the Pack / the pack)."
    scope = "manuscript"
    fixable = Applicability.UNSAFE
    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        ratio = _ratio(ms)
        groups = []
        # One document of many: the words it writes (None when not indexed: all searched).
        own = ms.fact(WORD_INDEX).at if ms.one_of_many else None
        for word, capital in ms.fact(CAPITAL_TERMS):
            low = word.lower()
            if own is not None and low not in own:
                continue  # neither form written here: nothing to report here
            # Report where the forms are comparable: after an article or possessive (the
            # Lowmarket / the lowmarket), not in Elm Street beside the street. In a check of
            # one document at a time, how often and where first the manuscript writes them
            # so comes from a tally (AFTER_ARTICLES).
            group = FormGroup(counts={}, firsts={})
            for form in (word, low):
                found = [
                    Occurrence(para, s, e)
                    for para, s, e in ms.find_word(form, ignore_case=False)
                    if para.text[s:e] == form and _after_article(para.text, s)
                ]
                if ms.one_of_many:
                    entry = ms.fact(AFTER_ARTICLES).get(form)
                    if entry is None:
                        continue
                    n, first = entry
                elif found:
                    n, first = len(found), found[0]
                else:
                    continue
                group.forms[form] = found
                # The capital's count is the whole manuscript's; its place, the first found.
                group.counts[form] = n if form == low else max(capital, n)
                group.firsts[form] = first
            if not group.competing:
                continue
            groups.append(group)
        yield from consistency.report(
            self,
            groups,
            prefer=ms.settings.prefer,
            ratio=ratio,
            label="capitalisation drift",
            ms=ms,
            replacement=lambda occ, majority: majority,
        )


def _capital_terms(ms: Manuscript) -> list[tuple[str, int]]:
    """C004's decision, made once from the counts: each term the manuscript capitalises in
    mid-sentence and also writes in lowercase, that may be drift, with its capitals' count."""
    capitals = mid_sentence_capitals(ms)
    words = word_counts(ms)
    ratio = _ratio(ms)
    preferred = {p.lower() for p in ms.settings.prefer}
    story_words = set(ms.settings.words)
    dictionary = None
    terms = []
    for word, capital in capitals.items():
        low = word.lower()
        lower = words.get(low, 0)
        if not lower or word in story_words or low in story_words:
            continue  # the config's words are written as the writer lists them
        if low not in preferred:
            # A term the manuscript treats as a proper noun (capitalised mid-sentence),
            # written once or twice in lowercase. A capital on a common word is usually
            # meant (the River of the lama's search, the Order of the masons): those need a
            # very strong majority.
            if capital < 2 or capital < ratio * lower:
                continue
            dictionary = dictionary or english_dictionary()
            if low in dictionary and (capital < 5 * lower or lower > 2):
                continue
        terms.append((word, capital))
    return terms


# Made once from the counts for every document a check reads one at a time (see
# Manuscript.window); not kept for a later check of an edit, which runs no manuscript rule.
CAPITAL_TERMS: Fact[list[tuple[str, int]]] = Fact(
    "capital-terms", _capital_terms, of_the_text=False
)

_ARTICLES = ("the", "a", "an", "this", "that", "our", "their", "his", "her", "its", "my", "your")
_ARTICLE_ENDS = re.compile(rf"(?<![^\W_])(?i:{'|'.join(_ARTICLES)})\Z")
_LONGEST_ARTICLE = max(map(len, _ARTICLES))


_AFTER_ARTICLE = re.compile(rf"(?<![^\W_])(?i:{'|'.join(_ARTICLES)})[^\S\n]+")


def _after_articles(ms: Manuscript) -> dict[str, list]:
    # word as written -> [uses, first use] after an article or possessive, as C004 finds them
    # with find_word and _after_article, for every word (a paragraph holds no line break).
    text = ms.joined_text()
    paragraphs = ms.fact(PARAGRAPH_INDEX)
    found: dict[str, list] = {}
    for m in _AFTER_ARTICLE.finditer(text):
        at = m.end()
        run = run_at(text, at)
        if run is None or len(run.lower()) != len(run):
            continue
        for form in index_forms(run.lower()):
            written = run[: len(form)]
            entry = found.get(written)
            if entry is not None:
                entry[0] += 1
                continue
            i = bisect_right(paragraphs.starts, at) - 1
            start = at - paragraphs.starts[i]
            occ = Occurrence(paragraphs.paragraphs[i], start, start + len(form))
            found[written] = [1, consistency.Place.of(occ)]
    return found


# Only a check of one document at a time asks for it (Manuscript.one_of_many); a check of
# the whole manuscript finds the few words it reports (a tally: see Fact.add).
AFTER_ARTICLES: Fact[dict[str, list]] = tally(
    "after-articles", _after_articles, consistency.add_found
)


def _after_article(text: str, start: int) -> bool:
    """Whether an article or possessive, then white space, comes just before `start`. It looks
    back only as far as those reach: a search from the paragraph's start to `start` made C004
    quadratic in a paragraph's length (a plain-text novel with no blank line is one paragraph:
    War and Peace so took 47 s instead of 2)."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < start and (
        _ARTICLE_ENDS.search(text, max(0, end - _LONGEST_ARTICLE), end) is not None
    )


@register
class NameTypo(Rule):
    """A rare word one or two letters away from a name the manuscript uses often.

    What it flags
    `Marucs` once in a manuscript with `Marcus` 240 times; `Dereck` beside `Derek`: one edit
    (a letter added, dropped, changed or two swapped) from a name used at least 20 times as
    often, with the same first letter. Not when the word is in the dictionary, in the config's
    `words`, written in lowercase elsewhere, the name with an ending (Marcuses, Rostóva), or in
    a passage that is not English (Alexandre in a French letter).

    Why
    Spell checkers skip capitalised words they do not know; a name typo survives every pass.

    Wrong
    Then Marcus ran and Marcus hid and Marcus sang and Marcus slept and Marcus woke and Marcus ate and Marcus left and Marcus came and Marcus sat and Marcus stood and Marcus read and Marcus wrote and Marcus swam and Marcus dug and Marcus cried and Marcus laughed and Marcus walked and Marcus talked and Marcus smiled and Marcus frowned. Then Marucs waved.

    Right
    Then Marcus ran and Marcus hid and Marcus sang and Marcus slept and Marcus woke and Marcus ate and Marcus left and Marcus came and Marcus sat and Marcus stood and Marcus read and Marcus wrote and Marcus swam and Marcus dug and Marcus cried and Marcus laughed and Marcus walked and Marcus talked and Marcus smiled and Marcus frowned. Then Marcus waved.
    """

    code = "C005"
    name = "name-typo"
    summary = "A rare word one or two letters away from a frequent name (Marucs / Marcus)."
    scope = "manuscript"
    fixable = Applicability.UNSAFE
    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        typos, counts, frequent = ms.fact(NAME_SLIPS)
        if not typos:
            return
        english = english_paragraphs(english_dictionary())
        for para, s, e in ms.find_words(typos, ignore_case=False):
            if not english(para):
                continue  # a French or German passage spells names its own way (Alexandre)
            word = para.text[s:e]
            name = typos[word]
            yield self.report(
                para,
                s,
                e,
                f"possible typo of a name: {word} ({counts[word]}×) vs {name} ({frequent[name]}×{_first_use(ms, name)})",
                name,
                safe=False,
            )


def _name_slips(ms: Manuscript) -> tuple[dict[str, str], Counter[str], dict[str, int]]:
    """C005's decision, made once from the counts: each rare word that is a slip of a
    frequent name (word -> name), the counts with possessives, and the frequent names."""
    # Count names with their possessives: Marucs’s is a typo of Marcus too.
    counts = without_possessives(word_counts(ms))
    # In a fixed order, the most frequent first (then A to Z): a word one letter from two
    # names (Anni: Anna, Anne) is taken for a typo of the first, in every run.
    frequent = dict(
        sorted(
            ((n, counts[n]) for n in manuscript_names(ms) if counts.get(n, 0) >= 20),
            key=lambda item: (-item[1], item[0]),
        )
    )
    if not frequent:
        return {}, counts, frequent
    words = {w.lower() for w in ms.settings.words}
    candidates = {
        w: n
        for w, n in counts.items()
        if n <= 2
        and len(w) >= 4
        and w[0].isupper()
        and w[1:].islower()
        and w not in frequent
        and "’" not in w
        and "'" not in w
        and w.lower() not in words
        and not counts.get(w.lower())  # never written in lowercase: not a common word
    }
    if not candidates:
        return {}, counts, frequent
    dictionary = english_dictionary()
    typos = {
        word: name
        for word, name in slips_of(candidates, frequent, 20).items()
        if word.lower() not in dictionary
    }
    return typos, counts, frequent


# Made once from the counts for every document a check reads one at a time (see
# Manuscript.window); not kept for a later check of an edit, which runs no manuscript rule.
NAME_SLIPS: Fact[tuple[dict[str, str], Counter[str], dict[str, int]]] = Fact(
    "name-slips", _name_slips, of_the_text=False
)


@register
class WordTypo(Rule):
    """A rare word no dictionary knows, one letter away from a word the manuscript uses often.

    What it flags
    `lanturn` once in a manuscript with `lantern` 20 times: one edit (a letter added, dropped,
    changed or two swapped) from a word used at least ten times, and ten times as often, with
    the same first letter. The manuscript's own words count as much as the dictionary's:
    `Lowmarkt` beside the town of `Lowmarket`. Not when the word is in the dictionary or the
    config's `words`, is the frequent word with an ending (`lanterns`), has an apostrophe
    (`goin'`: speech), is written only with a capital (a name: C005), or stands in a passage
    that is not English.

    Why
    A slip against the manuscript's own vocabulary is the one a spelling dictionary misses
    when the word is the writer's coinage, and its fix is not a guess: the manuscript spells it
    right everywhere else.

    Wrong
    She lifted the lantern. The lantern swung. The lantern hissed. The lantern dimmed. The lantern flared. The lantern rocked. The lantern glowed. The lantern cooled. The lantern sputtered. The lantern steadied. Then the lanturn went out.

    Right
    She lifted the lantern. The lantern swung. The lantern hissed. The lantern dimmed. The lantern flared. The lantern rocked. The lantern glowed. The lantern cooled. The lantern sputtered. The lantern steadied. Then the lanterns went out.
    """

    code = "C006"
    name = "word-typo"
    summary = (
        "A rare unknown word one letter from a word the manuscript uses often (lanturn / lantern)."
    )
    scope = "manuscript"
    fixable = Applicability.UNSAFE
    one_document_at_a_time = True

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        typos, frequent = ms.fact(WORD_SLIPS)
        if not typos:
            return  # most chapters: the dictionary is not even loaded
        folded = lower_counts(ms)
        dictionary = english_dictionary()
        english = english_paragraphs(dictionary)
        for para, s, e in ms.find_words(typos):
            if not english(para) or _spoken_or_foreign(para, s, e, dictionary):
                continue
            word = para.text[s:e]
            if not (word.islower() or word.isupper() or word.istitle()):
                continue  # SoCal, ACKing: a name or a term in its own case
            right = typos[word.lower()]
            yield self.report(
                para,
                s,
                e,
                f"possible typo: {word} ({folded[word.lower()]}×) vs {right} "
                f"({frequent[right]}×{_first_use(ms, right)})",
                match_case(word, right),
                safe=False,
            )


def _word_slips(ms: Manuscript) -> tuple[dict[str, str], dict[str, int]]:
    """C006's decision, made once from the counts: each rare unknown word that is a slip of
    a frequent word (word -> that word), and the frequent words with their counts."""
    folded = lower_counts(ms)
    written = word_counts(ms)
    # Words written in lowercase at least half the time: names are C005's.
    frequent = dict(
        sorted(
            (
                (w, n)
                for w, n in folded.items()
                if n >= _FREQUENT and len(w) >= 4 and written.get(w, 0) * 2 >= n
            ),
            key=lambda item: (-item[1], item[0]),
        )
    )
    if not frequent:
        return {}, frequent
    capitals = mid_sentence_capitals(ms)
    # Sounds typed as heard (thunk, bing) are no slips: rules/speech.yaml's spoken-sounds.
    words = {w.lower() for w in ms.settings.words} | lexicon().spoken_sounds
    candidates = [
        w
        for w, n in folded.items()
        if n <= 2
        and len(w) >= 4
        and w.isalpha()
        # written in lowercase somewhere, or capitalised only to start a sentence: not a name
        and (written.get(w) or not capitals.get(w.capitalize()))
        and w not in frequent
        and w not in words
    ]
    if not candidates:
        return {}, frequent
    near: dict[str, str] = {}
    one_letter_from = _one_letter_index(frequent)
    for word in candidates:
        right = one_letter_from(word)
        if right is None:
            continue
        if (
            word[0] != right[0]
            or word.startswith(right)
            or right.startswith(word)
            or frequent[right] < _FREQUENT * folded[word]
            or (len(word) <= 4 and not _dropped_or_swapped(word, right))
        ):
            continue
        near[word] = right
    if not near:
        return {}, frequent  # most chapters: the dictionary is not even loaded
    dictionary = english_dictionary()
    uk_us, us_uk = us_uk_pairs()
    # A real word, or a British or American spelling (C002's), is no slip.
    typos = {
        w: r for w, r in near.items() if w not in dictionary and w not in uk_us and w not in us_uk
    }
    return typos, frequent


# Made once from the counts for every document a check reads one at a time (see
# Manuscript.window); not kept for a later check of an edit, which runs no manuscript rule.
WORD_SLIPS: Fact[tuple[dict[str, str], dict[str, int]]] = Fact(
    "word-slips", _word_slips, of_the_text=False
)


_FREQUENT = 10  # uses of the right word, at least, and times as many as the slip's


def _one_letter_index(words: dict[str, int]):
    """A lookup of the first of `words` one letter (dropped, added, changed, or two swapped)
    from a given word. Each word is filed under itself and each of its one-letter deletions
    (two words one edit apart always share such a key), so a lookup costs a word's length in
    dictionary probes, not a comparison with every frequent word (War and Peace: 10,000
    rare words against 2,500 frequent ones)."""
    from rapidfuzz.distance import OSA  # lazy for start-up time, as in C005

    order = {w: i for i, w in enumerate(words)}
    keys: dict[str, list[str]] = {}
    for w in words:
        for key in {w, *_deletions(w)}:
            keys.setdefault(key, []).append(w)

    def lookup(word: str) -> str | None:
        found = {r for key in {word, *_deletions(word)} for r in keys.get(key, ())}
        near = [r for r in found if OSA.distance(word, r, score_cutoff=1) == 1]
        return min(near, key=order.__getitem__) if near else None

    return lookup


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _dropped_or_swapped(word: str, right: str) -> bool:
    """A short slip counts only as a letter dropped (wuld) or two swapped (jsut): a letter
    changed in four (gare, thay, tice) is as often a word of another language or an accent."""
    if len(word) < len(right):
        return True
    return sorted(word) == sorted(right)


def _spoken_or_foreign(para, start: int, end: int, dictionary) -> bool:
    """Whether the word may be a character's voice or another language, not a slip: in
    speech (an accent spells words its own way: conwict, bwother; the grammar engine's
    spelling judges speech word by word) or a character's own typing (see typed_voice), against an elision mark (givin’, ’bout), or among
    neighbours that are not English words either (mein Herr, c’est bien)."""
    text = para.text
    if marks_of(para).speech_at(start) is not None or typed_voice(para):
        return True  # a character's speech or own typing (`so i knwo`)
    if text[end : end + 1] in ("’", "'") or text[start - 1 : start] in ("’", "'"):
        return True
    if not text[start:end].isascii():
        return True  # sótnya, chargé
    around = _ANY_WORD.findall(text[max(0, start - 50) : start])[-3:]
    around += _ANY_WORD.findall(text[end : end + 50])[:3]
    strangers = sum(
        1 for w in around if not w.isascii() or (len(w) > 1 and w.lower() not in dictionary)
    )
    return strangers >= 2


_ANY_WORD = re.compile(r"[^\W\d_]+")


def _sentence_start(text: str, at: int) -> bool:
    before = char_back(text, at, " \t*_“‘\"'")
    return not before or before in ".!?:;—"


def _first_use(ms: Manuscript, name: str) -> str:
    """Where the manuscript first writes `name` as a word of its own (no letter or digit on
    either side), for a message. Found with str.find, not a regex: a regex that opens with a
    look-behind tries every position, which made a report per slip quadratic in a paragraph
    as long as a novel (a plain-text file with no blank line). A check of one document at a
    time reads it from a tally (FIRST_WRITTEN)."""
    if ms.one_of_many:
        place = ms.fact(FIRST_WRITTEN).get(name)
        return f", first in {place[0]}:{place[1]}" if place else ""
    for para in ms.body():
        text = para.text
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                return f", first in {Occurrence(para, at, end).where()}"
            at = text.find(name, at + 1)
    return ""


# What _first_use finds: a run of letters and digits, whole, or such runs joined by an
# apostrophe (O’Brien, don’t).
_RUN_OF_ALNUM = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")


def _first_written(ms: Manuscript) -> dict[str, tuple[str, int]]:
    # word -> (path, line) of its first use as _first_use finds it, for every word.
    first: dict[str, tuple[str, int]] = {}
    for para in ms.body():
        doc = para.document
        for m in _RUN_OF_ALNUM.finditer(para.text):
            token = m.group()
            if token in first:
                continue
            if "’" not in token and "'" not in token:
                runs = [(token, 0)]
            else:  # every stretch of its parts: O’Brien’s is O’Brien, Brien’s, Brien, …
                cuts = [0] + [i + 1 for i, ch in enumerate(token) if ch in "’'"]
                ends = [i for i, ch in enumerate(token) if ch in "’'"] + [len(token)]
                runs = [(token[a:b], a) for i, a in enumerate(cuts) for b in ends[i:]]
            for run, at in runs:
                if run not in first:
                    line, _ = doc.line_col(para.to_source(m.start() + at))
                    first[run] = (doc.display_path, line)
    return first


def _keep_first(
    total: dict[str, tuple[str, int]], part: dict[str, tuple[str, int]]
) -> dict[str, tuple[str, int]]:
    for word, place in part.items():
        total.setdefault(word, place)
    return total


# Only a check of one document at a time asks for it (Manuscript.one_of_many); a check of
# the whole manuscript searches it for the few words it reports.
FIRST_WRITTEN: Fact[dict[str, tuple[str, int]]] = tally(
    "first-written", _first_written, _keep_first
)
