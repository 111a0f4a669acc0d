"""What the manuscript does on purpose, which an engine takes for a slip: the story's own
words (its names and the words it uses again and again), compounds it keeps open, and a
character's way of speaking."""

from __future__ import annotations

import re

from ficlint import data
from ficlint.grammar.excuses import in_speech
from ficlint.grammar.wordforms import a_slip_of_a_common_word, excused_in_any_case
from ficlint.manuscript import Fact
from ficlint.quotation import marks_of
from ficlint.wordcounts import (
    capital_slips,
    lower_counts,
    manuscript_names,
    mid_sentence_capitals,
    mid_sentence_capitals_in,
    word_counts,
)

# The manuscript's answer for each closed compound asked about so far (filled as asked).
OPEN_COMPOUNDS: Fact[dict[str, bool]] = Fact("open-compound-counts", lambda ms: {})


def open_by_choice(ms, words: str, replacement: str | None) -> bool:
    """Whether an engine's closed compound (someone for `some one`, nonetheless for `none
    the less`) goes against the manuscript's own habit: the open form written twice or
    more, and at least as often as the closed one. Which form a manuscript keeps is C003's
    business; a lone `some one` among many `someone`s is still reported."""
    if replacement is None or " " not in words:
        return False
    closed = replacement.lower()
    if closed != re.sub(r"\s+", "", words.lower()):
        return False
    seen = ms.fact(OPEN_COMPOUNDS)
    if closed not in seen:
        pattern = r"\b" + r"\s+".join(map(re.escape, words.lower().split())) + r"\b"
        open_count = len(re.findall(pattern, ms.joined_text(), flags=re.IGNORECASE))
        seen[closed] = open_count >= 2 and open_count >= lower_counts(ms)[closed]
    return seen[closed]


# Confusions of words that sound alike (rules/grammar-filters.yaml) are slips of the pen,
# never a character's accent.
_HOMOPHONES = tuple(frozenset(group) for group in data.load("grammar-filters")["homophones"])


def spoken_habits(found: list[tuple]) -> set[int]:
    """Indexes of grammar findings that are a character's way of speaking, not the
    writer's slips: a finding (rule and words) made three times or more in speech and
    never in narration ("it were", "you was", "he knowed", "a old bird" in Joe's mouth).
    `found` holds (paragraph, start, end, rule, replacement). Confusions of words that
    sound alike are always reported (see _HOMOPHONES)."""
    in_speech_at: dict[tuple, list[int]] = {}
    in_narration: set[tuple] = set()
    for i, (para, start, end, rule, replacement) in enumerate(found):
        words = para.text[start:end].lower().replace("’", "'")
        if replacement is not None and _sounds_alike(words, replacement.lower()):
            continue
        habit = (rule, words)
        if in_speech(para, start):
            in_speech_at.setdefault(habit, []).append(i)
        else:
            in_narration.add(habit)
    return {
        i
        for habit, at in in_speech_at.items()
        if len(at) >= 3 and habit not in in_narration
        for i in at
    }


# A manuscript whose speech holds this many times the unknown words of its narration (per
# character) writes its characters' voices: Great Expectations' speech has 13.5 times the
# rate of its narration (Joe's `creatur`, `biled`, `worrit`), War and Peace's 6.4 times (its
# French and German, its accents), while each of the six real drafts types slips in its
# narration at least as often as in its speech (0.7-0.8 times, or none in speech at all).
VOICE_RATIO = 3
# ... and at least this many of them in speech: fewer are a few slips, wherever they fall.
VOICE_MIN = 10
# Whether the manuscript's speech is written in its characters' voices: decided by the first
# full check from what its engine found (None until then), and kept for a later check of an
# edit (ficlint.recheck), which sees too few words to decide.
VOICED_SPEECH: Fact[bool | None] = Fact("voiced-speech", lambda ms: None)


def voiced_speech(ms, paragraphs: list, spellings: list[tuple]) -> list[int]:
    """Indexes of `spellings` (paragraph, start, end: a word an engine calls misspelt), in
    order, that lie in speech, when the manuscript's speech is written in its characters' voices: it holds at
    least VOICE_RATIO times as many such words per character as its narration, VOICE_MIN of
    them at least, over `paragraphs` (those the engine read). A character's accent or
    tongue is the writer's choice; a typing slip falls in narration as often as in speech.
    Otherwise none."""
    spoken = [i for i, (para, start, _) in enumerate(spellings) if in_speech(para, start)]
    decided = ms.fact(VOICED_SPEECH)
    if decided is None:
        decided = len(spoken) >= VOICE_MIN and _speech_outnumbers_narration(
            paragraphs, len(spoken), len(spellings) - len(spoken)
        )
        ms.keep({VOICED_SPEECH.name: decided})
    return spoken if decided else []


def _speech_outnumbers_narration(paragraphs: list, spoken: int, told: int) -> bool:
    in_speech_chars = sum(b - a for para in paragraphs for a, b in marks_of(para).speech_spans)
    told_chars = sum(len(para.text) for para in paragraphs) - in_speech_chars
    # One more slip counted in narration than found there: a few words do not make a rate.
    return spoken * told_chars >= VOICE_RATIO * (told + 1) * in_speech_chars > 0


def voice_notice(left: list[tuple]) -> tuple[str, ...]:
    """The notice for the unknown words `left` alone in speech ((paragraph, start, end) each,
    from voiced_speech, in manuscript order): how many, and the first few, so that a writer
    can see what was taken for a voice."""
    if not left:
        return ()
    seen = list(dict.fromkeys(para.text[start:end] for para, start, end in left))
    shown = ", ".join(seen[:_SHOWN]) + (", …" if len(seen) > _SHOWN else "")
    words = "word" if len(left) == 1 else "words"
    return (
        f"{len(left)} unknown {words} in speech not reported ({shown}): this manuscript's "
        f"speech holds at least {VOICE_RATIO} times the unknown words of its narration, its "
        "characters' voices (an accent, another tongue), not slips",
    )


