"""Dialogue analysis on top of the quotation parser: the speech of a paragraph, and the
clause right after or before each quotation — a speech tag ("she said", "said Harry"), an
action beat ("he turned away"), or plain narration — with the words and spans rules need.

`speeches(para, lex)` gives one `Speech` per closed quotation, built once per paragraph:
its first and last spoken character and terminal mark, its lead-in, whether it is speech
and whether a sentence starts before and after it, and the clause after it. The D rules
are checks over those fields.

Which capitalised words are characters' names is learned from the whole manuscript
(capitalised mid-sentence words that recur and are never written in lowercase) plus the
config's `words`, so that "“Why?” Tobias asked" is told from "“Why?” He asked".
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ficlint import data, wordstore
from ficlint.quotation import marks_of
from ficlint.scan import SENTENCE_END, char_ahead

if TYPE_CHECKING:
    from ficlint.document import Paragraph
    from ficlint.quotation import ParsedParagraph, Quotation

# A word: letters and digits with inner apostrophes or hyphens (don’t, long-haired).
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_SENTENCE_END = set(".!?")
_SKIP_BEFORE_WORD = " \t*_"
# The word lists of rules/ the tag parser reads, each file read on first use (data.WordLists).
_TAGS = data.WordLists("tags")
_FUNCTION_WORDS = data.WordLists("function-words")
_ABBREVIATIONS = data.WordLists("abbreviations")


class Token(NamedTuple):
    """A word of the paragraph and its offsets (a named tuple: hundreds of thousands are made
    for a novel, three times quicker than a frozen dataclass)."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Clause:
    """A speech tag or action beat next to a quotation (offsets in the paragraph's text)."""

    kind: str  # "tag" or "beat"
    subject: Token  # first word of the subject (He, Tobias, the, Mr)
    subject_kind: str  # "pronoun", "name" or "phrase"
    verb: Token
    inverted: bool  # "said Harry"
    via_auxiliary: bool  # "she was saying", "he used to say"
    end: int  # offset just past the verb (or the subject, when inverted)
    after_verb: Token | None  # the word after the verb, if any (objects: "said it")


