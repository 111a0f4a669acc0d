"""The words an engine calls misspelt that a copy editor would leave alone in fiction, as a
table of named excuses (SPELLING_EXCUSES): a word of English all the same (see
ficlint.grammar.wordforms), speech, sounds and oaths, a foreign phrase, code in a character's
terminal. Each carries two sentences, the bracketed word the one an engine flags: `excused`
is left alone, `reported` is a look-alike slip that is still reported.
tests/test_grammar_filters.py runs both for every excuse, and checks that the first is
reported without its excuse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ficlint import data, wordstore
from ficlint.dialogue import (
    in_dialect_speech,
    lemma_classes,
    lexicon,
    typed_voice,
)
from ficlint.grammar.wordforms import (
    LETTERS,
    POSSESSIVE,
    a_form_of_a_word,
    built,
    doubled_differently,
    in_current_use,
    not_a_misspelling,
    one_edit_from_a_word,
)
from ficlint.quotation import marks_of
from ficlint.wordcounts import english_dictionary, zipf

if TYPE_CHECKING:
    from ficlint.document import Paragraph


@dataclass
class Misspelt:
    """A word an engine calls misspelt: characters start..end of `text`, the paragraph's
    when there is one (`para`), and the story's words (`known`)."""

    text: str
    start: int
    end: int
    known: set[str]
    para: Paragraph | None = None
    speech: bool | None = None  # in speech that is in dialect; found when first asked

    @property
    def word(self) -> str:
        return self.text[self.start : self.end]

    def in_dialect_speech(self) -> bool:
        if self.speech is None:
            self.speech = self.para is not None and in_dialect_speech(self.para, self.start)
        return self.speech


@dataclass(frozen=True)
class Excuse:
    name: str
    excuses: Callable[[Misspelt], bool]
    excused: str
    reported: str
    reads_paragraph: bool = False  # needs the paragraph, not the text alone
    # Reads a dictionary or word counts that are blind to case, so it vouches for no word
    # whose fix is its capital (`hispanic`: see wordforms.takes_a_capital).
    case_blind: bool = False


def spelling_excused(para, start: int, end: int, known: set[str], capital: bool = False) -> bool:
    """Whether a word an engine calls misspelt at paragraph characters start..end is left
    alone: a named excuse (SPELLING_EXCUSES) lets it pass. `capital`: the engine's fix is
    the word with the capital English always gives it (wordforms.takes_a_capital), which
    the excuses blind to case do not excuse."""
    word = Misspelt(para.text, start, end, known, para)
    return any(e.excuses(word) for e in SPELLING_EXCUSES if not (capital and e.case_blind))


def misspelling_excused(
    text: str, start: int, end: int, known: set[str], speech: bool = False
) -> bool:
    """spelling_excused for a word of a text that is no paragraph: the excuses that read
    the text alone, with `speech` saying whether it is said in dialect."""
    word = Misspelt(text, start, end, known, speech=speech)
    return any(e.excuses(word) for e in SPELLING_EXCUSES if not e.reads_paragraph)


def _a_word_in_use(w: Misspelt) -> bool:
    # A word in use is no excuse for half of a word split in two (see _half_of_a_word).
    return in_current_use(w.word) and not _half_of_a_word(w.text, w.start, w.end)


def _a_form_of_a_known_word(w: Misspelt) -> bool:
    return a_form_of_a_word(w.word) and not _half_of_a_word(w.text, w.start, w.end)


def _short_in_speech(para, start: int, end: int) -> bool:
    """A word of four letters or fewer in speech is a sound (gerp, woop), a name called out
    (Luh, Ulee), slang (perp, nom) or a word cut short (Wh—) far more often than a slip: on
    the real drafts, 16 such findings, none a slip. Two letters swapped (jsut, teh) are
    still a slip, and so is a letter dropped from a very common word (abot: about)."""
    word = para.text[start:end].lower()
    if len(word) > 4 or not in_speech(para, start):
        return False
    dictionary = english_dictionary()
    swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
    if any(swap != word and swap in dictionary for swap in swaps):
        return False
    added = (word[:i] + ch + word[i:] for i in range(len(word) + 1) for ch in LETTERS)
    return not any(zipf(longer) >= _VERY_COMMON for longer in added)


