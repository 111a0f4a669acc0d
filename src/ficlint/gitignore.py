"""What git ignores, for the files a search finds: every `.gitignore` from the repository's
top down to the file's folder (a deeper file's pattern wins, `!` re-includes), and
`.git/info/exclude`, each read with pathspec's implementation of git's own matching. Outside a
git repository nothing is ignored, as with git."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


class GitIgnored:
    """`ignored(path, is_dir)`: whether git would ignore this path found by a search (or it is
    one of `skip`, real paths the run writes itself)."""

    def __init__(self, skip: set[str] = frozenset()) -> None:
        self.skip = skip
        self._specs: dict[str, object] = {}
        self._tops: dict[str, str | None] = {}

    def __call__(self, path: Path, is_dir: bool) -> bool:
        real = os.path.realpath(path)
        if real in self.skip:
            return True
        folder = os.path.dirname(real)
        top = self._top(folder)
        if top is None:
            return False
        decision = False
        # Each folder from the top down to the path's own: its .gitignore speaks for the
        # paths below it, relative to it; a deeper file overrides a shallower one.
        rel = os.path.relpath(real, top).replace(os.sep, "/")
        parts = rel.split("/")
        here = top
        for depth in range(len(parts)):
            spec = self._spec(here, top)
            if spec is not None:
                tail = "/".join(parts[depth:]) + ("/" if is_dir else "")
                result = spec.check_file(tail)
                if result.include is not None:
                    decision = result.include
            here = os.path.join(here, parts[depth])
        return decision

    def _top(self, folder: str) -> str | None:
        """The work tree's top folder (the one holding `.git`), or None outside a repository."""
        if folder not in self._tops:
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")):
                self._tops[folder] = folder
            elif parent == folder:
                self._tops[folder] = None
            else:
                self._tops[folder] = self._top(parent)
        return self._tops[folder]

    def _spec(self, folder: str, top: str):
        if folder not in self._specs:
            lines = _lines(os.path.join(folder, ".gitignore"))
            if folder == top:
                lines = _lines(os.path.join(top, ".git", "info", "exclude")) + lines
            self._specs[folder] = _compiled(tuple(lines)) if lines else None
        return self._specs[folder]


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()
    except OSError:
        return []  # none there, or unreadable: git ignores nothing for it either


@lru_cache(maxsize=256)
def _compiled(lines: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
