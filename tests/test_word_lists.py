"""The word lists in rules/ are data every rule trusts: every entry must be a string (YAML
reads a bare `no` or `on` as a boolean, which silently drops the word), no list holds a word
twice, every list the code reads through `data.WordLists` is there, and no list in a file
read only that way is left unread."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SOURCES = sorted((ROOT / "src" / "ficlint").rglob("*.py"))


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


def _read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(RULES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_entry_is_a_string(path: Path) -> None:
    bad = [leaf for leaf in _leaves(_read(path)) if not isinstance(leaf, str)]
    assert bad == []


@pytest.mark.parametrize("path", sorted(RULES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_list_holds_a_word_twice(path: Path) -> None:
    table = _read(path)
    twice = {
        key: sorted({w for w in words if words.count(w) > 1})
        for key, words in (table.items() if isinstance(table, dict) else ())
        if isinstance(words, list) and all(isinstance(w, str) for w in words)
    }
    assert {key: words for key, words in twice.items() if words} == {}


_HOLDER = re.compile(r"^(\w+) = data\.WordLists\(\"([\w-]+)\"\)", re.M)


def _lists_read() -> list[tuple[str, str, str]]:
    """(module, file, key) for every `HOLDER.some_list` the code reads."""
    found = []
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        for holder, name in _HOLDER.findall(text):
            for attr in set(re.findall(rf"\b{holder}\.([a-z_]+)", text)):
                found.append((source.name, name, attr.replace("_", "-")))
    return sorted(found)


def test_the_code_reads_word_lists_through_the_loader() -> None:
    assert _lists_read()


@pytest.mark.parametrize("module, name, key", _lists_read())
def test_every_list_the_code_reads_exists(module: str, name: str, key: str) -> None:
    table = _read(RULES / f"{name}.yaml")
    assert isinstance(table.get(key), list), f"{module} reads {key} from rules/{name}.yaml"
    assert all(isinstance(word, str) for word in table[key])


def test_no_list_is_left_unread() -> None:
    """A file the code reads only through WordLists holds no list it never asks for (one
    whose last reader is gone, or a key spelled differently from the attribute)."""
    text = "\n".join(source.read_text(encoding="utf-8") for source in SOURCES)
    read: dict[str, set[str]] = {}
    for _, name, key in _lists_read():
        read.setdefault(name, set()).add(key)
    unread = {
        name: sorted(set(_read(RULES / f"{name}.yaml")) - keys)
        for name, keys in read.items()
        if f'data.load("{name}")' not in text
    }
    assert {name: keys for name, keys in unread.items() if keys} == {}
