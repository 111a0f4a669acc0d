"""What every grammar engine shares: the interface an engine gives (Engine), the
read-through cache that sends an engine only the paragraphs it has not seen (lint_through),
the bounds on what reaches an engine (for_engine), and the mapping of an engine's findings
to Diagnostics: their places in the source, the fix when one candidate is clearly best, the
manuscript's apostrophes, and no finding on words a ficlint finding already covers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from ficlint.errors import FiclintError
from ficlint.grammar.cache import MAX_REPLACEMENT, findings_of, record, valid_finding
from ficlint.grammar.wordforms import takes_a_capital, wrong_closing
from ficlint.progress import Progress
from ficlint.wordcounts import (
    POSSESSIVE_END,
    capital_slips,
    lower_counts,
    quote_style,
)

if TYPE_CHECKING:
    from ficlint.config import Settings
    from ficlint.document import Paragraph
    from ficlint.grammar.cache import ResultCache


class GrammarUnavailable(FiclintError):
    """The engine asked for cannot run here (not installed, no server)."""


class Engine(Protocol):
    """A grammar engine as ficlint.grammar.check runs it. The engine lints text and judges
    its own findings; which paragraphs it sees, and the cache, are lint_through's."""

    name: str  # the second part of its codes: G:harper:...
    about: str  # what it is, in a sentence (for `ficlint rule G:harper`)
    version: str  # stored with each cached record: another version lints again
    dialect: str  # ficlint.grammar.check sets the manuscript's own
    label: str  # the progress bar's text while it lints
    kinds: tuple[type, ...]  # the types of a stored finding's fields between span and fix
    # The words it was told (see tell), which it keys its cache on too.
    vouched: frozenset[str]

    @classmethod
    def create(cls, settings: Settings) -> Engine:
        """The engine, or GrammarUnavailable when it cannot run here (not installed, no
        server configured)."""
        ...

    def tell(self, words: frozenset[str]) -> None:
        """Words (lower-case, typewriter apostrophe) whose every spelling finding ficlint
        excuses (habits.engine_words), before it lints: an engine may take them as words and
        spend no time on them."""
        ...

    def key(self, text: str) -> str:
        """The cache key of a paragraph: its text, and whatever about the engine and its
        settings changes what it finds."""
        ...

    def lint(self, texts: dict[str, str], fresh: dict[str, list], progress: Progress) -> None:
        """Lint each text (by its key) into `fresh`, a list of [start, end, *fields,
        replacement] each, advancing `progress`. What is in `fresh` when it raises is still
        cached."""
        ...

    def diagnostics(self, ms, linted: list[Linted], known: set[str]) -> list[Diagnostic]:
        """The findings to report, out of every paragraph's; `known` holds the words that are
        never spelling mistakes (see ficlint.grammar.habits.story_words)."""
        ...

    def notices(self) -> tuple[str, ...]:
        """Lines for the user about the run (a server's malformed answers)."""
        ...

    @property
    def server(self) -> str | None:
        """The URL of the server the text was sent to, if any."""
        ...

    def close(self) -> None:
        """Let go of what the engine started (a local server)."""
        ...


@dataclass(frozen=True)
class Linted:
    """A paragraph and the engine's findings on it (from the cache, or fresh)."""

    para: Paragraph
    found: list[list]


@dataclass
class Lint:
    """What lint_through hands back: each paragraph the engine saw with its findings, and
    what was held back from it."""

    linted: list[Linted] = field(default_factory=list)
    held_back: list = field(default_factory=list)  # paragraphs not sent (see for_engine)
    long_words: int = 0  # words blanked out before the engine saw them
    # Paragraphs sent that the engine gave no findings for: one over its time budget.
    unchecked: list = field(default_factory=list)


def lint_through(engine: Engine, ms, cache: ResultCache | None) -> Lint:
    """Every paragraph's findings, read through the cache: a paragraph the cache holds (for
    this engine, its version and this text) is not linted again; the others go to the
    engine, guarded (see for_engine), and what comes back is checked as a stored record is
    (see valid_finding) and cached."""
    out = Lint()
    paragraphs, sent = [], {}  # id(paragraph) -> the text the engine sees
    for doc in ms.documents:
        for para in doc.paragraphs:
            guarded = for_engine(para.text)
            if guarded.text is None:
                out.held_back.append(para)
                continue
            out.long_words += guarded.long_words
            sent[id(para)] = guarded.text
            paragraphs.append(para)
    keys = [engine.key(para.text) for para in paragraphs]
    stored = cache.get_many(keys) if cache is not None else {}
    cached: dict[str, list] = {}
    for para, k in zip(paragraphs, keys, strict=True):
        if k in stored and k not in cached:
            found = findings_of(stored[k], engine.name, engine.version, para.text, engine.kinds)
            if found is not None:
                cached[k] = found
    # Each text once, in the order of the last paragraph that has it (the order
    # LanguageTool's batches are made in).
    last = {k: i for i, k in enumerate(keys) if k not in cached}
    missing = {keys[i]: sent[id(paragraphs[i])] for i in sorted(last.values())}
    fresh: dict[str, list] = {}
    if missing:
        try:
            with Progress(len(missing), engine.label, ms.progress) as progress:
                engine.lint(missing, fresh, progress)
        finally:
            fresh = {
                k: [f for f in found if valid_finding(f, missing[k], engine.kinds)]
                for k, found in fresh.items()
            }
            if cache is not None:
                # What did come back is kept, even after a failure.
                text_of = {k: paragraphs[i].text for k, i in last.items()}
                cache.put_many(
                    {
                        k: record(engine.name, engine.version, text_of[k], found)
                        for k, found in fresh.items()
                    }
                )
    for para, k in zip(paragraphs, keys, strict=True):
        found = cached.get(k, fresh.get(k))
        if found is None:
            out.unchecked.append(para)
        else:
            out.linted.append(Linted(para, found))
    return out


