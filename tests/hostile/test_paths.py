"""Paths a run may meet that are not chapters: a FIFO, a device, a symbolic link loop, a
folder or file that cannot be read, a file far larger than any novel, and a config whose
`files` reach outside the project. Each gets one `ficlint: error:` line naming it, the exit
status is 2, and every other chapter is still checked; nothing blocks or raises."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import invoke
from ficlint.document import MAX_FILE_BYTES, Document
from ficlint.errors import InputError

CHAPTER = "“You’re late.” Nell said.\n"
OFF = ["--grammar", "off", "--format", "concise"]


@pytest.fixture
def book(folder: Path) -> Path:
    (folder / "ficlint.toml").write_text("", encoding="utf-8")
    (folder / "book").mkdir()
    (folder / "book" / "ch01.md").write_text(CHAPTER, encoding="utf-8")
    return folder / "book"


def checked(result) -> list[str]:
    """The files that findings were reported in."""
    return sorted({line.split(":", 1)[0] for line in result.stdout.splitlines() if ":" in line})


def errors(result) -> list[str]:
    return [line for line in result.stderr_lines if line.startswith("ficlint: error:")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_or_in_a_folder_is_not_read(book: Path) -> None:
    os.mkfifo(book / "pipe.md")
    os.mkfifo(book.parent / "named.md")
    result = invoke(["named.md", "book", *OFF])  # before: blocked for ever
    assert result.exit_code == 2
    assert checked(result) == ["book/ch01.md"]
    assert errors(result) == [
        "ficlint: error: named.md: not a regular file (a FIFO, socket or device); not read",
        "ficlint: error: book/pipe.md: not a regular file (a FIFO, socket or device); not read",
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_not_read() -> None:
    result = invoke(["/dev/zero", *OFF])  # before: MemoryError
    assert result.exit_code == 2
    assert errors(result) == [
        "ficlint: error: /dev/zero: not a regular file (a FIFO, socket or device); not read"
    ]


def test_a_symbolic_link_loop_is_one_error(book: Path) -> None:
    (book / "a.md").symlink_to("b.md")
    (book / "b.md").symlink_to("a.md")
    result = invoke(["book/a.md", "book", *OFF])  # before: RuntimeError
    assert result.exit_code == 2
    assert checked(result) == ["book/ch01.md"]
    assert len(errors(result)) == 3, result.stderr  # the named one and the two in the folder
    assert all("Too many levels of symbolic links" in e for e in errors(result))


def test_a_file_larger_than_any_novel_is_not_read(book: Path) -> None:
    with open(book / "huge.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    result = invoke(["book", *OFF])
    assert result.exit_code == 2
    assert checked(result) == ["book/ch01.md"]
    assert errors(result) == [
        "ficlint: error: book/huge.txt: larger than 16 MB, which no chapter or novel is "
        "(War and Peace is 3 MB); not read (split it into chapters)"
    ]


@pytest.mark.parametrize("real_size", [5_000, MAX_FILE_BYTES + 1])
def test_a_file_that_grows_after_its_size_is_read_is_read_to_its_end(
    book: Path, monkeypatch: pytest.MonkeyPatch, real_size: int
) -> None:
    """A file's size is read first, to read it into a buffer of that size; a file that is
    longer by the time it is read (a writer's editor saving) is read on, to its end or past
    the cap."""
    path = book / "ch02.txt"
    with open(path, "wb") as handle:
        handle.write(CHAPTER.encode("utf-8") + b"x" * (real_size - len(CHAPTER.encode("utf-8"))))
    real_fstat = os.fstat

    def shorter(fd):  # the size the file had a moment before
        status = list(real_fstat(fd))
        status[6] = 10  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", shorter)
    if real_size > MAX_FILE_BYTES:
        with pytest.raises(InputError, match="larger than 16 MB"):
            Document.read(path, "ch02.txt")
    else:
        assert len(Document.read(path, "ch02.txt").raw) == real_size


def test_a_file_past_the_cap_is_refused_without_reading_it(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its size says so: 16 MB of it were read first, for nothing (peak RSS 40 MB on a 100 MB
    file, 29 MB for an empty one)."""
    with open(book / "huge.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    read: list[int] = []
    real_fdopen = os.fdopen

    class Counted:
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            data = self.handle.read(size)
            read.append(len(data))
            return data

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Counted(real_fdopen(fd, mode)))
    with pytest.raises(InputError, match="larger than 16 MB"):
        Document.read(book / "huge.txt", "huge.txt")
    assert sum(read) == 0
    assert len(Document.read(book / "ch01.md", "ch01.md").raw) == sum(read) > 0


def _denied(monkeypatch: pytest.MonkeyPatch, names: set[str]) -> None:
    """Folders and files named `names` cannot be opened or listed, as for a user without the
    right (the tests may run as root, whom permission bits do not stop)."""

    def deny(path) -> None:
        if Path(os.fsdecode(path)).name in names:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    real_scandir, real_open, real_stat = os.scandir, os.open, os.stat

    def scandir(path="."):
        deny(path)
        return real_scandir(path)

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        deny(path)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def stat(path, *args, **kwargs):
        if Path(os.fsdecode(path)).parent.name in names:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "stat", stat)