@dataclass(frozen=True)
class Lexicon:
    speech_first: dict[str, tuple[tuple[str, ...], ...]]  # first word -> whole verbs
    maybe_speech: frozenset[str]
    irregular_past: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    titles: frozenset[str]
    interjections: frozenset[str]
    interjection_followers: frozenset[str]
    interjection_phrases: frozenset[str]
    address_after: frozenset[str]
    address_greetings: frozenset[str]
    naming_verbs: frozenset[str]
    not_names: frozenset[str]
    # Every form of a speech verb's head word (say, says, said, saying), for "was saying",
    # "used to say", "heard him say".
    speech_forms: frozenset[str]
    sound_verbs: frozenset[str]
    address_time_nouns: frozenset[str]
    address_start: frozenset[str]
    address_openers: frozenset[str]
    cognition_verbs: frozenset[str]
    address_imperatives: frozenset[str]
    writing_verbs: frozenset[str]
    relations: frozenset[str]
    clause_openers: frozenset[str]
    # Base forms of verbs of speaking: those derived from Open English WordNet
    # (rules/communication-verbs.yaml) and the one-word speech-verbs; any form matches.
    communication_verbs: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()  # “came the answer”
    arrival_verbs: frozenset[str] = frozenset()  # “came the answer”
    reply_words: frozenset[str] = frozenset()  # “he replied”, “came the reply”
    speech_subjects: frozenset[str] = frozenset()  # “the question slipped out”
    spoken_sounds: frozenset[str] = frozenset()  # “Woah”, “thunk”: sounds typed as heard
    asking_verbs: frozenset[str] = frozenset()  # “she asked”
    summing_up: tuple[tuple[str, ...], ...] = ()  # “was all Lena said”
    # Titles and kin words a speaker calls someone by (rules/address-terms.yaml and titles).
    address_terms: frozenset[str] = frozenset()
    lowercase_address: frozenset[str] = frozenset()  # sir, dude: address in lowercase too
    given_names: frozenset[str] = frozenset()  # rules/given-names.yaml
    # A clause complete before a name spoken to (D008): “I have a question Tobias”.
    appositive_nouns: frozenset[str] = frozenset()  # “the ship Endurance”: not address
    person_nouns: frozenset[str] = frozenset()  # rules/person-nouns.yaml: “my roommate X”
    linking_verbs: frozenset[str] = frozenset()
    intensifiers: frozenset[str] = frozenset()
    two_object_verbs: frozenset[str] = frozenset()  # “give me Tobias”: not address
    address_after_titles: frozenset[str] = frozenset()  # “talk Mr. Vey”, not “talk Hindi”
    address_after_phrases: frozenset[str] = frozenset()  # “Come on Tobias”
    exclamation_names: frozenset[str] = frozenset()  # “Oh God!”: no one spoken to
    # Interjections only before a subject pronoun (“Sure you can”), and imperatives after
    # an interjection (“Well come in”) (D009).
    pronoun_interjections: frozenset[str] = frozenset()
    interjection_imperatives: frozenset[str] = frozenset()
    respelled_interjections: frozenset[str] = frozenset()  # “Ah we” for “Are we”
    capital_anywhere: frozenset[str] = frozenset()  # Monday, God, Oh: capital mid-sentence
    takes_listener: frozenset[str] = frozenset()  # “she asked the Gryphon”: still a tag
    leads_on: frozenset[str] = frozenset()  # “he began to draw”: not a tag
    not_lead_in_verbs: frozenset[str] = frozenset()  # “the sign read “Closed””
    say_bases: frozenset[str] = frozenset()  # “to say ‘Sh!’”
    beats_as_tags: bool = False

    def speech_verb(self, tokens: list[Token], i: int) -> int:
        """Number of tokens of the speech verb starting at tokens[i] (0 if none)."""
        word = tokens[i].lower
        best = 0
        for verb in self.speech_first.get(word, ()):
            n = len(verb)
            if n > best and tuple(t.lower for t in tokens[i : i + n]) == verb:
                best = n
        if not best and self.beats_as_tags and word in self.maybe_speech:
            best = 1
        return best

    def past_tense(self, word: str) -> bool:
        return word in self.irregular_past or (len(word) > 3 and word.endswith("ed"))

    def says(self, word: str, forms: tuple[str, ...] = ("VBD", "VBZ")) -> bool:
        """Whether `word` is a verb of speaking in one of `forms` (Penn tags; past and -s by
        default): summarized, summarised, radioes, and the hand-made list's one-word verbs."""
        lemma = _verb_lemma(word.lower(), forms)
        return lemma is not None and lemma in self.communication_verbs

    def speaks(self, word: str) -> bool:
        """Whether `word` is a verb of speaking in any form (adding, croaked, sing): its verb
        lemma only, without the inflection tables `says` loads."""
        lemmas = lemma_classes(word.lower()).get("VERB", ()) if word.isalpha() else ()
        return any(lemma in self.communication_verbs for lemma in lemmas)


@lru_cache(maxsize=8)
def lexicon(extra_verbs: tuple[str, ...] = (), beats_as_tags: bool = False) -> Lexicon:
    raw = data.load("speech")
    first: dict[str, list[tuple[str, ...]]] = {}
    forms = [form for pair in raw["speech-verbs"] for form in pair] + list(extra_verbs)
    for form in forms:
        words = tuple(form.lower().split())
        first.setdefault(words[0], []).append(words)
    maybe = frozenset(form for pair in raw["speech-or-action"] for form in pair)
    forms_all: set[str] = set()
    for past, present in raw["speech-verbs"]:
        head_past, head_present = past.split()[0], present.split()[0]
        forms_all.update((head_past, head_present, *_base_and_ing(head_present)))
    # Every other list in rules/speech.yaml is a word set of the same name (not-names ->
    # not_names).
    word_sets = {
        f.name: frozenset(raw[f.name.replace("_", "-")])
        for f in fields(Lexicon)
        if f.name.replace("_", "-") in raw and f.name not in ("irregular_past", "summing_up")
    }
    # The speech-or-action verbs (scoffed, laughed) stay beats unless the config says not.
    address = data.load("address-terms")
    communication = frozenset(data.load("communication-verbs")["communication-verbs"]) | {
        _base_and_ing(present)[0] for _, present in raw["speech-verbs"] if " " not in present
    }
    if not beats_as_tags:
        communication -= {_base_and_ing(present)[0] for _, present in raw["speech-or-action"]}
    return Lexicon(
        speech_first={k: tuple(v) for k, v in first.items()},
        maybe_speech=maybe,
        irregular_past=frozenset(raw["irregular-past"]) | maybe,
        speech_forms=frozenset(forms_all),
        communication_verbs=communication,
        address_terms=frozenset(address["address-terms"])
        | word_sets["titles"]
        | frozenset(raw["address-kin-spellings"]),
        lowercase_address=frozenset(address["lowercase-address-terms"]),
        given_names=frozenset(data.load("given-names")["given-names"]),
        person_nouns=frozenset(data.load("person-nouns")["person-nouns"]),
        summing_up=tuple(tuple(phrase.split()) for phrase in raw["summing-up"]),
        beats_as_tags=beats_as_tags,
        **word_sets,
    )


