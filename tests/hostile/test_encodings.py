"""Encodings a manuscript may arrive in. UTF-8 is preferred, and a guess is named:

- a UTF-8 chapter with one damaged byte is still read as UTF-8 (before: as mac_iceland,
  which lost 23 of 25 findings), with the byte's line in the warning, and `--fix` leaves
  it alone rather than write the damage back differently;
- a Latin-1 / Windows-1252 chapter is read as Windows-1252 (before: cp1250, `naďve`);
- UTF-16 without a byte-order mark is read (before: "binary file")."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke

CHAPTER = (
    "“You’re late.” Nell said.\n\n"
    "She hung up the the coat, and the café was warm.\n\n"
    "“Why now?” He asked.\n"
)
OFF = ["--grammar", "off", "--format", "json"]


def findings(result) -> list[tuple[str, int, int]]:
    return sorted((d["code"], d["line"], d["column"]) for d in result.diagnostics)


def test_one_bad_byte_in_utf8_keeps_it_utf8(folder: Path) -> None:
    (folder / "clean.md").write_text(CHAPTER, encoding="utf-8")
    damaged = CHAPTER.encode("utf-8").replace("café".encode(), b"caf\xe9")
    (folder / "damaged.md").write_bytes(damaged)
    clean = invoke(["clean.md", *OFF])
    result = invoke(["damaged.md", *OFF])
    assert findings(result) == findings(clean) and len(findings(clean)) == 3
    assert result.stderr_lines == [
        "ficlint: warning: damaged.md: not valid UTF-8: byte 0xE9 at line 3 (shown as \ufffd); "
        "checked as UTF-8, and --fix leaves the file alone until the bytes are mended"
    ]
    fixed = invoke(["damaged.md", "--fix", *OFF])
    assert fixed.exit_code == 2
    assert (folder / "damaged.md").read_bytes() == damaged


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_western_one_byte_file_is_read_as_windows_1252(folder: Path, encoding: str) -> None:
    text = CHAPTER.replace("“", '"').replace("”", '"').replace("’", "'")
    text += "\nIt was a naïve plan, naïve and bold.\n"
    (folder / "old.txt").write_bytes(text.encode(encoding))
    result = invoke(["old.txt", *OFF])
    assert result.stderr_lines == [
        "ficlint: warning: old.txt: not UTF-8; read as cp1252, Windows Western "
        "(save it as UTF-8 to be sure)"
    ]
    fixed = invoke(["old.txt", "--fix", *OFF])
    assert fixed.exit_code == 0, fixed.stderr  # every finding here has a safe fix
    written = (folder / "old.txt").read_bytes().decode("cp1252")
    assert "naïve plan, naïve and bold" in written
    assert "the coat, and the café" in written


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(folder: Path, encoding: str) -> None:
    (folder / "word-export.txt").write_bytes(CHAPTER.encode(encoding))
    (folder / "clean.txt").write_text(CHAPTER, encoding="utf-8")
    result = invoke(["word-export.txt", *OFF])
    assert findings(result) == findings(invoke(["clean.txt", *OFF]))
    assert result.stderr_lines == [
        f"ficlint: warning: word-export.txt: no byte-order mark; read as {encoding.upper()} "
        "(save it as UTF-8 to be sure)"
    ]
    invoke(["word-export.txt", "--fix", *OFF])
    assert (folder / "word-export.txt").read_bytes().decode(encoding) == (
        "“You’re late,” Nell said.\n\nShe hung up the coat, and the café was warm.\n\n"
        "“Why now?” he asked.\n"
    )
