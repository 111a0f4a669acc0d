"""The quotation-mark rules on the project's development drafts and corpus in ../shared/
(skipped where that folder is absent): every planted quote error is found, no correct
look-alike is flagged, and every novel is read without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, invoke, overlaps

DRAFTS = SHARED / "drafts"
CORPUS = SHARED / "corpus"
QUOTE_KINDS = {"straight-in-curly", "apostrophe-direction", "unbalanced-quote"}


def _rows(folder: Path, key: str) -> list[dict[str, str]]:
    lines = (folder / key).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line.strip()]


def _overlapping(folder: Path, diagnostics: list[dict], row: dict[str, str]) -> list[dict]:
    line = int(row["line"])
    text = (folder / row["file"]).read_text(encoding="utf-8").split("\n")[line - 1]
    start = text.index(row["needle"]) + 1
    end = start + len(row["needle"])
    return [
        d
        for d in diagnostics
        if Path(d["path"]).name == row["file"] and overlaps(d, line, start, end)
    ]


@pytest.mark.parametrize("manuscript", ["kettle", "lamplighter"])
def test_development_drafts(manuscript: str) -> None:
    folder = DRAFTS / manuscript
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    result = invoke([str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    quote_findings = [d for d in result.diagnostics if d["code"].startswith("Q")]
    missed = [
        f"{row['file']}:{row['line']} {row['kind']} {row['needle']!r}"
        for row in _rows(folder, "expected.tsv")
        if row["kind"] in QUOTE_KINDS and not _overlapping(folder, quote_findings, row)
    ]
    flagged = [
        f"{row['file']}:{row['line']} {row['kind']} {row['needle']!r}: "
        + ", ".join(d["code"] for d in _overlapping(folder, quote_findings, row))
        for row in _rows(folder, "clean.tsv")
        if _overlapping(folder, quote_findings, row)
    ]
    assert (missed, flagged) == ([], [])


NOVELS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not NOVELS, reason=f"{CORPUS} is not here")
@pytest.mark.parametrize("novel", NOVELS, ids=lambda p: p.stem)
def test_corpus_novel_is_checked_without_error(novel: Path) -> None:
    result = invoke([str(novel), "--select", "Q", "--format", "json"])
    assert result.exit_code in (0, 1)
    assert result.stderr == ""
    assert result.report["summary"]["files"] == 1


@pytest.mark.skipif(not NOVELS, reason=f"{CORPUS} is not here")
@pytest.mark.parametrize("novel", NOVELS, ids=lambda p: p.stem)
def test_every_fix_settles_on_a_published_novel(novel: Path, tmp_path: Path, monkeypatch) -> None:
    """`--fix --unsafe-fixes` twice: no warning that fixes did not settle, and the second run
    changes nothing (C002 once sent honour -> honor and savior -> saviour in one book, and
    Q004 added a closing mark each pass in War and Peace)."""
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / novel.name
    copy.write_bytes(novel.read_bytes())
    first = invoke([copy.name, "--grammar", "off", "--fix", "--unsafe-fixes", "-q"])
    assert "did not settle" not in first.stderr
    fixed = copy.read_bytes()
    second = invoke([copy.name, "--grammar", "off", "--fix", "--unsafe-fixes", "-q"])
    assert "did not settle" not in second.stderr
    assert copy.read_bytes() == fixed