def test_unreadable_folders_and_files_are_named_and_the_rest_checked(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("locked", "shut"):
        (book / name).mkdir()
        (book / name / "ch.md").write_text(CHAPTER, encoding="utf-8")
    (book / "secret.md").write_text(CHAPTER, encoding="utf-8")
    _denied(monkeypatch, {"locked", "shut", "secret.md"})
    # A folder that cannot be listed; a file that cannot be opened; a file inside a folder
    # that cannot be entered, named on the command line.
    result = invoke(["book", "book/shut/ch.md", *OFF])
    assert result.exit_code == 2
    assert checked(result) == ["book/ch01.md"]
    assert errors(result) == [
        "ficlint: error: book/locked: cannot read this folder: Permission denied",
        "ficlint: error: book/shut: cannot read this folder: Permission denied",
        "ficlint: error: book/shut/ch.md: permission denied",
        "ficlint: error: book/secret.md: permission denied",
    ]


@pytest.mark.parametrize(
    "pattern", ["../other/*.md", "/etc/host*", "book/../../other/*.md", "escape/*.md"]
)
def test_a_config_cannot_reach_outside_its_project(folder: Path, pattern: str) -> None:
    """`files = ["../other/*.md"]` in a repository's config neither reads nor --fix-es a file
    outside the repository (a symbolic link out of it included)."""
    project = folder / "project"
    other = folder / "other"
    for path in (project / "book", other):
        path.mkdir(parents=True)
    (project / "book" / "ch01.md").write_text(CHAPTER, encoding="utf-8")
    (other / "notes.md").write_text(CHAPTER, encoding="utf-8")
    (project / "escape").symlink_to(other)
    (project / "ficlint.toml").write_text(f'files = ["book/*.md", "{pattern}"]\n', encoding="utf-8")
    os.chdir(project)
    result = invoke(["--fix", "--grammar", "off"])
    assert result.exit_code == 2
    assert (other / "notes.md").read_text("utf-8") == CHAPTER
    assert (project / "book" / "ch01.md").read_text("utf-8") != CHAPTER  # fixed
    [error] = errors(result)
    assert "reaches outside the project folder" in error and repr(pattern) in error


def test_repeated_globstars_walk_the_tree_once(folder: Path) -> None:
    """Eight `**` in a row mean one: the tree is walked once, not once per `**` (it took
    11 s on a small book)."""
    deep = folder / "book" / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (deep / "ch.md").write_text(CHAPTER, encoding="utf-8")
    (folder / "ficlint.toml").write_text(
        'files = ["book/' + "**/" * 8 + '*.md"]\n', encoding="utf-8"
    )
    calls = []
    real = os.scandir

    def counting(path="."):
        calls.append(path)
        return real(path)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "scandir", counting)
        result = invoke(["--grammar", "off", "--format", "concise"])
    assert checked(result) == ["book/a/b/c/d/ch.md"]
    assert len(calls) < 50, len(calls)
