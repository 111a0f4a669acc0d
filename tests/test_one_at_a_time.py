"""A large check of many files reads them one at a time (ficlint.run._check_one_at_a_time):
the manuscript's tallies first, each file read and let go, then each file checked alone with
them. Its findings must be those of a check of all the files at once, and no more than one
file's paragraphs may be held at a time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import invoke
from ficlint import engine, run

MANUSCRIPT = Path(__file__).parent / "fixtures" / "manuscript"
SAMPLE = Path(__file__).parents[1] / "examples" / "sample-chapter.md"
# Rules that can check one file at a time: every paragraph rule, and the manuscript rules,
# which report from tallies.
WINDOWED = "D,Q,R,T,C"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The planted manuscript, the sample chapter, and a chapter in the other quote style."""
    shutil.copytree(MANUSCRIPT, tmp_path / "book")
    book = tmp_path / "book"
    shutil.copy(SAMPLE, book / "ch04.md")
    (book / "ch05.md").write_text(
        '"Where were you?" Rosa asked. "Out," Milo replied.\n\n'
        "It's late, said Nell. Marcus' coat was wet. Silas’ hat and Silas’ coat.\n\n"
        "He waited -- then ran... and stopped -- and stood.\n\n"
        + " ".join(["The tureen steamed."] * 10)
        + "\n",
        encoding="utf-8",
    )
    (book / "ch00.md").write_text("Then the turen went cold.\n", encoding="utf-8")
    (book / "ch07.md").write_text("Nell waited.\n", encoding="utf-8")  # nothing to report
    return book


def _files(monkeypatch: pytest.MonkeyPatch, folder: Path, select: str, **texts: str):
    """Write `texts` (file stem -> text) as Markdown files in `folder`, and check them for
    `select` all at once and one at a time (see _both)."""
    for stem, text in texts.items():
        (folder / f"{stem}.md").write_text(text, encoding="utf-8")
    args = [str(folder), "--grammar", "off", "--select", select, "--format", "json"]
    return _both(monkeypatch, args)


def _both(monkeypatch: pytest.MonkeyPatch, args: list[str]):
    monkeypatch.setattr(run, "ONE_AT_A_TIME_FROM", 10**12)
    together = invoke(args)
    monkeypatch.setattr(run, "ONE_AT_A_TIME_FROM", 0)
    apart = invoke(args)
    return together, apart


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_files_checked_one_at_a_time_give_the_findings_of_all_at_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    args = [str(folder), "--grammar", "off", "--select", WINDOWED, "--format", fmt]
    together, apart = _both(monkeypatch, args)
    assert together.exit_code == 1
    if fmt == "json":  # a manuscript's dash and ellipsis styles, across its files
        assert {
            "T001",
            "T002",
            "Q001",
            "D013",
            "C001",
            "C002",
            "C003",
            "C004",
            "C005",
            "C006",
        } <= set(together.codes)
        messages = [d["message"] for d in together.diagnostics]
        assert any(re.search(r"vs tureen \(10×, first in \S*ch05\.md:7\)", m) for m in messages)
    assert apart.stdout == together.stdout
    assert (apart.exit_code, apart.stderr) == (together.exit_code, together.stderr)


def test_one_chapter_checked_is_judged_against_the_configs_other_chapters(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pre-commit hook names the changed chapters; the config's `files` names the rest,
    # which count towards the manuscript's majorities (ch05 is in the minority quote style).
    monkeypatch.chdir(folder)
    args = ["ch05.md", "ch04.md", "--grammar", "off", "--select", WINDOWED, "--format", "json"]
    together, apart = _both(monkeypatch, args)
    assert "Q001" in together.codes
    assert apart.stdout == together.stdout


def test_no_more_than_one_files_paragraphs_are_held_at_a_time(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "ONE_AT_A_TIME_FROM", 0)
    seen: list = []
    held: list[int] = []
    check = engine.run

    def counting(ms, *args, **kwargs):
        seen.extend(ms.documents)
        result = check(ms, *args, **kwargs)
        held.append(sum("_parsed" in vars(doc) for doc in seen))
        return result

    monkeypatch.setattr(engine, "run", counting)
    result = invoke([str(folder), "--grammar", "off", "--select", WINDOWED, "--format", "json"])
    assert result.exit_code == 1
    assert len(seen) == 7  # a check of each file alone
    assert max(held) == 1


def test_a_run_with_a_grammar_engine_checks_every_file_at_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The grammar layer's filters read the whole manuscript's findings (a character's way of
    # speaking, said three times): it has no tallies yet.
    monkeypatch.setattr(run, "ONE_AT_A_TIME_FROM", 0)
    windows: list = []
    monkeypatch.setattr(engine, "run_windows", lambda *args: windows.append(args))
    result = invoke([str(folder), "--grammar", "harper", "--format", "json"])
    assert result.exit_code == 1 and "C001" in result.codes
    assert windows == []


def test_a_file_that_cannot_be_read_is_named_and_the_others_are_checked(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "ch06.md").write_bytes(b"\x00\x01binary\x00" * 50)
    args = [str(folder), "--grammar", "off", "--select", WINDOWED, "--format", "json"]
    together, apart = _both(monkeypatch, args)
    assert apart.exit_code == together.exit_code == 2
    assert apart.stderr == together.stderr
    assert len(apart.stderr_lines) == 1 and "ch06.md" in apart.stderr
    assert apart.stdout == together.stdout and apart.diagnostics


def test_spellings_mixed_across_files_are_judged_on_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An even US/UK split (one finding where the second spelling first appears, in a later
    # file), a variant pair across files (okay / OK), and a minority spelling (grey).
    together, apart = _files(
        monkeypatch,
        tmp_path,
        "C002",
        a="The colour of the sea. The favour he asked.\n",
        b="Okay, she said. Okay. It was okay. Gray, gray, gray.\n",
        c="The color of the sky. The favor. OK, he said. Grey.\n",
    )
    messages = [d["message"] for d in together.diagnostics]
    assert any("mixed about evenly" in m for m in messages)
    assert any(m.startswith("variant spellings: OK (1×) vs okay (3×") for m in messages)
    assert any("grey" in m.lower() for m in messages)
    assert apart.stdout == together.stdout


def test_a_compound_at_the_start_of_a_file_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each file's text starts and ends with the compound: counted all at once or one by one.
    together, apart = _files(
        monkeypatch,
        tmp_path,
        "C003",
        a="Tea-cup in hand, she sat by the teacup shelf.\n",
        b="The teacup, the teacup and the teacup. Then: tea-cup\n",
    )
    assert [d["message"] for d in together.diagnostics] == [
        f"hyphenation drift: tea-cup (2×) vs teacup (4×, first in {tmp_path / 'a.md'}:1)"
    ] * 2
    assert apart.stdout == together.stdout


def test_a_capital_the_config_prefers_in_lowercase_is_reported_once_per_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ficlint.toml").write_text('prefer = ["lowmarket"]\n', "utf-8")
    together, apart = _files(
        monkeypatch,
        tmp_path,
        "C004",
        a="They met Lowmarket folk. Lowmarket rules.\n",
        b="We saw the Lowmarket. Then the lowmarket, the lowmarket, the lowmarket, the"
        " lowmarket and the lowmarket again.\n",
    )
    assert [(Path(d["path"]).name, d["message"]) for d in together.diagnostics] == [
        ("b.md", "capitalisation drift: Lowmarket (2×) vs the config prefers lowmarket")
    ]
    assert apart.stdout == together.stdout
