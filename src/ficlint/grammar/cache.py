"""A cache of grammar-engine results per paragraph (SQLite in the user cache folder), so that
re-checking a novel after editing one paragraph only sends that paragraph to the engine.

Keys hash the engine, its version, its settings and the paragraph's text. SQLite's locking
makes two ficlint processes at once safe (pre-commit runs hooks in parallel); a cache that is
corrupt is rebuilt, never crashed on.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 500  # keys per query, under SQLite's limit on parameters


def default_dir() -> Path:
    """The platform's user cache folder (platformdirs), or FICLINT_CACHE_DIR."""
    override = os.environ.get("FICLINT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("ficlint"))


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

    def get_many(self, keys: Iterable[str]) -> dict[str, list]:
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
                    found[k] = json.loads(value)
        except (sqlite3.DatabaseError, ValueError):
            return {}
        return found

    def put_many(self, items: dict[str, list]) -> None:
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
