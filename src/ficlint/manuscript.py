"""The manuscript and its facts: every document of a run seen together, and what is true of
all of it (the majority quote style, names, word counts, the joined text), computed once per
run and asked for by the rules and the grammar layer alike."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ficlint.config import Settings
from ficlint.document import Document, Paragraph
from ficlint.quotation import marks_of

# How far a paragraph rule reads: at most this many prose paragraphs on each side of the one
# it reports on (speech carried over paragraphs; a chat's marks), and any run of indented
# verse between them. ficlint.recheck relies on it when it checks an edit's paragraphs alone.
READ_AROUND = 3

T = TypeVar("T")


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A manuscript-wide fact (the majority quote style, the names, the word counts): made
    once per run by `compute`, the first time anything asks `ms.fact(FACT)`, and typed, so a
    rule knows what it gets. Declared once, beside the code that makes it."""

    name: str
    compute: Callable[[Manuscript], T]
    # Whether the fact holds without this run's documents, so that ficlint.recheck can take it
    # for a later check of an edited text. Not so for what holds the run's own Paragraph
    # objects, or what the settings alone give (the later check reads its own).
    of_the_text: bool = True
    # A tally (word counts, the quotation marks counted): `compute` of a manuscript of
    # several documents is what `compute` of each alone adds up to, in manuscript order, with
    # `add(total, part)`, which adds one document's part to the total of those before it and
    # returns the total (it may change the total it is given, never the part). So the value
    # can be made while the documents are read one by one, none kept (Manuscript.counted).
    add: Callable[[T, T], T] | None = None
    # Made from the whole text at once, not as a tally (the joined text, its word index): in a
    # check of one document at a time (Manuscript.window), that document's own.
    whole_text: bool = False

    def __post_init__(self) -> None:
        if _DECLARED.setdefault(self.name, self) is not self:
            raise RuntimeError(f"two manuscript facts named {self.name!r}")


def tally(name: str, count: Callable[[Manuscript], T], add: Callable[[T, T], T]) -> Fact[T]:
    """A manuscript-wide fact made as a tally (see Fact.add): `count` of one document, `add`
    of a total and the next document's count."""
    return Fact(name, count, add=add)


def add_counts(total: Counter, part: Counter) -> Counter:
    """A tally's `add` for counts (see Fact.add)."""
    total.update(part)
    return total


def add_sets(total: set, part: set) -> set:
    """A tally's `add` for sets of words (see Fact.add)."""
    total |= part
    return total


_DECLARED: dict[str, Fact] = {}


