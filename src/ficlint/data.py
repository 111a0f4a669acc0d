"""Word lists shipped in the wheel (from the top-level rules/ folder)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


def _data_dir() -> Path:
    installed = Path(__file__).with_name("data")
    if installed.is_dir():
        return installed
    # Running from a source checkout (editable install): the repository's rules/ folder.
    return Path(__file__).resolve().parents[2] / "rules"


@cache
def load(name: str) -> Any:
    import yaml

    # libyaml's loader where the wheel has it: ten times faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(_data_dir() / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


class WordLists:
    """The lists of rules/<name>.yaml as frozensets, one attribute each, the key in snake
    case (`tag-auxiliaries` -> `.tag_auxiliaries`).

    A rule module holds one of these at module level, and the file is read on the first
    list asked for, not on import: `ficlint rules` imports every rule module and reads no
    word list, and PyYAML alone takes some 18 ms to import."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> frozenset[str]:
        # Called only for a list not read yet: the set is then kept as an instance
        # attribute, and every later read is a plain attribute lookup.
        if attr.startswith("_"):
            raise AttributeError(attr)
        key = attr.replace("_", "-")
        try:
            words = load(self._name)[key]
        except KeyError:
            raise AttributeError(f"rules/{self._name}.yaml has no list {key!r}") from None
        value = frozenset(words)
        setattr(self, attr, value)
        return value
