"""English word formation: whether a word an engine calls misspelt is nevertheless a word,
by the shapes English builds words in. A plural, a closed compound or a coinage from a
known word with a prefix or suffixes (unsupposable, hatbrim), a word in use that a word
list lacks (fretboard), letters left out at an apostrophe (calc'lated), eye dialect
(nothin, conwict); and the shapes of slips that look like words (untill, basicly,
tommorow), which are never excused."""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations

from ficlint import data
from ficlint.dialogue import lemma_classes
from ficlint.wordcounts import POSSESSIVE_END, english_dictionary, us_uk_pairs, zipf

POSSESSIVE = POSSESSIVE_END


# An initial (F.), an abbreviated coin (2s. 6d.: s., d.), anything with a digit (2s, 4th).
_INITIAL = re.compile(r"^(?:[A-Za-z]\.?|.*\d.*)$")


_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")


# rules/grammar-wordforms.yaml: titles, prefixes and suffixes, slips that look like words.
_SHAPES = data.load("grammar-wordforms")
_TITLE = re.compile(rf"\b(?:{'|'.join(_SHAPES['titles'])})\.?\s+$")


def doubled_differently(word: str, dictionary) -> bool:
    """Whether a known word has the same letters with other ones doubled (tommorow,
    neccesary, dissapoint, embarassment): the word's letters, each run made single, then up
    to four of them doubled, looked up (a few hundred lookups, not a second table)."""
    single = [m.group(1) for m in _RUN.finditer(word)]
    for count in range(5):
        for doubled in combinations(range(len(single)), count):
            letters = single.copy()
            for i in doubled:
                letters[i] *= 2
            candidate = "".join(letters)
            if candidate != word and candidate in dictionary:
                return True
    return False


_RUN = re.compile(r"(.)\1*")


def not_a_misspelling(word: str, known: set[str], before: str = "") -> bool:
    """Words a spelling check reports that a copy editor would leave alone: the story's own
    words (see ficlint.grammar.habits.story_words), an initial (F.), a name after a title
    (`before` is the text before the word), a British or American spelling (C002 holds the
    manuscript to one), and words an English dictionary knows that an engine's smaller list
    lacks (curricle, unfelt, barouche), words in capitals (SHOUTING), and eye-dialect
    (nothin, conwict). Common misspellings (recieve, definately) are in no such list and take
    no such shape."""
    if len(word) < 2 or _INITIAL.match(word):
        return True  # a letter split off by an apostrophe (the s of ’90s), an initial
    if POSSESSIVE.sub("", word) in getattr(known, "slips", ()):
        return False  # a slip of one of the story's names (Clutser: Cluster) is no name
    if word.lower() in _WRONG_CLOSINGS:
        return False  # Nevermind, opening a sentence, is no name either
    if word[:1].isupper() and _TITLE.search(before):
        return True  # a surname after a title: Mrs. Penhallow
    if word.isupper() or _ABBREVIATION.match(word):
        return True  # SHOUTING, or a letter in capitals (as word processors skip), P.C., N.B.
    bare = POSSESSIVE.sub("", word).lower()  # Tobias’s
    dictionary = english_dictionary()
    if _a_story_or_dialect_word(bare, known) or bare in dictionary:
        return True
    bare = bare.strip("'’")
    if re.fullmatch(r"[dty]['’][a-z]{2,}", bare) and bare[2:] in dictionary:
        return True  # d'you, t'other, y'know: a word run into the one before, as it is said
    if word[:1].isupper() and (
        _proper_noun(bare, dictionary) or _short_for(bare, getattr(known, "names", ()))
    ):
        return True
    if any(ord(ch) > 127 and ch.isalpha() for ch in bare):
        return True  # a letter English spells without (zakúska, rôle, Glínka): foreign
    return (
        _inflected(bare, dictionary)
        or _closed_compound(bare, dictionary)
        or _derived(bare, dictionary)
        or _eye_dialect(bare, dictionary)
        or _elided(bare, dictionary)
    )


def excused_in_any_case(word: str, known) -> bool:
    """Whether not_a_misspelling lets `word` (lower-cased) pass however it is written (word,
    Word, WORD) and wherever it stands, so that a spelling check need not look at it: one of
    the story's words (see ficlint.grammar.habits.story_words) or a British or American
    spelling. Not a slip of one of the story's names in any case (Clutser), a wrong closing
    (alot), or a word English always capitalises, whose lowercase is reported with its
    capital (sunday). Set lookups only: it is asked of every word of a novel."""
    if word in _WRONG_CLOSINGS or word in _lower_capitals():
        return False
    bare = POSSESSIVE.sub("", word)
    if bare in getattr(known, "lower_slips", ()):
        return False
    return _a_story_or_dialect_word(bare, known)