@dataclass
class Manuscript:
    """Every document of the run, seen together (style inference and drift need that).

    `documents` are reported on; `context` documents (the rest of the configured manuscript)
    only count towards what the manuscript's majority style is.
    """

    documents: list[Document]
    settings: Settings = field(default_factory=Settings)
    context: list[Document] = field(default_factory=list)
    _facts: dict[str, Any] = field(default_factory=dict)  # by Fact.name
    _earlier: frozenset[str] = frozenset()  # names of the facts taken from an earlier run
    _searches: int = 0  # words find_word has searched the text for (see SEARCHES)
    _window: bool = False  # one document checked alone, with the whole manuscript's facts
    _own: dict[str, Any] = field(default_factory=dict)  # a window's facts of its own text
    progress: bool = False  # a progress bar for slow grammar checks (on a terminal)

    # True when the documents' order in the manuscript (for "first in …") is already set,
    # e.g. from the config's list of chapters.
    ordered: bool = False

    def __post_init__(self) -> None:
        if not self.ordered:
            for i, doc in enumerate(self.all_documents()):
                doc.order = i

    def all_documents(self) -> list[Document]:
        """Every document, in manuscript order (chapters as the config lists them)."""
        docs = self.documents + self.context
        return sorted(docs, key=lambda doc: doc.order) if self.ordered else docs

    def paragraphs(self, include_context: bool = True):
        for doc in self.all_documents() if include_context else self.documents:
            yield from doc.paragraphs

    @property
    def reported(self) -> set[int]:
        """ids of the documents findings are reported on (not the context)."""
        return {id(doc) for doc in self.documents}

    def body(self) -> list[Paragraph]:
        """The paragraphs that count towards the manuscript's majorities: not headings, whose
        Title Case would count every word as a capital."""
        return self.fact(BODY)

    def joined_text(self) -> str:
        """Every body paragraph's prose, one per line, for counting words at C speed. With
        `speech-drift = false` in the config, speech is blanked out (same length, so offsets
        hold): what characters say is theirs, and only narration is held to the majority."""
        return self.fact(JOINED)

    def find_words(self, words, ignore_case: bool = True) -> list[tuple[Paragraph, int, int]]:
        """Whole-word occurrences of any of `words` in the documents reported on (not the
        context), in manuscript order, as (paragraph, start, end)."""
        reported = self.reported
        words = list(words)
        if len(words) > SEARCHES:  # the index answers: only the words it holds are asked for
            at = self.fact(WORD_INDEX).at
            if at is not None:
                words = [w for w in words if w.lower() in at or not _RUN.fullmatch(w)]
        hits = sorted(
            (
                (para.document.order, para.start + s, para, s, e)
                for word in words
                for para, s, e in self.find_word(word, ignore_case=ignore_case)
                if id(para.document) in reported
            ),
            key=lambda hit: hit[:2],
        )
        return [(para, s, e) for _, _, para, s, e in hits]

    def find_word(
        self, word: str, ignore_case: bool = True, limit: int | None = None
    ) -> list[tuple[Paragraph, int, int]]:
        """Whole-word occurrences of `word` (a word or phrase) in manuscript order, as
        (paragraph, start, end); the first `limit`. The first SEARCHES words are found with
        str.find over the joined text, a pass each; after that, a word is looked up in an index
        of the text's words (WORD_INDEX), made in one pass, since the words a run asks for grow
        with the manuscript (the eight corpus novels together: 1,144). A phrase is searched."""
        index = self.fact(PARAGRAPH_INDEX)
        needle = word.lower() if ignore_case else word
        found = None
        made = WORD_INDEX.name in (self._own if self._window else self._facts)
        if made or self._searches >= SEARCHES:  # (an index made for find_words answers too)
            found = self.fact(WORD_INDEX).find(needle, ignore_case)
        else:
            self._searches += 1
        if found is not None:
            out = []
            for at in found[:limit]:
                i = bisect_right(index.starts, at) - 1
                start = at - index.starts[i]
                out.append((index.paragraphs[i], start, start + len(needle)))
            return out
        # One of the first words asked for, a phrase, or a text whose lowercase is longer
        # (İ): the text is searched.
        text = self.fact(JOINED_LOWER) if ignore_case else self.joined_text()
        out = []
        at = text.find(needle)
        while at >= 0:
            end = at + len(needle)
            if (at == 0 or not _word_char(text[at - 1])) and (
                end == len(text) or _word_ends(text, end)
            ):
                i = bisect_right(index.starts, at) - 1
                para = index.paragraphs[i]
                out.append((para, at - index.starts[i], end - index.starts[i]))
                if limit is not None and len(out) >= limit:
                    break
            at = text.find(needle, at + 1)
        return out

    def fact(self, fact: Fact[T]) -> T:
        """The manuscript-wide fact, made the first time it is asked for in this run."""
        facts = self._own if self._window and fact.whole_text else self._facts
        try:
            return facts[fact.name]
        except KeyError:
            if self._window and fact.add is not None:
                # Counted from this document alone, it would pass for the whole manuscript's.
                raise RuntimeError(
                    f"the tally {fact.name!r} was not counted (Manuscript.counted)"
                ) from None
            # A tally is made of the whole text at once, as any fact: what counting document
            # by document adds up to (Manuscript.counted; tests/test_tallies.py holds each
            # tally to that), without a pass over each document for each tally.
            value = facts[fact.name] = fact.compute(self)
            return value

    @classmethod
    def counted(cls, documents: Iterable[Document], settings: Settings) -> Manuscript:
        """A manuscript of no documents that holds the tallies (see Fact.add) of `documents`,
        given in manuscript order and counted one at a time, so that each may be let go once
        counted: the facts for checking the documents one at a time (window). Every other
        fact of the text is made from the tallies when first asked for."""
        ms = cls([], settings, ordered=True)
        counts = [fact for fact in _DECLARED.values() if fact.add is not None]
        totals: dict[str, Any] = {}
        for doc in documents:
            part = cls([doc], settings, ordered=True)
            for fact in counts:
                count = fact.compute(part)
                name = fact.name
                totals[name] = count if name not in totals else fact.add(totals[name], count)
        for fact in counts:
            if fact.name not in totals:  # no documents
                totals[fact.name] = fact.compute(ms)
        ms._facts.update(totals)
        return ms

    def window(self, doc: Document) -> Manuscript:
        """A check of `doc` alone, with this manuscript's facts, which it shares: what it
        makes from them (the names, the quote style) the next document's check takes. A fact
        of the whole text (Fact.whole_text: the body, the joined text, find_word's index) is
        the document's own, for finding where a form is written in it; what the manuscript
        writes and how often comes from the tallies (Fact.add)."""
        return Manuscript(
            [doc],
            self.settings,
            _facts=self._facts,
            _earlier=self._earlier,
            _window=True,
            ordered=True,
        )

    @property
    def one_of_many(self) -> bool:
        """Whether this is a check of one document of a larger manuscript (window), whose
        rules read what the rest writes from the tallies."""
        return self._window

    def facts(self) -> dict[str, Any]:
        """The manuscript-wide facts this run made that hold without its documents (counts,
        names, the quote style, the joined text), by name: what a later check of an edited
        text reuses (ficlint.recheck)."""
        return {name: value for name, value in self._facts.items() if _DECLARED[name].of_the_text}

    def keep(self, facts: dict[str, Any]) -> None:
        """Take `facts` (from facts() of an earlier run) as this manuscript's own."""
        self._facts.update(facts)
        self._earlier = self._earlier | set(facts)

    def made_earlier(self, fact: Fact) -> bool:
        """Whether `fact` was taken from an earlier run (keep) rather than made from these
        documents: in a check of an edit (ficlint.recheck), what the full check knew."""
        return fact.name in self._earlier

    def own_joined_text(self) -> str:
        """The joined text (see joined_text) of these documents alone, even where the joined
        text was taken from an earlier run."""
        return _join(self)


