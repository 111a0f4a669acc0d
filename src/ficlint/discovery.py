"""Which files a run checks: paths from the command line (folders searched recursively for
prose files), else the config's `files`, else the current folder; minus `exclude`, minus what
git ignores (.gitignore files and .git/info/exclude, read with pathspec as git reads them), and
minus the run's own report file and any other report ficlint wrote (`-o report.txt` of an
earlier run). A file named on the command line is always checked."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ficlint.config import Settings
from ficlint.document import PROSE_SUFFIXES
from ficlint.gitignore import GitIgnored

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


def collect(
    paths: list[str], settings: Settings, skip: tuple[Path, ...] = ()
) -> tuple[list[Target], list[str]]:
    """Targets to check, and one message per path that gave none. `skip`: files a search must
    not pick up (the report the run writes with --output-file)."""
    targets: list[Target] = []
    problems: list[str] = []
    ignored = GitIgnored({os.path.realpath(p) for p in skip})
    if paths:
        for given in paths:
            p = Path(given)
            kind = _kind(p)
            if kind == "folder":
                found = _walk(p, given, settings, problems, ignored)
                if not found:
                    problems.append(
                        f"{given}: no prose files here ({', '.join('*' + s for s in PROSE_SUFFIXES)})"
                    )
                targets.extend(found)
            elif kind == "file":
                targets.append(Target(p, given))
            else:
                problems.append(f"{given}: {kind}")
    elif settings.files:
        targets = _config_files(settings, problems, ignored)
    else:
        targets = _walk(Path("."), ".", settings, problems, ignored)
        if not targets:
            problems.append(
                f"{Path.cwd()}: no prose files here; pass a file or folder, or set 'files' in the config"
            )
    seen: set[str] = set()
    unique = []
    for t in targets:
        key = os.path.realpath(t.path)
        if key not in seen:
            seen.add(key)
            unique.append(t)
    return unique, problems


def _kind(path: Path) -> str:
    """ "file" (a regular file), "folder", or what is wrong with the path, in words. Only
    regular files are read: a FIFO or a device (`/dev/zero`) would block or never end."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return "no such file or folder" if not path.is_symlink() else "a broken symbolic link"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"  # a symbolic link loop, a name too long
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    if stat.S_ISREG(st.st_mode):
        return "file"
    return "not a regular file (a FIFO, socket or device); not read"


def _config_files(settings: Settings, problems: list[str], ignored: GitIgnored) -> list[Target]:
    """The chapters the config's `files` patterns name. They are the project's: a pattern
    resolves inside the config's folder, never above it or at an absolute path (a
    repository's config must not make `--fix` rewrite, or ficlint read, files elsewhere;
    name such a file on the command line instead)."""
    root = settings.root.resolve()
    targets: list[Target] = []
    for pattern in settings.files:
        if os.path.isabs(pattern) or ".." in Path(pattern).parts:
            problems.append(
                f"{settings.config_path}: 'files' pattern {pattern!r} reaches outside the "
                f"project folder {root}; not read (name such a file on the command line)"
            )
            continue
        files: list[Path] = []
        outside = 0
        # config.load has already collapsed a repeated `**` (each one more walks the tree again).
        for m in sorted(root.glob(pattern)):
            if not _inside(m, root):
                outside += 1
                continue
            kind = _kind(m)
            if kind not in ("file", "folder") or ignored(m, kind == "folder"):
                continue
            if kind == "file":
                if not _excluded(m, root, settings) and not ficlint_report(m):
                    files.append(m)
            else:
                found = _walk(m, _relative(m, root), settings, problems, ignored)
                files.extend(t.path for t in found)
        if outside:
            problems.append(
                f"{settings.config_path}: 'files' pattern {pattern!r} reaches outside the "
                f"project folder {root} through a symbolic link; {outside} not read"
            )
        if not files and not outside:
            problems.append(f"{settings.config_path}: 'files' pattern {pattern!r} matches no file")
        targets.extend(Target(f, _relative(f, root)) for f in files)
    return targets


def _inside(path: Path, root: Path) -> bool:
    real = os.path.realpath(path)
    return real == str(root) or real.startswith(str(root).rstrip(os.sep) + os.sep)


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return str(path)


def _walk(
    folder: Path, display: str, settings: Settings, problems: list[str], ignored: GitIgnored
) -> list[Target]:
    out = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or folder
        problems.append(f"{where}: cannot read this folder: {exc.strerror or exc}")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in _SKIP_DIRS
            and not _excluded(Path(dirpath) / d, settings.root, settings)
            and not ignored(Path(dirpath) / d, True)
        )
        for name in sorted(filenames):
            if name.lower().endswith(PROSE_SUFFIXES) and not name.startswith("."):
                path = Path(dirpath) / name
                if ignored(path, False):
                    continue
                kind = _kind(path)
                if kind != "file":
                    problems.append(f"{path}: {kind}")
                elif not _excluded(path, settings.root, settings) and not ficlint_report(path):
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


def ficlint_report(path: Path) -> bool:
    """Whether a file found by a search is a report ficlint wrote (`ficlint -o report.txt`,
    in any format), not prose: its first line is a finding (`ch1.md:3:26  D002 …`), a
    summary (`No problems found in 3 files.`), a GitHub annotation, or it opens as
    ficlint's JSON or SARIF does. No chapter starts so."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return False
    return bool(_REPORT_HEAD.match(head)) or (
        head.startswith("{") and '"name": "ficlint"' in head and '"runs"' in head
    )


_REPORT_HEAD = re.compile(
    r"""\s*(?:
        \{\s*"ficlint":                                   # JSON
      | ::(?:error|warning|notice)\ file=[^\n]*,title=     # GitHub annotations
      | [^\n]+:\d+:\d+:?\ {1,2}[A-Z][\w:-]*\ [^\n]        # a finding, text or concise
      | (?:No|No\ new)\ problems\ (?:found\ )?in\ [\d,]+\ files?\b
    )""",
    re.VERBOSE,
)
