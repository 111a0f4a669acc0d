"""The large word lists ficlint reads, kept on disk and looked up one word at a time: the
English and foreign dictionaries (pyspellchecker's), word use (wordfreq's) and the lemma and
inflection tables (lemminflect's).

Each package loads its whole list into memory on first use: 1.5 s and 115 MB together, for a
run that asks about a few thousand words. Instead, the first run that needs a list writes
it, read by the package's own loader, into an SQLite file in the user cache folder
(`words/<list>-<package version>-<format>.sqlite`); every run after reads only the words it asks
about (a few microseconds each, each word once). A new version of the package makes a new
file. Files are written whole and renamed into place, so two runs at once (pre-commit runs
hooks in parallel) never read half a list. A list that cannot be written there (a read-only
home, a full disk) is held in memory, as before.

These are data of installed packages, not results: `--no-cache` does not turn them off, as
Python's compiled files are not.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from ficlint.cache_folder import default_dir

FORMAT = 2  # bump when what a list's file holds changes
_MEMO = 1 << 16  # words remembered per list: a novel asks about far fewer


class WordList:
    """One word list, asked one word at a time: `word in words`, `words.value(word)` (what
    is stored with it, or None) and `words.starting(prefix)`. With `lower`, a word is asked
    for in lowercase, as pyspellchecker asks its own lists."""

    def __init__(
        self,
        name: str,
        version: str,
        entries: Callable[[], Iterable[tuple[str, str | None]]],
        lower: bool = False,
    ) -> None:
        self.name = name
        self.version = version
        self._entries = entries
        self._lower = lower
        self._local = threading.local()
        self._memory: dict[str, str | None] | None = None
        self._lock = threading.Lock()
        self._lookup = lru_cache(maxsize=_MEMO)(self._find)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not _ABSENT

    def __hash__(self) -> int:
        return hash((self.name, self.version))

    def __eq__(self, other: object) -> bool:
        return self is other

    def value(self, word: str) -> str | None:
        """The value stored with `word`, or None (also when the word is absent)."""
        found = self._lookup(word)
        return None if found is _ABSENT else found

    def starting(self, prefix: str) -> tuple[str, ...]:
        """Every word of the list that starts with `prefix`, in order."""
        if self._lower:
            prefix = prefix.lower()
        memory = self._open()
        if isinstance(memory, dict):
            return tuple(sorted(w for w in memory if w.startswith(prefix)))
        rows = memory.execute(
            "SELECT word FROM words WHERE word >= ? AND word < ? ORDER BY word",
            (prefix, prefix + "\U0010ffff"),
        )
        return tuple(w for (w,) in rows)

    def _find(self, word: str):
        if self._lower:
            word = word.lower()
        source = self._open()
        if isinstance(source, dict):
            return source.get(word, _ABSENT)
        row = source.execute("SELECT value FROM words WHERE word = ?", (word,)).fetchone()
        return _ABSENT if row is None else row[0]

    def _open(self):
        """This thread's connection to the list's file (made on first need), or the list in
        memory when no file can be made."""
        if self._memory is not None:
            return self._memory
        con = getattr(self._local, "con", None)
        if con is not None and self._local.pid == os.getpid():
            return con
        import sqlite3  # lazy for start-up time (10 ms)

        with self._lock:  # one thread writes the file; the others wait for it
            path = _folder() / f"{self.name}-{self.version}-{FORMAT}.sqlite"
            con = None
            for _attempt in range(2):  # a file that cannot be read is written again, once
                try:
                    if not path.exists():
                        _build(path, self.name, self._entries())
                    con = sqlite3.connect(
                        f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False
                    )
                    con.execute("SELECT word, value FROM words LIMIT 1").fetchall()
                    break
                except sqlite3.DatabaseError:
                    con = None
                    with contextlib.suppress(OSError):
                        path.unlink()
                except OSError:
                    break
            if con is None:  # no file can be written or read here: the list in memory
                self._memory = dict(self._entries())
                return self._memory
        # A connection is not carried across a fork (the language server forks its checks).
        self._local.con, self._local.pid = con, os.getpid()
        return con


_ABSENT = object()


def _folder() -> Path:
    return default_dir() / "words"


def _build(path: Path, name: str, entries: Iterable[tuple[str, str | None]]) -> None:
    """Write the list `name` to a new file beside `path`, rename it into place, and delete
    the files of the list's other versions."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.stem, suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        con = sqlite3.connect(temp)
        with con:
            con.execute("CREATE TABLE words (word TEXT PRIMARY KEY, value) WITHOUT ROWID")
            con.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", entries)
        con.close()
        os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    for old in path.parent.glob(f"{name}-*.sqlite"):
        if old != path and old.name.count("-") == path.name.count("-"):
            with contextlib.suppress(OSError):  # another package version's: never read again
                old.unlink()