_SHOWN = 5  # words a voice notice names


def _sounds_alike(words: str, replacement: str) -> bool:
    said = set(words.replace("'", "' ").split()) | {words}
    fixed = set(replacement.replace("'", "' ").split()) | {replacement}
    return any(said & group and fixed & group for group in _HOMOPHONES)


def _told_so(ms, word: str) -> bool:
    """Whether most of `word`'s uses are in narration, and not as part of a hyphened
    compound."""
    hits = ms.find_word(word, ignore_case=False)
    told = sum(
        1
        for para, start, end in hits
        if not in_speech(para, start)
        and "-" not in para.text[max(0, start - 1) : start] + para.text[end : end + 1]
    )
    return told * 2 > len(hits)


class StoryWords(set):
    """The story's words, lower-cased; `names` holds those it writes with a capital (the
    characters, places and proper nouns)."""

    names: frozenset[str] = frozenset()
    # Rare capitalised words that are slips of its proper nouns (wordcounts.capital_slips),
    # as written: reported whatever the shape that would excuse a name.
    slips: frozenset[str] = frozenset()
    lower_slips: frozenset[str] = frozenset()  # the same, lower-cased
    config: frozenset[str] = frozenset()  # the config's words they were made with


def story_words(ms) -> StoryWords:
    """Words that are never spelling mistakes, lower-cased: the config's words, the
    characters' names the manuscript teaches, proper nouns, and any word it uses again and
    again (glimmerkit, the Lowmarket): a typo is rare by nature, and C005 looks for those.
    Applied after the cache, so that cached results do not depend on them. A manuscript
    fact (STORY_WORDS): a later check of an edit (ficlint.recheck) takes the last full
    check's, unless the config's words have changed since."""
    held = ms.fact(STORY_WORDS)
    if held.config != ms.settings.words:
        return _story_words(ms)
    if ms.made_earlier(STORY_WORDS):
        # A check of an edit: a word its paragraphs capitalise in mid-sentence that the
        # manuscript did not is a new name, or a slip of one. Which it is, is the full
        # check's to say (C005), as are the manuscript-wide findings on the edited words; a
        # check of an edit does not call the writer's new character a misspelling meanwhile.
        new = {w.lower() for w in mid_sentence_capitals_in(ms.own_joined_text())} - held
        if new:
            return _with_names(held, new)
    return held


def _with_names(held: StoryWords, names: set[str]) -> StoryWords:
    known = StoryWords(held | names)
    known.names = held.names | names
    known.slips, known.lower_slips, known.config = held.slips, held.lower_slips, held.config
    return known


def _story_words(ms) -> StoryWords:
    # Capitalised in mid-sentence: a proper noun (Haggerston, Westerham). A misspelt name
    # is C005's business.
    names = {n.lower() for n in manuscript_names(ms)} | {
        w.lower() for w in mid_sentence_capitals(ms)
    }
    known = StoryWords({w.lower() for w in ms.settings.words} | names)
    # Used again and again, a word vouches for itself, unless it is a slip of a common word
    # the narration makes every time (vinyard 18 times for vineyard): a habit to point out.
    # In speech it is a voice (“the lovering part”), and in a compound a part (harum-scarum).
    known |= {
        w.lower()
        for w, n in word_counts(ms).items()
        if n >= 3 and not (a_slip_of_a_common_word(w) and _told_so(ms, w))
    }
    known.names = frozenset(names)
    # But not a word with a capital written once or twice that is a slip of one the
    # manuscript writes with a capital far more often: `the Clutser` beside `the Cluster` 9
    # times, `Seargeant` beside `Sergeant`. Names this close and this rare are typos far more
    # often than a second character's name (C005 reports the slips of names used 20 times).
    # wordforms.not_a_misspelling reads this before any name.
    known.slips = frozenset(capital_slips(ms))
    known.lower_slips = frozenset(w.lower() for w in known.slips)
    known.config = ms.settings.words
    return known


# War and Peace: 0.16 s of a check of an edit, which the part it checks could not make alone.
STORY_WORDS: Fact[StoryWords] = Fact("story-words", _story_words)


def engine_words(ms, known: StoryWords) -> frozenset[str]:
    """The manuscript's words that every spelling finding on is excused, whatever their
    case and place (wordforms.excused_in_any_case), lower-cased and with the typewriter
    apostrophe, as Harper reads them: what an engine may take as words before it lints.
    Harper spends most of its time on the words it does not know, for the fixes it looks for
    (Pride and Prejudice, its spelling check alone on 500 paragraphs: 594 such findings in
    4.85 s, 0.40 s with the words told), and ficlint then excuses nearly all of them. A
    manuscript fact (ENGINE_WORDS) for the story words of the fact STORY_WORDS."""
    if known is ms.fact(STORY_WORDS):
        return ms.fact(ENGINE_WORDS)
    return _engine_words(ms, known)


def _engine_words(ms, known: StoryWords) -> frozenset[str]:
    return frozenset(
        word.replace("’", "'") for word in lower_counts(ms) if excused_in_any_case(word, known)
    )


ENGINE_WORDS: Fact[frozenset[str]] = Fact(
    "engine-words", lambda ms: _engine_words(ms, ms.fact(STORY_WORDS))
)
