"""Repetition (family R): doubled words, and words echoed too soon."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlint import data
from ficlint.diagnostic import Applicability, Diagnostic
from ficlint.dialogue import lemma_classes
from ficlint.document import LINE_BREAK, Paragraph
from ficlint.manuscript import Manuscript
from ficlint.quotation import marks_of
from ficlint.rule import Rule, register

_DOUBLED = re.compile(r"\b(\w+)(\s+)(\1)\b", re.I)


# The word lists of rules/ these rules read, each file read on first use (data.WordLists).
_REPETITION = data.WordLists("repetition")
_FUNCTION_WORDS = data.WordLists("function-words")


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


@register
class DoubledWord(Rule):
    """The same word twice in a row: `the the`, `to to` (across a line break too).

    What it flags
    A word repeated with only space between, except words that are right twice (`had had`,
    `that that`, `stood for for years`) or said twice on purpose (`no no`, `bye bye`), listed
    in rules/repetition.yaml, and a word typed three times or more (`yum yum yum`), which is
    a choice. After a subject pronoun a doubled word that is no verb (`She as as tired`) is
    likely a mistyped word (`was as`): it is reported without a fix.

    Why
    The eye skips the second word; readers do not.

    Wrong
    She walked to the the door.
    I am going to to try.

    Right
    She walked to the door.
    Whatever he had had, it was gone.
    """

    code = "R001"
    name = "doubled-word"
    summary = "The same word twice in a row (the the)."
    fixable = Applicability.SAFE

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        for m in _DOUBLED.finditer(text):
            word = m.group(1)
            if (
                not word.isalpha()
                or text[m.start() - 1 : m.start()] in ("-", "’", "'")
                or text[m.end() : m.end() + 1] in ("-", "’", "'")
            ):
                continue  # well-well-well, don’t don’t are not doubled words
            if word.lower() in _REPETITION.doubled_ok or (
                m.group(1) != m.group(3) and not m.group(1).istitle()
            ):
                continue  # “Run run” keeps its case; “The the” is still a slip
            if _repeated_again(text, m) or _after_its_verb(text, m):
                continue
            if _mistyped(text, m):
                yield self.report(
                    para,
                    m.start(),
                    m.end(),
                    f"doubled word: {word} {m.group(3)}; or is a word mistyped before it "
                    f"(was {m.group(3)}?)"
                    if word.lower() == "as"
                    else f"doubled word: {word} {m.group(3)}; or is a word missing or mistyped?",
                )
                continue
            yield self.report(
                para,
                m.start(),
                m.end(),
                f"doubled word: {word} {m.group(3)}",
                edits=[_removal(para, m)],
            )


def _repeated_again(text: str, m: re.Match) -> bool:
    """A third copy after the two, or one before them: `yum yum yum` is typed on purpose."""
    word = m.group(1).lower()
    after = re.match(r"\s+(\w+)", text[m.end() : m.end() + len(word) + 8])
    before = _WORD_BEFORE.search(text, max(0, m.start() - len(word) - 8), m.start())
    return bool(
        (after and after.group(1).lower() == word) or (before and before.group(1).lower() == word)
    )


def _after_its_verb(text: str, m: re.Match) -> bool:
    """`stood for for years`: a preposition that ends a verb's phrase, then starts the next."""
    if m.group(1).lower() not in _REPETITION.doubled_after_verb or not re.match(
        r"\s+\w", text[m.end() :]
    ):
        return False  # `what it was for for.`: nothing follows for the second to start
    before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return before is not None and "VERB" in lemma_classes(before.group(1).lower())


def _mistyped(text: str, m: re.Match) -> bool:
    """`She as as tired`: after a subject pronoun, a doubled word that is no verb leaves a
    sentence with no verb when one copy goes; the first copy is likely another word."""
    before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
    if before is None or before.group(1).lower() not in _FUNCTION_WORDS.subject_pronouns:
        return False
    return "VERB" not in lemma_classes(m.group(1).lower())


def _removal(para: Paragraph, m: re.Match) -> tuple[int, int, str]:
    """The edit that removes one copy. Across a line break (a hard-wrapped paragraph) it
    keeps the break: the first copy goes with the space before it, or else the second with
    the space after it; only when neither has a space is the gap taken out with the copy."""
    gap_start, gap_end = para.span(m.end(1), m.start(3))
    doc = para.document
    if doc is None or not LINE_BREAK.search(doc.text, gap_start, gap_end):
        return m.end(1), m.end(3), ""
    text = para.text
    if m.start() > 0 and doc.text[para.to_source(m.start() - 1)] in " \t":
        return m.start() - 1, m.end(1), ""
    if m.end() < len(text) and doc.text[para.to_source(m.end())] in " \t":
        return m.start(3), m.end(3) + 1, ""
    return m.end(1), m.end(3), ""


_ANY_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
_ECHO_WINDOW = 40  # words


@register
class EchoWord(Rule):
    """The same uncommon word twice within a few lines of narration.

    What it flags
    A word of seven letters or more used again within about forty words of narration
    (speech is left alone: people repeat themselves). Off by default; turn it on with
    `extend-select = ["R002"]`.

    Why
    An echo draws the ear to the word instead of the story.

    Wrong
    The corridor was silent. She crept along the corridor toward the light.

    Right
    The corridor was silent. She crept along the passage toward the light.
    """

    code = "R002"
    name = "echo-word"
    summary = "The same uncommon word twice within a few lines of narration."
    default_enabled = False

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        text = para.text
        speech = sorted(
            (q.open.pos, q.close.pos if q.close else len(text)) for q in marks_of(para).speech
        )
        s = 0
        last_seen: dict[str, int] = {}
        for index, m in enumerate(_ANY_WORD.finditer(text)):
            word = m.group()
            if len(word) < 7 or not word.islower():
                continue
            while s < len(speech) and speech[s][1] < m.start():
                s += 1
            if s < len(speech) and speech[s][0] <= m.start():
                continue  # inside speech
            before = last_seen.get(word)
            if before is not None and index - before <= _ECHO_WINDOW:
                yield self.report(
                    para,
                    m.start(),
                    m.end(),
                    f"echo: “{word}” again {index - before} words after the last one",
                )
            last_seen[word] = index