def _a_story_or_dialect_word(bare: str, known) -> bool:
    """One of the story's words, or a British or American spelling: the test
    not_a_misspelling and excused_in_any_case share, so that what Harper is told is what
    the excuse lets pass."""
    uk_us, us_uk = us_uk_pairs()
    return bare in known or bare in uk_us or bare in us_uk


@cache
def _lower_capitals() -> frozenset[str]:
    return frozenset(w.lower() for w in _capitals())


# On wordfreq's Zipf scale (see zipf): 1.5 is once in 30 million words, a word in use; a
# word one letter away 1.5 higher (written 30 times as often) makes it that word's slip.
_IN_USE = 1.5


_COMMONER = 1.5


def in_current_use(word: str) -> bool:
    """A word English writers use now that no word list here holds (fretboard, chipotle,
    mansplaining, gamification, c'mon): written at least once in 30 million words of
    today's English (see zipf), and no word one letter away is written 30 times as often.
    Common slips are common too, but the word they miss is far commoner (becuase: because
    3,000 times; recieved, wierd); a common word with a letter added at the end is no
    such evidence (perp: per, dreamt: dream) unless the letter is a word (witha: with a). Slips of a known shape are never vouched for: a
    contraction without its apostrophe (didnt, youre), -ly for -ally (basicly), a doubling
    gone wrong (tommorow), and the closings and slips the dictionary checks name (eachother,
    incidently). (An engine's candidates two letters away are no evidence: Harper offers
    `animal` for `einmal` and `more` for `mortem`.)"""
    word = word.lower().replace("’", "'")
    if len(word) < 3 or not word.isascii() or not word.replace("'", "").isalpha():
        return False
    used = zipf(word)
    if used < _IN_USE or word in _WRONG_CLOSINGS or word in _KNOWN_SLIPS:
        return False
    dictionary = english_dictionary()
    if (
        (word.endswith("ly") and word[:-2] + "ally" in dictionary)
        or ("'" not in word and _apostrophe_dropped(word, dictionary))
        or doubled_differently(word, dictionary)
    ):
        return False
    # The last letter left off, unless it is a word of its own: witha is `with a`.
    return not _far_commoner_near(word, used, drop_last=word[-1] in "ai")


def _far_commoner_near(word: str, used: float, drop_last: bool, dictionary=None) -> bool:
    """Whether a word one letter from `word` (zipf `used`) is written _COMMONER more often,
    and is in `dictionary` when one is given."""
    return any(
        zipf(near) >= used + _COMMONER and (dictionary is None or near in dictionary)
        for near in _one_edit(word, drop_last=drop_last)
    )


def a_slip_of_a_common_word(word: str) -> bool:
    """Whether a lower-case word no dictionary knows is one letter from a word English writers
    use far more (vinyard: vineyard, stiches: stitches): a slip, even one the manuscript
    makes again and again, where a coinage (glimmerkit) or a name is near no such word."""
    if len(word) < 6 or not word.isalpha() or not word.islower():
        return False  # shorter: names, loanwords and voices (esaul, arter) more than slips
    dictionary = english_dictionary()
    uk_us, us_uk = us_uk_pairs()
    if word in dictionary or word in uk_us or word in us_uk:
        return False
    # A word in common use (zipf 3, once in a million words) at the least.
    return _far_commoner_near(word, max(zipf(word), 3.0 - _COMMONER), False, dictionary)


def _apostrophe_dropped(word: str, dictionary) -> bool:
    return any(f"{word[:i]}'{word[i:]}" in dictionary for i in range(1, len(word)))


def _one_edit(word: str, drop_last: bool = True):
    """Every string one deletion, swap of neighbours, replacement or insertion away; without
    drop_last, not the word less its last letter by deleting that letter."""
    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right and (drop_last or len(right) > 1):
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for ch in LETTERS:
            yield left + ch + right
            if right and ch != right[0]:
                yield left + ch + right[1:]


