"""Dialogue punctuation (family D): the comma, capital and period around speech tags and
beats, lead-ins, direct address and interjections, built on the quotation parser."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ficlint import data
from ficlint.diagnostic import Applicability, Diagnostic
from ficlint.dialogue import (
    Clause,
    Lexicon,
    Speech,
    Token,
    arrival_tag,
    clause_after,
    dialogue,
    is_object,
    lemma_classes,
    lexicon,
    only_noun,
    speeches,
    spoken_tag_after,
    words_after,
    words_before,
)
from ficlint.document import Paragraph
from ficlint.manuscript import Fact, Manuscript, add_sets, tally
from ficlint.rule import Rule, register
from ficlint.scan import char_ahead, char_back, skip_ahead, skip_back
from ficlint.wordcounts import address_names, english_dictionary, manuscript_names, told_in_past

_TRAILING = " \t*_"
_SENTENCE_ENDS = re.compile(r"[.?!]+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# The word lists of rules/ these rules read, each file read on first use (data.WordLists).
_TAGS = data.WordLists("tags")
_ADDRESS = data.WordLists("direct-address")
_FUNCTION_WORDS = data.WordLists("function-words")
_ABBREVIATIONS = data.WordLists("abbreviations")


@cache
def _abbreviation() -> re.Pattern[str]:
    """An initial or an abbreviation whose period ends no sentence, at the end of a string."""
    words = "|".join(sorted(_ABBREVIATIONS.no_sentence_end, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?:\b[A-Z]|\b(?:{words}))\.$")


def _speech_before(para: Paragraph, lex: Lexicon, pos: int) -> Speech | None:
    """The last of the paragraph's speeches that closes before `pos` (a binary search: the
    rules ask it for every quotation of a paragraph)."""
    speech = speeches(para, lex)
    i = bisect.bisect_left(speech, pos, key=lambda s: s.close)
    return speech[i - 1] if i else None


def _clause(para: Paragraph, start: int, lex: Lexicon) -> Clause | None:
    """clause_after, computed once per position: several rules ask about the same tag."""
    return dialogue(para, lex).clause_at(start)


def _settings_lexicon(ms: Manuscript) -> Lexicon:
    return lexicon(tuple(ms.settings.speech_verbs), ms.settings.beats_as_tags)


# The speech lexicon with the config's speech verbs: what the settings give, not the text, so a
# later check of an edited text reads its own.
LEXICON: Fact[Lexicon] = Fact("lexicon", _settings_lexicon, of_the_text=False)


def _lex(ms: Manuscript) -> Lexicon:
    return ms.fact(LEXICON)


def _before(text: str, pos: int) -> int:
    """Offset of the last character before `pos` that is not a space or emphasis (-1: none)."""
    pos -= 1
    while pos >= 0 and text[pos] in _TRAILING:
        pos -= 1
    return pos


def _after_narration_comma(para: Paragraph, s: Speech, lex: Lexicon) -> bool:
    """The quotation follows a comma that ends narration, not a speech tag: it is quoted
    inside a longer sentence (`From the inscription, “Also Georgiana,” I drew…`)."""
    text = para.text
    at = s.lead_in
    if s.lead_in_char != ",":
        return False
    start = max(text.rfind(". ", 0, at), text.rfind("? ", 0, at), text.rfind("! ", 0, at))
    words = [w.strip("”’\"'.,;:!?") for w in text[start + 1 : at].lower().split()]
    return not any(w in lex.speech_forms or w in lex.speech_first for w in words)


def _tag_only(text: str, clause: Clause, lex: Lexicon, loose: bool = False) -> bool:
    """Whether the clause is a bare tag (`Cassius said.`, `Mr. Okafor said slowly.`, `Alice
    said politely, ‘if…`, `I said to Biddy, plucking…`) rather than a sentence that goes on
    (`He said with a smile that…`) or a sound (`The old prince snorted.`)."""
    if clause.verb.lower in lex.sound_verbs or is_object(clause, lex):
        return False
    pos = clause.end
    if clause.verb.lower in lex.takes_listener:
        pos = _skip_listener(text, pos, lex)
    pos = _skip_tag_words(text, pos, lex)
    at = skip_ahead(text, pos, " \t*_")
    if at == len(text) or text[at] in ".!?;":
        return True
    if text[at] not in ",:—":
        return False
    if loose:
        return True  # “Where?” she asked, when he finally stood up.
    at = skip_ahead(text, at + 1, " \t*_")
    if text[at : at + 1] in ("“", "‘", '"', "'"):
        return text[at + 1 : at + 2].islower()  # the speech goes on: ‘if…
    for word in words_after(text, at, 3):
        if word.lower.endswith("ing"):
            return True  # , smiling / , not looking up / , already walking
        if not (word.lower.endswith("ly") or word.lower in _TAGS.before_participle):
            break
    tail = _skip_tag_words(text, at, lex)
    return tail > at and char_ahead(text, tail, " \t*_") in (".", "!", "?", ";", "")


def _reads_as_tag(para: Paragraph, s: Speech, clause: Clause, lex: Lexicon) -> bool:
    """Whether a subject and speech verb after the speech are its tag, however the clause
    goes on (`Petra said to the guard.`, `Lena said in a low voice, her eyes down.`), rather
    than a sentence of its own: the verb has an object (`He said it twice.`), or the clause
    introduces the next quotation (`He said to the guard, “Let him go.”`)."""
    text = para.text
    if clause.verb.lower in lex.sound_verbs or clause.via_auxiliary or is_object(clause, lex):
        return False
    if _introduces_next(para, lex, clause):
        return False
    pos = clause.end
    if clause.verb.lower in lex.takes_listener:
        pos = _skip_listener(text, pos, lex)
    for _ in range(3):
        pos = _skip_tag_words(text, pos, lex)
        at = skip_ahead(text, pos, _TRAILING)
        if at == len(text) or text[at] in ".!?;,—–":
            return True  # not a colon: `The shot told: they were…` brings in a sentence
        words = words_after(text, at, 5)
        if not words or text[pos : words[0].start].strip(_TRAILING):
            return False
        low = words[0].lower
        if low != "to" or len(words) < 2:
            return low in _TAGS.tag_goes_on
        # To whom: `to himself`, `to the guard`, `to the old guard` (not `to wait`).
        if words[1].lower in _TAGS.to_whom:
            pos = words[1].end
        elif words[1].lower in lex.determiners and len(words) > 2:
            pos = words[2].end
            for word in words[3:]:
                if (
                    word.capitalized
                    or word.lower in _TAGS.tag_goes_on
                    or word.lower in _TAGS.listener_ends
                ):
                    break
                if text[pos : word.start].strip(" \t"):
                    break
                pos = word.end
        else:
            return False
    return False


def _introduces_next(para: Paragraph, lex: Lexicon, clause: Clause) -> bool:
    """Whether the clause leads into the next quotation in the same sentence and that
    quotation starts a sentence of its own (`He said, “Come in.”`)."""
    text = para.text
    nxt = next((s for s in speeches(para, lex) if s.open >= clause.end), None)
    if nxt is None or _sentence_ends(text, clause.end, nxt.open):
        return False
    return nxt.first < nxt.close and not text[nxt.first].islower()


def _sentence_ends(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends in text[start:end] (`Mr.` and initials do not end one)."""
    for i in range(start, end):
        if text[i] in "!?" or (
            text[i] == "." and not _abbreviation().search(text[max(0, i - 5) : i + 1])
        ):
            return True
    return False


def _skip_listener(text: str, pos: int, lex: Lexicon) -> int:
    """Skip the person spoken to after `asked`, `told`: him, Tobias, the Gryphon."""
    words = words_after(text, pos, 2)
    if not words or text[pos : words[0].start].strip(" \t*_"):
        return pos
    first = words[0]
    if first.lower in _TAGS.listener_pronouns or (
        first.capitalized and first.lower not in lex.pronouns
    ):
        return first.end
    determiner = first.lower == "the" or first.lower in _FUNCTION_WORDS.possessive_determiners
    if determiner and len(words) > 1:
        return words[1].end
    return pos


def _skip_tag_words(text: str, pos: int, lex: Lexicon) -> int:
    """Skip what may follow a tag's verb: adverbs (very politely), `to Biddy`, `in a whisper`."""
    words = words_after(text, pos, 6)
    i = 0
    while i < len(words):
        word = words[i]
        if text[pos : word.start].strip(" \t*_"):
            break
        low = word.lower
        if low.endswith("ly") or low in _TAGS.tag_adverbs:
            pos, i = word.end, i + 1
            continue
        if (
            low == "to"
            and i + 1 < len(words)
            and (
                words[i + 1].capitalized
                or words[i + 1].lower in lex.pronouns
                or words[i + 1].lower in _TAGS.listener_pronouns
            )
        ):
            pos, i = words[i + 1].end, i + 2
            continue
        if (
            low in _TAGS.tag_phrase_starts
            and i + 2 < len(words)
            and words[i + 1].lower in lex.determiners
        ):
            j = i + 2
            while (
                j < len(words)
                and j < i + 4
                and not text[words[j - 1].end : words[j].start].strip(" \t")
            ):
                j += 1
            pos, i = words[j - 1].end, j
            continue
        break
    return pos


def _interrupts_sentence(text: str, nxt: Speech | None, clause: Clause) -> bool:
    """Whether speech resumes in lowercase after the clause, in the same sentence."""
    if nxt is None:
        return False
    between = text[clause.end : nxt.open]
    if any(ch in between for ch in ".!?"):
        return False
    return nxt.first < nxt.close and text[nxt.first].islower()


def _lower_edit(token_start: int, text: str) -> tuple[int, int, str]:
    return (token_start, token_start + 1, text[token_start].lower())


def _capital_subject(clause: Clause) -> bool:
    """A capitalised subject that a tag would lowercase (He, The nurse), not a name or I."""
    return (
        clause.subject.capitalized
        and clause.subject_kind in ("pronoun", "phrase")
        and clause.subject.text != "I"
    )


@register
class TagPeriod(Rule):
    """A period ends the speech although a speech tag follows and continues the sentence.

    What it flags
    `“You should have called first.” Nell returned coldly.` The tag is part of the sentence,
    so the speech ends with a comma: `first,” Nell returned`. The tag is read from its subject
    and verb however it goes on (`Petra said to the guard.`), unless the verb has an object
    (`He said it twice.`) or the clause brings in the next quotation. An action beat after a
    period is right: `“Fine.” She turned away.` A lowercase word after the period is always
    reported: a beat gets its capital (`“Fine.” he grinned.` → `He grinned`), and a verb the
    lexicon does not know is reported without a fix, since only the writer knows whether it
    is a tag (comma) or a new sentence (capital).

    Why
    It is the commonest dialogue error in drafts, and every copy editor corrects it.

    Wrong
    “You should have called first.” Nell returned coldly.
    “I’ll be there.” she said.
    “It’s late.” said Tobias.
    “Let him go.” Petra said to the guard.
    “Fine.” he grinned.

    Right
    “You should have called first,” Nell returned coldly.
    “I’ll be there,” she said.
    “It’s late.” She turned off the lamp.
    “Fine.” He grinned.
    “Yes.” He said to the guard, “Let him go.”
    """

    code = "D001"
    name = "tag-period"
    summary = "A period where a comma belongs, before a speech tag."
    fixable = (Applicability.SAFE, Applicability.UNSAFE)

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for s in speeches(para, lex):
            last = s.last
            if (
                s.mark != "."
                or text[last - 1] == "."
                or _abbreviation().search(text[s.open + 1 : last + 1])
            ):
                continue
            clause = s.clause
            if clause is None or clause.kind != "tag":
                yield from self._lowercase_after(para, s, lex)
                continue
            if clause.inverted and clause.verb.capitalized:
                continue
            if (
                not clause.inverted
                and clause.subject.capitalized
                and not _reads_as_tag(para, s, clause, lex)
            ):
                continue  # “Go.” He said it twice. / “Yes.” He said, “Come in.”: a new sentence
            edits = [(last, last + 1, ",")]
            if not clause.inverted and _capital_subject(clause):
                edits.append(_lower_edit(clause.subject.start, text))
            yield self.report(
                para,
                last,
                clause.end,
                "period before a speech tag; the tag continues the sentence, so use a comma",
                edits=edits,
            )

    def _lowercase_after(self, para: Paragraph, s: Speech, lex: Lexicon) -> Iterator[Diagnostic]:
        """A lowercase word after the period that is not a known tag: a beat (it takes a
        capital), or a tag with a verb the lexicon does not know (it takes a comma)."""
        text = para.text
        after = s.close + 1
        if para.indented or after >= len(text) or text[after] not in " \t" or not s.opens_sentence:
            return
        words = words_after(text, after, 1)
        if not words or text[after : words[0].start].strip(" \t") or not words[0].text[0].islower():
            return
        word = words[0]
        clause = s.clause
        if clause is not None and clause.kind == "beat" and clause.subject.start == word.start:
            yield self.report(
                para,
                s.last,
                word.end,
                f"a lowercase action beat after the period ({clause.verb.text} is not a way of "
                f"speaking); start the new sentence with a capital: {word.text[0].upper()}{word.text[1:]}",
                edits=[(word.start, word.start + 1, word.text[0].upper())],
                safe=clause.verb.lower not in lex.maybe_speech,
            )
            return
        yield self.report(
            para,
            s.last,
            word.end,
            f"a period, then a lowercase word: if the sentence goes on (a speech tag), use a "
            f"comma; if a new one starts, a capital ({word.text[0].upper()}{word.text[1:]})",
        )


