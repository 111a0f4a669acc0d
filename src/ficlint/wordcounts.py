"""The manuscript's facts and the language's, each made once and shared by the rules and the
grammar layer: word counts over the whole manuscript (made with C-speed regex over the
joined prose; names, drift), the English dictionary and word use, the US/UK spelling pairs,
and the manuscript's quote style."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ficlint import data
from ficlint.dialogue import lexicon
from ficlint.manuscript import Fact, Manuscript, add_counts, add_sets, pieces, tally
from ficlint.quotation import APOSTROPHE, DOUBLE, SINGLE, marks_of

if TYPE_CHECKING:
    from ficlint.paragraph import Paragraph

# A word as the counts take it: letters, with an apostrophe inside (don’t, Bingley’s).
WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
# A capitalised word (the character before it is looked at in Python: far fewer matches than
# characters, and quicker than a lookbehind at every position).
_CAPITAL_WORD = re.compile(
    r"(?<![\w’'])[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f][^\W_]+(?:[’'][^\W_]+)*"
)
_SENTENCE_OPENERS = frozenset(".!?“‘\"'—:;(…\n")


def _count_words(ms: Manuscript) -> Counter[str]:
    # A piece at a time, cut at paragraph breaks (no word crosses one): a list of every word
    # of the joined text at once took 82 MB for the eight corpus novels together, for a
    # Counter of 3 MB.
    text, counts = ms.joined_text(), Counter()
    for start, end in pieces(text):
        counts.update(WORD.findall(text, start, end))
    return counts


def _fold_counts(ms: Manuscript) -> Counter[str]:
    folded: Counter[str] = Counter()
    for word, n in word_counts(ms).items():
        folded[word.lower()] += n
    return folded


def _count_mid_sentence_capitals(ms: Manuscript) -> Counter[str]:
    return mid_sentence_capitals_in(ms.joined_text())


def mid_sentence_capitals_in(text: str) -> Counter[str]:
    """The words `text` capitalises in mid-sentence (see mid_sentence_capitals), counted."""
    found: Counter[str] = Counter()
    for m in _CAPITAL_WORD.finditer(text):
        word = m.group()
        if not word[1:].islower():
            continue
        j = m.start() - 1
        while j >= 0 and text[j] in " \t*_":
            j -= 1
        if j >= 0 and text[j] not in _SENTENCE_OPENERS:
            found[word] += 1
    return found


# A possessive's ending (Tobias’s, the Joneses’), to take the word without it.
POSSESSIVE_END = re.compile(r"[’'](?:s)?$")


WORD_COUNTS: Fact[Counter[str]] = tally("word-counts", _count_words, add_counts)
LOWER_COUNTS: Fact[Counter[str]] = Fact("lower-counts", _fold_counts)
MID_SENTENCE_CAPITALS: Fact[Counter[str]] = tally(
    "mid-sentence-capitals", _count_mid_sentence_capitals, add_counts
)


def word_counts(ms: Manuscript) -> Counter[str]:
    """How often each word occurs, as written (case kept)."""
    return ms.fact(WORD_COUNTS)


def lower_counts(ms: Manuscript) -> Counter[str]:
    """How often each word occurs, case folded."""
    return ms.fact(LOWER_COUNTS)


def mid_sentence_capitals(ms: Manuscript) -> Counter[str]:
    """Capitalised words (Tobias, Lowmarket) counted where they do not start a sentence."""
    return ms.fact(MID_SENTENCE_CAPITALS)


def slips_of(candidates: dict[str, int], frequent: dict[str, int], ratio: int) -> dict[str, str]:
    """Each candidate (word -> its count) that reads as a slip of a frequent word (word -> its
    count, the first taken where two are as near): one edit away (a letter added, dropped,
    changed or two swapped), the same first letter, not the word with an ending (Rostóvs,
    Rostóva), and the frequent word used at least `ratio` times as often. Word -> the frequent
    word."""
    if not candidates or not frequent:
        return {}
    from rapidfuzz import process  # lazy, for start-up time
    from rapidfuzz.distance import OSA

    choices = list(frequent)
    slips: dict[str, str] = {}
    for word, n in candidates.items():
        best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=1)
        if best is None:
            continue
        right = best[0]
        if (
            word[0] != right[0]  # a slip keeps the first letter: Wostóvs is Denisov's lisp
            or word.startswith(right)
            or right.startswith(word)
            or frequent[right] < ratio * n
        ):
            continue
        slips[word] = right
    return slips


def _capital_slips(ms: Manuscript) -> dict[str, Slip]:
    """Capitalised words (Clutser) written at most SLIP_MOST times and never in lowercase,
    each one edit from a word (Cluster) the manuscript capitalises in mid-sentence, as a
    proper noun, at least SLIP_RATIO times and SLIP_RATIO times as often. Words are taken
    without a possessive's ending (Beth’s is Beth), so that one is no slip of the other.
    Word -> that word and how often the manuscript writes it. The config's words are the
    writer's, never slips."""
    counts = without_possessives(word_counts(ms))
    own = {w.lower() for w in ms.settings.words}
    proper = without_possessives(mid_sentence_capitals(ms))
    frequent = dict(
        sorted(
            ((w, n) for w, n in proper.items() if n >= SLIP_RATIO),
            key=lambda item: (-item[1], item[0]),  # in a fixed order: the same fix every run
        )
    )
    candidates = {
        w: n
        for w, n in counts.items()
        if n <= SLIP_MOST
        and len(w) >= 4
        and w[:1].isupper()
        and w[1:].islower()
        and not counts.get(w.lower())
        and w.lower() not in own
    }
    return {
        word: Slip(name, counts[name])
        for word, name in slips_of(candidates, frequent, SLIP_RATIO).items()
    }