def _proper_noun(word: str, dictionary) -> bool:
    """A capitalised word no dictionary knows is a name (Farintosh, Jephro, McCauley), also
    where it opens a sentence or a speech; a misspelt name is C005's business. A capitalised
    word one letter away from a known word is taken for a slip (Becuase, Recieved)."""
    return len(word) >= 4 and word.isalpha() and not one_edit_from_a_word(word, dictionary)


def _short_for(word: str, names) -> bool:
    """A capitalised word that begins a longer name of the story: a nickname, Cass for
    Cassius, Tobe for Tobias."""
    return len(word) >= 3 and any(n.startswith(word) and len(n) > len(word) for n in names)


# Prefixes and suffixes fiction builds words with (unsupposable, smilelessly, befrilled,
# lonesomer, mittened).
_PREFIXES = tuple(_SHAPES["prefixes"])
_DERIVING_SUFFIXES = tuple(_SHAPES["deriving-suffixes"])


def _derived(word: str, dictionary, depth: int = 2) -> bool:
    """A word built from a known word with a prefix or suffixes (unfrequently, spiritlessly,
    heartedness, prettyish). A word one letter from a known word is a slip, not a coinage
    (untill, truely, happyness, arguement), and so is -icly (basicly)."""
    if len(word) < 5 or not word.isalpha() or word in _KNOWN_SLIPS:
        return False
    if not built(word, dictionary, depth):
        return False
    stems = _suffix_stems(word, dictionary)
    return not any(
        near in dictionary and not _another_form(near, stems)
        for near in _one_edit(word, drop_last=False)
    )


# Endings that make another form of the same stem: shudder -> shudders, shuddered, shuddery.
_INFLECTIONS = frozenset(_SHAPES["inflections"])


def _another_form(near: str, stems: list[str]) -> bool:
    """Whether a word one letter from a coinage is no evidence of a slip: the coinage's own
    stem with an inflection (shuddery: shudders; buzzwordy: buzzwords), or a word nobody
    writes now (candleish: candlefish). A derived word spelt right is (naturaly: naturally;
    diversly: diversely; sparkley: sparkly)."""
    if zipf(near) < _IN_USE:
        return True
    return any(near.startswith(s) and near[len(s) :] in _INFLECTIONS for s in stems)


def _suffix_stems(word: str, dictionary) -> list[str]:
    """The known words `word` is built on with one suffix: shudder for shuddery."""
    return [s for stems in _stems(word) for s in stems if s in dictionary]


def _stems(word: str):
    """For each suffix `word` ends with, the words it may be built on: the word less the
    suffix, with its final e back (balsamy: balsam, nosy: nose), its y back (thrillier:
    thrilly), or its doubled consonant single (primmed)."""
    for suffix in _DERIVING_SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        if suffix == "ly" and stem.endswith("ic"):
            continue  # basicly: -ally, not -ly
        stems = [stem, stem + "e"]
        if stem.endswith("i"):
            stems.append(stem[:-1] + "y")
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
            stems.append(stem[:-1])
        yield [s for s in stems if len(s) >= 3]


# Misspellings that look like a word and a suffix (incident+ly for incidentally).
_KNOWN_SLIPS = frozenset(_SHAPES["known-slips"])


def built(word: str, dictionary, depth: int) -> bool:
    if word in dictionary or _inflected(word, dictionary):
        return True
    if depth == 0 or len(word) < 4:
        return False
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and built(rest, dictionary, depth - 1):
            return True
    return any(built(s, dictionary, depth - 1) for stems in _stems(word) for s in stems)


def _elided(word: str, dictionary) -> bool:
    """Letters left out and marked with an apostrophe, as a character says the word:
    calc'lated, s'pose, reg'larly, stip'late. One or two letters put back at the mark give
    a known word; a misplaced apostrophe (did'nt) gives none."""
    for mark in "'’":
        at = word.find(mark)
        if at <= 0 or at == len(word) - 1 or word.count(mark) > 1:
            continue
        left, right = word[:at], word[at + 1 :]
        if not (left.isalpha() and right.isalpha()) or len(left + right) < 5:
            continue  # short words are contractions, and a slip there (ca'nt) is a slip
        for a in LETTERS:
            if left + a + right in dictionary:
                return True
            if any(left + a + b + right in dictionary for b in LETTERS):
                return True
    return False