def _body(ms: Manuscript) -> list[Paragraph]:
    return [p for p in ms.paragraphs() if p.kind != "heading"]


def _join(ms: Manuscript) -> str:
    if ms.settings.speech_drift:
        return "\n".join(p.text for p in ms.body())
    return "\n".join(_narration(p) for p in ms.body())


@dataclass(frozen=True)
class _ParagraphIndex:
    paragraphs: list[Paragraph]
    starts: list[int]  # offset of each paragraph in the joined text


def _paragraph_index(ms: Manuscript) -> _ParagraphIndex:
    paragraphs = ms.body()
    starts, offset = [], 0
    for para in paragraphs:
        starts.append(offset)
        offset += len(para.text) + 1
    return _ParagraphIndex(paragraphs, starts)


BODY: Fact[list[Paragraph]] = Fact("body", _body, of_the_text=False, whole_text=True)
JOINED: Fact[str] = Fact("joined", _join, whole_text=True)
JOINED_LOWER: Fact[str] = Fact("joined-lower", lambda ms: lower(ms.joined_text()), whole_text=True)
PARAGRAPH_INDEX: Fact[_ParagraphIndex] = Fact(
    "paragraph-index", _paragraph_index, of_the_text=False, whole_text=True
)


class _WordIndex:
    """Where each word of the joined text starts, by its lowercase: each run of word
    characters (letters, digits, ’ ' - _), and each such run without a possessive's ending
    (Marcus’s is also Marcus), as find_word's search would match them. Made from the text's
    lowercase; a text whose lowercase is longer (İ) has no index, and find_word searches it."""

    def __init__(self, text: str, low: str) -> None:
        self.text = text  # `low` is text.lower(), not kept: only its words are
        self.at: dict[str, array] | None = None
        if len(low) != len(text):
            return
        at: dict[str, array] = {}
        get = at.get
        code = "I" if len(text) < 2**32 else "Q"  # 4 bytes a start where 4 do
        for m in _RUN.finditer(low):
            run, start = m.group(), m.start()
            # (index_forms, without a call for the run of most words, which has no apostrophe)
            for form in index_forms(run) if "’" in run or "'" in run else (run,):
                starts = get(form)
                if starts is None:
                    at[form] = starts = array(code)
                starts.append(start)
        self.at = at

    def find(self, needle: str, ignore_case: bool) -> list[int] | None:
        """The starts of `needle` (in lowercase when ignore_case) in manuscript order, or None
        when it is not one word of the index's kind."""
        if self.at is None or not _RUN.fullmatch(needle):
            return None
        starts = self.at.get(needle.lower(), ())
        if ignore_case:
            return list(starts)
        text = self.text
        return [start for start in starts if text.startswith(needle, start)]