@register
class TagCapital(Rule):
    """A speech tag after `?`, `!` or `,` starts with a capital although it continues the sentence.

    What it flags
    `“Why did you come back?” He asked.` → `he asked`. Names keep their capital
    (`“Why?” Tobias asked.`), and so does `I`; other tags do not (`“Impossible!” The nurse
    said.` → `the nurse said`). The reverse too: an action, not a tag, told in lowercase
    after `?` or `!` with a noun phrase for its subject is a new sentence (`“Grampa?” the
    child filled the silence.` → `The child`; unsafe fix). Left alone: verbs that may tell
    speech (`the old man laughed`) and the speech itself as subject (`the question slipped
    out`, `a sudden cry resounded`).

    Why
    A question or exclamation mark ends the speech, not the sentence: the tag that follows
    goes on in lowercase.

    Wrong
    “Why did you come back?” He asked.
    “Impossible!” The nurse said.
    “Fine,” She said.

    Right
    “Why did you come back?” he asked.
    “Why?” Tobias asked.
    “Is that good?” I asked.
    """

    code = "D002"
    name = "tag-capital"
    summary = "A capital letter starting a speech tag after ?, ! or a comma."
    fixable = (Applicability.SAFE, Applicability.UNSAFE)

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for s in speeches(para, lex):
            if s.mark not in "?!,":
                continue
            clause = s.clause
            if clause is not None and clause.kind == "beat" and s.mark != ",":
                yield from self._lowercase_beat(para, s, clause, lex)
                continue
            if clause is None or clause.kind != "tag":
                continue
            if clause.inverted:
                if not clause.verb.capitalized or para.indented:
                    continue  # verse starts every line with a capital
                word = clause.verb
            else:
                if (
                    not _capital_subject(clause)
                    or clause.via_auxiliary
                    or is_object(clause, lex)
                    or clause.verb.lower in lex.sound_verbs
                    or (
                        clause.subject_kind == "phrase"
                        and not _tag_only(text, clause, lex, loose=True)
                        and not _reads_as_tag(para, s, clause, lex)
                    )
                    or (
                        clause.verb.lower in lex.cognition_verbs
                        and not _tag_only(text, clause, lex)
                    )
                ):
                    continue  # “Why?” She could have added… / She concluded from his tone…
                word = clause.subject
            yield self.report(
                para,
                word.start,
                word.end,
                f"speech tag starts with a capital; after {s.mark} the sentence goes on: {word.text[0].lower()}{word.text[1:]}",
                edits=[_lower_edit(word.start, text)],
            )

    def _lowercase_beat(
        self, para: Paragraph, s: Speech, clause: Clause, lex: Lexicon
    ) -> Iterator[Diagnostic]:
        """An action told in lowercase after `?` or `!`, with a noun phrase for its subject
        (`“Grampa?” the small voice woke him.`): not a tag, so a new sentence."""
        text = para.text
        subject = clause.subject
        if (
            clause.subject_kind != "phrase"
            or subject.capitalized
            or subject.start != skip_ahead(text, s.close + 1, " \t")
            or clause.verb.lower in lex.maybe_speech | lex.sound_verbs
            or not s.opens_sentence
        ):
            return
        phrase = words_after(text, subject.start, 6)
        if any(w.lower in lex.speech_subjects for w in phrase if w.end <= clause.verb.start):
            return  # `“Am I selfish?” the question slipped out`: the speech itself, tag-like
        yield self.report(
            para,
            subject.start,
            clause.verb.end,
            f"a lowercase action after {s.mark} ({clause.verb.text} is not a way of speaking): "
            f"a new sentence, so a capital: {subject.text[0].upper()}{subject.text[1:]}",
            edits=[(subject.start, subject.start + 1, subject.text[0].upper())],
            safe=False,
        )


@register
class TagMissingComma(Rule):
    """Nothing closes the spoken sentence before its speech tag.

    What it flags
    `“We should go” Nell said.` → `“We should go,” Nell said.` A tag's verb is any verb of
    speaking, in any form (she summarised, suggested the pilot: the speech list plus Open
    English WordNet's), or the speech itself is the subject (came the answer, was all Lena
    said). An action after the speech (Milo slumped, he nodded) is a beat, not a tag. Speech
    typed in lowercase counts when it opens the paragraph and a subject and a verb of
    speaking follow (`“mmhmm” Drip confirmed.`).

    Why
    Speech followed by a tag needs a comma (or ? ! —) inside the closing mark.

    Wrong
    “We should go” Nell said.
    “I know that” she said softly.
    “Then we start again” she summarised.
    “Not yet” came the answer.

    Right
    “We should go,” Nell said.
    He called it “a misunderstanding” and left.
    “Not yet,” came the answer.
    """

    code = "D003"
    name = "tag-missing-comma"
    summary = "No comma (or other mark) before the closing quotation mark and its speech tag."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for s in speeches(para, lex):
            last = s.last
            # Speech typed in lowercase (`“mmhmm” Drip confirmed.`) when it opens the
            # paragraph and a subject and a verb of speaking follow it.
            lowercase = not s.is_speech and s.lead_in < 0
            if not s.mark.isalnum() or not (lowercase or s.is_speech) or not s.starts_sentence:
                continue
            clause = s.clause
            if clause is None or clause.kind != "tag":
                # A verb of speaking the hand-made list lacks, or a tag whose subject is
                # the speech itself (came the answer). An inverted verb must make a bare
                # tag: “Hamlet” described a prince who… is a title and a sentence of its own.
                clause = spoken_tag_after(text, s.close + 1, lex)
                if clause is None or (
                    clause.inverted
                    and clause.verb.lower not in lex.arrival_verbs
                    and not _tag_only(text, clause, lex, loose=True)
                ):
                    continue
            if (
                clause.inverted
                and clause.subject_kind == "phrase"
                and len(text[s.open : s.close].split()) < 2
                and not _tag_only(text, clause, lex, loose=True)
            ):
                continue  # “Uncle” asked his visitors to sit down: a one-word name, not speech
            if not clause.inverted and clause.subject.capitalized and is_object(clause, lex):
                continue
            if lowercase and (
                clause.inverted
                or clause.via_auxiliary
                or clause.subject_kind == "phrase"
                or not _tag_only(text, clause, lex, loose=True)
            ):
                continue  # “love” Drip said was overrated: a word, quoted
            edits = [(last + 1, last + 1, ",")]
            if not clause.inverted and _capital_subject(clause):
                edits.append(_lower_edit(clause.subject.start, text))
            yield self.report(
                para,
                last,
                clause.end,
                "no comma before the speech tag; end the speech with a comma",
                edits=edits,
            )


@register
class LeadInComma(Rule):
    """A speech tag before the quotation with no comma (or colon) after it.

    What it flags
    `Nell said “We should go.”` → `Nell said, “We should go.”` A spoken sentence written in
    lowercase gets its capital too (`he muttered “keep going.”` → `muttered, “Keep going.”`),
    unless it goes on a sentence a tag interrupted (`“Well,” he said “if…` → `said, “if…`).
    A participle of speaking after a comma or `and` is a lead-in too (`she backed away,
    saying “Oh dear!”`), not one that belongs to a noun (`a sign saying “Closed.”`) nor a
    cry quoted inside the sentence (`shouting “Hurrah!”`).

    Why
    A tag that introduces speech is set off by a comma (or a colon, for a formal
    introduction).

    Wrong
    Nell said “We should go.”
    He whispered “Don’t move.”
    He muttered “keep going.”

    Right
    Nell said, “We should go.”
    He said that “a deal is a deal” and left.
    """

    code = "D004"
    name = "lead-in-comma"
    summary = "No comma after a speech tag that introduces the quotation."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for s in speeches(para, lex):
            first = s.first
            lower = not s.opens_capital
            if lower:
                # `he muttered “keep going.”`: a whole spoken sentence in lowercase
                if (
                    first >= s.close
                    or not text[first].isalpha()
                    or not _ends_speech_sentence(text, s)
                    or s.mark == "…"
                    or len(text[first : s.close].split()) < 2
                ):
                    continue  # shouted “bravo!”: the cry, quoted, not a spoken sentence
            elif not s.ends_sentence and (
                len(text[s.open : s.close].split()) < 3 or s.mark not in ".,!?…—-"
            ):
                continue  # shouted “Hurrah!” and ran / the note said “Back at six” and…
            verb_end = _bare_lead_in(text, s, lex)
            if verb_end is None:
                verb_end = _participle_lead_in(text, s, lex)
            if verb_end is None:
                continue
            edits = [(verb_end, verb_end, ",")]
            message = "no comma after the speech tag that introduces the quotation"
            if lower and not _continues_speech(para, s, lex):
                edits.append((first, first + 1, text[first].upper()))
                message += f", and the speech starts with a capital: {text[first].upper()}"
            yield self.report(para, verb_end - 1, s.open + 1, message, edits=edits)


def _continues_speech(para: Paragraph, s: Speech, lex: Lexicon) -> bool:
    """Whether `s` goes on with a spoken sentence that an earlier quotation began and a tag
    interrupted (`“Well,” he said, “if you insist.”`)."""
    prev = _speech_before(para, lex, s.open)
    if prev is None:
        return False
    return prev.mark in ",—–-" and not _sentence_ends(para.text, prev.close + 1, s.open)


def _bare_lead_in(text: str, s: Speech, lex: Lexicon) -> int | None:
    """End of a `she said` right before the opening mark with nothing between, if any."""
    if not s.lead_in_char.isalpha():
        return None
    before = words_before(text, s.open, 8)
    if not before or text[before[-1].end : s.open].strip(_TRAILING):
        return None
    return _lead_in_verb_end(before, lex)


def _participle_lead_in(text: str, s: Speech, lex: Lexicon) -> int | None:
    """End of a participle of speaking that brings in the quotation after a comma or `and`:
    `she backed off, saying “Oh dear!”`, `and whispering softly “Not now.”` (not `a sign
    saying “Closed”`, where the participle belongs to a noun)."""
    if not s.ends_sentence or len(text[s.open : s.close].split()) < 2:
        return None  # shouting “Hurrah!” / shouting ‘Off with his head!’ or…: a cry, quoted
    before = words_before(text, s.open, 4)
    if not before or text[before[-1].end : s.open].strip(_TRAILING):
        return None
    i = len(before) - 1
    while i > 0 and before[i].lower.endswith("ly"):
        i -= 1  # saying quietly
    verb = before[i]
    if not (verb.lower.endswith("ing") and len(verb.lower) > 5 and verb.lower in lex.speech_forms):
        return None
    if i > 0:
        return before[-1].end if before[i - 1].lower in _TAGS.before_participle_lead_in else None
    return before[-1].end if char_back(text, verb.start, _TRAILING) == "," else None


