"""Which dialect of English the manuscript is written in, for the engines' dictionaries."""

from __future__ import annotations

from ficlint.wordcounts import ize_family, lower_counts, us_uk_pairs


def manuscript_dialect(ms) -> str:
    """The config's dialect, or (auto) British when the manuscript's British spellings
    outnumber its American ones: Austen's honour and favourably are not misspellings."""
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