def without_possessives(counts: Counter[str]) -> Counter[str]:
    """The counts with a possessive counted as its word (Marcus’s as Marcus)."""
    bare: Counter[str] = Counter()
    for word, n in counts.items():
        bare[POSSESSIVE_END.sub("", word)] += n
    return bare


# A capitalised word written at most SLIP_MOST times is a slip of a proper noun written at
# least SLIP_RATIO times, and SLIP_RATIO times as often.
SLIP_MOST = 2
SLIP_RATIO = 5


class Slip(NamedTuple):
    name: str  # the word as the manuscript writes it
    times: int  # how often, its possessive included


CAPITAL_SLIPS: Fact[dict[str, Slip]] = Fact("capital-slips", _capital_slips)


def capital_slips(ms: Manuscript) -> dict[str, Slip]:
    """Rare capitalised words that are slips of the manuscript's proper nouns: `the Clutser`
    beside `the Cluster` 9 times, `Seargeant` beside `Sergeant`. Word (without a possessive's
    ending) -> the proper noun, and how often the manuscript writes it."""
    return ms.fact(CAPITAL_SLIPS)


@lru_cache(maxsize=1)
def english_dictionary():
    """An English word list (pyspellchecker's), for telling a typo from a real word: `word
    in english_dictionary()`. Read from disk a word at a time (ficlint.wordstore)."""
    from ficlint import wordstore  # lazy for start-up time

    return wordstore.english()


def zipf(word: str) -> float:
    """How often English writers use `word` today, on the Zipf scale (log10 of uses per
    billion words: `the` 7.7, `fretboard` 2.3; rarer than 1.5, once in 30 million words, or
    never seen: 0, as half the list is not kept), by wordfreq's counts over
    books, news, film subtitles and the web (321,000 words). It knows the words of now that
    a dictionary lacks (fretboard, chipotle, mansplaining), and common slips as well
    (becuase): see ficlint.grammar.wordforms.in_current_use for telling them apart."""
    from ficlint import wordstore  # lazy for start-up time

    bucket = wordstore.word_use().value(word)
    return 0.0 if bucket is None else round(9 - bucket / 100, 2)


# Facts about the language (US/UK pairs) and about the manuscript's marks (quote style),
# read by the rules and by the grammar layer alike: they ask this module, never each other.


@lru_cache(maxsize=1)
def us_uk_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """(British -> American, American -> British) spellings, without words right in both."""
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

    lists = data.load("spelling")
    skip = set(lists["both-dialects"]) | set(lists["not-variants"])
    uk_us = {
        uk: us for uk, us in BRITISH_ENGLISH_SPELLINGS.items() if uk not in skip and us not in skip
    }
    us_uk = {
        us: uk for us, uk in AMERICAN_ENGLISH_SPELLINGS.items() if uk not in skip and us not in skip
    }
    return uk_us, us_uk


def ize_family(uk: str, us: str) -> bool:
    """organise / organize: Oxford spelling keeps -ize in British English, so -ise/-ize is
    judged on its own, apart from the other US/UK differences."""
    return len(uk) == len(us) and [(a, b) for a, b in zip(uk, us, strict=True) if a != b] == [
        ("s", "z")
    ]


def reads_as_english(text: str, dictionary) -> bool:
    """Whether a passage reads as English: under four lowercase words, or six in ten of them
    in the English `dictionary` (a French or German sentence does not)."""
    words = _ENGLISH_WORDS.findall(text)
    if len(words) < 4:
        return True
    return sum(1 for w in words if w in dictionary) >= 0.6 * len(words)