def clear(folder: Path) -> int:
    """Delete the word lists written in the cache `folder` (the next run that needs one
    writes it again); how many there were."""
    removed = 0
    for path in (folder / "words").glob("*.sqlite"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


# The lists. Each is read, when its file is first written, by its package's own loader.


@lru_cache(maxsize=1)
def english() -> WordList:
    """pyspellchecker's English dictionary (160,000 words), lowercase as it asks."""
    return WordList("en", _version("pyspellchecker"), lambda: _spellchecker_words("en"), True)


@lru_cache(maxsize=8)
def language(lang: str) -> WordList:
    """pyspellchecker's word list for `lang` (fr, es, de, it)."""
    return WordList(lang, _version("pyspellchecker"), lambda: _spellchecker_words(lang), True)


def _spellchecker_words(lang: str) -> Iterator[tuple[str, None]]:
    from spellchecker import SpellChecker

    for word in SpellChecker(language=lang).word_frequency.dictionary:
        yield word, None


@lru_cache(maxsize=1)
def word_use() -> WordList:
    """wordfreq's English list: each word with its bucket (see ficlint.wordcounts.zipf)."""
    return WordList("wordfreq-en", _version("wordfreq"), _wordfreq_buckets)


_RAREST = 751  # buckets kept: down to Zipf 1.5 (9 - 750 / 100)


def _wordfreq_buckets() -> Iterator[tuple[str, int]]:
    """wordfreq's English list as published in its package, read without importing wordfreq
    (its import takes a third of a second): a gzipped msgpack list whose first item names the
    format ('cB', version 1) and whose item i + 1 holds the words used 10^(-i/100) of the
    time."""
    import gzip
    from importlib.util import find_spec

    import msgpack

    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return
    with gzip.open(Path(spec.origin).parent / "data" / "large_en.msgpack.gz") as handle:
        header, *buckets = msgpack.load(handle, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise RuntimeError(f"wordfreq's word list is in a format ficlint does not read: {header}")
    for i, bucket in enumerate(buckets[:_RAREST]):
        for word in bucket:
            yield word, i  # a word in two buckets keeps the last (INSERT OR REPLACE)


class _Table:
    """One of lemminflect's tables (word -> {class or tag: spellings}) read from its
    WordList: what lemminflect asks of the dict it would load (`get`). lemminflect copies
    what it gets, so a fresh dict each time is what it expects."""

    def __init__(self, words: WordList) -> None:
        self.words = words

    def get(self, word: str, default=None):
        value = self.words.value(word)
        try:  # the file is the user's to write: a row of another shape is no row
            return {key: tuple(forms) for key, forms in json.loads(value).items()}
        except (TypeError, ValueError, AttributeError):
            return default


def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect.getAllLemmas(word): the word classes it knows `word` in, each with its
    lemmas (dreamt: {VERB: (dream,)}). For a lowercase word, read from the table without
    importing lemminflect (whose import, with numpy, takes a seventh of a second)."""
    if word != word.lower():
        return dict(lemminflect().getAllLemmas(word))  # it gives the lemmas the word's capitals
    return _Table(_lemma_table()).get(word, {})


def inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    """lemminflect.getAllInflections(lemma): its forms by Penn tag (dream: {VBD: (dreamed,
    dreamt), ...}), read as `lemmas` reads."""
    if lemma != lemma.lower():
        return dict(lemminflect().getAllInflections(lemma))
    return _Table(_inflection_table()).get(lemma, {})


@lru_cache(maxsize=1)
def lemminflect():
    """lemminflect, for what the tables alone do not answer (its rules for words it has never
    seen), reading the same tables as `lemmas` and `inflections` instead of loading its own
    whole (0.9 s and 59 MB)."""
    import lemminflect as package
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer, inflector = Lemmatizer(), Inflections()
    # Each reads its table through this attribute, loading the file whole when it is unset.
    # The tables hold its overrides already; it applies them again, to the same effect.
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = _Table(_lemma_table())
    if not hasattr(inflector, "infl_dict"):
        inflector.infl_dict = _Table(_inflection_table())
    return package


@lru_cache(maxsize=1)
def _lemma_table() -> WordList:
    return WordList("lemmas", _version("lemminflect"), lambda: _table_rows("lemmas"))


@lru_cache(maxsize=1)
def _inflection_table() -> WordList:
    return WordList("inflections", _version("lemminflect"), lambda: _table_rows("inflections"))


def _table_rows(which: str) -> Iterator[tuple[str, str]]:
    """A lemminflect table as its own codecs read it, with its overrides applied as
    getAllLemmas and getAllInflections apply them, as rows of JSON."""
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    if which == "lemmas":
        table = LemmaLUCodec.load(config.lemma_lu_fn)
        overrides = OverridesCodec.load(config.lemma_overrides_fn)
    else:
        table = InflectionLUCodec.load(config.inflection_lu_fn)
        overrides = OverridesCodec.load(config.infl_overrides_fn)
    for word in [*table, *(w for w in overrides if w not in table)]:
        forms = dict(table.get(word, {}))
        forms.update(overrides.get(word, {}))
        yield word, json.dumps(forms, separators=(",", ":"))