@lru_cache(maxsize=4096)
def only_noun(word: str) -> bool:
    """Whether lemminflect knows `word` as a noun and not as an adjective: “answer”, “truth”,
    not “new”, “blessed”, “bedridden”."""
    if not word.isalpha():
        return False
    pos = wordstore.lemmas(word)
    return "NOUN" in pos and "ADJ" not in pos


@lru_cache(maxsize=4096)
def lemma_classes(word: str) -> dict[str, tuple[str, ...]]:
    """The word classes lemminflect knows `word` in (NOUN, VERB, ADJ, ADV), each with its
    lemmas, or none. Treat the result as read-only: it is cached."""
    if not word.isalpha():
        return {}
    return wordstore.lemmas(word)


@lru_cache(maxsize=4096)
def _verb_lemma(word: str, forms: tuple[str, ...]) -> str | None:
    """The base form of `word` if it is one of the verb `forms` (Penn tags) of it."""
    if len(word) < 3 or not word.isalpha():
        return None
    # What lemminflect's getLemma and getInflection give, from its tables; where they hold
    # no answer it guesses by its rules (radioes: radio), so it is asked itself.
    verb = wordstore.lemmas(word).get("VERB")
    for lemma in verb or ():
        for form in forms:
            spellings = wordstore.inflections(lemma).get(form)
            if spellings is None:
                return _verb_lemma_guessed(word, forms)
            if word in spellings:
                return lemma
    return None if verb else _verb_lemma_guessed(word, forms)


def _verb_lemma_guessed(word: str, forms: tuple[str, ...]) -> str | None:
    lemminflect = wordstore.lemminflect()
    for lemma in lemminflect.getLemma(word, upos="VERB"):
        for form in forms:
            if word in lemminflect.getInflection(lemma, form):
                return lemma
    return None


def _base_and_ing(present: str) -> tuple[str, str]:
    """say from says, reply from replies, hiss from hisses; and the -ing form."""
    if present.endswith("ies"):
        base = present[:-3] + "y"
    elif present.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        base = present[:-2]
    elif present.endswith("s"):
        base = present[:-1]
    else:
        base = present
    if base.endswith("ie"):
        ing = base[:-2] + "ying"
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        ing = base[:-1] + "ing"
    else:
        ing = base + "ing"
    return base, ing


def words_after(text: str, start: int, limit: int = 8) -> list[Token]:
    """Up to `limit` words from `start`, stopping at punctuation other than a title's period."""
    out: list[Token] = []
    pos = start
    n = len(text)
    while len(out) < limit:
        while pos < n and text[pos] in _SKIP_BEFORE_WORD:
            pos += 1
        m = _WORD.match(text, pos)
        if not m:
            break
        out.append(Token(m.start(), m.end(), m.group()))
        pos = m.end()
        if pos < n and text[pos] == "." and m.group().lower() in _ABBREVIATIONS.title_abbreviations:
            pos += 1  # Mr. Okafor
        if pos < n and text[pos] not in _SKIP_BEFORE_WORD:
            break  # punctuation ends the clause
    return out


def words_before(text: str, end: int, limit: int = 6) -> list[Token]:
    """Up to `limit` words ending at `end`, nearest last, stopping at punctuation."""
    out: list[Token] = []
    pos = end
    while len(out) < limit:
        while pos > 0 and text[pos - 1] in _SKIP_BEFORE_WORD:
            pos -= 1
        if out and pos > 1 and text[pos - 1] == "." and _title_before(text, pos - 1):
            pos -= 1  # Mr. Okafor
        if pos == 0 or not text[pos - 1].isalnum():
            break
        start = pos - 1
        while start > 0 and (
            text[start - 1].isalnum()
            or (text[start - 1] in "’'-" and start > 1 and text[start - 2].isalnum())
        ):
            start -= 1
        out.append(Token(start, pos, text[start:pos]))
        pos = start
        if pos > 0 and text[pos - 1] not in _SKIP_BEFORE_WORD:
            break
    out.reverse()
    return out