def english_paragraphs(dictionary) -> Callable[[Paragraph], bool]:
    """reads_as_english of a paragraph's text, each paragraph read once: a rule asks once for
    every word it reports, and a paragraph as long as a novel (a plain-text file with no blank
    line) was read again for each (War and Peace: 49 million lookups, 27 s)."""
    seen: dict[int, bool] = {}  # by id: the paragraphs outlive the rule's loop

    def english(para: Paragraph) -> bool:
        found = seen.get(id(para))
        if found is None:
            found = seen[id(para)] = reads_as_english(para.text, dictionary)
        return found

    return english


# Read on first use (data.WordLists).
_ADDRESS = data.WordLists("direct-address")
_ENGLISH_WORDS = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")


_SHAPES = {APOSTROPHE: ("’", "'"), DOUBLE: ("“ ”", '"'), SINGLE: ("‘ ’", "'")}
_NAMES = {
    APOSTROPHE: "apostrophes",
    DOUBLE: "double quotation marks",
    SINGLE: "single quotation marks",
}


@dataclass(frozen=True)
class QuoteStyle:
    """The manuscript's typographic style, from the config or from the majority of its marks."""

    curly: bool
    pinned: bool  # set in the config rather than inferred
    # (category, is_curly) -> count; category is APOSTROPHE, DOUBLE or SINGLE (quotation marks)
    counts: dict[tuple[str, bool], int]
    dialogue: str  # DOUBLE or SINGLE
    dialogue_pinned: bool
    double_dialogue: int
    single_dialogue: int

    def why(self, category: str) -> str:
        """The reason a mark is in the minority, with the counts, for a finding's message."""
        if self.pinned:
            return f'the config sets quotes = "{"curly" if self.curly else "straight"}"'
        curly, straight = self.counts[(category, True)], self.counts[(category, False)]
        if (curly >= straight) != self.curly:
            # This kind of mark alone disagrees with the rest: say so, counting like with like
            # (apostrophes with apostrophes), never quotation marks as apostrophes.
            major, minor = ("curly", "straight") if self.curly else ("straight", "curly")
            rest = [c for c in (APOSTROPHE, DOUBLE, SINGLE) if c != category]
            rest_major = sum(self.counts[(c, self.curly)] for c in rest)
            rest_minor = sum(self.counts[(c, not self.curly)] for c in rest)
            own_major = curly if self.curly else straight
            own_minor = straight if self.curly else curly
            others = "quotation marks" if category == APOSTROPHE else "other marks"
            return (
                f"this manuscript's {others} are {major} ({rest_major:,} over {rest_minor:,} "
                f"{minor}), and its {_NAMES[category]} follow them, though {own_minor:,} are "
                f"{minor} and {own_major:,} {major}"
            )
        shapes = _SHAPES[category]
        if curly == straight:
            return (
                f"this manuscript has as many {shapes[0]} as {shapes[1]} ({curly:,} each); "
                f'ficlint takes curly: set quotes = "straight" in the config to choose the other'
            )
        major, minor = shapes if self.curly else shapes[::-1]
        counts = (curly, straight) if self.curly else (straight, curly)
        return f"this manuscript uses {major} ({counts[0]:,}) over {minor} ({counts[1]:,})"


def _count_marks(ms: Manuscript) -> Counter:
    # (category, is_curly) -> marks, and DOUBLE and SINGLE -> closed outermost quotations.
    counts: Counter = Counter(
        {(cat, c): 0 for cat in (APOSTROPHE, DOUBLE, SINGLE) for c in (True, False)}
    )
    for para in ms.paragraphs():
        parsed = marks_of(para)
        for m in parsed.marks:
            category = APOSTROPHE if m.role == APOSTROPHE else m.kind
            counts[(category, not m.straight)] += 1
        for q in parsed.quotations:
            if q.parent is None and q.close is not None:
                counts[DOUBLE if q.kind == DOUBLE else SINGLE] += 1
    return counts


MARK_COUNTS: Fact[Counter] = tally("mark-counts", _count_marks, add_counts)


def _quote_style(ms: Manuscript) -> QuoteStyle:
    marks = ms.fact(MARK_COUNTS)
    counts = {
        (cat, c): marks[(cat, c)] for cat in (APOSTROPHE, DOUBLE, SINGLE) for c in (True, False)
    }
    dd, sd = marks[DOUBLE], marks[SINGLE]
    settings = ms.settings
    if settings.quotes == "auto":
        curly_total = sum(n for (_, c), n in counts.items() if c)
        straight_total = sum(n for (_, c), n in counts.items() if not c)
        curly, pinned = curly_total >= straight_total, False
    else:
        curly, pinned = settings.quotes == "curly", True
    if settings.dialogue_quotes == "auto":
        dialogue, dpinned = (DOUBLE if dd >= sd else SINGLE), False
    else:
        dialogue, dpinned = settings.dialogue_quotes, True
    return QuoteStyle(curly, pinned, counts, dialogue, dpinned, dd, sd)