def _ends_speech_sentence(text: str, s: Speech) -> bool:
    """Whether the speech ends a sentence with `.`, `?`, `!` or `…`, inside the closing mark
    or, as drafts often put it, just outside (`…is gone now”.`), and the sentence ends there."""
    if s.mark in ".!?…":
        return s.ends_sentence
    after = s.close + 1
    if (
        not s.mark.isalnum()
        or text[after : after + 1] not in (".", "!", "?")
        or len(text[s.open + 1 : s.close].split()) < 4
        or not (s.lead_in_char in (",", ":") or _several_sentences(text, s))
    ):
        return False  # `which said ‘forgive and forget’.`: a quoted phrase in narration
    rest = char_ahead(text, after + 1, _TRAILING)
    return not rest or rest.isupper() or rest in "“‘\"'"


_INNER_SENTENCE_END = re.compile(r"[.?!…]+[ \t]+[A-Z]")


def _several_sentences(text: str, s: Speech) -> bool:
    """Whether the quotation holds more than one sentence: it is speech, not a quoted phrase."""
    return _INNER_SENTENCE_END.search(text, s.open + 1, s.close) is not None


def _lead_in_verb_end(before: list, lex: Lexicon) -> int | None:
    """End offset of a lead-in at the end of `before`: `she said`, `he whispered quietly`,
    `Ron muttered under his breath`, `she called out into the fog`."""
    words = [t.lower for t in before]
    for v in range(len(before) - 1, max(0, len(before) - 6), -1):
        n = lex.speech_verb(before, v)
        if not n or (n == 1 and words[v] in lex.not_lead_in_verbs) or v + n > len(before):
            continue
        if _lead_in_tail(words[v + n :]) and words[v - 1] not in _TAGS.not_a_subject:
            return before[-1].end
    return None


def _lead_in_tail(words: list[str]) -> bool:
    """What may stand between a lead-in verb and the speech: adverbs, or one short phrase."""
    if all(w.endswith("ly") for w in words):
        return True
    return words[0] in _TAGS.lead_in_prepositions and len(words) <= 4


_NOT_A_NOUN = tuple("ly ous ful ive ic ish less ing self selves".split())


def _says_or_writes(words: list, i: int, lex: Lexicon) -> bool:
    """A form of a speech or writing verb at words[i], but not a base form that is also a
    noun (end, note), nor half of a phrasal verb (went pale is not went on)."""
    word = words[i].lower
    return (
        lex.speech_verb(words, i) > 0
        or word in lex.writing_verbs
        or word in lex.say_bases
        or (word.endswith("ing") and word in lex.speech_forms)
    )


def _subject_and_verb(words: list, lex: Lexicon) -> bool:
    """Whether the words open with a subject and a past-tense verb: `Ron rolled`, `She set`,
    `Mr. Okafor lifted`, `The old man stood`."""
    first = words[0]
    low = first.lower
    if (low in lex.pronouns and low != "it") or (
        first.capitalized and low not in lex.clause_openers
    ):
        start = 1
    elif low in lex.determiners:
        start = 2
    else:
        return False
    return any(lex.past_tense(w.lower) and not w.capitalized for w in words[start : start + 3])