_VERY_COMMON = 5.5  # Zipf: about, just, would, what (once in 300,000 words and more often)


def _run_on_as_said(para, start: int, end: int) -> bool:
    """In speech, `have`, `of` or `to` run onto a common verb, modal or modifier as it is
    said: shoulda, kinda, outta, gotta, musta. A word run onto a preposition or a pronoun
    (`witha`, `whata`: a space left out) is still a slip."""
    word = para.text[start:end].lower()
    if len(word) < 5 or not word.endswith("a") or not in_speech(para, start):
        return False
    base = word[:-2] if word[-2] == word[-3] else word[:-1]
    return zipf(base) >= _COMMON_BASE and bool(lemma_classes(base).keys() - {"NOUN"})


_COMMON_BASE = 5.0  # Zipf: should, kind, out, got, must (once in 100,000 words or more)


def italic_vouched(para, start: int, end: int) -> bool:
    """Whether italics vouch for the word at paragraph characters start..end: a writer sets a
    foreign word or a coinage in italics (*jiaozi*, *cha siu bao*). Not a lone italic word one
    letter from an English word, which is as likely an emphasised slip (*realy*)."""
    span = para.italic_span(start, end)
    if span is None:
        return False
    if " " in para.text[span[0] : span[1]].strip():
        return True
    return not one_edit_from_a_word(para.text[start:end].lower(), english_dictionary())


_WORD_AFTER_SPACE = re.compile(r" ([a-z]+)")


def _half_of_a_word(text: str, start: int, end: int) -> bool:
    """Whether the word and the word beside it, closed up, make one dictionary word: a
    compound split in two (`plexi glass`), where a word in use alone is no excuse."""
    after = _WORD_AFTER_SPACE.match(text, end)  # at `end`: no copy of the paragraph's rest
    before = re.search(r"([a-z]+) $", text[max(0, start - 30) : start])
    word = text[start:end].lower()
    dictionary = english_dictionary()
    return bool(after and word + after[1] in dictionary) or bool(
        before and before[1] + word in dictionary
    )


def _cut_off(text: str, start: int, end: int) -> bool:
    """A word broken off by a dash or an ellipsis, as speech is interrupted or trails away
    (`We're in the manufact—"`, `down to the cemeter…`): the start of a known word, not a
    slip."""
    after = text[end : end + 3]
    if not (after[:1] in ("—", "–", "…") or after[:2] == "--" or after == "..."):
        return False
    word = text[start:end].lower()
    if len(word) < 2:
        return False
    dictionary = english_dictionary()
    return any(w.startswith(word) for w in _words_starting(word[:3], dictionary))


@lru_cache(maxsize=1024)
def _words_starting(head: str, dictionary) -> tuple[str, ...]:
    return dictionary.starting(head)


def _prefix_before_hyphen(text: str, start: int, end: int) -> bool:
    """A prefix joined to its word by a hyphen (`un-destroyed`, `non-human`): not a word of
    its own, so no misspelling."""
    return text[end : end + 1] == "-" and text[start:end].lower() in _hyphen_prefixes()


