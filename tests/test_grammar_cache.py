"""The grammar result cache: a second run sends nothing to the engine, an edited paragraph
is checked again alone, --no-cache bypasses it, a corrupt cache is rebuilt."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytest.importorskip("harper", reason="harper-py has no wheel for this platform")

from ficlint.cli import main
from ficlint.grammar.harper import HarperEngine

CHAPTER = "I though you had gone.\n\nNell lit the lamp and waited.\n\nTobias came at dawn with an apple.\n"


@pytest.fixture
def calls(monkeypatch, tmp_path):
    """Count the paragraphs sent to Harper; keep the cache in a temporary folder."""
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path / "cache"))
    count = {"n": 0}
    real = HarperEngine._lint

    def counting(self, text):
        count["n"] += 1
        return real(self, text)

    monkeypatch.setattr(HarperEngine, "_lint", counting)
    return count


def _run(path, *args) -> list[dict]:
    result = CliRunner().invoke(main, ["--format", "json", "--grammar", "harper", *args, str(path)])
    assert result.exit_code in (0, 1), result.output
    return [d for d in json.loads(result.output)["diagnostics"] if d["code"].startswith("G:")]


def test_a_second_run_asks_the_engine_nothing(tmp_path, calls) -> None:
    path = tmp_path / "ch.md"
    path.write_text(CHAPTER, encoding="utf-8")
    first = _run(path)
    assert calls["n"] == 3 and first
    calls["n"] = 0
    assert _run(path) == first
    assert calls["n"] == 0


def test_only_the_edited_paragraph_is_checked_again(tmp_path, calls) -> None:
    path = tmp_path / "ch.md"
    path.write_text(CHAPTER, encoding="utf-8")
    _run(path)
    calls["n"] = 0
    path.write_text(CHAPTER.replace("waited", "waited a while"), encoding="utf-8")
    _run(path)
    assert calls["n"] == 1


def test_no_cache_checks_everything(tmp_path, calls) -> None:
    path = tmp_path / "ch.md"
    path.write_text(CHAPTER, encoding="utf-8")
    _run(path)
    calls["n"] = 0
    _run(path, "--no-cache")
    assert calls["n"] == 3


def test_a_corrupt_cache_is_rebuilt(tmp_path, calls) -> None:
    path = tmp_path / "ch.md"
    path.write_text(CHAPTER, encoding="utf-8")
    expected = _run(path)
    (tmp_path / "cache" / "grammar.sqlite3").write_bytes(b"this is not a database" * 100)
    for name in ("grammar.sqlite3-wal", "grammar.sqlite3-shm"):
        (tmp_path / "cache" / name).unlink(missing_ok=True)
    assert _run(path) == expected


def test_cache_clear_removes_it(tmp_path, calls) -> None:
    path = tmp_path / "ch.md"
    path.write_text(CHAPTER, encoding="utf-8")
    _run(path)
    result = CliRunner().invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "removed" in result.output
    assert not (tmp_path / "cache" / "grammar.sqlite3").exists()