_RUN = re.compile(r"[\w’'-]+")


def index_forms(run: str) -> list[str]:
    """The words find_word finds at the start of a run of word characters (letters, digits,
    ’ ' - _): the run, and the run without a possessive's ending (Marcus’s is also Marcus)."""
    if "’" not in run and "'" not in run:
        return [run]
    return [run] + [run[:i] for i, ch in enumerate(run) if ch in "’'" and i and _word_ends(run, i)]


def run_at(text: str, pos: int) -> str | None:
    """The run of word characters (see index_forms) that starts at `pos`, if one does."""
    m = _RUN.match(text, pos)
    return m.group() if m else None


# Not kept for a later check (ficlint.recheck): that check asks for few words, and the index
# of a novel is megabytes to hand from a language server's check to the server.
def _word_index(ms: Manuscript) -> _WordIndex:
    # The lowercase text the searches before it made is let go: the index answers for it
    # (a phrase asked for later makes it again).
    low = ms._facts.pop(JOINED_LOWER.name, None)
    return _WordIndex(ms.joined_text(), lower(ms.joined_text()) if low is None else low)


WORD_INDEX: Fact[_WordIndex] = Fact("word-index", _word_index, of_the_text=False, whole_text=True)
# Words find_word searches the joined text for before it makes the index: a search costs a
# pass over the text, the index about a hundred (War and Peace: 2 ms, 0.25 s), and a check
# of an edit in a language server asks for a few words at most.
SEARCHES = 8


def lower(text: str) -> str:
    """text.lower(), a piece at a time: str.lower() of a text with any character beyond
    Latin-1 (a curly quote) takes 12 bytes a character while it works, 88 MB for the eight
    corpus novels joined, whose lowercase is 14 MB. The pieces end at white space, which no
    casing rule (the Greek final sigma) looks across."""
    return "".join(text[start:end].lower() for start, end in pieces(text))


PIECE = 1 << 16  # characters
_SPACE = re.compile(r"\s")


def pieces(text: str, size: int = PIECE) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each about `size` characters and cut at
    white space (a line break between paragraphs, or a space inside a paragraph as long as a
    novel: a plain-text draft with no blank lines), which no word crosses: for a pass over
    the text by regex that would otherwise hold every match of a novel at once."""
    start = 0
    while start < len(text):
        space = _SPACE.search(text, start + size)
        end = space.start() if space else len(text)
        yield start, end
        start = end


def _narration(para: Paragraph) -> str:
    """The paragraph with its speech replaced by spaces."""
    text = para.text
    spans = marks_of(para).speech_spans
    if not spans:
        return text
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        pieces.append(" " * (end - start))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "’'-_"


def _word_ends(text: str, end: int) -> bool:
    """Whether a word ends at `end`: no letter follows, or only a possessive (Marcus’s)."""
    ch = text[end]
    if ch in "’'":
        nxt = text[end + 1 : end + 2]
        return not nxt.isalnum() or (nxt == "s" and not text[end + 2 : end + 3].isalnum())
    return not _word_char(ch)
