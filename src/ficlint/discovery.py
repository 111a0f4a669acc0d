"""Which files a run checks: paths from the command line (folders searched recursively for
prose files), else the config's `files`, else the current folder; minus `exclude`."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from ficlint.config import Settings
from ficlint.document import PROSE_SUFFIXES

_SKIP_DIRS = {
    "node_modules",
    "__pycache__",
    "venv",
    ".venv",
    "site-packages",
    "_build",
    "build",
    "dist",
}


@dataclass(frozen=True)
class Target:
    path: Path
    display: str


def collect(paths: list[str], settings: Settings) -> tuple[list[Target], list[str]]:
    """Targets to check, and one message per path that gave none."""
    targets: list[Target] = []
    problems: list[str] = []
    if paths:
        for given in paths:
            p = Path(given)
            if p.is_dir():
                found = _walk(p, given, settings)
                if not found:
                    problems.append(
                        f"{given}: no prose files here ({', '.join('*' + s for s in PROSE_SUFFIXES)})"
                    )
                targets.extend(found)
            elif p.exists():
                targets.append(Target(p, given))
            else:
                problems.append(f"{given}: no such file or folder")
    elif settings.files:
        root = settings.root
        for pattern in settings.files:
            matched = (
                sorted(root.glob(pattern))
                if not os.path.isabs(pattern)
                else sorted(Path("/").glob(pattern.lstrip("/")))
            )
            files = [m for m in matched if m.is_file() and not _excluded(m, root, settings)]
            dirs = [m for m in matched if m.is_dir()]
            for d in dirs:
                files.extend(t.path for t in _walk(d, _relative(d, root), settings))
            if not files:
                problems.append(
                    f"{settings.config_path}: 'files' pattern {pattern!r} matches no file"
                )
            targets.extend(Target(f, _relative(f, root)) for f in files)
    else:
        targets = _walk(Path("."), ".", settings)
        if not targets:
            problems.append(
                f"{Path.cwd()}: no prose files here; pass a file or folder, or set 'files' in the config"
            )
    seen: set[Path] = set()
    unique = []
    for t in targets:
        key = t.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(t)
    return unique, problems


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _walk(folder: Path, display: str, settings: Settings) -> list[Target]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in _SKIP_DIRS
            and not _excluded(Path(dirpath) / d, settings.root, settings)
        )
        for name in sorted(filenames):
            if name.lower().endswith(PROSE_SUFFIXES) and not name.startswith("."):
                path = Path(dirpath) / name
                if not _excluded(path, settings.root, settings):
                    rel = os.path.relpath(path, folder)
                    shown = rel if display in (".", "./") else os.path.join(display, rel)
                    out.append(Target(path, shown))
    return out


def _excluded(path: Path, root: Path, settings: Settings) -> bool:
    if not settings.exclude:
        return False
    rel = _relative(path, root)
    return any(
        fnmatch.fnmatchcase(rel, pat)
        or fnmatch.fnmatchcase(path.name, pat)
        or rel.startswith(pat.rstrip("/") + "/")
        for pat in settings.exclude
    )
