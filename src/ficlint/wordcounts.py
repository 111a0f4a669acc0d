"""Word counts over the whole manuscript, made once per run with C-speed regex over the joined
prose and shared by the rules that learn from the manuscript (names, drift)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ficlint.engine import Manuscript

_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
# A capitalised word (the character before it is looked at in Python: far fewer matches than
# characters, and quicker than a lookbehind at every position).
_CAPITAL_WORD = re.compile(
    r"(?<![\w’'])[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f][^\W_]+(?:[’'][^\W_]+)*"
)
_SENTENCE_OPENERS = frozenset(".!?“‘\"'—:;(…\n")


def word_counts(ms: Manuscript) -> Counter[str]:
    """How often each word occurs, as written (case kept)."""
    return ms.memo("word-counts", lambda ms: Counter(_WORD.findall(ms.joined_text())))


def lower_counts(ms: Manuscript) -> Counter[str]:
    """How often each word occurs, case folded."""

    def compute(ms: Manuscript) -> Counter[str]:
        folded: Counter[str] = Counter()
        for word, n in word_counts(ms).items():
            folded[word.lower()] += n
        return folded

    return ms.memo("lower-counts", compute)


def mid_sentence_capitals(ms: Manuscript) -> Counter[str]:
    """Capitalised words (Tobias, Lowmarket) counted where they do not start a sentence."""

    def compute(ms: Manuscript) -> Counter[str]:
        text = ms.joined_text()
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

    return ms.memo("mid-sentence-capitals", compute)


@lru_cache(maxsize=1)
def english_dictionary():
    """An English word list (pyspellchecker's), for telling a typo from a real word. Loaded on
    first use (about 0.3 s): most runs never need it."""
    from spellchecker import SpellChecker  # lazy for start-up time

    return SpellChecker()


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, float]:
    """How often English writers use each word today, as a share of all words: wordfreq's
    count over books, news, film subtitles and the web (321,000 words, loaded on first
    need in about 0.1 s). It knows the words of now that a dictionary lacks (fretboard,
    chipotle, mansplaining), and common slips as well (becuase): see
    ficlint.grammar.in_current_use for telling them apart."""
    from wordfreq import get_frequency_dict  # lazy for start-up time

    return get_frequency_dict("en")
