"""What `--fix` and the report options may write, tried the way a hostile run tried them:
nothing a writer typed is ever overwritten, and the chapter stays the same file.

- an output path that is one of the chapters is refused (`-o ch.md`, `--fix -o ch.md`,
  `--baseline ch.md --update-baseline`), also through a hard link;
- text that cannot be read, piped through `--fix -`, comes back as it went in (an editor
  would otherwise blank its buffer);
- an editor's save that lands while ficlint flushes the fixed text is kept;
- two `--fix` runs at once never both write;
- owner and group are kept, a hard-linked file is not split, and temporary files a killed
  run left behind are cleaned up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke

CHAPTER = "“You’re late.” Nell said.\n\nShe hung up the the coat.\n"
FIXED = "“You’re late,” Nell said.\n\nShe hung up the coat.\n"
OFF = ["--grammar", "off"]


@pytest.fixture
def chapter(folder: Path) -> Path:
    path = folder / "ch.md"
    path.write_text(CHAPTER, encoding="utf-8")
    (folder / "ficlint.toml").write_text("", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["ch.md", "-o", "ch.md"],
        ["ch.md", "--fix", "-o", "./ch.md"],
        [".", "--output-file", "ch.md"],
        ["ch.md", "--baseline", "ch.md", "--update-baseline"],
        ["ch.md", "-o", "link.md"],
    ],
)
def test_a_report_is_never_written_over_a_chapter(chapter: Path, args: list[str]) -> None:
    os.link(chapter, chapter.parent / "link.md")
    result = invoke([*args, *OFF])
    assert result.exit_code == 2
    assert "one of the files being checked; refusing to write over it" in result.stderr
    assert chapter.read_text("utf-8") == CHAPTER


@pytest.mark.parametrize("mode", ["--fix", "--fix-only"])
def test_unreadable_standard_input_comes_back_unchanged(mode: str) -> None:
    """`printf 'a\\0b' | ficlint --fix -`: an editor takes standard output as the new buffer."""
    result = subprocess.run(
        [sys.executable, "-m", "ficlint", mode, "-", *OFF],
        input=b"a\0b",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == b"a\0b"
    assert result.returncode == 2
    assert b"binary file" in result.stderr


def test_an_editor_save_during_the_flush_is_kept(
    chapter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer saves in their editor while ficlint is flushing its fixed text to disk
    (a slow fsync): the writer's paragraph wins, and ficlint says it wrote nothing."""
    saved = CHAPTER + "\nA paragraph the writer just typed.\n"
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        if not chapter.read_text("utf-8").endswith("typed.\n"):
            chapter.write_text(saved, encoding="utf-8")  # the editor's save lands now
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    result = invoke(["ch.md", "--fix", *OFF])
    assert chapter.read_text("utf-8") == saved
    assert result.exit_code == 2
    assert "changed on disk while ficlint was fixing it" in result.stderr
    assert "Fixed" not in result.stdout


SLOW_FIX = (
    "import os, sys, time\n"
    "fsync = os.fsync\n"
    "def slow(fd):\n"
    "    time.sleep(2)\n"
    "    fsync(fd)\n"
    "os.fsync = slow\n"
    "from ficlint.cli import main\n"
    "sys.argv = ['ficlint', 'ch.md', '--fix', '--grammar', 'off']\n"
    "main()\n"
)


def test_two_fix_runs_at_once_never_both_write(chapter: Path) -> None:
    """Two `--fix` runs started together, each slow to flush: one writes, and the other
    either finds nothing left to fix or sees the change and writes nothing."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SLOW_FIX],
            cwd=chapter.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    wrote = [out for out, _ in outputs if b"Fixed 2 problems" in out]
    assert len(wrote) == 1, outputs
    assert chapter.read_text("utf-8") == FIXED


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away"
)
def test_fix_as_root_keeps_the_owner_and_group(chapter: Path) -> None:
    os.chown(chapter, 65534, 65534)
    os.chmod(chapter, 0o640)
    result = invoke(["ch.md", "--fix", *OFF])
    assert result.exit_code == 0, result.stderr
    st = chapter.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o640)
    assert chapter.read_text("utf-8") == FIXED


def test_a_hard_linked_chapter_is_not_split(chapter: Path) -> None:
    twin = chapter.parent / "backup" / "ch.md"
    twin.parent.mkdir()
    os.link(chapter, twin)
    result = invoke(["ch.md", "--fix", *OFF])
    assert result.exit_code == 2
    assert "has 2 hard links" in result.stderr
    assert chapter.read_text("utf-8") == CHAPTER
    assert os.path.samefile(chapter, twin)


def test_temporary_files_of_a_killed_run_are_cleaned_up(chapter: Path) -> None:
    stale = chapter.parent / ".ch.md.k3j2l1.ficlint-tmp"
    stale.write_text("half a chapter", encoding="utf-8")
    other = chapter.parent / ".notes.md.k3j2l1.ficlint-tmp"  # another file's: left alone
    other.write_text("x", encoding="utf-8")
    result = invoke(["ch.md", "--fix", *OFF])
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    assert other.exists()
    assert chapter.read_text("utf-8") == FIXED


def test_a_new_baseline_gets_a_new_files_mode(chapter: Path) -> None:
    old = os.umask(0o022)
    try:
        result = invoke(["ch.md", "--baseline", "baseline.json", "--update-baseline", *OFF])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert (chapter.parent / "baseline.json").stat().st_mode & 0o777 == 0o644