def _title_before(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:dot].lower() in _ABBREVIATIONS.title_abbreviations


def clause_after(text: str, start: int, lex: Lexicon) -> Clause | None:
    """The tag or beat that follows a closing quotation mark at `start - 1`, if any."""
    if start < len(text) and text[start] not in " \t":
        return None
    tokens = words_after(text, start)
    if not tokens:
        return None
    # Inverted: said Harry / said he / said the Mouse / asked Mr. Okafor.
    n = lex.speech_verb(tokens, 0)
    if n and len(tokens) > n:
        subj = tokens[n]
        low = subj.lower
        kind = None
        if low in lex.pronouns:
            kind = "pronoun"
        elif low in lex.determiners:
            kind = "phrase"
        elif subj.capitalized:
            kind = "name"
        if kind:
            end = subj.end
            rest = tokens[n + 1 : n + 4]
            if kind == "phrase":  # said the Mock Turtle, replied the other
                for token in rest:
                    if token.lower in _TAGS.phrase_stops or token.lower.endswith("ly"):
                        break
                    end = token.end
            elif kind == "name":  # said Mr. Okafor, said Prince Andrew
                for token in rest:
                    if not token.capitalized:
                        break
                    end = token.end
            return Clause("tag", subj, kind, tokens[0], True, False, end, None)
    # Normal order: subject, optional adverbs, verb.
    first = tokens[0]
    low = first.lower
    i = 1
    if low in lex.pronouns:
        kind = "pronoun"
    elif low in lex.determiners:
        kind = "phrase"
    elif first.capitalized and low not in lex.clause_openers:
        kind = "name"
        while (
            i < len(tokens) and i < 3 and tokens[i].capitalized and lex.speech_verb(tokens, i) == 0
        ):
            i += 1  # Mr. Okafor, Aunt Berenike, Tobias Vey
        if low in lex.titles and i == 1:
            return None
    else:
        return None
    if kind == "phrase":
        auxiliary = False
        for j in range(1, min(len(tokens), 5)):
            if tokens[j].capitalized and j > 1:
                break
            auxiliary = (
                auxiliary or tokens[j].lower in _TAGS.tag_auxiliaries
            )  # the order was shouted
            m = lex.speech_verb(tokens, j)
            if m:
                after = tokens[j + m] if j + m < len(tokens) else None
                end = tokens[j + m - 1].end
                return Clause("tag", first, kind, tokens[j], False, auxiliary, end, after)
        # “Move,” the guard pushed past her: a noun, then an action.
        for j in (2, 3):
            if j >= len(tokens) or tokens[j].capitalized or tokens[j - 1].capitalized:
                break
            verb = tokens[j]
            if (
                lex.past_tense(verb.lower)
                and not auxiliary
                and _spoken_after(tokens, j + 1, lex) is None
            ):
                after = tokens[j + 1] if j + 1 < len(tokens) else None
                return Clause("beat", first, kind, verb, False, False, verb.end, after)
            if lex.past_tense(tokens[j - 1].lower):
                break  # the tired man…: an adjective in -ed, not the verb
        return None
    while (
        i < len(tokens)
        and (tokens[i].lower.endswith("ly") or tokens[i].lower in _TAGS.adverbs_before_verb)
        and not tokens[i].capitalized
    ):
        if lex.speech_verb(tokens, i):
            break
        i += 1
    if i >= len(tokens) or tokens[i].capitalized:
        return None
    m = lex.speech_verb(tokens, i)
    if m:
        after = tokens[i + m] if i + m < len(tokens) else None
        return Clause("tag", first, kind, tokens[i], False, False, tokens[i + m - 1].end, after)
    verb = tokens[i]
    spoken = _spoken_after(tokens, i + 1, lex)
    if verb.lower in _TAGS.tag_auxiliaries:
        # "she was saying", "he used to say", "she heard him say": a tag in another form.
        if spoken is not None:
            return Clause("tag", first, kind, spoken, False, True, spoken.end, None)
        return None
    if lex.past_tense(verb.lower) and spoken is None:
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return Clause("beat", first, kind, verb, False, False, verb.end, after)
    return None


