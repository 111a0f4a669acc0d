"""What a manuscript writes on purpose that a grammar engine takes for a slip, as a table of
named filters on Harper's suggestions (FILTERS; Harper itself has no switch for them). Each
filter names its cause and carries two sentences, the bracketed words its finding: `right` is
flagged by Harper and kept out of the report, `wrong` is a look-alike the same rule flags that
the filter lets through. tests/test_grammar_filters.py runs both for every filter, and checks
that the first is reported without the filter. Only causes are filters: a phrase that one
corpus sentence needed (`as was his wont`, `on bended knees`) was a filter once, for rules the
default tier leaves off, and is gone.

The words an engine calls misspelt are excused in ficlint.grammar.excuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ficlint import data, wordstore
from ficlint.dialogue import in_dialect_speech, lowercase_by_choice
from ficlint.grammar.excuses import in_speech

if TYPE_CHECKING:
    from ficlint.document import Paragraph


@dataclass(frozen=True)
class Suggestion:
    """A Harper finding in its sentence: the words (lower-cased) and the fix offered ("" when
    none), the word before and the one after (as written), the two words before, and the
    Harper rule and its kind of lint."""

    para: Paragraph
    rule: str
    kind: str
    text: str
    start: int
    end: int
    words: str
    fixed: str
    before: str
    after: str
    two_back: tuple[str, ...]
    replacement: str | None  # the fix offered, as Harper wrote it


@dataclass(frozen=True)
class Filter:
    name: str
    keeps_out: Callable[[Suggestion], bool]
    right: str
    wrong: str


def right_as_written(
    para, start: int, end: int, rule: str, kind: str, replacement: str | None
) -> bool:
    """Whether a named filter keeps Harper's finding (`rule`, of the kind of lint `kind`) at
    paragraph characters start..end out of the report."""
    s = _suggestion(para, start, end, rule, kind, replacement)
    return any(f.keeps_out(s) for f in FILTERS)


def _suggestion(
    para, start: int, end: int, rule: str, kind: str, replacement: str | None
) -> Suggestion:
    text = para.text
    before = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    after = _FOLLOWING_WORD.match(text, end, end + 40)
    two_back = re.findall(r"[A-Za-z’']+", text[max(0, start - 30) : start])[-2:]
    return Suggestion(
        para=para,
        rule=rule,
        kind=kind,
        text=text,
        start=start,
        end=end,
        words=text[start:end].lower(),
        fixed=(replacement or "").lower(),
        before=before.group(1).lower() if before else "",
        after=after.group(1) if after else "",
        two_back=tuple(w.lower() for w in two_back),
        replacement=replacement,
    )


_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
_FOLLOWING_WORD = re.compile(r"[\s*_]*([A-Za-z]+)")
# rules/grammar-filters.yaml: the words around a finding that the filters read.
_AROUND = data.load("grammar-filters")
_PREPOSITIONS = frozenset(_AROUND["prepositions"])  # "on their being joined"
_AFTER_ITS = frozenset(_AROUND["after-its"])  # "it's no use": the contraction
_SUBJECT_PRONOUNS = frozenset(_AROUND["subject-pronouns"])
_PARTICLES = _PREPOSITIONS | frozenset(_AROUND["particles"])  # "up stairs", "out last"
_AUXILIARIES = frozenset(_AROUND["auxiliaries"])
_DETERMINERS = frozenset(_AROUND["determiners"])
_STAY_VERBS = frozenset(_AROUND["stay-verbs"])  # "been there weeks": the place
_CLAUSE_OPENERS = frozenset(_AROUND["clause-openers"])  # "and its raining": it's
_CLAUSE_VERBS = frozenset(_AROUND["clause-verbs"])  # "I hope it's cake": a clause follows


def _possessive_after_preposition(s: Suggestion) -> bool:
    pairs = (("their", "they're"), ("its", "it's"), ("your", "you're"))
    return (s.words, s.fixed.replace("’", "'")) in pairs and s.before in _PREPOSITIONS


def _their_before_a_noun(s: Suggestion) -> bool:
    # They're + -ing is the slip drafts make ("Their going to be late"); before a noun
    # ("Their conduct has been such", "all their might") their is right.
    if s.words != "their" or s.fixed.replace("’", "'") != "they're":
        return False
    return not _next_word(s).endswith("ing")


def _awhile_as_adverb(s: Suggestion) -> bool:
    return s.words == "awhile" and s.before not in _PREPOSITIONS  # "for awhile" is the slip


def _next_word(s: Suggestion) -> str:
    """The word after white space, lower-cased ("" when a mark comes first)."""
    after = re.match(r"\s+([A-Za-z]+)", s.text[s.end : s.end + 30])
    return after.group(1).lower() if after else ""


def _its_for_its(s: Suggestion) -> bool:
    """Whether the finding offers `its` for the `it's` written."""
    return s.words.replace("’", "'") == "it's" and s.fixed == "its"


def _its_the_contraction(s: Suggestion) -> bool:
    # "It’s no use", "I know it’s home", "it’s beginning to": the contraction. The slip is
    # a possessive after a verb ("wagged it’s tail").
    if not _its_for_its(s):
        return False
    following = _next_word(s)
    return s.text[s.start].isupper() or following in _AFTER_ITS or following.endswith("ing")


def _its_opening_a_clause(s: Suggestion) -> bool:
    # "I hope it's cake", "but it's plenty good news", "Princess, it's God's will": where a
    # clause begins, it's is the contraction. The slip follows a verb that takes a noun or a
    # preposition ("licked it's paw", "on it's chest").
    if not _its_for_its(s):
        return False
    if re.search(r"[,;:—–]\s*$", s.text[max(0, s.start - 4) : s.start]):
        return True
    return s.before in _CLAUSE_OPENERS or s.before in _CLAUSE_VERBS


def _degree_of_a_plain_adjective(s: Suggestion) -> bool:
    # "the most honest men", "more honest to say": honest is its own base form (its -est is
    # no superlative), so more and most are the only degree. The slip doubles it: "most
    # weirdest", "more rounder" (lemma weird, round).
    if s.rule not in ("MoreBetter", "AdjectiveDoubleDegree"):
        return False
    word = s.words.split()[-1]
    return word in wordstore.lemmas(word).get("ADJ", ())


def _to_before_a_noun(s: Suggestion) -> bool:
    # "gone to headquarters": after to, a word that can be a noun is a preposition's object,
    # not an inflected verb ("to realized").
    return s.rule == "InflectedVerbAfterTo" and "NOUN" in wordstore.lemmas(s.words.split()[-1])


def _will_the_noun(s: Suggestion) -> bool:
    # "the collective will of the people", "his real will is": the noun, not the verb
    return s.words.startswith("will ") and s.before not in _SUBJECT_PRONOUNS | {"it", "there"}


def _want_after_a_modal(s: Suggestion) -> bool:
    return s.words == "want" and any(w in _AUXILIARIES for w in s.two_back)  # can he want


def _a_month_without_a_date(s: Suggestion) -> bool:
    # "the line of march", "it may rain": a month has its day or year beside it
    return s.words in ("march", "may") and not re.match(r"\s*\d", s.text[s.end : s.end + 4])


def _fro_of_to_and_fro(s: Suggestion) -> bool:
    return s.words == "fro" and s.text[max(0, s.start - 4) : s.start].lower() == "and "


def _dare_and_need_as_verbs(s: Suggestion) -> bool:
    # "would dare", "shan't dare": dare and need are modal and main verbs both
    return " " in s.words and s.words.endswith((" dare", " need"))


def _a_name_kept_whole(s: Suggestion) -> bool:
    # "Baron" is no "bar on"; "Coventrys have always been cursed": a family keeps its spelling
    if not s.text[s.start : s.start + 1].isupper():
        return False
    split = " " in s.fixed and s.fixed.replace(" ", "") == s.words
    return split or (s.words.endswith("s") and s.fixed.endswith("ies"))


def _new_not_after_a_subject(s: Suggestion) -> bool:
    return s.words == "new" and s.fixed == "knew" and s.before not in _SUBJECT_PRONOUNS


def _one_of_a_group(s: Suggestion) -> bool:
    return s.words in ("every one", "some one", "any one") and bool(
        re.match(r"\s+of\b", s.text[s.end :])
    )


def _part_of_a_hyphened_compound(s: Suggestion) -> bool:
    return (
        " " in s.words and s.fixed == s.words.replace(" ", "") and s.text[s.end : s.end + 1] == "-"
    )


def _a_prefix_that_is_a_word(s: Suggestion) -> bool:
    # "ran up stairs", "the transfer was under way", "found out last night", "under cover of
    # the dark": up, out, under and over are words of their own, and with the next word they
    # read as a phrase. A prefix that is no word alone is the slip: "auto pilot", "mid day".
    if s.rule != "DisjointPrefixes" or " " not in s.words:
        return False
    return s.words.split()[0] in _PARTICLES


def _a_hyphened_prefix(s: Suggestion) -> bool:
    # "mid-century", "over-driven", "the Re-Bar": a hyphen after a prefix is one of the ways
    # to write it, not a word split in two.
    return s.rule == "DisjointPrefixes" and "-" in s.words


def _a_merge_from_inside_a_word(s: Suggestion) -> bool:
    # "the 70s and 80s", "the early '60's at the diggings", "H-o-o-w are you": Harper reads
    # the s of a decade, or the end of a word spelled out, as a word to join to the next.
    if s.rule != "MergeWords" or s.start == 0:
        return False
    return s.text[s.start - 1].isalnum() or s.text[s.start - 1] in "’'-"


def _a_merge_with_a_letter(s: Suggestion) -> bool:
    # "put D in A’s place", "more than A’s or B’s satisfaction": a letter standing for a
    # name is a word of its own.
    return s.rule == "MergeWords" and any(
        _A_LETTER.fullmatch(word) for word in s.text[s.start : s.end].split()
    )


_A_LETTER = re.compile(r"[A-Z](?:[’']s)?")


def _spaced_initials(s: Suggestion) -> bool:
    return re.fullmatch(r"(?:[a-z]\.\s*)+[a-z]?\.?", s.words) is not None


def _no_article(s: Suggestion) -> bool:
    # "I’m a--", "A-n-n", "an' the rest" (and), "A/N:": a letter run into a mark
    after = s.text[s.end : s.end + 1]
    return s.words in ("a", "an") and bool(after) and not after.isspace()


def _a_in_a_heading(s: Suggestion) -> bool:
    return s.words == "a" and s.fixed == "an" and s.after.isupper() and len(s.after) > 1


def _a_letters_name(s: Suggestion) -> bool:
    # The letter A, not the article: "A and B cleared", "put A in B's place", "an M A of
    # Calcutta", "Volume 1: A - ANG". No noun follows it: a conjunction, a preposition or a
    # mark does, or it follows a letter.
    if s.words != "a" or s.fixed != "an" or s.text[s.start : s.start + 1] != "A":
        return False
    return (
        not s.after
        or s.after.lower() in ("and", "or")
        or s.after.lower() in _PREPOSITIONS
        or bool(_AFTER_A_LETTER.search(s.text, max(0, s.start - 4), s.start))
    )


def _an_before_a_silent_h(s: Suggestion) -> bool:
    # "an honour", and the older "an hundred", "an hotel", "such an one"
    return s.words == "an" and s.fixed == "a" and s.after.lower().startswith(("h", "one"))


_AFTER_A_LETTER = re.compile(r"(?<![^\W\d_])[A-Z]\.? $")  # "an M A", not "CHAPTER II. A"


def _an_before_a_you_sound(s: Suggestion) -> bool:
    # "an union", "an universal", "an European", "an ukase": older English, as "an hotel"
    # (and Harper takes "an urn" for one).
    return s.words == "an" and s.fixed == "a" and s.after.lower().startswith(("u", "eu"))


def _article_before_a_foreign_word(s: Suggestion) -> bool:
    # "educated by an émigrée": how a word in another language starts is not English's to say.
    if s.words not in ("a", "an"):
        return False
    following = _NEXT_LETTER.match(s.text, s.end)
    return following is not None and not following.group(1).isascii()


_NEXT_LETTER = re.compile(r"[\s*_]*([^\W\d_])")


def _a_couple_in_speech(s: Suggestion) -> bool:
    # “Let me tell you a couple things”: how people talk, and a character's voice; in the
    # narration ("back in a couple minutes") it is the writer's slip.
    return s.rule == "QuantifierNeedsOf" and in_speech(s.para, s.start)


def _article_in_dialect_speech(s: Suggestion) -> bool:
    # “What a ignorant little beggar you ’ave been”: speech that drops letters as an accent
    # does keeps its articles as the character says them.
    return s.words in ("a", "an") and in_dialect_speech(s.para, s.start)


def _were_before_its_subject(s: Suggestion) -> bool:
    return s.words == "were" and s.fixed == "where" and s.after.lower() in _DETERMINERS


def _its_inside_a_clause(s: Suggestion) -> bool:
    # Not a sentence's first word, nor the first after a conjunction ("and its raining").
    if s.words != "its" or s.fixed.replace("’", "'") != "it's":
        return False
    if not s.before or s.before in _CLAUSE_OPENERS:
        return False
    return not re.search(r"[.!?:;“‘\"(—]\s*$", s.text[max(0, s.start - 4) : s.start])


def _there_the_place(s: Suggestion) -> bool:
    # "had been there weeks", "stand there, boy", "that there hut", "got there Mrs. Allan"
    if s.words != "there" or s.fixed != "their":
        return False
    return s.before in _STAY_VERBS or s.before == "that" or s.after[:1].isupper()


def _a_lowercase_voice(s: Suggestion) -> bool:
    # A diary or a chat typed in lowercase (`i think i should ask mandy. she has`) or with
    # the marks of typing online (“spotty like an PaNdAaaa~”): its capitals and its grammar
    # are the voice's own (see lowercase_by_choice), as its spelling is (the excuse
    # typed-voice).
    return lowercase_by_choice(s.para)


def _capital_not_after_a_full_stop(s: Suggestion) -> bool:
    # Lower case is right after ! and ? (“Oh! my dear”) and after Mr.; and "Who’s" ->
    # "who’s" opening a sentence is no capital to add.
    if s.kind != "Capitalization" or s.rule == "CapitalizePersonalPronouns":
        return False
    return not _after_full_stop(s.text, s.start) or (s.replacement or "X").islower()


def _after_full_stop(text: str, start: int) -> bool:
    m = _FULL_STOP.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).lower() not in _ABBREVIATIONS and len(m.group(1)) > 1


# Before a lower-case letter, the end of a sentence is a full stop after a word that is not an
# abbreviation. After ! and ? (“Oh! my dear”, “Why now?” he asked) lower case is right, and
# Mr. and Mrs. Gardiner is one sentence.
_FULL_STOP = re.compile(r"\b(\w+)\.[’”\"')\]]*\s+$")
_ABBREVIATIONS = frozenset(_AROUND["abbreviations"])


FILTERS: tuple[Filter, ...] = (
    Filter(
        "a-lowercase-voice",
        _a_lowercase_voice,
        right="so i went home. [nobody] was there.",
        wrong="I said I knew I was wrong, and I said [i] was late.",
    ),
    Filter(
        "capital-not-after-a-full-stop",
        _capital_not_after_a_full_stop,
        right="“Oh! [my] dear,” she said.",
        wrong="He left. [then] she came.",
    ),
    Filter(
        "possessive-after-preposition",
        _possessive_after_preposition,
        right="She thought much of [their] being asked to stay.",
        wrong="She knew [their] going to be late.",
    ),
    Filter(
        "their-before-a-noun",
        _their_before_a_noun,
        right="They danced with all [their] might.",
        wrong="[Their] going to miss the tide.",
    ),
    Filter(
        "awhile-as-adverb",
        _awhile_as_adverb,
        right="They were silent [awhile].",
        wrong="She waited for [awhile] by the rail.",
    ),
    Filter(
        "its-the-contraction",
        _its_the_contraction,
        right="Go, and I promise [it’s] home.",
        wrong="The dog wagged [it’s] tail at the ferryman.",
    ),
    Filter(
        "its-opening-a-clause",
        _its_opening_a_clause,
        right="I hope [it’s] cake.",
        wrong="The cat licked [it’s] paw.",
    ),
    Filter(
        "degree-of-a-plain-adjective",
        _degree_of_a_plain_adjective,
        right="The [most honest] men kept watch.",
        wrong="It was the [most weirdest] day.",
    ),
    Filter(
        "to-before-a-noun",
        _to_before_a_noun,
        right="He has gone [to headquarters].",
        wrong="That led Chip [to realized] it.",
    ),
    Filter(
        "will-the-noun",
        _will_the_noun,
        right="It was the collective [will of] the people.",
        wrong="She [will of] gone by now.",
    ),
    Filter(
        "want-after-a-modal",
        _want_after_a_modal,
        right="“What can he [want] now?”",
        wrong="He [want] to go home.",
    ),
    Filter(
        "a-month-without-a-date",
        _a_month_without_a_date,
        right="They marched in the line of [march].",
        wrong="We leave on [march] 3.",
    ),
    Filter(
        "fro-of-to-and-fro",
        _fro_of_to_and_fro,
        right="The gulls wheeled to and [fro] over the quay.",
        wrong="He went [fro] the door.",
    ),
    Filter(
        "dare-and-need-as-verbs",
        _dare_and_need_as_verbs,
        right="None [would dare] refuse.",
        wrong="He [might could] go.",
    ),
    Filter(
        "a-name-kept-whole",
        _a_name_kept_whole,
        # Opening the sentence: in mid-sentence a capitalised word is one of the story's
        # own, which Harper is told, and no rule of its flags it.
        right="[Coventrys] have always been cursed.",
        wrong="The two [citys] were bright.",
    ),
    Filter(
        "new-not-after-a-subject",
        _new_not_after_a_subject,
        right="What [new] landscapes lay ahead!",
        wrong="I [new] it all along.",
    ),
    Filter(
        "one-of-a-group",
        _one_of_a_group,
        right="[Every one] of us came to the quay.",
        wrong="[Every one] came to the quay.",
    ),
    Filter(
        "part-of-a-hyphened-compound",
        _part_of_a_hyphened_compound,
        right="It took all [my self]-control to stay.",
        wrong="It took all of [my self] to stay.",
    ),
    Filter(
        "a-prefix-that-is-a-word",
        _a_prefix_that_is_a_word,
        right="She ran [up stairs] to fetch her shawl.",
        wrong="He was on [auto pilot] all night.",
    ),
    Filter(
        "a-hyphened-prefix",
        _a_hyphened_prefix,
        right="She sat in a [mid-century] chair.",
        wrong="The heat of the [mid day] sun was cruel.",
    ),
    Filter(
        "a-merge-from-inside-a-word",
        _a_merge_from_inside_a_word,
        right="He got his start in the 70[s in] the anti-nuclear movement.",
        wrong="He grabbed a few other [knick knacks] from his room.",
    ),
    Filter(
        "a-merge-with-a-letter",
        _a_merge_with_a_letter,
        right="It was as if anything more than A's [or B's] satisfaction mattered.",
        wrong="He inquired, then [pre empted] the answer.",
    ),
    Filter(
        "spaced-initials",
        _spaced_initials,
        right="He wrote from Lebanon, Pennsylvania, [U. S.] A., that spring.",
        wrong="She looked [any where] for it.",
    ),
    Filter(
        "no-article",
        _no_article,
        right="“I’m [a]—I’m a—” She could not say it.",
        wrong="It was [a] awful night.",
    ),
    Filter(
        "a-in-a-heading",
        _a_in_a_heading,
        right="CHAPTER II. [A] SCANDAL IN THE LEDGER",
        wrong="It was [a] awful night.",
    ),
    Filter(
        "a-letters-name",
        _a_letters_name,
        right="Volume 1: [A] - ANG, Volume 2: ANG - BAR.",
        wrong="It was [a] awful night.",
    ),
    Filter(
        "an-before-a-silent-h",
        _an_before_a_silent_h,
        right="It was [an] honour to be asked.",
        wrong="It was [an] long night.",
    ),
    Filter(
        "an-before-a-you-sound",
        _an_before_a_you_sound,
        right="It was [an] union of hearts.",
        wrong="She did not have [an] bruise on her.",
    ),
    Filter(
        "article-before-a-foreign-word",
        _article_before_a_foreign_word,
        right="She was educated by [an] émigrée.",
        wrong="It was [an] long night.",
    ),
    Filter(
        "a-couple-in-speech",
        _a_couple_in_speech,
        right="“Let me tell you a [couple] things,” she said.",
        wrong="He was back at the house in a [couple] minutes.",
    ),
    Filter(
        "article-in-dialect-speech",
        _article_in_dialect_speech,
        right="“What [a] ignorant beggar you ’ave been!” said he.",
        wrong="“What [a] ignorant beggar you have been!” said he.",
    ),
    Filter(
        "were-before-its-subject",
        _were_before_its_subject,
        right="The objects on which her eyes fell [were] the lilies.",
        wrong="I know [were] she lives.",
    ),
    Filter(
        "its-inside-a-clause",
        _its_inside_a_clause,
        right="The wind blew with all [its] might.",
        wrong="Come inside, and [its] raining again.",
    ),
    Filter(
        "there-the-place",
        _there_the_place,
        right="She had been [there] weeks, and nobody came.",
        wrong="They left [there] coats by the door.",
    ),
)