def finding(
    para,
    start: int,
    end: int,
    engine: str,
    rule: str,
    name: str,
    message: str,
    replacement: str | None,
) -> Diagnostic:
    """A grammar engine's finding on paragraph characters start..end, as a Diagnostic at its
    place in the source. An engine's suggestion is a guess: only --apply-suggestions writes it."""
    src_start, src_end = para.span(start, end)
    fix = None
    if replacement is not None:
        fix = Fix((Edit(src_start, src_end, replacement),), Applicability.SUGGESTION)
    return Diagnostic(
        para.document,
        src_start,
        src_end,
        f"G:{engine}:{rule}",
        name,
        message,
        Severity.WARNING,
        fix,
        source=engine,
    )


def joined_candidates(replacements: list[str]) -> str | None:
    """An engine's candidates as one stored string: the first four, tab-joined, within the
    cache's limit on a replacement."""
    joined = "\t".join(r for r in replacements[:4] if "\t" not in r)
    while len(joined) > MAX_REPLACEMENT and "\t" in joined:
        joined = joined.rsplit("\t", 1)[0]
    return joined or None


def either(candidates: list[str]) -> str:
    """‘door’, ‘dorm’ or ‘dory’?: the candidates a message lists when none is clearly best."""
    shown = [f"‘{c}’" for c in candidates[:3]]
    return f"{', '.join(shown[:-1])} or {shown[-1]}?"


def offered(word: str, candidates: list[str]) -> list[str]:
    """The candidates worth offering for `word`: a capitalised name is never one for a word
    typed in lowercase (jiaozi -> Xiaomi), but the word itself in capitals is (i -> I)."""
    if word[:1].islower():
        same = _plain(word).lower()
        return [c for c in candidates if not c[:1].isupper() or _plain(c).lower() == same]
    return candidates


def _plain(word: str) -> str:
    """The word as Harper reads it (ficlint.grammar.harper sends ’ as ')."""
    return word.replace("’", "'")


def fix_and_message(
    ms, word: str, message: str, candidates: list[str], spelling: bool = False
) -> tuple[str | None, str]:
    """An engine's finding made honest: the fix when one candidate is clearly best (see
    clear_best); otherwise the close candidates listed in the message, and an engine message
    that names a candidate ficlint does not offer (`Did you mean Xiaomi?`) said plainly. A
    misspelling (`spelling`) that closes up two words by mistake (alot) has the two words as
    its fix, a slip of one of the manuscript's proper nouns (Clutser) has that noun, and a
    people's, language's or day's name in lowercase (hispanic) has its capital."""
    if spelling:
        if candidates and takes_a_capital(word, candidates[0]):  # hispanic, sunday
            return candidates[0], f"`{word}` takes a capital: `{candidates[0]}`"
        opened = wrong_closing(word)
        if opened is not None:
            return opened, f"`{word}` is two words: `{opened}`"
        bare = POSSESSIVE_END.sub("", word)
        slip = capital_slips(ms).get(bare)
        if slip is not None:  # Clutser’s: Cluster’s
            fix = slip.name + word[len(bare) :]
            return (
                fix,
                f"Did you mean `{slip.name}`, as the manuscript writes it {slip.times} times?",
            )
    fix = clear_best(ms, word, candidates)
    if fix is not None:
        return fix, message
    usable = offered(word, candidates)
    if any(f"`{c}`" in message for c in candidates if c not in usable):
        message = f"Did you mean to spell `{word}` this way?"
    if len(usable) > 1:
        message = f"{message} ({either(usable)})"
    return None, message


def clear_best(ms, word: str, candidates: list[str]) -> str | None:
    """The engine's candidate to offer as the fix, when one is clearly best: the only one
    (a capitalised name never fixes a lowercase word, see offered); the only one the
    manuscript itself uses (dorr -> door where the book writes door); or the one nearest the
    word as typed, where the others are further (lanturn -> lantern). None when several are as
    close (chai: chad, chair, chain): then the message lists them and no fix is offered."""
    candidates = offered(word, candidates)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    from rapidfuzz.distance import OSA  # lazy for start-up time, as in C005

    counts = lower_counts(ms)
    used = [c for c in candidates if " " not in c and counts.get(c.lower(), 0) > 0]
    if len(used) == 1:
        return used[0]
    typed = _plain(word).lower()  # an apostrophe is no edit: Harper's candidates have '
    distances = [OSA.distance(typed, _plain(c).lower()) for c in candidates]
    nearest = min(distances)
    best = [c for c, d in zip(candidates, distances, strict=True) if d == nearest]
    return best[0] if len(best) == 1 else None


