"""Word counts over the whole manuscript, made once per run with C-speed regex over the joined
prose and shared by the rules that learn from the manuscript (names, drift)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
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


def zipf(word: str) -> float:
    """How often English writers use `word` today, on the Zipf scale (log10 of uses per
    billion words: `the` 7.7, `fretboard` 2.3; rarer than 1.5, once in 30 million words, or
    never seen: 0, as half the list is not kept), by wordfreq's counts over
    books, news, film subtitles and the web (321,000 words). It knows the words of now that
    a dictionary lacks (fretboard, chipotle, mansplaining), and common slips as well
    (becuase): see ficlint.grammar.in_current_use for telling them apart."""
    bucket = _wordfreq_buckets().get(word)
    return 0.0 if bucket is None else round(9 - bucket / 100, 2)


@lru_cache(maxsize=1)
def _wordfreq_buckets() -> dict[str, int]:
    """wordfreq's English list as published in its package, read without importing wordfreq
    (its import takes a third of a second, the list a tenth): a gzipped msgpack list whose
    first item names the format ('cB', version 1) and whose item i + 1 holds the words used
    10^(-i/100) of the time. Loaded on first need."""
    import gzip
    from importlib.util import find_spec

    import msgpack

    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return {}
    with gzip.open(Path(spec.origin).parent / "data" / "large_en.msgpack.gz") as handle:
        header, *buckets = msgpack.load(handle, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise RuntimeError(f"wordfreq's word list is in a format ficlint does not read: {header}")
    return {word: i for i, bucket in enumerate(buckets[:_RAREST]) for word in bucket}


_RAREST = 751  # buckets kept: down to Zipf 1.5 (9 - 750 / 100)
