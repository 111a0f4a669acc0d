"""The large word lists on disk (ficlint.wordstore): written once from the package's own
list, then read a word at a time, with the same answers the package gives; in memory where
no file can be written; never a crash on a file someone else wrote."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from ficlint import wordstore
from ficlint.wordstore import WordList

WORDS = [("lantern", None), ("lamplighter", "7"), ("Kettle", None)]


def counted(rows):
    """An entries function that counts its calls."""
    calls = []

    def entries():
        calls.append(1)
        return iter(rows)

    return entries, calls


def test_a_list_is_written_once_and_read_from_its_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    entries, calls = counted(WORDS)
    words = WordList("story", "1.0", entries)
    assert "lantern" in words and "lanturn" not in words
    assert words.value("lamplighter") == "7" and words.value("lanturn") is None
    assert [p.name for p in (tmp_path / "words").iterdir()] == [
        f"story-1.0-{wordstore.FORMAT}.sqlite"
    ]
    again = WordList("story", "1.0", lambda: pytest.fail("the file is there: nothing to read"))
    assert "lamplighter" in again and again.starting("la") == ("lamplighter", "lantern")
    assert calls == [1]


def test_a_lowercase_list_is_asked_in_lowercase(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    words = WordList("story", "1.0", lambda: iter([("lantern", None)]), lower=True)
    assert "Lantern" in words and "LANTERN" in words
    assert WordList("plain", "1.0", lambda: iter([("lantern", None)])).value("Lantern") is None


def test_a_new_version_of_a_package_writes_a_new_file_and_deletes_the_old(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    assert "lantern" in WordList("story", "1.0", lambda: iter(WORDS))
    newer = WordList("story", "2.0", lambda: iter([("lanthorn", None)]))
    assert "lanthorn" in newer and "lantern" not in newer
    assert [p.name for p in (tmp_path / "words").glob("*.sqlite")] == [
        f"story-2.0-{wordstore.FORMAT}.sqlite"
    ]


def test_where_no_file_can_be_written_the_list_is_held_in_memory(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(blocked))
    words = WordList("story", "1.0", lambda: iter(WORDS))
    assert "lantern" in words and words.value("lamplighter") == "7"
    assert words.starting("la") == ("lamplighter", "lantern")


def test_a_file_that_is_not_a_list_is_written_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    path = tmp_path / "words" / f"story-1.0-{wordstore.FORMAT}.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"not a database at all" * 100)
    assert "lantern" in WordList("story", "1.0", lambda: iter(WORDS))
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM words").fetchone() == (3,)


def test_a_table_row_of_another_shape_reads_as_no_row(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    rows = [("dreamt", '{"VERB": ["dream"]}'), ("leant", "not json"), ("spasm", "[1, 2]")]
    table = wordstore._Table(WordList("table", "1.0", lambda: iter(rows)))
    assert table.get("dreamt", {}) == {"VERB": ("dream",)}
    assert table.get("leant", {}) == {} and table.get("spasm", {}) == {}
    assert table.get("absent", {}) == {}


def _child_reads(words: WordList, queue) -> None:
    queue.put(("lantern" in words, words.value("lamplighter")))


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
def test_a_forked_process_reads_the_list_on_its_own_connection(tmp_path, monkeypatch) -> None:
    """The language server forks a process per check, after its warm-up opened the lists."""
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    words = WordList("story", "1.0", lambda: iter(WORDS))
    assert "kettle" not in words  # opened here, in the parent
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child_reads, args=(words, queue))
    child.start()
    child.join(30)
    assert queue.get(timeout=5) == (True, "7")
    assert words._local.pid == os.getpid()


# The lists ficlint reads: the same answers as each package's own, loaded whole.


def test_the_english_dictionary_answers_as_pyspellchecker_does() -> None:
    from spellchecker import SpellChecker

    own = SpellChecker()
    english = wordstore.english()
    for word in ["curricle", "Barouche", "recieve", "definately", "the", "unfelt", "zzzq"]:
        assert (word in english) == (word in own), word
    sample = list(own.word_frequency.dictionary)[::997]
    assert all(word in english for word in sample)


def test_the_foreign_lists_answer_as_pyspellchecker_does() -> None:
    from spellchecker import SpellChecker

    for lang in ("fr", "de"):
        own = SpellChecker(language=lang).word_frequency.dictionary
        listed = wordstore.language(lang)
        sample = list(own)[::4001]
        assert sample and all(word in listed for word in sample)
    assert "ganze" in wordstore.language("de") and "ganze" not in wordstore.language("fr")


def test_word_use_gives_wordfreqs_zipf_values() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    from ficlint.wordcounts import zipf

    for word in ["the", "fretboard", "lantern", "becuase"]:
        assert zipf(word) == pytest.approx(wordfreq.zipf_frequency(word, "en"), abs=0.01), word
    assert zipf("qxqzzv") == 0.0


def test_lemminflect_answers_from_the_stored_tables_as_from_its_own() -> None:
    """The tables read a word at a time give lemminflect's answers, in a process where it
    loaded them whole (dreamt: dream; leant: lean; spasming: spasm; a slip: nothing), and
    so do ficlint's readers of them, which do not import it; a word the tables lack
    (radioes) is still lemminflect's guess."""
    import json
    import subprocess

    from ficlint.dialogue import _verb_lemma

    words = ["dreamt", "leant", "spasming", "tought", "answer", "said", "replied", "better"]
    words += ["radioes", "can", "Said", "Dream", "summarised", "was"]
    probe = (
        "import json, sys, lemminflect\n"
        f"words = {words!r}\n"
        "def verb(w):\n"
        "    for lemma in lemminflect.getLemma(w.lower(), upos='VERB'):\n"
        "        for form in ('VBD', 'VBZ'):\n"
        "            if w.lower() in lemminflect.getInflection(lemma, form):\n"
        "                return lemma\n"
        "print(json.dumps([[lemminflect.getAllLemmas(w), lemminflect.getAllInflections(w),"
        " lemminflect.getLemma(w, upos='VERB'), lemminflect.getInflection(w, 'VBD'), verb(w)]"
        " for w in words]))\n"
    )
    own = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    stored = wordstore.lemminflect()
    from lemminflect.core.Lemmatizer import Lemmatizer

    assert isinstance(Lemmatizer().lemma_dict, wordstore._Table)  # not loaded whole here
    ours = [
        [
            wordstore.lemmas(w),
            wordstore.inflections(w),
            stored.getLemma(w, upos="VERB"),
            stored.getInflection(w, "VBD"),
            _verb_lemma(w.lower(), ("VBD", "VBZ")) if len(w) >= 3 else None,
        ]
        for w in words
    ]
    assert json.loads(json.dumps(ours)) == json.loads(own.stdout)
    assert wordstore.lemmas("dreamt") == {"VERB": ("dream",)}
    assert _verb_lemma("radioes", ("VBD", "VBZ")) == "radioe"  # its rules guess, not a table


def test_a_chapter_is_checked_without_importing_lemminflect(tmp_path) -> None:
    """Its import (numpy with it) takes a seventh of a second, half a pre-commit hook's
    run on a chapter: once the tables are written, they answer for a chapter's words."""
    import subprocess

    sample = Path(__file__).resolve().parents[1] / "examples" / "sample-chapter.md"
    probe = (
        "import sys\n"
        "from ficlint.cli import main\n"
        f"sys.argv = ['ficlint', '--grammar', 'off', {str(sample)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'lemminflect' in sys.modules, 'numpy' in sys.modules)\n"
    )
    # The first run may write the tables (reading lemminflect's own files); the next reads.
    subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "exit 1 False False"
    assert "D001" in done.stdout


def test_cache_clear_deletes_the_word_lists(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from ficlint.cli import main

    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path))
    assert "lantern" in WordList("story", "1.0", lambda: iter(WORDS))
    assert CliRunner().invoke(main, ["cache", "clear"]).exit_code == 0
    assert list(Path(tmp_path, "words").glob("*.sqlite")) == []