def spoken_tag_after(text: str, start: int, lex: Lexicon) -> Clause | None:
    """A speech tag after a closing quotation mark at `start - 1` that only the larger
    lexicon shows: a verb of speaking in any inflection (“she summarised”, “suggested the
    pilot”), or a tag whose subject is the speech itself (“came the answer”, “was all Lena
    said”). Beats (“Milo slumped”) are not tags here: their verbs are not verbs of speaking."""
    if start < len(text) and text[start] not in " \t":
        return None
    tokens = words_after(text, start)
    if len(tokens) < 2:
        return None
    lowers = tuple(t.lower for t in tokens)
    for frame in lex.summing_up:  # “I doubt it” was all Lena said.
        if lowers[: len(frame)] == frame:
            clause = _subject_then_verb(tokens, len(frame), lex)
            if clause is not None:
                return clause
    first = tokens[0]
    if first.lower in lex.arrival_verbs:
        return _arrival_tag(tokens, lex)
    if not first.capitalized and lex.says(first.lower, ("VBD",)):  # suggested the pilot
        subj = tokens[1]
        kind = None
        if subj.lower in _TAGS.inverted_pronouns:
            kind = "pronoun"
        elif (
            subj.lower in _FUNCTION_WORDS.articles
            or subj.lower in _FUNCTION_WORDS.possessive_determiners
        ):
            kind = "phrase"
        elif subj.capitalized and subj.lower not in lex.clause_openers | lex.pronouns:
            kind = "name"
        if kind is not None:
            end = subj.end
            for token in tokens[2:5] if kind != "pronoun" else ():
                if (kind == "name") != token.capitalized or token.lower in _TAGS.phrase_stops:
                    break
                if token.lower.endswith("ly"):
                    break
                end = token.end
            return Clause("tag", subj, kind, first, True, False, end, None)
        return None
    return _subject_then_verb(tokens, 0, lex)


def arrival_tag(text: str, start: int, lex: Lexicon) -> Clause | None:
    """A tag whose subject is the speech itself, after a closing mark at `start - 1`: `came
    the answer`, `came a low voice`, `came the old man’s reply`. Read from the word lists
    alone (no lemmatiser), so any rule may ask."""
    if start < len(text) and text[start] not in " \t":
        return None
    tokens = words_after(text, start, 5)
    if len(tokens) < 3 or tokens[0].lower not in lex.arrival_verbs:
        return None
    return _arrival_tag(tokens, lex)


def _arrival_tag(tokens: list[Token], lex: Lexicon) -> Clause | None:
    if tokens[1].lower not in _FUNCTION_WORDS.articles:
        return None
    for noun in tokens[2:5]:
        if noun.capitalized:
            break
        if noun.lower in lex.speech_nouns or noun.lower in lex.communication_verbs:
            return Clause("tag", tokens[1], "phrase", tokens[0], True, False, noun.end, None)
    return None


def _subject_then_verb(tokens: list[Token], i: int, lex: Lexicon) -> Clause | None:
    """A tag in normal order from tokens[i]: pronoun, name or noun phrase, adverbs, then a
    verb of speaking (she summarised, Petra agreed, the old pilot suggested)."""
    if i >= len(tokens):
        return None
    first = tokens[i]
    low = first.lower
    j = i + 1
    if low in lex.pronouns:
        kind = "pronoun"
    elif low in lex.determiners:
        kind = "phrase"
        while j < len(tokens) and j < i + 3 and not tokens[j].capitalized:
            if lex.says(tokens[j].text):
                break
            j += 1  # the old pilot
    elif first.capitalized and low not in lex.clause_openers and low not in lex.not_names:
        kind = "name"
        while j < len(tokens) and j < i + 3 and tokens[j].capitalized:
            j += 1  # Mr. Okafor, Tobias Vey
        if low in lex.titles and j == i + 1:
            return None
    else:
        return None
    while j < len(tokens) and (
        tokens[j].lower.endswith("ly") or tokens[j].lower in _TAGS.adverbs_before_verb
    ):
        if lex.says(tokens[j].text):
            break
        j += 1
    if j >= len(tokens) or tokens[j].capitalized or not lex.says(tokens[j].text):
        return None
    verb = tokens[j]
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    return Clause("tag", first, kind, verb, False, False, verb.end, after)


