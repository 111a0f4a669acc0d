"""The table of named filters on Harper's suggestions (ficlint.grammar.filters): for each
filter, its `right` sentence is flagged by Harper without it and kept out with it, and its
look-alike `wrong` sentence is still reported."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ficlint.grammar import filters

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