QUOTE_STYLE: Fact[QuoteStyle] = Fact("quote-style", _quote_style)


def quote_style(ms: Manuscript) -> QuoteStyle:
    """The manuscript's quote style: its majority, or what the config sets."""
    return ms.fact(QUOTE_STYLE)


def _dialect(ms: Manuscript) -> str:
    if ms.settings.dialect.lower() not in ("auto", ""):
        return ms.settings.dialect
    uk_us, us_uk = us_uk_pairs()
    uk = us = 0
    for word, n in lower_counts(ms).items():
        if word in uk_us and not ize_family(word, uk_us[word]):
            uk += n
        elif word in us_uk and not ize_family(us_uk[word], word):
            us += n
    return "en-GB" if uk > us else "en-US"


DIALECT: Fact[str] = Fact("dialect", _dialect)


def manuscript_dialect(ms: Manuscript) -> str:
    """The config's dialect, or (auto) British when the manuscript's British spellings
    outnumber its American ones: Austen's honour and favourably are not misspellings. What
    the grammar engines' dictionaries are set to."""
    return ms.fact(DIALECT)


# Facts about the manuscript's people, read from its counts with the speech lexicon.


def _manuscript_names(ms: Manuscript) -> frozenset[str]:
    lex = lexicon()
    lower = word_counts(ms)
    capital = mid_sentence_capitals(ms)
    skip = lex.pronouns | lex.determiners | lex.titles | lex.not_names
    names = {
        word
        for word, n in capital.items()
        if n >= 2
        and lower[word.lower()] * 10 <= n
        and word.lower() not in skip
        and not (word[0] == "I" and word[1:2] in ("’", "'"))  # I’ll, I’ve
    }
    names.update(w for w in ms.settings.words if w[:1].isupper())
    return frozenset(names)


NAMES: Fact[frozenset[str]] = Fact("names", _manuscript_names)


def manuscript_names(ms: Manuscript) -> frozenset[str]:
    """Characters' names: capitalised words that recur mid-sentence and are never (or hardly
    ever) written in lowercase, plus the config's `words` that are capitalised."""
    return ms.fact(NAMES)


def _told_in_past(ms: Manuscript) -> bool:
    counts = lower_counts(ms)
    return counts["said"] >= 3 * max(1, counts["says"])


TOLD_IN_PAST: Fact[bool] = Fact("told-in-past", _told_in_past)


def told_in_past(ms: Manuscript) -> bool:
    """Whether the manuscript tells its dialogue in the past tense: `said` at least three times
    as often as `says` (a present-tense draft writes `says` more)."""
    return ms.fact(TOLD_IN_PAST)


def _spoken_to(ms: Manuscript) -> set[str]:
    # Capitalised words where only a name spoken to can stand, that are no pronoun, term of
    # address or the like: what _address_names takes when the counts say it is a name.
    lex = lexicon()
    skip = lex.pronouns | lex.determiners | lex.not_names | lex.clause_openers
    openers = "|".join(sorted(lex.address_openers | lex.interjections | _ADDRESS.vocative_openers))
    close = "[?!.]?[”’\"']"
    vocative = re.compile(
        rf",[ \t]+([A-Z][a-z]+)(?={close})"  # “Is that you, Vashti?”
        rf"|[“‘\"'](?i:{openers}),?[ \t]+([A-Z][a-z]+)(?=[,?!]|{close})"  # “Hey Vashti!”
    )
    return {
        word
        for pair in vocative.findall(ms.joined_text())
        for word in pair
        if word and word.lower() not in skip and word.lower() not in lex.address_terms
    }


SPOKEN_TO: Fact[set[str]] = tally("spoken-to", _spoken_to, add_sets)


def _address_names(ms: Manuscript) -> frozenset[str]:
    lex = lexicon()
    written = word_counts(ms)
    folded = lower_counts(ms)
    # A given name is a name here unless the manuscript writes it as a word (a lowercase
    # use for every ten capitalised ones, as manuscript_names counts).
    given = {
        name
        for name in lex.given_names
        if written[name] and written[name.lower()] * 10 <= written[name]
    }
    learned = {word for word in ms.fact(SPOKEN_TO) if folded[word.lower()] == written[word]}
    return manuscript_names(ms) | given | learned


ADDRESS_NAMES: Fact[frozenset[str]] = Fact("address-names", _address_names)


def address_names(ms: Manuscript) -> frozenset[str]:
    """Names a speaker may call someone by: the characters' names, common given names the
    manuscript never writes in lowercase, and a capitalised word the manuscript uses once
    where only a name spoken to can stand (“Is that you, Vashti?”, “Hey Vashti!”, after an
    interjection: “Um Vashti?”)."""
    return ms.fact(ADDRESS_NAMES)
