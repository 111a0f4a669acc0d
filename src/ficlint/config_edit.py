"""Writing the config for a writer: `Add ‘Marucs’ to words` from the editor. The file is
edited as text, so its comments and layout stay; the result is parsed again and written only
if it reads back with the word added and nothing else changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ficlint.config import tomllib
from ficlint.errors import ConfigError
from ficlint.fix import replace_file

_HEADER = re.compile(r"^[ \t]*\[", re.M)
_WORDS = re.compile(r"^[ \t]*words[ \t]*=[ \t]*\[", re.M)


def add_word(config: Path, word: str) -> None:
    """Add `word` to the `words` of `config` (ficlint.toml, .ficlint.toml, or pyproject.toml's
    [tool.ficlint]); a missing ficlint.toml is created. Raises ConfigError, naming the file."""
    if not word or any(ch.isspace() for ch in word):
        raise ConfigError(f"{config}: {word!r} is not one word")
    # Bytes decoded as they are: read_text would turn CRLF into LF and write the whole file
    # back with other line endings.
    try:
        raw = config.read_bytes().decode("utf-8") if config.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config}: cannot read config: {exc}") from None
    eol = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n") if eol == "\r\n" else raw
    before = _table(text, config)
    if word in before.get("words", []):
        return
    new = _with_word(text, word, config.name == "pyproject.toml").replace("\n", eol)
    after = _table(new, config)
    words = after.pop("words", None)
    rest = {k: v for k, v in before.items() if k != "words"}
    if after != rest or sorted(words or []) != sorted([*before.get("words", []), word]):
        raise ConfigError(f"{config}: cannot add {word!r} to words without rewriting the file")
    like = config.stat() if config.exists() else None
    try:
        replace_file(config, new.encode("utf-8"), like)
    except OSError as exc:
        raise ConfigError(f"{config}: cannot write: {exc.strerror or exc}") from None


def _table(text: str, config: Path) -> dict:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config}: invalid TOML: {exc}") from None
    if config.name == "pyproject.toml":
        return data.get("tool", {}).get("ficlint", {})
    return data


def _with_word(text: str, word: str, pyproject: bool) -> str:
    """The text with `word` added: into the existing `words = [` of the table, else as a new
    `words` line at the top of the table (before any sub-table, where a key must go)."""
    quoted = json.dumps(word, ensure_ascii=False)  # a TOML basic string
    start, end = 0, len(text)
    if pyproject:
        header = re.search(r"^[ \t]*\[tool\.ficlint\][ \t]*(#.*)?$", text, re.M)
        if header is None:
            sep = "" if not text or text.endswith("\n") else "\n"
            return f"{text}{sep}\n[tool.ficlint]\nwords = [{quoted}]\n"
        start = header.end() + 1 if header.end() < len(text) else len(text)
    following = _HEADER.search(text, start)
    end = following.start() if following else len(text)
    existing = _WORDS.search(text, start, end)
    if existing:
        at = existing.end()
        rest = text[at:]
        if rest.lstrip(" \t").startswith(("\n", "\r")):  # one word a line: follow that
            indent = re.match(r"\s*?\n([ \t]*)", rest)
            return f"{text[:at]}\n{indent.group(1) if indent else '  '}{quoted},{rest}"
        gap = "" if rest.lstrip().startswith("]") else ", "
        return f"{text[:at]}{quoted}{gap}{rest}"
    line = f"words = [{quoted}]\n"
    if pyproject:
        return text[:start] + line + text[start:]
    first_table = _HEADER.search(text)
    at = first_table.start() if first_table else len(text)
    sep = "" if at == 0 or text[:at].endswith("\n") else "\n"
    return text[:at] + sep + line + ("\n" if at < len(text) else "") + text[at:]
