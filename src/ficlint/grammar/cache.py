"""A cache of grammar-engine results per paragraph (SQLite in the user cache folder), so that
re-checking a novel after editing one paragraph only sends that paragraph to the engine.

Keys hash the engine, its version, its settings and the paragraph's text. SQLite's locking
makes two ficlint processes at once safe (pre-commit runs hooks in parallel); a cache that is
corrupt is rebuilt, never crashed on.

The cache is a file anyone with the user's rights can write, so nothing read from it is
trusted: each record names its engine, the engine's version and the hash of the paragraph it
was made for, and every finding in it is checked as a fresh one is (see `valid_finding`). A
record that fails is a miss: the paragraph is checked again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 500  # keys per query, under SQLite's limit on parameters


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record(engine: str, version: str, text: str, findings: list) -> dict:
    """What is stored for one paragraph."""
    return {"engine": engine, "version": version, "text": text_hash(text), "findings": findings}


# The longest replacement an engine's suggestion is taken to be (a word or a few).
MAX_REPLACEMENT = 200


def valid_finding(found, text: str, kinds: tuple) -> bool:
    """Whether one finding [start, end, *fields, replacement] has the shape an engine gives:
    `kinds` holds the type of each field after the span; the span lies within `text`; the
    replacement is None or a short string on one line."""
    if not isinstance(found, list) or len(found) != 2 + len(kinds) + 1:
        return False
    start, end, *fields, replacement = found
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(text):
        return False
    if not all(isinstance(v, kind) for v, kind in zip(fields, kinds, strict=True)):
        return False
    return replacement is None or (
        isinstance(replacement, str)
        and len(replacement) <= MAX_REPLACEMENT
        and "\n" not in replacement
        and "\r" not in replacement
    )


def findings_of(value, engine: str, version: str, text: str, kinds: tuple) -> list | None:
    """The findings of a stored record for paragraph `text`, or None when the record is not
    one this engine made for this text (another version, another text, a wrong shape)."""
    if not (
        isinstance(value, dict)
        and value.get("engine") == engine
        and value.get("version") == version
        and value.get("text") == text_hash(text)
        and isinstance(value.get("findings"), list)
    ):
        return None
    findings = value["findings"]
    return findings if all(valid_finding(f, text, kinds) for f in findings) else None


def key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class ResultCache:
    """get_many/put_many over one SQLite file; a cache that cannot be used does nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.db: sqlite3.Connection | None = None
        self.problem: str | None = None
        if folder is None:
            return
        path = folder / "grammar.sqlite3"
        try:
            self.db = self._open(path)
        except (sqlite3.DatabaseError, OSError):
            try:  # corrupt: start again
                path.unlink(missing_ok=True)
                self.db = self._open(path)
            except (sqlite3.DatabaseError, OSError) as exc:
                self.db = None
                self.problem = (
                    f"grammar cache at {path} cannot be used ({exc}); checking without it"
                )

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("SELECT count(*) FROM results").fetchone()  # fails here if the file is corrupt
        return db

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        """The stored values (parsed JSON, not yet checked: see findings_of)."""
        if self.db is None:
            return {}
        keys = list(dict.fromkeys(keys))
        found: dict[str, list] = {}
        try:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for k, value in self.db.execute(
                    f"SELECT key, value FROM results WHERE key IN ({marks})", chunk
                ):
                    try:
                        found[k] = json.loads(value)
                    except (ValueError, RecursionError):
                        continue  # a record that is not JSON is a miss
        except (sqlite3.DatabaseError, ValueError):
            return {}
        return found

    def put_many(self, items: dict[str, object]) -> None:
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                    ((k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()),
                )
        except sqlite3.DatabaseError:
            pass  # a result not cached is checked again next time

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def clear(folder: Path) -> bool:
    """Delete the cache; True if there was one."""
    removed = False
    for name in ("grammar.sqlite3", "grammar.sqlite3-wal", "grammar.sqlite3-shm"):
        path = folder / name
        if path.exists():
            path.unlink()
            removed = True
    return removed