def _inflected(word: str, dictionary) -> bool:
    """A plural of a word the dictionary knows (muslins, gaieties, selfishnesses): a word
    list holds the stems, and a misspelt stem (recieves) stays unknown."""
    if word.endswith("ies") and word[:-3] + "y" in dictionary:
        return True
    if word.endswith("es") and word[:-2] in dictionary:
        return True
    return word.endswith("s") and not word.endswith("ss") and word[:-1] in dictionary


def a_form_of_a_word(word: str) -> bool:
    """A form that lemminflect's tables, made from English text, give for a word the
    dictionary knows (dreamt, leant: dream, lean; spasming: spasm), where the word list
    holds only the base form. A slip is no form of a word (tought, recieved)."""
    word = POSSESSIVE.sub("", word).lower()
    dictionary = english_dictionary()
    return any(
        lemma != word and lemma in dictionary
        for lemmas in lemma_classes(word).values()
        for lemma in lemmas
    )


# Closings of two words that are slips, not compounds (C003 looks after real ones).
_WRONG_CLOSINGS: dict[str, str] = _SHAPES["wrong-closings"]  # alot -> a lot


def wrong_closing(word: str) -> str | None:
    """The two words that `word` closes up by mistake (alot: a lot, Nevermind: Never mind),
    or None."""
    opened = _WRONG_CLOSINGS.get(word.lower())
    if opened is not None and word[:1].isupper():
        opened = opened[:1].upper() + opened[1:]
    return opened


def takes_a_capital(word: str, fix: str | None) -> bool:
    """Whether an engine's `fix` for `word` is the word with the capital English always gives
    it (rules/capitals.yaml: days, months, peoples, languages, faiths): `hispanic`, `sunday`.
    Not a name that is also a common word (`boston`, the card game), which is not listed."""
    return fix is not None and word.islower() and fix.lower() == word and fix in _capitals()


def may_take_a_capital(word: str) -> bool:
    """Whether takes_a_capital(word, fix) can hold for any fix: a lowercase word that English
    always capitalises."""
    return word.islower() and word in _lower_capitals()


@cache
def _capitals() -> frozenset[str]:
    return frozenset(w for words in data.load("capitals").values() for w in words)


def _closed_compound(word: str, dictionary) -> bool:
    """Two words the dictionary knows, closed up (hatbrim, coalbin, rattlepated,
    summerlike): fiction coins these, and which form a manuscript uses is C003's business.
    Both parts have three letters or more, so a slip like `alot` or `noone` does not pass."""
    if len(word) < 7 or word in _WRONG_CLOSINGS or not word.isalpha():
        return False
    if one_edit_from_a_word(word, dictionary):
        return False  # carefull, withold, writting: a slip at the seam of two real words
    return any(
        word[:i] in dictionary
        and word[i:] not in _SUFFIXES
        and (word[i:] in dictionary or _inflected(word[i:], dictionary))
        for i in range(3, len(word) - 2)
    )


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit_from_a_word(word: str, dictionary, but_a_suffix: bool = False) -> bool:
    """Whether deleting, swapping, replacing or adding one letter gives a known word; with
    but_a_suffix, the word less its last letter does not count (balsamy, wholesomer: a
    suffix, not a slip)."""
    return any(near in dictionary for near in _one_edit(word, drop_last=not but_a_suffix))


# Endings a word list may hold as words of their own: begin+ing, public+ally are no compounds.
_SUFFIXES = frozenset(_SHAPES["word-list-suffixes"])


def _eye_dialect(word: str, dictionary) -> bool:
    """A word spelt the way a character says it, on purpose: a dropped g (nothin, givin), w
    for v (wery, conwict, willage), an added h (hany, hown), the old second and third person
    (thou seest, rememberest; he knoweth). Typing slips do not take these
    shapes: recieve, definately and teh match none of them."""
    if len(word) < 3:
        return False
    if word.endswith("in") and word + "g" in dictionary:
        return True
    if "w" in word and word.replace("w", "v") in dictionary:
        return True
    if len(word) >= 5 and "w" in word and word.replace("w", "r") in dictionary:
        return True  # a lisp or a child's r: bwother, wegiment, thwee
    if word.endswith(("est", "eth", "st")) and any(
        stem in dictionary for stem in (word[:-3], word[:-2], word[:-3] + "e")
    ):
        return True  # thou comest, seest, rememberest; he knoweth
    if word.startswith("yer") and "your" + word[3:] in dictionary:
        return True  # yer, yerself, yerselves
    return word.startswith("h") and len(word) > 3 and word[1:] in dictionary