def _in_a_hyphenated_compound(text: str, start: int, end: int) -> bool:
    """A part of a compound joined by a hyphen, built from a known word with an ending
    (`a fury-fisted punch`, `an old-timey player`): fiction coins such modifiers freely. A
    part that is no word with an ending (`cilmate-industrial`, `elctro-box`) is a slip."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if not (
        (before == "-" and text[start - 2 : start - 1].isalpha())
        or (after == "-" and text[end + 1 : end + 2].isalpha())
    ):
        return False
    word = text[start:end].lower()
    return word.isalpha() and len(word) >= 4 and built(word, english_dictionary(), 1)


# Code in a character's terminal: std.cout::, os.path.join(), user_id, /usr/bin, a->b (a
# slash between two words is prose: his/her).
_CODE = re.compile(r"::|->|\(\)|[A-Za-z]{2}\.[a-z]{2}|[A-Za-z]_[A-Za-z]|^[~.]?/\w|\w/\w+/")


def _in_code(text: str, start: int, end: int) -> bool:
    """A word inside a token of code (`std.cout::`, `os.path.join()`, `user_id`): a name in
    a program, not a word of the prose. The token runs from space to space."""
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(
        (i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text)
    )
    return bool(_CODE.search(text[left:right]))


_SYLLABLES = re.compile(r"[A-Za-z_*]+(?:-[A-Za-z_*]+)+")


def _spelt_in_syllables(text: str, start: int, end: int) -> bool:
    """A word said syllable by syllable, the pieces joined by hyphens (`Ex-_cuse_ me!`,
    `ri-dic-u-lous`): closed up, the pieces make a known word."""
    for m in _SYLLABLES.finditer(text, max(0, start - 30), min(len(text), end + 30)):
        if m.start() <= start and end <= m.end():
            whole = m.group(0).replace("-", "").strip("_*").replace("_", "").replace("*", "")
            return whole.lower() in english_dictionary()
    return False


@lru_cache(maxsize=1)
def _hyphen_prefixes() -> frozenset[str]:
    return frozenset(data.load("hyphenation")["hyphen-prefixes"])


def _sound(word: str) -> bool:
    """A sound typed as it is said (`Woah`, `Heey`, `umm`, `mmhmm`, `pfft`) or an oath drawn
    out (`Jeesus`): rules/speech.yaml lists them, repeated letters are read collapsed, and a
    sound made a verb keeps its ending (`huhed`, `shushing`)."""
    low = word.lower()
    sounds = _sounds_and_oaths()
    stem = _VERB_ENDING.sub("", low)
    return any(
        form in sounds
        or re.sub(r"(.)\1+", r"\1", form) in sounds
        or re.sub(r"(.)\1{2,}", r"\1\1", form) in sounds
        for form in {low, stem}
    )


@lru_cache(maxsize=1)
def _sounds_and_oaths() -> frozenset[str]:
    return lexicon().spoken_sounds | lexicon().exclamation_names


_VERB_ENDING = re.compile(r"(?<=[a-z]{2})(?:ed|ing|s)$")


_DRAWN_OUT = re.compile(r"([a-zA-Z])\1{2,}")


# WiFi, SoCal (a capital inside the word); LOLs, ACKing, HODLed, GPL'd (letters in capitals,
# then an ending): names of things and net speech, not slips of the keyboard.
_MIXED_CASE = re.compile(r".*[a-z][A-Z].*|[A-Z]{2,}['’]?[a-z]{1,3}")


_CONTRACTED = re.compile(r"([A-Za-z]+)['’](?:ll|d|ve|re)")


# An ending set off by an apostrophe on a clipped word or letters: mic’ing, KO’d, OK’ed.
_MARKED_ENDING = re.compile(r"([A-Za-z]+)['’](?:d|ed|ing|s|er)")


def _voiced(word: str) -> bool:
    """A word spelt to be heard or seen, as a copy editor leaves it: drawn out (`looooove`,
    `siiiick`; three letters only where no word has two or one there: `shhh`, but not
    `illlusory`), in mixed case (`WiFi`, `LOLs`, `HODL'ed`), a known word with a
    contraction run on (`this’ll`, `what'd`, `everything'll`), or a known word or letters
    with an ending set off by an apostrophe (`mic’ing`, `KO’d`)."""
    dictionary = english_dictionary()
    for m in _DRAWN_OUT.finditer(word):
        if len(m.group(0)) >= 4:
            return True
        one = (word[: m.start()] + m.group(1) + word[m.end() :]).lower()
        two = (word[: m.start()] + m.group(1) * 2 + word[m.end() :]).lower()
        if one not in dictionary and two not in dictionary:
            return True
    if _MIXED_CASE.fullmatch(word):
        return True
    contracted = _CONTRACTED.fullmatch(word)
    if contracted and contracted.group(1).lower() in dictionary:
        return True
    marked = _MARKED_ENDING.fullmatch(word)
    return bool(marked) and (marked.group(1).isupper() or marked.group(1).lower() in dictionary)


def _mentioned(text: str, start: int, end: int) -> bool:
    """A word alone in quotation marks, named rather than used (`the word "smdh"`, `a
    muttered "woop"`), unless it is one letter from a word (a slip: `"folowed"`)."""
    if text[start - 1 : start] not in _QUOTE_MARKS:
        return False
    after = text[end : end + 2]
    if not (after[:1] in _QUOTE_MARKS or (after[:1] in ".,!?" and after[1:2] in _QUOTE_MARKS)):
        return False
    return not one_edit_from_a_word(text[start:end].lower(), english_dictionary())


_QUOTE_MARKS = "\"'“”‘’"


def in_speech(para, offset: int) -> bool:
    """Whether paragraph character `offset` is inside a quotation (speech, or speech
    carried on from the paragraph before)."""
    return marks_of(para).speech_at(offset) is not None


def _respelt(word: str) -> bool:
    """Eye dialect in speech: creetur, gratitoode, nevvy, aisy, pianny. A character's
    accent respells a word by its sound, two letters or more from the word; a typing slip
    is one key away (definately, recieve, untill, wich) or a doubling gone wrong
    (tommorow, neccesary, dissapoint: the same letters as a known word once doubles are
    single)."""

    bare = POSSESSIVE.sub("", word).lower()
    if len(bare) < 3 or not bare.isalpha():
        return False
    dictionary = english_dictionary()
    if one_edit_from_a_word(bare, dictionary):
        return False
    return not doubled_differently(bare, dictionary)


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _foreign(text: str, start: int, end: int) -> bool:
    """French and Spanish in an English novel: fait accompli, foie gras, c'est l'homme. A
    word counts when a French or Spanish word list holds it and it is long (accompli) or a
    neighbour is foreign too (foie gras), so that a short English slip which happens to be a
    French word (sur for sure) is still reported. Italian, German and Dutch lists are left
    out: they hold common English misspellings (accomodate, wich, wierd)."""
    # The elided article of c'est, l'homme, d'or is a letter of its own.
    words = [w.lower() for w in _LETTER_RUN.findall(text[start:end]) if len(w) > 1]
    if not words or not all(_in_foreign(w) for w in words):
        return False
    if max(len(w) for w in words) >= 6:
        return True
    english = english_dictionary()
    before = _LETTER_RUN.findall(text[max(0, start - 30) : start])
    after = _LETTER_RUN.findall(text[end : end + 30])
    neighbours = [w.lower() for w in (before[-1:] + after[:1])]
    return any(len(w) > 1 and _in_foreign(w) and w not in english for w in neighbours)


def _in_a_foreign_passage(text: str, start: int, end: int) -> bool:
    """A word of a passage in French, Spanish, German or Italian in an English novel (`die
    ganze Armee`, `Mio caro, crudele`, `qu'un peur`): that language's word list holds it,
    and at least two of the three words on either side that English does not know. German and Italian hold common
    English slips (wich, accomodate), but a slip sits among English words: it is still
    reported. The lists (0.5 s, 90 MB) load only for a word with such strangers about it."""
    english = english_dictionary()
    word = text[start:end].lower()
    before = _LETTER_RUN.findall(text[max(0, start - 40) : start])[-3:]
    after = _LETTER_RUN.findall(text[end : end + 40])[:3]
    strangers = [w.lower() for w in before + after if len(w) > 1 and w.lower() not in english]
    if len(strangers) < 2:
        return False
    return any(
        word in lexicon and sum(w in lexicon for w in strangers) >= 2
        for lexicon in foreign_lexicons() + _passage_lexicons()
    )


@lru_cache(maxsize=1)
def _passage_lexicons() -> tuple:
    """pyspellchecker's German and Italian word lists (see _in_a_foreign_passage)."""
    return tuple(wordstore.language(lang) for lang in ("de", "it"))