def in_house_style(ms, found: list[Diagnostic]) -> list[Diagnostic]:
    """Engines suggest typewriter apostrophes (they're); in a curly manuscript the fix
    writes ’, so that it never brings in the minority style."""
    if not any("'" in e.replacement for d in found if d.fix for e in d.fix.edits):
        return found
    if not quote_style(ms).curly:
        return found
    for d in found:
        if d.fix and any("'" in e.replacement for e in d.fix.edits):
            d.fix = replace(
                d.fix,
                edits=tuple(
                    replace(e, replacement=e.replacement.replace("'", "’")) for e in d.fix.edits
                ),
            )
    return found


def without_duplicates(found: list[Diagnostic], ours: list[Diagnostic]) -> list[Diagnostic]:
    """Drop grammar findings on words a ficlint finding already covers whole (a doubled
    word, a typo of a word the manuscript uses, the comma before a tag). A ficlint finding
    on part of them is about something else: a straight apostrophe (Q002) says nothing of
    the spelling of `handn't` or of `it's` for its."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for d in ours:
        spans.setdefault(id(d.document), []).append((d.start, d.end))
    kept = []
    for d in found:
        if any(s <= d.start and d.end <= e for s, e in spans.get(id(d.document), ())):
            continue
        kept.append(d)
    return kept


# What reaches an engine is bounded by shape, measured with Harper (harper-py 0.x, /usr/bin/time
# -v, peak RSS over a 160 MB base): a word of 100 letters costs 250 MB, of 500 letters 480
# MB, of 5,000 letters 2.6 GB (its spelling suggestions); 8,000 nested brackets take 60 s,
# twice as many four times as long. Prose itself is cheap: a 1,000,000-character paragraph
# of Doyle takes 295 MB. No writer writes a 100-letter word or brackets 20 deep.
LONGEST_WORD = 100


DEEPEST_BRACKETS = 20


_LONG_WORD = re.compile(rf"[^\W_]{{{LONGEST_WORD + 1},}}")


_URL = re.compile(r"\b(?:https?://|www\.)\S+")


_BRACKETS = re.compile(r"[()\[\]{}]")


@dataclass
class Guarded:
    """Text for an engine, offsets unchanged, and what was held back from it."""

    text: str | None  # None: the whole paragraph is held back
    long_words: int = 0


def for_engine(text: str) -> Guarded:
    """The paragraph as an engine may see it: each word over LONGEST_WORD letters (not part
    of a link) blanked out with spaces, so every offset holds; None when brackets nest more
    than DEEPEST_BRACKETS deep (the house rules still check it)."""
    if _too_deep(text):
        return Guarded(None)
    if not _LONG_WORD.search(text):
        return Guarded(text)
    links = [m.span() for m in _URL.finditer(text)]
    parts, last, blanked = [], 0, 0
    for m in _LONG_WORD.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in links):
            continue
        parts += [text[last : m.start()], " " * (m.end() - m.start())]
        last = m.end()
        blanked += 1
    parts.append(text[last:])
    return Guarded("".join(parts), blanked)


def _too_deep(text: str) -> bool:
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "([{" else max(0, depth - 1)
        if depth > DEEPEST_BRACKETS:
            return True
    return False


def held_back_notice(lint: Lint, engine: str) -> list[str]:
    """One notice for the paragraphs held back from the engine, one for the long words, one
    for the paragraphs the engine did not finish in time."""
    notices = []
    long_words = lint.long_words
    if lint.held_back:
        nested = f"with brackets nested over {DEEPEST_BRACKETS} deep not sent to {engine}"
        notices.append(_paragraphs_notice(lint.held_back, nested))
    if long_words:
        notices.append(
            f"{long_words} word{'s' if long_words != 1 else ''} over {LONGEST_WORD} letters "
            f"not sent to {engine} (no dictionary holds {'them' if long_words != 1 else 'it'})"
        )
    if lint.unchecked:
        late = f"left unchecked by {engine}, which took longer than its time budget"
        notices.append(_paragraphs_notice(lint.unchecked, late))
    return notices


def _paragraphs_notice(paragraphs: list, what: str) -> str:
    first = paragraphs[0]
    line, _ = first.document.line_col(first.span(0, 0)[0])
    n = len(paragraphs)
    return (
        f"{n} paragraph{'s' if n != 1 else ''} {what} (first at "
        f"{first.document.display_path}:{line}); ficlint's own rules still checked "
        f"{'them' if n != 1 else 'it'}"
    )
