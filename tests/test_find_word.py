"""Manuscript.find_word, which rules and the grammar layer ask for where a word is used: a
whole word in manuscript order, with a possessive's ending and without a hyphened compound's
other half, as a copy editor would count it, whichever way it is looked up (an index of the
manuscript's words, or a search for a phrase)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ficlint import manuscript
from ficlint.config import Settings
from ficlint.document import Document
from ficlint.manuscript import Manuscript

SAMPLE = (Path(__file__).parents[1] / "examples" / "sample-chapter.md").read_text(encoding="utf-8")


def _manuscript(*texts: str) -> Manuscript:
    return Manuscript([Document(t, f"ch{i}.md") for i, t in enumerate(texts)], Settings())


def _found(ms: Manuscript, word: str, **kw) -> list[str]:
    return [
        f"{para.document.display_path}:{para.index}:{para.text[s:e]}"
        for para, s, e in ms.find_word(word, **kw)
    ]


@pytest.fixture(params=["searched", "indexed"])
def lookup(request, monkeypatch) -> None:
    """Both ways find_word finds a word: by searching the text, and from the index."""
    monkeypatch.setattr(manuscript, "SEARCHES", 10**9 if request.param == "searched" else 0)


@pytest.mark.usefixtures("lookup")
def test_a_word_is_found_whole_with_its_possessive_and_not_inside_a_compound() -> None:
    ms = _manuscript(
        "Marcus ran. Marcus’s coat was wet; the Joneses’ dog barked at Marcus'.\n\n"
        "A long-haired cat, a long day, and Marcusina.\n",
        "LONG ago, Long before, marcus slept. rock’n’roll\n",
    )
    assert _found(ms, "marcus") == [
        "ch0.md:0:Marcus",
        "ch0.md:0:Marcus",
        "ch0.md:0:Marcus",
        "ch1.md:0:marcus",
    ]
    assert _found(ms, "Marcus", ignore_case=False) == ["ch0.md:0:Marcus"] * 3
    assert _found(ms, "joneses") == ["ch0.md:0:Joneses"]
    assert _found(ms, "long") == ["ch0.md:1:long", "ch1.md:0:LONG", "ch1.md:0:Long"]
    assert _found(ms, "long-haired") == ["ch0.md:1:long-haired"]
    assert _found(ms, "rock") == []
    assert _found(ms, "marcus", limit=2) == ["ch0.md:0:Marcus", "ch0.md:0:Marcus"]
    assert _found(ms, "long day") == ["ch0.md:1:long day"]  # a phrase
    assert _found(ms, "absent") == []


@pytest.mark.usefixtures("lookup")
def test_every_word_of_the_sample_is_found_where_a_whole_word_search_finds_it() -> None:
    """The index gives what a search of the text gives, for every word of a real chapter,
    in either case."""
    ms = _manuscript(SAMPLE, SAMPLE.replace("Nell", "Nel"))
    text = ms.joined_text()
    boundary = r"(?<![\w’'-]){}(?=[’'](?:s)?(?![\w])|(?![\w’'-]))"
    for word in sorted(set(re.findall(r"[\w’'-]+", text)))[:400]:
        for ignore_case in (True, False):
            flags = re.IGNORECASE if ignore_case else 0
            expected = [
                m.start() for m in re.finditer(boundary.format(re.escape(word)), text, flags)
            ]
            starts = [
                para_start
                for para, s, _ in ms.find_word(word, ignore_case=ignore_case)
                for para_start in [_offset(ms, para) + s]
            ]
            assert starts == expected, (word, ignore_case)


def _offset(ms: Manuscript, para) -> int:
    at = 0
    for p in ms.body():
        if p is para:
            return at
        at += len(p.text) + 1
    raise AssertionError("paragraph not in the manuscript")