def _spoken_after(tokens: list[Token], start: int, lex: Lexicon) -> Token | None:
    """A speech verb in any form within the next few words, with only `to`, `been`, an
    object pronoun or an adverb between ("was saying", "used to say", "heard him say")."""
    for token in tokens[start : start + 3]:
        if token.lower in lex.speech_forms:
            return token
        if token.lower not in _TAGS.between_auxiliary and not token.lower.endswith("ly"):
            return None
    return None


def is_object(clause: Clause, lex: Lexicon) -> bool:
    """Whether the word after the verb makes the clause a sentence of its own ("He said it
    quietly", "He began to draw") rather than a tag ("she asked the Gryphon")."""
    token = clause.after_verb
    if token is None:
        return False
    low = token.lower
    verb = clause.verb.lower
    if low in _TAGS.always_object:
        return True
    if low == "to":
        return verb in lex.leads_on
    if low in _TAGS.determiner_object:
        return verb not in lex.takes_listener
    return False


# Spaces and emphasis between the marks and the words they hold: “ *Go* ”.
_TRAILING = " \t*_"
_SENTENCE_START_BEFORE = set(".!?:;—–-…)”’\"'")
_SENTENCE_END_BEFORE = set(".!?…”’\"'")


@dataclass(eq=False, slots=True)
class Speech:
    """One closed top-level quotation of a paragraph, read once for every dialogue rule:
    where its words start and end, what stands before it and what follows it. Fields are
    computed when the paragraph's speech is built (each is a few character tests); the
    clause after is read on first use."""

    quotation: Quotation
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    first: int  # offset of the first spoken character (the closing mark's, if none)
    last: int  # offset of the last spoken character (the opening mark's, if none)
    mark: str  # the last spoken character: its terminal punctuation (. , ? ! …) or a letter
    # Offset of the last character before the opening mark that is not a space or emphasis
    # (-1: the paragraph starts with the quotation): the lead-in's end (`he said,`), and
    # that character (``: none).
    lead_in: int
    lead_in_char: str
    # The quotation begins a sentence or follows a lead-in (`he said,` / `he said:`).
    starts_sentence: bool
    # The quotation begins a sentence: the paragraph starts, or a sentence or quotation ends,
    # before it (not a lead-in's comma or colon, nor a dash that brings in a quoted phrase:
    # `what Jo meant--‘a happy, homelike place’.`).
    opens_sentence: bool
    opens_capital: bool  # the words begin with a capital: a spoken sentence starts
    # Speech, not a quoted word or title: it starts with a capital, or it goes on after a
    # tag (`said he, “but Bonaparte…`).
    is_speech: bool
    # A new sentence starts after it: the paragraph ends, or a capital (a new sentence or a
    # tag's name) or another quotation follows (not `said “Hurrah!” and ran`).
    ends_sentence: bool
    # The paragraph's clauses, shared by its speeches.
    clauses: Clauses = field(repr=False)

    @property
    def clause(self) -> Clause | None:
        """The tag or beat right after the closing mark, with its evidence, if any."""
        return self.clauses.at(self.close + 1)


def _speech(text: str, q: Quotation, clauses: Clauses) -> Speech:
    start, close = q.open.pos, q.close.pos
    first = start + 1
    while first < close and text[first] in _TRAILING:
        first += 1
    last = close - 1
    while last > start and text[last] in _TRAILING:
        last -= 1
    lead_in = start - 1
    while lead_in >= 0 and text[lead_in] in _TRAILING:
        lead_in -= 1
    before = text[lead_in] if lead_in >= 0 else ""
    spoken = first < close
    capital = spoken and text[first].isupper()
    is_speech = spoken and (
        capital
        or text[first] in "’'"
        or (before in (",", "—") and len(text[first:close].split()) >= 3)
    )
    rest = char_ahead(text, close + 1, _TRAILING)
    return Speech(
        quotation=q,
        open=start,
        close=close,
        first=first,
        last=last,
        mark=text[last],
        lead_in=lead_in,
        lead_in_char=before,
        starts_sentence=not before or before in _SENTENCE_START_BEFORE or before == ",",
        opens_sentence=not before or before in _SENTENCE_END_BEFORE,
        opens_capital=capital,
        is_speech=is_speech,
        ends_sentence=not rest or rest.isupper() or rest in "“‘\"'",
        clauses=clauses,
    )


