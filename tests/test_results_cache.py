"""The run cache (ficlint.results_cache): a second run over the same words gives the same
report without running a rule; any change to the words, the settings or ficlint is a new
run; a damaged record is a miss."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ficlint import engine, results_cache

CHAPTER = "“You’re late.” Nell shot back.\n\n“Why now?” He asked. She recieved it.\n"


@pytest.fixture(autouse=True)
def _run_cache_on(monkeypatch) -> None:
    monkeypatch.delenv("FICLINT_RUN_CACHE", raising=False)


@pytest.fixture
def chapter(folder: Path) -> Path:
    path = folder / "chapter.md"
    path.write_text(CHAPTER, encoding="utf-8")
    return path


@pytest.fixture
def counted(monkeypatch) -> list[int]:
    """How many times the rules ran."""
    calls: list[int] = []
    real = engine.run

    def run(ms):
        calls.append(1)
        return real(ms)

    monkeypatch.setattr(engine, "run", run)
    return calls


def _runs() -> list[Path]:
    return sorted((Path(os.environ["FICLINT_CACHE_DIR"]) / "runs").glob("*.json"))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_second_run_on_the_same_words_reuses_the_first(cli, chapter, counted, fmt) -> None:
    first = cli(str(chapter), "--format", fmt, "--color", "never")
    second = cli(str(chapter), "--format", fmt, "--color", "never")
    assert first.exit_code == second.exit_code == 1
    assert second.stdout == first.stdout and "D001" in first.stdout
    assert len(counted) == 1


def test_a_changed_word_setting_or_ficlint_is_a_new_run(cli, chapter, counted, monkeypatch) -> None:
    cli(str(chapter))
    chapter.write_text(CHAPTER.replace("late.”", "late,”"), encoding="utf-8")
    assert "D001" not in cli(str(chapter), "--format", "json").stdout
    cli(str(chapter), "--ignore", "D001")
    (chapter.parent / "ficlint.toml").write_text('dialect = "en-GB"\n', encoding="utf-8")
    cli(str(chapter))
    monkeypatch.setattr(results_cache, "_code_fingerprint", lambda: "another ficlint")
    cli(str(chapter))
    assert len(counted) == 5


def test_no_cache_and_a_languagetool_run_are_never_kept(cli, chapter, counted) -> None:
    cli(str(chapter), "--no-cache")
    cli(str(chapter), "--no-cache")
    assert len(counted) == 2 and _runs() == []
    from ficlint.config import Settings
    from ficlint.document import Document

    doc = Document.read(chapter, "chapter.md")
    assert results_cache.run_key(Settings(), [doc], []) is not None
    for server in ({"lt_server": "http://localhost:8081"}, {"grammar": "languagetool"}):
        assert results_cache.run_key(Settings(**server), [doc], []) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: record.update(
            diagnostics=[[0, 0, 10**9, "D005", "x", "y", "warning", None, "ficlint"]]
        ),
        lambda record: record.update(
            diagnostics=[[7, 0, 1, "D005", "x", "y", "warning", None, "ficlint"]]
        ),
        lambda record: record["diagnostics"][0].__setitem__(6, "fatal"),
        lambda record: record["diagnostics"][0].__setitem__(7, ["safe", [[0, 1, 5]]]),
        lambda record: record.update(notices=[3]),
        lambda record: record.update(documents=["0" * 64]),
        lambda record: record.pop("key"),
    ],
)
def test_a_damaged_record_is_a_miss(cli, chapter, counted, damage) -> None:
    first = cli(str(chapter), "--format", "json")
    [path] = _runs()
    record = json.loads(path.read_text(encoding="utf-8"))
    damage(record)
    path.write_text(json.dumps(record), encoding="utf-8")
    again = cli(str(chapter), "--format", "json")
    assert again.stdout == first.stdout and len(counted) == 2


def test_a_record_that_is_not_json_is_a_miss(cli, chapter, counted) -> None:
    first = cli(str(chapter), "--format", "json")
    [path] = _runs()
    path.write_bytes(b"\x00 not json")
    assert cli(str(chapter), "--format", "json").stdout == first.stdout
    assert len(counted) == 2


def test_a_run_whose_engine_could_not_run_is_not_kept(cli, chapter, counted, monkeypatch) -> None:
    """A grammar engine that fails (a crash, no memory) says so in a warning; the next run
    tries it again rather than repeat the failure."""
    from ficlint.grammar import harper

    def broken(self, ms, linted, known):
        raise harper.GrammarUnavailable("Harper crashed")

    monkeypatch.setattr(harper.HarperEngine, "diagnostics", broken)
    first = cli(str(chapter), "--grammar", "auto")
    assert "grammar checks skipped" in first.stderr
    cli(str(chapter), "--grammar", "auto")
    assert len(counted) == 2 and _runs() == []


def test_the_run_cache_can_be_turned_off_alone(cli, chapter, counted, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_RUN_CACHE", "off")
    cli(str(chapter))
    cli(str(chapter))
    assert len(counted) == 2 and _runs() == []


def test_only_the_newest_records_are_kept(cli, folder, counted, monkeypatch) -> None:
    monkeypatch.setattr(results_cache, "KEEP", 3)
    for i in range(5):
        (folder / "chapter.md").write_text(f"Chapter {i}. It was late.\n", encoding="utf-8")
        cli("chapter.md")
    assert len(_runs()) == 3


def test_cache_clear_deletes_the_kept_runs(cli, chapter, counted) -> None:
    cli(str(chapter))
    assert len(_runs()) == 1
    result = cli("cache", "clear")
    assert "1 kept run" in result.stdout and _runs() == []
    cli(str(chapter))
    assert len(counted) == 2