def _in_foreign(word: str) -> bool:
    return any(word in lexicon for lexicon in foreign_lexicons())


@lru_cache(maxsize=1)
def foreign_lexicons() -> tuple:
    """pyspellchecker's French and Spanish word lists."""
    return tuple(wordstore.language(lang) for lang in ("fr", "es"))


SPELLING_EXCUSES: tuple[Excuse, ...] = (
    Excuse(
        "typed-voice",
        lambda w: typed_voice(w.para),
        excused="omg saw [teh] cat <3",
        reported="She saw [teh] cat.",
        reads_paragraph=True,
    ),
    Excuse(
        "italic-vouched",
        lambda w: italic_vouched(w.para, w.start, w.end),
        excused="They ate *cha siu [baau]* at noon.",
        reported="She was *[realy]* there.",
        reads_paragraph=True,
    ),
    Excuse(
        "short-in-speech",
        lambda w: _short_in_speech(w.para, w.start, w.end),
        excused="“[Gerp],” said the toad.",
        reported="“[Jsut] go,” she said.",
        reads_paragraph=True,
    ),
    Excuse(
        "run-on-as-said",
        lambda w: _run_on_as_said(w.para, w.start, w.end),
        excused="“You [shoulda] asked,” she said.",
        reported="“Go [witha] friend,” she said.",
        reads_paragraph=True,
    ),
    Excuse(
        "a-word-of-english",
        lambda w: not_a_misspelling(w.word, w.known, w.text[max(0, w.start - 12) : w.start]),
        excused="The hat had a wide [hatbrim].",
        reported="The hat was [carefull] made.",
        case_blind=True,
    ),
    Excuse(
        "in-current-use",
        _a_word_in_use,
        excused="He played the [fretboard] well.",
        reported="He ran [becuase] it rained.",
        case_blind=True,
    ),
    Excuse(
        "a-form-of-a-word",
        _a_form_of_a_known_word,
        excused="She was [spasming] again.",
        reported="She [tought] of the sea.",
        case_blind=True,
    ),
    Excuse(
        "foreign-phrase",
        lambda w: _foreign(w.text, w.start, w.end),
        excused="He ate the [pommes] frites.",
        reported="He was [tres] tired.",
    ),
    Excuse(
        "foreign-passage",
        lambda w: _in_a_foreign_passage(w.text, w.start, w.end),
        excused="Er sagte, die [ganze] Armee sei verloren.",
        reported="He said the [wich] army was lost.",
    ),
    Excuse(
        "respelt-in-dialect-speech",
        lambda w: w.in_dialect_speech() and _respelt(w.word),
        excused="“Ye poor [creetur], ain't ye cold?” said Joe.",
        reported="“Ye poor [recieve], ain't ye cold?” said Joe.",
    ),
    Excuse(
        "voiced",
        lambda w: _voiced(w.word),
        excused="She said she would [looooove] to.",
        reported="She said she would [lvoe] to.",
    ),
    Excuse(
        "sound-or-oath",
        lambda w: _sound(w.word),
        excused="[Heey], she said.",
        reported="[Waoh], she thought.",
    ),
    Excuse(
        "mentioned",
        lambda w: _mentioned(w.text, w.start, w.end),
        excused='She wrote the word "[blorvick]" on the wall.',
        reported='She wrote the word "[folowed]" on the wall.',
    ),
    Excuse(
        "cut-off",
        lambda w: _cut_off(w.text, w.start, w.end),
        excused="We're in the [manufact]— she stopped.",
        reported="We're in the [manfuact] now.",
    ),
    Excuse(
        "prefix-before-hyphen",
        lambda w: _prefix_before_hyphen(w.text, w.start, w.end),
        excused="It was [un]-destroyed.",
        reported="It was [unn]-destroyed.",
    ),
    Excuse(
        "in-a-hyphenated-compound",
        lambda w: _in_a_hyphenated_compound(w.text, w.start, w.end),
        excused="It was a fury-[fisted] punch.",
        reported="It was a [cilmate]-industrial plan.",
    ),
    Excuse(
        "spelt-in-syllables",
        lambda w: _spelt_in_syllables(w.text, w.start, w.end),
        excused="It was ri-[dic]-u-lous.",
        reported="It was ri-[dic]-u-lus.",
    ),
    Excuse(
        "in-code",
        lambda w: _in_code(w.text, w.start, w.end),
        excused="She typed os.path.[joinn]() and waited.",
        reported="She typed the [joinn] and waited.",
    ),
)
