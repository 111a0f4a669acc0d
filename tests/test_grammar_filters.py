"""The tables of named filters (ficlint.grammar.filters, ficlint.grammar.excuses). For each
filter on Harper's suggestions, its `right` sentence is flagged by Harper without it and kept
out with it, and its look-alike `wrong` sentence is still reported; for each excuse of a
spelling, its `excused` word is reported without it and left alone with it, and its
look-alike `reported` slip is still reported. A filter taken out, or one whose sentence no
longer needs it, fails here."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ficlint.grammar import excuses, filters

ALL_RULES = {"grammar-rules": "all"}


def _bracketed(sentence: str) -> tuple[str, str]:
    """The sentence without its brackets, and the bracketed words."""
    words = re.search(r"\[(.+?)\]", sentence).group(1)
    return sentence.replace("[", "").replace("]", ""), words


def _flagged(lint, sentence: str) -> bool:
    """Whether a Harper finding (every rule on) covers exactly the bracketed words."""
    text, words = _bracketed(sentence)
    result = lint(text + "\n", args=["--grammar", "harper", "--select", "G"], config=ALL_RULES)
    return any(
        text[d["column"] - 1 : d["end_column"] - 1] == words for d in result.report["diagnostics"]
    )


@pytest.mark.parametrize("rule", filters.FILTERS, ids=lambda f: f.name)
def test_a_filter_keeps_its_right_sentence_out_and_lets_its_look_alike_through(
    lint, monkeypatch, rule
) -> None:
    assert not _flagged(lint, rule.right), "kept out with the filter"
    assert _flagged(lint, rule.wrong), "the look-alike is still reported"
    without = tuple(f for f in filters.FILTERS if f.name != rule.name)
    monkeypatch.setattr(filters, "FILTERS", without)
    assert _flagged(lint, rule.right), "Harper flags it without the filter"


def test_filters_have_distinct_names_and_bracketed_words() -> None:
    names = [f.name for f in filters.FILTERS]
    assert len(names) == len(set(names))
    for f in filters.FILTERS:
        assert dataclasses.is_dataclass(f)
        assert _bracketed(f.right)[1] and _bracketed(f.wrong)[1]


def _misspelt(lint, sentence: str) -> bool:
    """Whether Harper's spelling check (the default tier) reports the bracketed word."""
    text, word = _bracketed(sentence)
    result = lint(text + "\n", args=["--grammar", "harper", "--select", "G"])
    return any(
        text[d["column"] - 1 : d["end_column"] - 1] == word for d in result.report["diagnostics"]
    )


@pytest.mark.parametrize("excuse", excuses.SPELLING_EXCUSES, ids=lambda e: e.name)
def test_an_excuse_lets_its_word_pass_and_still_reports_its_look_alike(
    lint, monkeypatch, excuse
) -> None:
    assert not _misspelt(lint, excuse.excused), "left alone with the excuse"
    assert _misspelt(lint, excuse.reported), "the look-alike slip is still reported"
    without = tuple(e for e in excuses.SPELLING_EXCUSES if e.name != excuse.name)
    monkeypatch.setattr(excuses, "SPELLING_EXCUSES", without)
    assert _misspelt(lint, excuse.excused), "Harper reports it without the excuse"


def test_excuses_have_distinct_names_and_bracketed_words() -> None:
    names = [e.name for e in excuses.SPELLING_EXCUSES]
    assert len(names) == len(set(names))
    for e in excuses.SPELLING_EXCUSES:
        assert _bracketed(e.excused)[1] and _bracketed(e.reported)[1]