class Clauses:
    """clause_after for one paragraph and lexicon, read once per position: several rules
    ask about the same tag."""

    __slots__ = ("_found", "lex", "text")

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self._found: dict[int, Clause | None] = {}

    def at(self, start: int) -> Clause | None:
        found = self._found
        if start not in found:
            found[start] = clause_after(self.text, start, self.lex)
        return found[start]


class Dialogue:
    """The speech of one paragraph and the clauses beside it, for one lexicon."""

    __slots__ = ("clauses", "lex", "speeches", "text")

    def __init__(self, text: str, quotations: list[Quotation], lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.clauses = Clauses(text, lex)
        self.speeches = [_speech(text, q, self.clauses) for q in quotations]

    def clause_at(self, start: int) -> Clause | None:
        """The tag or beat after a closing mark at `start - 1` (see clause_after)."""
        return self.clauses.at(start)


_DIALOGUES: weakref.WeakKeyDictionary[ParsedParagraph, dict[int, Dialogue]] = (
    weakref.WeakKeyDictionary()
)
# The engine runs every rule on one paragraph before the next: the last Dialogue built
# answers nearly every call without the weak dictionary's lookup.
_last: list = [None, None]


def dialogue(para: Paragraph, lex: Lexicon) -> Dialogue:
    """The paragraph's Dialogue, built once per parse and lexicon."""
    parsed = marks_of(para)
    last = _last[1]
    if _last[0] is parsed and last.lex is lex:
        return last
    by_lex = _DIALOGUES.get(parsed)
    if by_lex is None:
        by_lex = _DIALOGUES[parsed] = {}
    found = by_lex.get(id(lex))
    if found is None:
        found = by_lex[id(lex)] = Dialogue(para.text, parsed.speech, lex)
    _last[0], _last[1] = parsed, found
    return found


def speeches(para: Paragraph, lex: Lexicon) -> list[Speech]:
    """One Speech per closed top-level quotation of the paragraph, in order."""
    parsed = marks_of(para)
    if not parsed.speech:
        return []  # most paragraphs: no dialogue to build
    last = _last[1]
    if _last[0] is parsed and last.lex is lex:
        return last.speeches
    return dialogue(para, lex).speeches


def in_dialect_speech(para, offset: int) -> bool:
    """Whether paragraph character `offset` is inside speech that drops letters the way an
    accent does (goin', 'em, an', o', p'raps, ain't): there a word spelt by its sound is
    the character's, not a slip."""
    parsed = marks_of(para)
    q = parsed.speech_at(offset)
    if q is None:
        return False
    # Each speech read once, not once per word asked about: speech left open runs to the
    # paragraph's end, which in a paragraph as long as a novel was read again for each.
    known = _DIALECT_SPEECH.get(parsed)
    if known is None:
        known = _DIALECT_SPEECH[parsed] = {}
    found = known.get(q.open.pos)
    if found is None:
        end = q.close.pos if q.close is not None else len(para.text)
        found = known[q.open.pos] = _DIALECT.search(para.text, q.open.pos + 1, end) is not None
    return found


_DIALECT_SPEECH: weakref.WeakKeyDictionary[ParsedParagraph, dict[int, bool]] = (
    weakref.WeakKeyDictionary()
)


# A letter dropped at an apostrophe that no standard contraction drops (n't 's 're 've 'll
# 'd 'm are standard; goin', 'em, an', o', p'raps are not), or ain't.
_DIALECT = re.compile(
    r"(?i)\b[a-z]+in['’](?![a-z])|(?<![\w'’])['’](?:em|im|er|is|ere|ow|alf|e|ave|ouse|ead|un)\b"
    r"|\b(?:an|o|th|fo|ol|wi)['’](?![a-z])|\b[a-z]['’][a-z]{3,}\b|\bain['’]t\b"
)


def typed_voice(para) -> bool:
    """Whether the paragraph is a character's own typing (a chat, a blog post, a diary, a
    text message), where slips are the character's, kept on purpose: it writes the pronoun
    `i` in lowercase twice or more (`so i knwo he got it`), as edited prose never does, or
    it shows two kinds of the marks of typing online: the pronoun `i`, a word in
    alternating case or with digits for letters (MiStReSS, m00n), a letter typed on and on
    (haaaaawt, PaNdAaaaa), an emoticon (<3, :(, ^_^), a hashtag or handle, or online
    shorthand (omg, lol). One such mark is not enough: fiction's speech stretches a word
    too (`Nooooo!`). A paragraph with one mark is typed when it and the two paragraphs on
    either side show two kinds: a chat or a questionnaire goes on over many short
    paragraphs."""
    if _typed(para.text):
        return True
    doc = para.document
    if doc is None or not _marks(para.text):
        return False
    around = doc.paragraphs[max(0, para.index - 2) : para.index + 3]
    return len(frozenset().union(*(_marks(other.text) for other in around))) >= 2


def lowercase_by_choice(para) -> bool:
    """Whether the paragraph's lowercase `i` is the voice's, not a slip: the paragraph is
    written in lowercase (no sentence in it opens with a capital: `i should not ask mandy.
    i opened my phone`), or shows a mark of typing online besides the `i` (see
    typed_voice), or its document writes the pronoun in lowercase more than once in every
    CAPITAL_I_SHARE times (a character's blog, a chat log). A lowercase `i` among a
    chapter's capitals (`“You’ll think i’m mad,” she said.`) is a slip."""
    text = para.text
    if _marks(text) - {0}:  # 0: the lowercase i itself
        return True
    if _no_sentence_opens_with_a_capital(text):
        return True
    doc = para.document
    if doc is None:
        return False
    lower, upper = _pronoun_cases(doc.text)
    return upper < CAPITAL_I_SHARE * lower


CAPITAL_I_SHARE = 4  # capital I's for each lowercase i in a document that writes the pronoun right


@lru_cache(maxsize=64)
def _pronoun_cases(text: str) -> tuple[int, int]:
    """How often the text writes the pronoun as `i` and as `I` (one pass)."""
    found = _PRONOUN_I.findall(text)
    return found.count("i"), found.count("I")


# The first letter of each sentence: at the start, or after . ! ? and a space (marks between).
_SENTENCE_OPENING = re.compile(rf"(?:^|{SENTENCE_END.pattern})[\W_]*([^\W\d_])")


@lru_cache(maxsize=64)
def _no_sentence_opens_with_a_capital(text: str) -> bool:
    """Whether sentences open in the text and none with a capital. It stops at the first
    capital, and a text is read once, not once per finding in it (a paragraph as long as a
    novel, a plain-text file with no blank line, was read again for each)."""
    opens = False
    for m in _SENTENCE_OPENING.finditer(text):
        if m.group(1).isupper():
            return False
        opens = True
    return opens


@lru_cache(maxsize=1024)
def _marks(text: str) -> frozenset[int]:
    """Which kinds of the marks of typing online (see _TYPING_MARKS) the text shows."""
    return frozenset(i for i, mark in enumerate(_TYPING_MARKS) if mark.search(text))


@lru_cache(maxsize=1024)
def _typed(text: str) -> bool:
    if len(_marks(text)) >= 2:
        return True
    if not _LOWERCASE_I.search(text):
        return False
    return len(_LOWERCASE_I.findall(text)) >= 2


# The pronoun I, as a word of its own (not i.e., not a letter of a word or an initial).
_I_ALONE = r"(?<![\w'’.-]){}(?=[\s'’,!?;:]|\.(?!e\.))"
_LOWERCASE_I = re.compile(_I_ALONE.format("i"))
_PRONOUN_I = re.compile(_I_ALONE.format("[iI]"))
_TYPING_MARKS = (
    _LOWERCASE_I,
    re.compile(r"[a-z][A-Z][A-Za-z]*[a-z][A-Z]|\b[A-Za-z]+[0-9]+[A-Za-z]+"),  # MiStReSS, m00n
    re.compile(r"([a-zA-Z])\1\1\1"),  # haaaaawt, niiiiight
    # emoticons, and faces drawn with symbols: (╯°□°）╯, ◕‿◕, ┬┴┬┴┤
    re.compile(
        r"<3|(?<![\w])[:;][-']?[()/DPpCc|](?![\w])|\^_+\^|(?<![\w])D:"
        r"|[°•\u2190-\u2bff][^\sA-Za-z0-9]{0,2}[°•\u2190-\u2bff]"
    ),
    re.compile(r"(?<![\w&])[#@][A-Za-z]\w+"),  # #incompetence, @kirahmyrahmoo
    re.compile(r"(?i)\b(?:omg|lol|lmao|rofl|btw|idk|tbh|imo|brb|ttyl|smh)\b"),
)