@register
class QuoteRunOn(Rule):
    """Narration runs straight into an opening quotation with no sentence end.

    What it flags
    `She stared at the wreck of the kitchen “What did you do?”` — the narration needs a
    period (or a colon) before the speech. So does a tag after speech that ended with `?` or
    `!` when a new spoken sentence follows it (`“Really?” said Ama “Show me!”`), and a
    sentence of action that ends on a place joined by a comma to new speech (`She leaned
    toward the boy, “You can’t tell anyone.”`). A quotation that belongs to the sentence
    (`He called it “a misunderstanding” and left.`, `the word “love”`), a lead-in with a
    verb of speaking and a quotation in apposition (`the old rhyme, “Now I lay me…”`) are
    right.

    Why
    The reader runs the narration into the speech; a period marks the change of voice.

    Wrong
    She stared at the wreck of the kitchen “What did you do?”
    He set the letter down on the counter “I suppose I should open it.”
    “Really?” said the ferryman “Show me the coin!”
    The small man looked at Tobias with a worried look on his face, “What will you do?”

    Right
    She stared at the wreck of the kitchen. “What did you do?”
    He called it “a misunderstanding” and left.
    """

    code = "D005"
    name = "quote-run-on"
    summary = "Narration runs into an opening quotation with no sentence end."
    fixable = Applicability.UNSAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for s in speeches(para, lex):
            if not s.opens_capital:
                continue
            if s.mark not in ".?!" or len(text[s.open + 1 : s.close].split()) < 2:
                continue
            if not s.lead_in_char.isalpha():
                continue
            before = words_before(text, s.open, 12)
            if len(before) < 3 or text[before[-1].end : s.open].strip(_TRAILING):
                continue
            last_word = before[-1]
            low = last_word.lower
            if low in _TAGS.run_on_ok_before or low.endswith(_NOT_A_NOUN) or last_word.capitalized:
                continue  # `his perpetual “What for?”`, `to itself ‘Then…`, a name or title
            if lex.past_tense(low) or any(
                _says_or_writes(before, i, lex) for i in range(len(before))
            ):
                continue  # the quotation is what was said, written or done: `went ‘Sh!’`
            if not s.ends_sentence and (s.clause is None or s.clause.kind != "tag"):
                continue
            # The narration is a sentence of its own: a subject and its verb (`Ron rolled his
            # eyes`), or an action that ends on a place (`… on the counter`).
            places = any(t.lower in _TAGS.place_prepositions for t in before[-4:-1])
            if not (places or _subject_and_verb(before, lex)):
                continue
            yield self.report(
                para,
                last_word.start,
                s.open + 1,
                "narration runs into the quotation; end the sentence before the speech",
                edits=[(last_word.end, last_word.end, ".")],
                safe=False,
            )
        yield from self._tag_runs_on(para, ms)
        yield from self._beat_comma_before(para, ms)

    def _tag_runs_on(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        """A tag after speech that ended with `?` or `!`, run straight into a new spoken
        sentence: `“Really?” said Ama “Show me!”` → `said Ama. “Show me!”`."""
        text = para.text
        lex = _lex(ms)
        for a, b in itertools.pairwise(speeches(para, lex)):
            if a.mark not in "?!" or not b.opens_capital:
                continue
            clause = a.clause
            if clause is None or clause.kind != "tag" or clause.via_auxiliary:
                continue
            end = _skip_tag_words(text, clause.end, lex)
            if text[end : b.open].strip(" \t") or end == b.open:
                continue  # a mark ends the tag, or the quotation is glued to it
            if not b.ends_sentence and b.clause is None:
                continue  # `he roared “Hurrah!” and drank`: the cry belongs to the sentence
            yield self.report(
                para,
                clause.end - 1,
                b.open + 1,
                "the tag runs into a new spoken sentence; end the tag with a period",
                edits=[(end, end, ".")],
                safe=False,
            )

    def _beat_comma_before(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        """An action sentence joined by a comma to the new spoken sentence after it: `Nell
        leaned toward the boy, “You can’t tell anyone.”` → `the boy. “You…`. A verb of
        speaking (a lead-in) or speech that goes on a sentence a beat interrupted
        (`“…admission here,” she touched her bosom, “to anything…”`) is left alone."""
        text = para.text
        lex = _lex(ms)
        speech = speeches(para, lex)
        for n, s in enumerate(speech):
            if s.lead_in_char != ",":
                continue
            comma, first = s.lead_in, s.first
            if first >= s.close:
                continue
            prev = speech[n - 1] if n else None
            capital = text[first].isupper() and not (
                # “Yes,” she touched his arm, “I know.”: I may go on the sentence
                text[first : first + 2].startswith(("I ", "I’", "I'"))
                and prev is not None
                and prev.mark == ","
            )
            if capital and s.mark not in ".?!…—–-,":
                continue  # `the name on the door, “Mr. Greene”.`: in apposition, not speech
            if not capital and not (
                text[first].islower()
                and len(text[first : s.close].split()) >= 3
                and _ends_speech_sentence(text, s)
            ):
                continue
            start = _narration_start(text, prev, comma)
            if start is None:
                continue
            words = [
                Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, comma)
            ]
            if (
                len(words) < 3
                or any(_says_or_writes(words, i, lex) for i in range(len(words)))
                or any(w.lower in lex.cognition_verbs or w.lower == "think" for w in words)
                or "," in text[start:comma]
                or not any(w.lower in _TAGS.place_prepositions - {"of"} for w in words[-4:-1])
                or words[-1].lower
                in _TAGS.run_on_ok_before | _TAGS.place_prepositions | lex.speech_nouns
                or words[-1].lower in _TAGS.speech_act_nouns
            ):
                # A lead-in (`he turned to her and said, “Go.”`, `the words, “Halt!”`), a
                # quotation in apposition (`to teach her the old rhyme, “Now I…”`): only a
                # simple sentence of action that ends on a place is a beat.
                continue
            if prev is not None and start == prev.close + 1:
                if not capital and prev.mark not in ".?!":
                    continue  # the beat interrupts one spoken sentence
                clause = prev.clause
                if clause is None or clause.kind != "beat":
                    continue
                if clause.subject_kind == "name" and clause.subject.text not in manuscript_names(
                    ms
                ):
                    continue
            elif not _subject_and_verb(words, lex):
                continue
            yield self.report(
                para,
                comma,
                s.open + 1,
                "an action joined by a comma to a new spoken sentence; end the narration with "
                "a period",
                edits=[(comma, comma + 1, ".")]
                + ([] if capital else [(first, first + 1, text[first].upper())]),
                safe=False,
            )


def _narration_start(text: str, prev: Speech | None, comma: int) -> int | None:
    """Where the narration before `comma` begins: after the last sentence end, or right after
    the previous quotation; None when the paragraph is not so simple (an open parenthesis)."""
    start = 0
    for i in range(comma - 1, -1, -1):
        if prev is not None and i == prev.close:
            return i + 1
        if (
            text[i] in ".!?"
            and text[i + 1 : i + 2] in (" ", "\t", "\n")
            and not _abbreviation().search(text[max(0, i - 5) : i + 1])
        ):
            start = i + 1
            break
        if text[i] in "()":
            return None
    return start


@register
class BeatComma(Rule):
    """A comma ends the speech although an action beat, not a speech tag, follows.

    What it flags
    `“Fine,” he turned away.` → `“Fine.” He turned away.` Turning away is not a way of
    speaking, so it is a sentence of its own. Verbs that may be either (laughed, smiled,
    sighed) count as actions unless `beats-as-tags = true` is set in the config. A comma put
    outside the closing mark before an action is reported here too (`“Right, so —”, he looked
    away.`); before a verb that may be a tag (`“No”, Ada sighed.`) it is D010's.

    Why
    A comma joins the speech to a tag; an action is a new sentence.

    Wrong
    “Fine,” he turned away.
    “Right,” she rubbed her eyes.
    “Right, so —”, he looked away.

    Right
    “Fine.” He turned away.
    “Right,” Ysolde said, rubbing her eyes.
    """

    code = "D006"
    name = "beat-comma"
    summary = "A comma before an action beat that is not a speech tag."
    fixable = Applicability.UNSAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for n, s in enumerate(speeches(para, lex)):
            clause = _beat_after_comma(para, n, ms, lex)
            if clause is None:
                continue
            last, close = s.last, s.close
            outside = _comma_outside(text, s)
            if not outside:
                edits = [(last, last + 1, ".")]
            elif s.mark.isalnum():  # “This thing”, Ada pointed → “This thing.” Ada pointed
                edits = [(last + 1, last + 1, "."), (close + 1, close + 2, "")]
            else:  # “Right — so —”, Zee looked → the dash ends the speech
                edits = [(close + 1, close + 2, "")]
            if clause.subject.text[0].islower():
                start = clause.subject.start
                edits.append((start, start + 1, text[start].upper()))
            yield self.report(
                para,
                last if not outside else close,
                clause.end,
                f"comma before an action beat ({clause.verb.text} is not a way of speaking); end the speech with a period",
                edits=edits,
                safe=False,
            )


def _beat_after_comma(para: Paragraph, n: int, ms: Manuscript, lex: Lexicon) -> Clause | None:
    """The action beat after the comma that ends the n-th speech of the paragraph, inside the
    closing mark or outside it (`“Fine,” he turned away.`, `“This thing”, Ada pointed.`)."""
    text = para.text
    speech = speeches(para, lex)
    s = speech[n]
    outside = _comma_outside(text, s)
    if (s.mark != "," and not outside) or not s.starts_sentence:
        return None
    if _after_narration_comma(para, s, lex):
        return None  # “From the inscription, “Also Georgiana,” I drew…”: one sentence
    clause = s.clause if not outside else _clause(para, s.close + 2, lex)
    if clause is None or clause.kind != "beat":
        return None
    if outside and clause.verb.lower in lex.maybe_speech:
        return None  # `“No”, Ada sighed.`: a verb that may be a tag; D010 moves the comma
    if clause.subject_kind == "name" and clause.subject.text not in address_names(ms):
        return None  # "And Jo gave…": only a known character's name is a subject
    nxt = speech[n + 1] if n + 1 < len(speech) else None
    if _interrupts_sentence(text, nxt, clause):
        return None  # “…admission here,” she touched her bosom, “to anything…”: one sentence
    return clause


def _comma_outside(text: str, s: Speech) -> int:
    """1 when a comma stands right after the closing mark of speech that ends in a word, a
    dash or an ellipsis (`“This thing”, Ada pointed`), else 0."""
    after, last = s.close + 1, s.last
    return int(
        text[after : after + 1] == ","
        and (s.mark.isalnum() or s.mark in "—–-…" or text[last - 1 : last + 1] == "..")
    )


@register
class SplitTag(Rule):
    """Speech split by a tag restarts with the wrong case.

    What it flags
    `“I think,” she said, “That we should go.”` — one sentence split by the tag goes on in
    lowercase: `“that we`. After a tag that ends with a period a new sentence starts with a
    capital: `“Go,” she said. “And don’t come back.”` When `?` or `!` ended the speech, a
    capital after the tag starts a new sentence, so the tag ends with a period
    (`“Where were you?” he asked. “Nobody knew.”`); and speech after a lead-in’s comma that is
    a sentence of its own starts with a capital (`She said, “If we wait…`).

    Why
    The case of the continuation tells the reader whether the sentence goes on.

    Wrong
    “I think,” she said, “That we should go.”
    “Go,” she said. “and don’t come back.”
    “Where were you?” he asked, “Nobody knew.”
    She said, “if we wait, we lose.”

    Right
    “I think,” she said, “that we should go.”
    “Go,” she said. “And don’t come back.”
    """

    code = "D007"
    name = "split-tag"
    summary = "Speech split by a tag restarts with the wrong case."
    fixable = (Applicability.SAFE, Applicability.UNSAFE)

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        if para.indented:
            return  # verse starts every line with a capital
        lex = _lex(ms)
        speech = speeches(para, lex)
        names = None
        for a, b in itertools.pairwise(speech):
            last = a.last
            mark, after = _mark_before_tag(text, a)
            if mark not in ",.?!":
                continue
            clause = _clause(para, after, lex)
            if clause is None or clause.kind != "tag":
                continue
            tail_at = _skip_place(text, _skip_tag_words(text, clause.end, lex), lex)
            ended = _tag_end(text, tail_at, b.open, lex)
            if ended is None:
                continue
            tail, tail_mark = ended
            first = b.first
            words = words_after(text, first, 1)
            if not words or words[0].start != first:
                continue
            word = words[0]
            if tail == "," and mark != ",":
                # After ? or ! the spoken sentence has ended: a capital starts a new one, and
                # the tag before it ends with a period. (“Why?” she asked, “and…”: either
                # reading may be meant.)
                if (
                    mark in "?!"
                    and word.capitalized
                    and len(text[a.first : last].split()) > 1
                    and b.ends_sentence
                ):
                    # Not after a one-word cry, which may stand inside the sentence
                    # (`“Oh!” said she, “I heard you.”`), nor before a quotation the
                    # sentence goes on after (`he roared, “Hurrah!” and drank`).
                    comma = tail_mark
                    yield self.report(
                        para,
                        comma,
                        word.end,
                        "a new sentence starts after the tag (the speech before it ended "
                        f"with {mark}); end the tag with a period",
                        edits=[(comma, comma + 1, ".")],
                    )
                continue
            if (
                tail == ","
                and word.capitalized
                and word.text != "I"
                and not word.text.startswith(("I’", "I'"))
            ):
                names = names if names is not None else address_names(ms)
                base = _POSSESSIVE.sub("", word.text)
                if (
                    base in names
                    or base.lower() in lex.titles | lex.capital_anywhere
                    or word.text.isupper()
                    or word.text[1:2] in ("’", "'")  # L’Europe, O’Hara
                ):
                    continue
                yield self.report(
                    para,
                    tail_mark,
                    word.end,
                    f"capital after the tag’s comma: continue in lowercase "
                    f"({word.text[0].lower()}{word.text[1:]}), or end the tag with a period "
                    "if a new sentence starts here",
                    edits=[_lower_edit(word.start, text)],
                    safe=False,
                )
            elif tail == "." and word.text[0].islower():
                yield self.report(
                    para,
                    word.start,
                    word.end,
                    f"a new sentence starts after the tag; capitalise it: {word.text[0].upper()}{word.text[1:]}",
                    edits=[(word.start, word.start + 1, word.text[0].upper())],
                )
        for s in speech:
            first = s.first
            if first >= s.close or not text[first].islower() or not _ends_speech_sentence(text, s):
                continue
            if not _lead_in_with_mark(para, s, lex):
                continue
            word = words_after(text, first, 1)
            end = word[0].end if word else first + 1
            yield self.report(
                para,
                first,
                end,
                "the speech after the tag is a new sentence; capitalise it: "
                f"{text[first].upper()}{text[first + 1 : end]}",
                edits=[(first, first + 1, text[first].upper())],
            )


def _tag_end(text: str, start: int, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """The mark (`,` or `.`) that ends a tag before the next quotation, and where it is. A
    participle phrase may come between (`Drip confirmed, reaching over to switch screens,
    “As is this.”`), but no sentence end, dash or other quotation, and no verb of speaking,
    which leads in new speech (`she whispered, adding aloud, “It’s late.”`, `the parrot,
    who cocked his head and croaked, “Hello!”`, `preparing to sing, “The Three Kittens”`)."""
    tail = text[start:end].strip(_TRAILING)
    if tail in (",", "."):
        return tail, text.index(tail, start, end)
    if (
        _PARTICIPLE_TAIL.fullmatch(tail)
        and "--" not in tail
        and not any(lex.speaks(w) for w in _LOWER_WORD.findall(tail))
    ):
        return tail[-1], text.rindex(tail[-1], start, end)
    return None


# `, (slowly) turning to the door,`: the phrase holds no sentence end, quotation or clause break
_PARTICIPLE_TAIL = re.compile(
    r",[ \t\n]*(?:[a-z]+ly[ \t\n]+)?[a-z]{2,}ing\b[^.?!…;:—–\"“”‘’()]*[,.]"
)


def _mark_before_tag(text: str, s: Speech) -> tuple[str, int]:
    """The mark that ends the speech before its tag, and where the tag starts: a comma put
    outside the closing mark (`“Ulee”, the old man called`) or none at all (`“Wait” she
    said`, which D003 and D010 report) count as the comma they stand for."""
    after = s.close + 1
    if not s.mark.isalnum():
        return s.mark, after
    if text[after : after + 1] == ",":
        return ",", after + 1
    return ",", after


def _skip_place(text: str, pos: int, lex: Lexicon) -> int:
    """Skip a place after a tag's verb: `called across the garden`, `said from the door`."""
    words = words_after(text, pos, 5)
    if (
        len(words) < 3
        or text[pos : words[0].start].strip(_TRAILING)
        or words[0].lower not in _TAGS.place_prepositions - {"of"}  # the officer of the guard
        or words[1].lower not in lex.determiners
    ):
        return pos
    end = words[2].end
    for word in words[3:]:
        if text[end : word.start].strip(" \t") or word.capitalized:
            break
        end = word.end
    return end if char_ahead(text, end, _TRAILING) == "," else pos


def _lead_in_with_mark(para: Paragraph, s: Speech, lex: Lexicon) -> bool:
    """Whether `s` follows a tag and its comma or colon that open the sentence (`she said,
    “…`), not a tag that interrupts speech begun before it (`“Well,” she said, “if…`)."""
    text = para.text
    at = s.lead_in
    if s.lead_in_char not in (",", ":"):
        return False
    before = words_before(text, at, 8)
    if not before or _lead_in_verb_end(before, lex) is None:
        return False
    prev = _speech_before(para, lex, s.open)
    return prev is None or _sentence_ends(text, prev.close + 1, at)


@register
class AddressComma(Rule):
    """A name spoken to, in direct address, without its comma.

    What it flags
    `“Why are you here Tobias?”` → `here, Tobias?`; `“Tobias you came.”` → `Tobias, you came.`
    A name is spoken to when it opens the speech before a clause or a question (`“Dad can I
    go?”`, not `“Tobias can swim.”`), or ends a clause that is complete without it: after a
    noun phrase (`“You owe me an apology Tobias.”`), a predicative adjective (`“You got
    careless Tobias.”`), an object pronoun (`“Trust me Tobias.”`), a verb or phrase that
    takes no object (`“You can’t stay Tobias, it’s late.”`, `“Come on Tobias.”`) or a
    greeting. A name after a verb or preposition is its object (`“You told Lena.”`), and
    after a noun like `ship` or `friend` it is in apposition (`“the ship Endurance”`).
    Names are the manuscript's characters' names (capitalised words it uses again and again),
    common given names (rules/given-names.yaml), a name the manuscript uses once where only a
    name spoken to can stand (`“Is that you, Vashti?”`, `“Um Vashti?”`), titles and kin words
    (rules/address-terms.yaml: `“Good night Mom.”`, `“I want an answer Captain.”`, and in
    lowercase the terms of address only: `“Yes sir.”`), and the config's `words`.

    Why
    Without the comma the name reads as part of the sentence (“Let’s eat Grandma”).

    Wrong
    Nell found Tobias by the lamp. “Why are you here Tobias?” asked Nell, and Tobias shrugged.
    Nell waved at Tobias and Tobias waved back. “Tobias you came.”
    “Good morning Mr. Okafor.”
    “Yes sir.”
    “I want an answer Captain.”
    “You got careless Marisol.”
    “Dad can I borrow the van?”

    Right
    Nell found Tobias by the lamp. “Why are you here, Tobias?” asked Nell, and Tobias shrugged.
    Nell waved at Tobias and Tobias waved back. “Have you seen Tobias?”
    “Good morning, Mr. Okafor.”
    “Yes, sir.”
    “You told Lena.”
    “Have you met my cousin Marisol?”
    """

    code = "D008"
    name = "address-comma"
    summary = "A name in direct address without a comma."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        names = None
        for s in speeches(para, lex):
            first, last = s.first, s.last
            if text.find(" ", first, last) < 0:
                continue  # one word: nobody is addressed
            names = names if names is not None else address_names(ms)
            # At the start of the speech or of a sentence in it: “Tobias you came.”
            opened = False
            for start, _ in _spoken_sentence_starts(text, first, last):
                head = _opening_address(text, start, names, lex)
                if head is None or head[1].end > last + 1:
                    continue
                opened = opened or start == first
                yield self.report(
                    para,
                    head[0].start,
                    head[1].end,
                    f"direct address: set the name off with a comma ({head[0].text}, …)",
                    edits=[(head[0].end, head[0].end, ",")],
                )
            if opened:
                continue
            # At the end of a spoken sentence or before a comma: “Why are you here Tobias?”,
            # “Yes sir, right away.”
            ends = [m.start() for m in _SENTENCE_ENDS.finditer(text, first, last + 1)]
            # commas, and an ellipsis (“But Mom…”)
            ends += [m.start() for m in _COMMA_OR_ELLIPSIS.finditer(text, first + 1, last + 1)]
            if s.mark == "—":
                ends.append(last)  # “Good morning Mr. Okafor—”
            for end_at in sorted(set(ends)):
                tail = words_before(text, end_at, 4)
                if len(tail) < 2 or tail[-1].end != end_at:
                    continue
                name_at = _trailing_name(tail, names, lex)
                if name_at is None:
                    continue
                prev = tail[name_at - 1]
                titled = tail[name_at].lower in lex.titles and name_at < len(tail) - 1
                if text[prev.end : tail[name_at].start] != " ":
                    continue
                if not _addresses(
                    tail,
                    name_at,
                    lex,
                    text[end_at] in "?!",
                    titled,
                    text[end_at] == "," and end_at < last,
                ) and not _ends_complete_clause(tail, name_at, lex, text, end_at, last):
                    continue
                yield self.report(
                    para,
                    tail[name_at].start,
                    end_at,
                    "direct address: set the name off with a comma",
                    edits=[(prev.end, prev.end, ",")],
                )


_COMMA_OR_ELLIPSIS = re.compile("[,…]")


def _opening_address(text: str, first: int, names: frozenset[str], lex: Lexicon) -> list | None:
    """The name and the word after it when the speech opens by calling someone: a name, or a
    title or kin word used as one (“Mom I’m home”), before a word that starts a clause
    addressed to them (“Tobias you came”, “Tobias look out”) or a question (“Dad can I
    go?”, but not “Tobias can swim”)."""
    head = words_after(text, first, 3) if text[first].isupper() else ()
    if len(head) < 2 or head[0].start != first or text[head[0].end : head[1].start] != " ":
        return None
    name = head[0]
    term = name.lower in lex.address_terms and name.lower not in _ADDRESS.needs_a_name
    if name.text not in names and not term:
        return None
    follower = head[1].lower
    if follower in lex.address_start or (
        # “Tobias look out”; not a title before a subjunctive (“Lord help me”)
        follower in lex.address_imperatives and not name.text.endswith("s") and not term
    ):
        return head[:2]
    if (
        follower in _FUNCTION_WORDS.question_auxiliaries
        and len(head) == 3
        and head[2].lower in _FUNCTION_WORDS.subject_pronouns
        and head[2].lower != "it"
        and text[head[1].end : head[2].start] == " "
    ):
        return head[:2]
    return None


def _addresses(
    tail: list,
    name_at: int,
    lex: Lexicon,
    question: bool,
    titled: bool = False,
    comma: bool = False,
) -> bool:
    """Whether the word before a speech-final name (or one before a comma inside the speech:
    `comma`) shows the name is spoken to."""
    word = tail[name_at - 1]
    prev = word.lower
    before = tail[name_at - 2].lower if name_at >= 2 else ""
    name = tail[name_at]
    if before in lex.naming_verbs:
        return False  # call you Dora, named her Diana
    if prev in lex.address_greetings and before == "good":
        return True
    if prev == "you":
        return bool(before)  # “Thank you Tobias” but not “Oh, you Guards!”
    if f"{prev} {name.lower}" in lex.interjection_phrases:
        return False  # “Oh brother.”, “Oh man!”: one exclamation
    if not name.capitalized:  # “Yes sir”, “Thank you sir”: a term of address in lowercase
        return prev in lex.address_openers and not before
    if prev == "not" and before == "or":
        return True  # “Are you coming or not Jory?”
    if question and prev in lex.address_time_nouns and before in lex.determiners:
        return True  # “Are you staying the night Cassius?”, “Wait a minute Tobias!”
    if question and titled and before in _ADDRESS.speaker_possessives and not word.capitalized:
        # “When can we expect your signature Mr. Vey?” but not “your friend Mr. Vey?”
        return prev not in lex.relations and not prev.endswith(_NOT_A_NOUN)
    if prev in lex.address_openers:
        # “Morning Gran”, “Oh Mom!”; not “there are no Mayflowers”, nor the cry “Oh Lord!”
        return not before and name.lower not in lex.exclamation_names
    if prev in lex.address_after:
        # Before a comma, “Then Bezúkhov, eh?” opens a sentence; “stand there boy,” does not.
        return not comma or bool(before)
    if (
        name_at == len(tail) - 1
        and name.lower in lex.address_terms
        and any(
            t.lower in _FUNCTION_WORDS.articles or t.lower in _ADDRESS.speaker_possessives
            for t in tail[max(0, name_at - 3) : name_at - 1]
        )
        and not word.capitalized
        and prev not in lex.relations
    ):
        # “I want an answer Captain.”, “the last crate Sergeant?”: a title after a whole
        # noun phrase, not after an adjective (“a certain Colonel”, “our blessed Mother”)
        # nor a preposition.
        return only_noun(prev)
    # “Are you staying the night Cassius?”, “Wait a minute Tobias!”
    return question and prev in lex.address_time_nouns and before in lex.determiners


def _ends_complete_clause(
    tail: list, name_at: int, lex: Lexicon, text: str, end_at: int, last: int
) -> bool:
    """Whether a name that ends a spoken sentence (or stands before a comma and a new clause)
    follows a clause that is complete without it, so the name is spoken to: a noun phrase
    (“I have a question Tobias.”, “What the heck Tobias,”), a predicative adjective (“You got
    careless Tobias.”) or an object pronoun (“Trust me Tobias.”). A name after a verb or a
    preposition is its object (“You told Lena.”); one after a noun like “ship” or “friend”
    stands in apposition (“the ship Endurance”), and one after a time (“next day Napoleon”)
    may be the subject of a sentence left short."""
    word = tail[name_at - 1]
    prev = word.lower
    before = tail[name_at - 2].lower if name_at >= 2 else ""
    titled_name = name_at < len(tail) - 1  # Mr. Vey, Colonel Vey
    if (
        not tail[name_at].capitalized
        or _POSSESSIVE.search(tail[-1].text)
        or before in lex.naming_verbs
        or (text[end_at] == "," and not _clause_after_comma(text, end_at, last))
    ):
        return False
    if f"{before} {prev}" in lex.address_after_phrases:
        return True  # “Come on Tobias”, “You’re welcome Tobias”
    if not before and _interjection(prev, lex) is not None:
        # “Oh Tobias, what have I done?”, “Um Tobias?”; not “Oh God!”, “Oh brother.”
        name = tail[name_at].lower
        return name not in lex.address_terms and name not in lex.exclamation_names
    if word.capitalized:
        return False
    if (
        prev in lex.relations
        or prev in lex.address_terms
        or prev in lex.appositive_nouns
        or prev in lex.address_time_nouns
        or prev in lex.determiners  # “about this Tobias”: maybe “this Tobias of yours”
        or prev in lex.person_nouns  # “my roommate Tobias”, “that idiot Tobias”
        or (prev.endswith("s") and prev[:-1] in lex.person_nouns)
    ):
        return False
    if prev in lex.address_after_titles and tail[name_at].lower in lex.address_terms:
        return bool(before)  # “We need to talk Mr. Vey”; not “talk Hindi”, a language
    if prev in _FUNCTION_WORDS.object_pronouns:
        # “Trust me Tobias.”, “Come with us Tobias!” but not “Give me Tobias!”, “Is it Tobias?”
        return bool(before) and before not in lex.two_object_verbs
    pos = lemma_classes(prev)
    if (
        prev in _ADDRESS.quantifiers
        or prev in _FUNCTION_WORDS.wh_words
        or ("VERB" in pos and prev.endswith("ing"))
    ):
        return False  # “in all London”, “To what Mistress?”, “my waking Mr. Hurst”
    if "NOUN" in pos and "ADJ" not in pos:
        if "VERB" in pos and prev.endswith("s") and before in ("this", "that"):
            return False  # “that fits Sónya”: a subject and its verb
        if before in _FUNCTION_WORDS.possessive_determiners and titled_name:
            return False  # “his relation Colonel Vey”

        # “a question Tobias”, “the heck Tobias”, “in years Tobias” (not “to visit Tobias”),
        # and a wish that opens the clause (“Good luck Tobias”, “Nice try Tobias”)
        return (
            before in _FUNCTION_WORDS.noun_determiners
            or (before in _FUNCTION_WORDS.prepositions and prev.endswith("s"))
            # “to prison Tobias”
            or (before in _FUNCTION_WORDS.prepositions | {"to"} and "VERB" not in pos)
            # “a psychic suggestion Tobias”, “your stupid plan Tobias”
            or (
                name_at >= 3
                and tail[name_at - 3].lower
                in _FUNCTION_WORDS.articles | _FUNCTION_WORDS.possessive_determiners
                and "ADJ" in lemma_classes(before)
                and before not in lex.relations
                and not titled_name
            )
            or (
                name_at == 2
                and "ADJ" in lemma_classes(before)
                and before not in lex.clause_openers  # “There goes Bill!”
                and not (prev.endswith("s") and "VERB" in pos)
            )
        )
    if (
        "ADJ" in pos
        and not ("VERB" in pos and prev.endswith("ing"))  # “You’re annoying Tobias.”
        and prev not in _ADDRESS.quantifiers
        and prev not in _FUNCTION_WORDS.prepositions
        and prev not in lex.naming_verbs
    ):
        name = tail[name_at].text
        if any(t.lower in lex.determiners for t in tail[max(0, name_at - 3) : name_at - 1]) or (
            name.endswith("s") and name not in lex.given_names
        ):
            return False  # an adjective before a noun: “a very wise Abbot”, “true Sahibs”
        if "VERB" in pos and prev.endswith("ed"):
            # “You look tired Tobias.”; not “He’s married Tobias” (he has)
            return before in lex.linking_verbs
        # “You got careless Tobias.”, “very helpful Tobias”, “You’re late Tobias”, “Make it
        # quick Tobias”, “Are you hungry Tobias?”
        return (
            before in lex.linking_verbs
            or before in lex.intensifiers
            or before.endswith(("’re", "'re", "’s", "'s", "’m", "'m"))
            or before in _FUNCTION_WORDS.object_pronouns
            or (
                before in _FUNCTION_WORDS.subject_pronouns
                and name_at >= 3
                and tail[name_at - 3].lower in lex.linking_verbs
            )
        )
    return False


def _clause_after_comma(text: str, comma: int, last: int) -> bool:
    """Whether a new clause starts after the comma after a name (“Tobias, it’s late”) rather
    than an apposition (“Tobias, my brother”) or a relative clause (“Tobias, who…”)."""
    after = words_after(text, comma + 1, 1)
    if not after or after[0].start > last:
        return False
    low = after[0].lower
    head, _, rest = low.replace("’", "'").partition("'")
    if rest:  # it’s, that’s, there’s, I’m, you’re, how’s
        return (
            head in _FUNCTION_WORDS.subject_pronouns or head in _ADDRESS.contracted_clause_openers
        )
    return low in _FUNCTION_WORDS.subject_pronouns or low in _ADDRESS.clause_openers_after_name


_POSSESSIVE = re.compile(r"[’']s?$")


def _trailing_name(tail: list, names: frozenset[str], lex: Lexicon) -> int | None:
    """Index in `tail` where a name (or title + name) that ends the speech begins."""
    name = tail[-1]
    # A title or kin word used as a name: “Yes Captain”, “Night Mom”, and in lowercase the
    # terms of address only: “Yes sir”.
    if name.capitalized:
        term = (
            name.lower in lex.address_terms and name.lower not in _ABBREVIATIONS.title_abbreviations
        )
    else:
        term = name.text in lex.lowercase_address
    if not term and (
        not name.capitalized or name.text == "I" or name.lower in lex.pronouns | lex.not_names
    ):
        return None
    i = len(tail) - 1
    if len(tail) >= 3 and tail[-2].lower in lex.titles and tail[-2].capitalized:
        i = len(tail) - 2  # Mr. Okafor
    elif name.text not in names and not term:
        return None
    return i if i >= 1 else None


@register
class InterjectionComma(Rule):
    """An interjection opening the speech without its comma.

    What it flags
    `“Well you could try.”`, `“No you won’t.”`, `“Yes I did.”`, `“Oh I see.”`, and as people
    type them: `“Um yeah.”`, `“Nah dude.”`, `“Ugh that hurt.”`, `“Ummm I forgot.”`,
    `“Well uhh”`, `“God I hate mornings.”`, at the start of any sentence of the speech
    (`“I’m not sure. Yeah that works.”`) and in lowercase after an ellipsis (`“I heard…
    well come and see.”`). Phrases where the word is not an interjection, or the pair is one
    exclamation, are right: `“No one came.”`, `“Well done.”`, `“Oh no.”`, `“Uh huh.”`,
    `“Oh my.”`, `“God will provide.”`, `“Hey you!”` (the lists are in rules/speech.yaml).

    Why
    The comma marks the pause the interjection makes in speech.

    Wrong
    “Well you could try.”
    “No you won’t.”
    “Oh I see.”
    “Um yeah.”
    “Ugh that hurt.”
    “I’m not sure. Yeah that could work.”

    Right
    “Well, you could try.”
    “No one came.”
    “Well done,” she said.
    “Uh huh.”
    “No help came.”
    """

    code = "D009"
    name = "interjection-comma"
    summary = "An interjection (Well, No, Yes, Oh) opening speech without a comma."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for s in speeches(para, lex):
            for start, after_ellipsis in _spoken_sentence_starts(text, s.first, s.last):
                head = _interjection_pair(text, start, s.last, lex, after_ellipsis)
                if head is None:
                    continue
                if head[0].lower in lex.respelled_interjections and _in_dialect(text, s):
                    continue  # “Ah we to take Smolénsk as our patte’n?”: Ah spells Are
                yield self.report(
                    para,
                    head[0].start,
                    head[1].end,
                    f"interjection without a comma: {head[0].text}, {head[1].text}",
                    edits=[(head[0].end, head[0].end, ",")],
                )


def _spoken_sentence_starts(text: str, first: int, last: int) -> Iterator[tuple[int, bool]]:
    """Where each sentence of the speech starts (“Uh. So. Yeah there’s…”), and whether it
    follows an ellipsis, after which a lowercase word starts it too (“I saw… well come in”)."""
    yield first, False
    for m in _SPEECH_SENTENCE_BREAK.finditer(text, first, last + 1):
        if m.end() > last or _abbreviation().search(text, max(first, m.start() - 6), m.start() + 1):
            continue
        mark = m.group(1)
        yield m.end(), mark == "…" or mark.startswith("..")


def _in_dialect(text: str, s: Speech) -> bool:
    """Whether the speech is spelled out in dialect: several of its lowercase words are
    unknown to an English dictionary (“offahd”, “waise”, “patte’n”)."""
    words = [
        w.replace("’", "'") for w in _LOWER_WORD.findall(text, s.first, s.last + 1) if len(w) > 2
    ]
    dictionary = english_dictionary()
    unknown = sum(1 for w in words if w not in dictionary)
    return unknown >= 3 and unknown >= 0.15 * len(words)


_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z][^\W\d_]*(?:[’'][^\W\d_]+)*")
_SPEECH_SENTENCE_BREAK = re.compile(r"([.?!…]+)[ \t]+")


def _interjection_pair(
    text: str, start: int, last: int, lex: Lexicon, lowercase: bool
) -> tuple[Token, Token] | None:
    """The interjection at `start` and the word after it, when a comma belongs between."""
    head = words_after(text, start, 2)
    if len(head) < 2 or head[0].start != start or head[1].end > last + 1:
        return None
    if not (head[0].capitalized or lowercase) or text[head[0].end : head[1].start] != " ":
        return None
    word = _interjection(head[0].lower, lex)
    follower = head[1].lower
    if head[1].capitalized and head[1].text[:1] != "I":
        return None  # Wow That Was Close
    if word is None:
        # “Sure you can”, “God I’m tired”; not “Sure you want to?”, a question without its verb
        if head[0].lower not in lex.pronoun_interjections or not _subject_pronoun(follower):
            return None
        ends = _SENTENCE_ENDS.search(text, head[1].end, last + 1)
        return None if ends and ends.group().startswith("?") else (head[0], head[1])
    second = _interjection(follower, lex)
    if (
        second == word  # “No no”, “Ha ha”, “Hmmm hmm”
        or f"{word} {second or follower}" in lex.interjection_phrases
        or f"{head[0].lower} {follower}" in lex.interjection_phrases
    ):
        return None
    if not (
        follower in lex.interjection_followers
        or second in lex.interjection_followers  # “Well uhh”, “Yeah yeahhh”
        or (follower in lex.interjection_imperatives and word not in ("no", "nope"))
    ):
        return None
    if follower == "you":
        # “Hey you!”, “Look you, I have seen it”: you is spoken to, not a subject (“Well
        # you, you’re late” stammers).
        after = char_ahead(text, head[1].end, "*_")
        if after in _YOU_SPOKEN_TO or (after == "," and word in _ADDRESS.calls):
            return None
    if word in _ADDRESS.greetings and follower in _ADDRESS.after_greetings:
        return None  # “Hey there.”, “Look there!”
    if word in ("look", "listen") and follower not in _ADDRESS.after_look:
        return None  # "Look what you did", "Listen to me"
    return head[0], head[1]


_YOU_SPOKEN_TO = frozenset({"", ".", "!", "?", "”", '"', "’", "'", "…"})


def _interjection(word: str, lex: Lexicon) -> str | None:
    """The interjection `word` is, as typed with its letters drawn out (“Uhh”, “Ummm”, “Nooo”)."""
    if word in lex.interjections:
        return word
    for form in (re.sub(r"(.)\1+", r"\1", word), re.sub(r"(.)\1+", r"\1\1", word)):
        if form in lex.interjections:
            return form
    return None


def _subject_pronoun(word: str) -> bool:
    """I, you, we, he, she, they, or one of them or it, that, there contracted (it’s)."""
    head, _, rest = word.replace("’", "'").partition("'")
    if rest:
        return head in _FUNCTION_WORDS.subject_pronouns or head in ("that", "there")
    return word in _FUNCTION_WORDS.subject_pronouns and word != "it"


@register
class PunctuationOutside(Rule):
    """A comma or period that belongs to the speech placed after the closing quotation mark.

    What it flags
    `“This is over”, he said.` → `“This is over,” he said.` Fiction puts the comma or period
    inside the closing mark in both US and British house styles, before a tag, a beat or
    narration and at the end of the paragraph (`“same here”.`). A quoted word or title in
    narration (`the word ‘love’.`, `a “misunderstanding”, which`) is left alone unless
    `logical-punctuation = false`.

    Why
    It is the rule of every fiction house style; the mark outside looks like a typo.

    Wrong
    “This is over”, he said.
    “I’m done”.
    “No, it isn’t”, Rosa cut in.

    Right
    “This is over,” he said.
    She never said the word ‘love’.
    """

    code = "D010"
    name = "punctuation-outside"
    summary = "A comma or period placed after the closing quotation mark instead of inside."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        for n, s in enumerate(speeches(para, lex)):
            after = s.close + 1
            if after >= len(text) or text[after] not in ",." or text[after : after + 2] == "..":
                continue
            last = s.last
            if not (s.mark.isalnum() or _ends_inner_quote(text, s)):
                continue
            mark = text[after]
            words = len(text[s.open + 1 : s.close].split())
            if mark == "," and _beat_after_comma(para, n, ms, lex):
                continue  # D006 ends the speech with a period before the action
            if mark == ",":
                # Speech before its tag or beat, or a spoken sentence of two words or more
                # (`“No, it isn’t”, and she left.`); not a quoted word or phrase after a
                # comma (`the words, ‘Mrs. John Brooke’, whereat`) or `“There”, being…`.
                speech = s.is_speech and (
                    (words >= 2 and s.opens_sentence)
                    or (
                        s.starts_sentence
                        and (clause := _clause(para, after + 1, lex)) is not None
                        and clause.kind in ("tag", "beat")
                    )
                )
            else:  # a quoted phrase after a comma (`like Maud's face, ‘icily regular’.`) is not speech
                speech = (
                    (s.opens_capital and s.starts_sentence)
                    # a whole sentence of speech, whatever its first letter (`“same here”.`)
                    or (words >= 2 and s.opens_sentence)
                    # speech a tag brings in or resumes (`he added, “you must go”.`)
                    or (words >= 3 and _after_tag(para, n, lex))
                )
            if not speech and ms.settings.logical_punctuation:
                continue  # a quoted word or title in narration: `the word ‘love’.`
            if mark == "." and speech and words < 2:
                continue
            close = text[s.close]
            inside = last if not s.mark.isalnum() else last + 1  # ‘the Badger.’”
            yield self.report(
                para,
                s.close,
                after + 1,
                f"{'comma' if mark == ',' else 'period'} outside the closing quotation mark; put it inside: {mark}{close}",
                edits=[(inside, inside, mark), (after, after + 1, "")],
            )


def _ends_inner_quote(text: str, s: Speech) -> bool:
    """Whether the speech ends with a quotation inside it (`they call him ‘the Fist’”.`)."""
    last = s.last
    return (
        s.mark in "’'"
        and text[last - 1].isalnum()
        and text.rfind(s.mark if s.mark == "'" else "‘", s.open + 1, last) > 0
    )


def _after_tag(para: Paragraph, n: int, lex: Lexicon) -> bool:
    """Whether `q` is speech brought in by a tag before it: a lead-in (`he added, “you…`,
    `he went on “how…`), or a tag that interrupts speech begun before it (`“Yes,” said
    Cormac, “that makes sense”`)."""
    text = para.text
    speech = speeches(para, lex)
    s = speech[n]
    at = s.lead_in
    if at < 0:
        return False
    if text[at].isalpha():
        # `never once said “I told you so”.` is quoted in narration; several sentences are speech
        return _several_sentences(text, s) and _bare_lead_in(text, s, lex) is not None
    if text[at] not in ",:":
        return False
    if _lead_in_with_mark(para, s, lex):
        return True
    if n == 0 or _sentence_ends(text, speech[n - 1].close + 1, at):
        return False
    start = speech[n - 1].close + 1
    if text[start : start + 1] == ",":
        start += 1  # `“Yes”, said Cormac`: D010 reports that comma
    clause = _clause(para, start, lex)
    return clause is not None and clause.kind == "tag"


@register
class CommaAfterQuestion(Rule):
    """A comma after the question or exclamation mark that ends the speech.

    What it flags
    `“Stop!”, Rosa said.` and `“Really?,” he asked.` The `?` or `!` already does the comma’s
    work before a tag or a beat, so the comma goes: `“Stop!” Rosa said.` So does an ellipsis
    that trails off or a dash that breaks the speech off: `“So...”, she said.`, `“That —”,
    Chernov said, “is…”`.

    Why
    The mark ends the speech and does the comma’s work; fiction house styles drop the comma.
    A title in narration that ends in `?` is left alone.

    Wrong
    “Stop!”, Rosa said.
    “Really?,” he asked.
    “Why?”, Milo wondered aloud.
    “So...”, she said.

    Right
    “Stop!” Rosa said.
    “Really?” he asked.
    She had read “Who Moved the Moon?”, a book about tides.
    """

    code = "D011"
    name = "comma-after-question"
    summary = "A comma after the ?, !, ellipsis or dash that ends the speech."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        for s in speeches(para, _lex(ms)):
            last = s.last
            after = s.close + 1
            if s.mark == ",":
                mark = _before(text, last)
                ending = _speech_ending(text, mark) if mark > s.open else None
                comma, rest = last, after  # “Stop!,” Rosa said.
            elif text[after : after + 1] == ",":
                ending = _speech_ending(text, last)
                comma, rest = after, after + 1  # “Stop!”, Rosa said.
            else:
                continue
            if ending is None:
                continue
            # The next word, looked at where it starts: a copy of the rest of the paragraph for
            # each speech was quadratic in a paragraph as long as a novel.
            next_char = char_ahead(text, rest, _TRAILING)
            if not next_char.isalpha() or not s.is_speech or not s.starts_sentence:
                continue  # a title in narration: `read “Who Moved the Moon?”, a book…`
            yield self.report(
                para,
                comma,
                comma + 1,
                f"comma after {ending}: the mark already ends the speech; drop the comma",
                edits=[(comma, comma + 1, "")],
            )


def _speech_ending(text: str, at: int) -> str | None:
    """The mark at `at` that ends speech with no comma's help: `?`, `!`, an ellipsis (`…`,
    `...`) or a dash that breaks the speech off (`—`, `–`, `--`); None for anything else."""
    ch = text[at : at + 1]
    if ch and ch in "?!…—–":
        return ch
    if ch == "." and text[max(0, at - 2) : at + 1] == "...":
        return "..."
    if ch == "-" and text[max(0, at - 1) : at + 1] == "--":
        return "--"
    return None


@register
class BeatMissingPeriod(Rule):
    """Nothing ends the speech before an action beat.

    What it flags
    `“Come on” Milo slumped into the chair.` → `“Come on.” Milo slumped into the chair.`
    Slumping is not a way of speaking, so the beat is a sentence of its own and the speech
    needs its own end. (Before a speech tag, a missing comma is D003.) Names count as
    subjects when they are the manuscript’s characters, as in D006. A noun phrase with a
    linking verb is a beat too (`“Naw” Kit’s voice was soft.`, `“Yes” the old man seemed pleased.`).

    Why
    Without a mark the speech runs into the action; the reader cannot tell where it ends.

    Wrong
    “Come on” he slumped into the chair.
    “That’s it” she grinned at him.
    “Yes” his voice was low.

    Right
    “Come on.” He slumped into the chair.
    “That’s it,” she said.
    He called it “a misunderstanding” and left.
    """

    code = "D012"
    name = "beat-missing-period"
    summary = "No period (or other mark) before the closing quotation mark and an action beat."
    fixable = Applicability.UNSAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        lex = _lex(ms)
        names = None
        speech = speeches(para, lex)
        for n, s in enumerate(speech):
            last = s.last
            if not s.mark.isalnum() or not s.is_speech:
                continue
            if not (s.starts_sentence or _NEW_SPOKEN_SENTENCE.search(text, s.first, s.last)):
                continue  # `called it “a mess” and left`; not `mused Fish “Why? I thought…”`
            if _after_narration_comma(para, s, lex):
                continue  # quoted inside a longer sentence
            clause = s.clause or _linking_beat(text, s.close + 1, lex)
            if clause is None or clause.kind != "beat":
                continue
            if clause.subject_kind == "name":
                names = names if names is not None else manuscript_names(ms)
                if clause.subject.text not in names:
                    continue  # “Jaws” Tobias had seen twice: only a character is a subject
            later = speech[n + 1] if n + 1 < len(speech) else None
            if _interrupts_sentence(text, later, clause):
                continue  # “Besides” he lowered his voice--“we have money.”: one sentence
            edits = [(last + 1, last + 1, ".")]
            if clause.subject.text[0].islower():
                start = clause.subject.start
                edits.append((start, start + 1, text[start].upper()))
            yield self.report(
                para,
                last,
                clause.end,
                f"no period before the action beat ({clause.verb.text} is not a way of "
                "speaking); end the speech with a period",
                edits=edits,
                safe=False,
            )


# A sentence of the speech ends and another begins (`Again? I thought you fixed that`).
_NEW_SPOKEN_SENTENCE = re.compile(r"[?!.…][ \t\n]+[A-Z]")


def _linking_beat(text: str, start: int, lex: Lexicon) -> Clause | None:
    """A beat whose subject is a noun phrase and whose verb links it to what it was: `“Naw”
    Kit’s voice was suddenly soft.`, `“It does” the old man seemed pleased.` The clause
    reader takes `was` and `seemed` for auxiliaries of a tag; here no verb of speaking follows."""
    if start >= len(text) or text[start] not in " \t":
        return None
    words = words_after(text, start, 6)
    if len(words) < 3:
        return None
    first = words[0]
    if first.lower in lex.determiners and not first.capitalized:
        head = 1  # the old man, his voice
        while (
            head < 3
            and head + 1 < len(words)
            and words[head + 1].lower not in _TAGS.beat_linking_verbs
        ):
            head += 1
        noun = words[head]
    elif _POSSESSIVE.search(first.text) and first.capitalized and len(first.text) > 3:
        noun = words[1]  # Kit’s voice
    else:
        return None
    at = words.index(noun) + 1
    if at >= len(words) or words[at].lower not in _TAGS.beat_linking_verbs or noun.capitalized:
        return None
    if any(w.lower in lex.speech_forms for w in words[at + 1 :]):
        return None  # the old man was saying
    return Clause("beat", first, "phrase", words[at], False, False, words[at].end, None)


@register
class SpeakerParagraph(Rule):
    """A second speaker's speech or action inside another speaker's paragraph.

    What it flags
    `“Where were you?” Rosa asked. “Out,” Milo replied.` — each speaker gets a paragraph of
    their own, so Milo's reply starts a new one. The rule reports only what the paragraph
    itself shows: two quotations side by side with nothing between (`“Why?” “Because.”`),
    tags that name two different characters or set *he* against *she*, an answer tagged as
    one right after a question (`“Where?” he asked. “There,” he replied.`), and a character
    spoken to by name who acts right after the speech (`“Sit down, Milo.” Milo sat.`). A
    speaker who goes on (`he said … he added`), a quotation inside the speech, narration
    about someone else, and a conversation told in the past perfect (`had said`), as a
    habit (`would say`), or cited in the present in a book told in the past (a memoir's
    answers: `explains the general`) are left alone. There is no fix: starting a paragraph
    is the writer's call.

    Why
    Readers follow a conversation by its paragraphs: a new paragraph means a new speaker. A
    second voice inside one paragraph is read as the first speaker's.

    Wrong
    “Where were you?” Rosa asked. “Out,” Milo replied.
    “Where were you?” she asked. “Out,” he said.
    “Sit down, Milo.” Milo sat.
    “Are you coming?” “No,” Milo said.

    Right
    “Where were you?” Rosa asked. “Out all night?” she added.
    “Where were you?” Rosa asked. Milo shrugged.
    “Stop!” Rosa said.
    “Fine.” He grinned.
    “Sit down, Milo.” Rosa pulled out a chair.
    """

    code = "D013"
    name = "speaker-paragraph"
    summary = "A second speaker's speech or action inside another speaker's paragraph."

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        lex = _lex(ms)
        speech = [s for s in speeches(para, lex) if s.is_speech]
        if not speech:
            return
        names = address_names(ms)
        turns = _line_paragraphs(para)
        after = [_speaker_after(para, q, lex, names, turns) for q in speech]
        before = [_speaker_before(para, q, lex, names, turns) for q in speech]
        replies = list(_side_by_side(para, speech, after, before, turns, told_in_past(ms)))
        tags = _Tags(ms, para, lex, speech, after, before, turns)
        reported: set[int] = set()
        for start, end, message in itertools.chain(
            replies,
            _two_speakers(tags, {r[0] for r in replies}),
            _answers(tags),
            _addressee_acts(para, speech, after),
        ):
            if start not in reported:
                reported.add(start)
                yield self.report(para, start, end, message)


@dataclass(frozen=True)
class _Speaker:
    """Who a tag says speaks (or a beat says acts): a pronoun, a name, or a noun phrase."""

    key: frozenset[str]  # {"he"}, or a name's words without titles: {"Tobias", "Vey"}
    kind: str  # "pronoun", "name" or "phrase"
    label: str  # as written: "Milo", "Mr. Okafor", "she", "the old pilot"
    start: int  # where to report: the quotation's opening mark, the lead-in or the beat
    end: int
    clause_end: int  # just past the tag or beat
    beat: bool
    aside: bool  # a thought or words to oneself: `he thought`, `she said to herself`
    one: bool  # one person (not `they`, `the family`, `the others`)
    present: bool = False  # a tag in the present tense: `explains Count Rostopchín`


_BETWEEN_REPLIES = " \t\n*_"
_SPEECH_ENDS = ".?!…—–"


def _side_by_side(
    para: Paragraph,
    speech: list[Speech],
    after: list[_Speaker | None],
    before: list[_Speaker | None],
    turns: list[int],
    past: bool,
) -> Iterator[tuple[int, int, str]]:
    """A quotation that ends its sentence and another that opens a new one with nothing
    between (`“Why?” “Because.”`): one speaker would have gone on inside the same marks.
    Only a run of such quotations where a tag names one person counts: a chorus (`“When?”
    “Where?” cried the family`) or a list of sums is all in one paragraph by design. In a
    book told in the past (`past`), a tag in the present does not count: `“Why…?” “To leave
    the town empty,” explains Count Rostopchín` is the narrator's question answered from a
    memoir, a conversation told, not played out (like `had said` and `would say`)."""
    text = para.text
    breaks = [
        n + 1
        for n, (a, b) in enumerate(itertools.pairwise(speech))
        if _reply_follows(para, a, b)
        and not (after[n + 1] and after[n + 1].aside)
        # Speech, not a word quoted in narration: `a smile like “Uncle’s.” “That’s…`
        and (a.opens_sentence or before[n] is not None)
    ]
    for run in _runs(breaks):
        first = run[0] - 1
        anchored = any(
            who is not None
            and not who.beat
            and who.one
            and not who.aside
            and not (past and who.present)
            for who in (after[k] for k in (first, *run))
        ) or _speaker_known(text, speech, first, after, before, turns, past)
        if not anchored:
            continue
        for k in run:
            pos = speech[k].open
            yield (
                pos,
                pos + 1,
                "a reply right after a quotation: start a new paragraph for the second speaker",
            )


def _reply_follows(para: Paragraph, a: Speech, b: Speech) -> bool:
    text = para.text
    between = text[a.close + 1 : b.open]
    outside = between[:1] in (".", ",")  # `“No thanks”. “You’ll regret it”`
    if a.quotation.kind != b.quotation.kind or between[outside:].strip(_BETWEEN_REPLIES):
        return False
    if para.begins_line(b.open):
        return False  # a line break where the writer meant a new paragraph
    last = a.mark
    if not (last in _SPEECH_ENDS or (last.isalnum() and between[:1] == ".")):
        return False  # `“Yes,” “No,” and “Maybe”`: quoted words in a list
    inner = text[b.first : b.last + 1]
    return b.opens_capital and (len(inner.split()) > 1 or inner[-1:] in _SPEECH_ENDS + ",")


def _runs(indices: list[int]) -> Iterator[list[int]]:
    """Consecutive indices grouped: [2, 3, 5] -> [2, 3], [5]."""
    run: list[int] = []
    for k in indices:
        if run and k != run[-1] + 1:
            yield run
            run = []
        run.append(k)
    if run:
        yield run


def _speaker_known(
    text: str,
    speech: list[Speech],
    n: int,
    after: list[_Speaker | None],
    before: list[_Speaker | None],
    turns: list[int],
    past: bool,
) -> bool:
    """Whether one person's lead-in introduces speech[n] (`Milo said, “…”`), or it goes on
    right after the tag of the one before (`“Go,” he said. “Now.”`); a tag in the present in
    a book told in the past does not tell (see _side_by_side)."""
    lead = before[n]
    if lead is not None and lead.one and not lead.aside:
        return True
    if n == 0 or after[n - 1] is None:
        return False
    tag = after[n - 1]
    if tag.beat or not tag.one or tag.aside or (past and tag.present):
        return False
    if not _same_turn(turns, tag.start, speech[n].open):
        return False
    end = speech[n].lead_in
    return not _sentence_ends(text, tag.clause_end, end)


def _line_paragraphs(para: Paragraph) -> list[int]:
    """Prose offsets where a source line begins after a line that ends a sentence: in a
    draft written a paragraph per line with no blank lines between (or Markdown's soft
    breaks), each such line is a paragraph to its writer. A hard-wrapped line that happens
    to end a sentence counts too, which only makes the rule see less."""
    doc = para.document
    if doc is None or not para.text:
        return []
    end = para.end
    starts = []
    nl = doc.text.find("\n", para.start, end)
    while nl >= 0:
        line_end = skip_back(doc.text, nl, " \t\r*_")
        if doc.text[line_end - 1 : line_end] in _LINE_ENDS_SENTENCE:
            at = _prose_offset(para, skip_ahead(doc.text, nl + 1, " \t>"))
            if at is not None:
                starts.append(at)
        nl = doc.text.find("\n", nl + 1, end)
    return starts


_LINE_ENDS_SENTENCE = set(".!?…”’\"'")


def _prose_offset(para: Paragraph, src: int) -> int | None:
    """The prose offset of the source character at `src`, if it is prose."""
    i = bisect_right(para.seg_src, src) - 1
    if i < 0:
        return None
    at = para.seg_text[i] + (src - para.seg_src[i])
    nxt = para.seg_text[i + 1] if i + 1 < len(para.seg_text) else len(para.text)
    return at if at < nxt else None


def _same_turn(turns: list[int], a: int, b: int) -> bool:
    """Whether no line paragraph (see _line_paragraphs) begins in (a, b]."""
    return bisect_right(turns, a) == bisect_right(turns, b)


def _speaker_after(
    para: Paragraph, s: Speech, lex: Lexicon, names, turns: list[int]
) -> _Speaker | None:
    """The speaker a tag (or the actor a beat) right after the quotation names."""
    text = para.text
    outside = text[s.close + 1 : s.close + 2] in (",", ".")  # `“No thanks”, he said`
    clause = clause_after(text, s.close + 2, lex) if outside else s.clause
    if clause is None or clause.via_auxiliary or clause.kind not in ("tag", "beat"):
        return None  # `“Go,” she had said`: a conversation told, not played out
    if not _same_turn(turns, s.close, clause.subject.start):
        return None  # the beat begins the next line's paragraph
    # `He felt his body relax`, `she snorted`: a sentence or a sound, not a tag.
    verb = clause.verb.lower
    beat = clause.kind == "beat" or is_object(clause, lex) or verb in lex.sound_verbs
    tail = words_after(text, clause.end, 4)
    aside = verb in lex.cognition_verbs or any(
        w.lower in _FUNCTION_WORDS.reflexive_pronouns for w in tail
    )
    where = (clause.subject.start, clause.end) if beat else (s.open, s.open + 1)
    head = clause.verb.start if not clause.inverted else clause.end
    who = _who(
        text, clause.subject, clause.subject_kind, lex, names, where, clause.end, beat, aside, head
    )
    # The hand-made list's present forms (`says`, `explains`): the larger lexicon costs half a
    # second to load, too much for every run.
    if who is not None and not beat and verb.endswith("s") and verb in lex.speech_forms:
        who = dataclasses.replace(who, present=True)
    return who


def _speaker_before(
    para: Paragraph, s: Speech, lex: Lexicon, names, turns: list[int]
) -> _Speaker | None:
    """The speaker a lead-in names: `Milo replied, “…”`, `she whispered: “…”`, `Milo
    began to explain, “…”`."""
    text = para.text
    at = s.lead_in
    if at < 0:
        return None
    end = at if text[at] in ",:" else s.open if text[at].isalpha() else -1
    if end < 0:
        return None
    words = words_before(text, end, 7)
    for v in range(len(words) - 1, max(0, len(words) - 4), -1):
        # The hand-made list only: the larger lexicon (lemminflect) costs a second to load.
        infinitive = v > 1 and words[v - 1].lower == "to" and words[v].lower in lex.speech_forms
        if not (infinitive or lex.speech_verb(words, v)):
            continue
        if not all(
            w.lower.endswith("ly") or w.lower in _TAGS.after_lead_in_verb or w.capitalized
            for w in words[v + 1 :]
        ):
            return None  # `how he would have liked “Uncle.”`: not a tag
        i = v - 1
        if (
            i > 0
            and words[i].lower == "to"
            and (lex.past_tense(words[i - 1].lower) or lex.speech_verb(words, i - 1))
        ):
            i -= 2  # began to explain, started to say
        while i > 0 and words[i].lower.endswith("ly") and not words[i].capitalized:
            i -= 1  # Milo quietly said
        subject = words[i]
        if subject.lower in lex.pronouns:
            kind = "pronoun"
        elif subject.capitalized and subject.lower not in lex.clause_openers:
            kind = "name"
            while i > 0 and words[i - 1].capitalized and words[i - 1].lower in lex.titles:
                i -= 1
                subject = words[i]  # Mr. Okafor
        else:
            return None
        if not _same_turn(turns, subject.start, s.open):
            return None
        aside = words[v].lower in lex.cognition_verbs or any(
            w.lower in _FUNCTION_WORDS.reflexive_pronouns for w in words[v + 1 :]
        )
        where = (subject.start, words[v].end)
        return _who(text, subject, kind, lex, names, where, words[v].end, False, aside, None)
    return None


def _who(
    text: str,
    subject,
    kind: str,
    lex: Lexicon,
    names,
    where: tuple[int, int],
    clause_end: int,
    beat: bool,
    aside: bool,
    head: int | None,
) -> _Speaker | None:
    """The _Speaker for a subject word; None for a name the manuscript does not know."""
    start, end = where
    if kind == "pronoun":
        low = subject.lower
        key = frozenset({low})
        return _Speaker(
            key, kind, subject.text, start, end, clause_end, beat, aside, low in _TAGS.one_person
        )
    if kind == "phrase":
        # `the small man`, not `the others`, `the poor things`, `the family`
        limit = head if head is not None else subject.end
        words = [w for w in words_after(text, subject.start, 6) if w.end <= limit]
        noun = words[-1].lower if words else ""
        one = len(words) > 1 and not _plural(noun) and noun not in _TAGS.group_nouns
        label = text[subject.start : limit].strip()
        return _Speaker(frozenset(), kind, label, start, end, clause_end, beat, aside, one)
    name: list = []
    for w in words_after(text, subject.start, 4):
        if not w.capitalized or (name and text[name[-1].end : w.start].strip(" \t.")):
            break
        name.append(w)
    given = [w.text for w in name if w.lower not in lex.titles]
    if not given or given[0] not in names:
        return None  # not a character the manuscript knows: `Then`, `Nobody`
    label = text[name[0].start : name[-1].end]
    return _Speaker(frozenset(given), kind, label, start, end, clause_end, beat, aside, True)


def _plural(noun: str) -> bool:
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


def _other_speaker(ms: Manuscript, a: _Speaker, b: _Speaker) -> bool:
    """Whether two tags certainly name two people: two names with no word in common and
    never written together as one (`Platón Karatáev`), or *he* and *she*."""
    if a.kind != b.kind or a.kind == "phrase" or not a.key.isdisjoint(b.key):
        return False
    if a.kind == "pronoun":
        return a.key | b.key == {"he", "she"}
    together = ms.fact(NAMES_TOGETHER)
    return not any(f"{x} {y}" in together or f"{y} {x}" in together for x in a.key for y in b.key)


_CAPITAL = "A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f"
_WRITTEN_TOGETHER = re.compile(
    rf"(?<![\w’'-])([{_CAPITAL}][^\W_]*(?:[’'\-][^\W_]+)*) "
    rf"(?=([{_CAPITAL}][^\W_]*(?:[’'\-][^\W_]+)*))"
)


def _names_together(ms: Manuscript) -> set[str]:
    # Two capitalised words with one space between them (`Platón Karatáev`), each whole.
    return {f"{x} {y}" for x, y in _WRITTEN_TOGETHER.findall(ms.joined_text())}


# A tally (see Fact.add): made one document at a time.
NAMES_TOGETHER: Fact[set[str]] = tally("names-together", _names_together, add_sets)


@dataclass(frozen=True)
class _Tags:
    """A paragraph's speeches with who each one's tag (`after`) and lead-in (`before`) says
    speaks, and where its lines begin (`turns`: see _line_paragraphs)."""

    ms: Manuscript
    para: Paragraph
    lex: Lexicon
    speech: list[Speech]
    after: list[_Speaker | None]
    before: list[_Speaker | None]
    turns: list[int]


def _two_speakers(tags: _Tags, replies: set[int]) -> Iterator[tuple[int, int, str]]:
    """Tags that name two different speakers. `replies`: where a reply right after a
    quotation begins (the speaker changes there, whoever it is)."""
    ms, para, lex, speech, after, before, turns = (
        tags.ms, tags.para, tags.lex, tags.speech, tags.after, tags.before, tags.turns
    )  # fmt: skip
    current = None
    for s, tag, lead in zip(speech, after, before, strict=True):
        if s.open in replies:
            current = None
        # A beat may be the listener's, told from the point of view of the one who listens
        # (`“…” Milo looked at her.`): only tags say who speaks.
        who = tag if tag is not None and not tag.beat else lead
        if who is None or who.aside:
            continue
        if current is not None and not _same_turn(turns, current.start, who.start):
            current = None
        if current is not None and _other_speaker(ms, current, who):
            start, end = who.start, who.end
            first = _sentence_start(para, s, lex)
            if first is not s:  # `“Well,” Milo began to explain, “…”`: before the tag
                start, end = first.open, first.open + 1
            if who.kind == "name":
                message = (
                    f"{who.label} speaks in {current.label}’s paragraph: start a new paragraph "
                    f"for {who.label}’s speech"
                )
            else:
                message = (
                    f"a second speaker in one paragraph ({current.label.lower()}, then "
                    f"{who.label.lower()}): start a new paragraph for the second speaker"
                )
            yield start, end, message
        current = who


def _answers(tags: _Tags) -> Iterator[tuple[int, int, str]]:
    """A tag that says the speech answers (`he replied`, `came the small man’s reply`) right
    after a question in the same paragraph: no one replies to their own question, so the
    answer is a second speaker's (`“Where?” he asked. “There,” he replied.`). Not when the
    question is a thought (`he asked himself … answered an inner voice`), nor when it was
    only said, not asked, by someone the answer's pronoun may name (`“Who? I?” said Karatáev.
    “I say …,” he replied`, answering the paragraph before)."""
    ms, lex, speech, after, before, turns = (
        tags.ms, tags.lex, tags.speech, tags.after, tags.before, tags.turns
    )  # fmt: skip
    text = tags.para.text
    speaker = None  # who speaks last, as far as the tags and lead-ins tell
    for k in range(1, len(speech)):
        question, answer = speech[k - 1], speech[k]
        asker = after[k - 1] if after[k - 1] is not None and not after[k - 1].beat else None
        speaker = asker or before[k - 1] or speaker
        if question.mark != "?" or (speaker is not None and speaker.aside):
            continue
        if (
            asker is not None
            and not _asks(text, question, lex)
            and (after[k] is None or not _other_speaker(ms, asker, after[k]))
        ):
            continue
        tag = after[k]
        if tag is not None and (tag.beat or tag.aside):
            continue
        clause = answer.clause
        if clause is None or clause.kind != "tag":
            clause = arrival_tag(text, answer.close + 1, lex)  # came the small man’s reply
        if clause is None:
            continue
        at = clause.verb.start
        last = words_before(text, clause.end, 1)
        said = {clause.verb.lower, last[0].lower if last else ""}
        if not _same_turn(turns, question.open, at):
            continue
        if said & lex.reply_words:
            yield (
                answer.open,
                answer.open + 1,
                "an answer in the paragraph of the question it answers: start a new paragraph "
                "for the second speaker",
            )


def _asks(text: str, question: Speech, lex: Lexicon) -> bool:
    """Whether the question's own tag is a verb of asking (`he asked`, `inquired Milo`)."""
    clause = question.clause
    return clause is not None and clause.kind == "tag" and clause.verb.lower in lex.asking_verbs


def _sentence_start(para: Paragraph, s: Speech, lex: Lexicon) -> Speech:
    """The quotation where the spoken sentence that `s` ends began: `“I…”, she gasped,
    “this…”, she went on, “is mine!”` began at `“I…”`."""
    text = para.text
    every = speeches(para, lex)
    k = bisect.bisect_left(every, s.open, key=lambda q: q.open)  # in order of their opening
    while k > 0 and not _sentence_ends(text, every[k - 1].close + 1, every[k].open):
        k -= 1
    return every[k]


_VOCATIVE_EDGE = ",.!?;—–…"


def _addressee_acts(
    para: Paragraph, speech: list[Speech], after: list[_Speaker | None]
) -> Iterator[tuple[int, int, str]]:
    """A character spoken to by name who acts (or speaks) right after the speech:
    `“Sit down, Milo.” Milo sat.` The speech is someone else's, so Milo's part is a new
    paragraph."""
    text = para.text
    for s, who in zip(speech, after, strict=True):
        if who is None or who.kind != "name" or who.aside or not _vocative(text, s, who.label):
            continue
        start, end = (who.start, who.end) if who.beat else (who.start, who.start + 1)
        yield (
            start,
            end,
            f"{who.label} is spoken to in this speech, so it is someone else’s: start a new "
            f"paragraph for {who.label}",
        )


def _vocative(text: str, s: Speech, name: str) -> bool:
    """Whether `name` stands alone between punctuation inside the speech (`Milo, sit.`,
    `Sit down, Milo.`, `Stop. Milo. Listen.`), as a name spoken to does."""
    first, last = s.first, s.last
    pos = text.find(name, first, last + 1)
    while pos >= 0:
        before = text[first:pos].rstrip(" \t")
        after = text[pos + len(name) : last + 1]
        if (not before or before[-1] in _VOCATIVE_EDGE) and (
            not after or after[0] in _VOCATIVE_EDGE
        ):
            return True
        pos = text.find(name, pos + 1, last + 1)
    return False
