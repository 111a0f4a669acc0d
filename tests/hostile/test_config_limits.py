"""Config and baseline files a writer (or a script) got wrong. Each is one clear
`ficlint: error:` line naming the file and the problem, exit 2, never a traceback: an empty
speech verb (an IndexError), a drift ratio of nan and a timeout of 1e400 (accepted, then
used), an unknown dialect (silently ignored), a baseline count of 1e999 (an OverflowError)
and a baseline nested 100,000 deep (a RecursionError). And two that were only slow: eight
`**` in `files` (pathlib tries every way to share the folders among them) and 100,000
`words` (sorted again for every paragraph's cache key)."""

from __future__ import annotations

import time

import pytest

from conftest import invoke

CHAPTER = "“Hi,” she said. Nell walked home.\n"


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ('speech-verbs = [""]', "'speech-verbs' has an empty entry"),
        ('words = ["ok", "  "]', "'words' has an empty entry"),
        ("drift-ratio = nan", "'drift-ratio' must be a number of at least 1"),
        ("drift-ratio = inf", "'drift-ratio' must be a number of at least 1"),
        ("[grammar]\ntimeout = 1e400", "timeout must be a number of seconds from 0 to 3600"),
        ("[grammar]\ntimeout = nan", "timeout must be a number of seconds"),
        ("[grammar]\ntimeout = 0", "timeout must be a number of seconds"),
        ("[grammar]\ntimeout = -5", "timeout must be a number of seconds"),
        ('dialect = "en-XX"', "'dialect' must be one of"),
        ('files = ["**/a/**/b/**/c/**/*.md"]', "more than 3 '**'"),
    ],
)
def test_a_bad_config_value_is_one_error(tmp_path, monkeypatch, config, words) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ficlint.toml").write_text(config + "\n", encoding="utf-8")
    (tmp_path / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    result = invoke(["ch1.md"])
    assert result.exit_code == 2
    [line] = result.stderr_lines
    assert line.startswith(f"ficlint: error: {tmp_path / 'ficlint.toml'}: ")
    assert words in line


def test_a_dialect_in_any_case_is_accepted(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ficlint.toml").write_text('dialect = "en-gb"\n', encoding="utf-8")
    (tmp_path / "ch1.md").write_text("The colour of it. The colour again.\n", encoding="utf-8")
    assert invoke(["ch1.md"]).exit_code == 0


@pytest.mark.parametrize(
    "baseline",
    [
        '{"ficlint-baseline": 1, "findings": [{"path": "ch1.md", "code": "D001", '
        '"fingerprint": "x", "count": 1e999}]}',
        '{"ficlint-baseline": 1, "findings": [{"path": "ch1.md", "code": "D001", '
        '"fingerprint": "x", "count": -3}]}',
        '{"ficlint-baseline": 1, "findings": [{"path": ["ch1.md"], "code": "D001", '
        '"fingerprint": "x", "count": 1}]}',
        '{"ficlint-baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "[" * 100_000,
    ],
    ids=["count-1e999", "count-negative", "path-a-list", "nested-findings", "nested-open"],
)
def test_a_bad_baseline_is_one_error_naming_it(tmp_path, monkeypatch, baseline) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ficlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "baseline.json").write_text(baseline, encoding="utf-8")
    result = invoke(["ch1.md", "--baseline", "baseline.json"])
    assert result.exit_code == 2
    [line] = result.stderr_lines
    assert line.startswith("ficlint: error: ") and "baseline.json" in line


def test_many_globstars_in_files_take_no_longer_than_one(tmp_path, monkeypatch) -> None:
    deep = tmp_path.joinpath(*(f"d{i}" for i in range(14)))
    deep.mkdir(parents=True)
    (tmp_path / "d0" / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    (deep / "ch2.md").write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "ficlint.toml").write_text(
        'files = ["' + "/".join(["**"] * 8) + '/*.md"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = invoke(["--format", "json"])
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    assert result.report["summary"]["files"] == 2
    assert elapsed < 4, f"eight ** took {elapsed:.1f} s (one takes well under a second)"


def test_a_hundred_thousand_words_do_not_slow_every_paragraph(tmp_path, monkeypatch) -> None:
    """With Harper, the run with 100,000 words in the config takes about as long as the run
    without them (the words are read once; before, each paragraph's cache key sorted them)."""
    monkeypatch.delenv("FICLINT_GRAMMAR")
    monkeypatch.chdir(tmp_path)
    text = "".join(
        f"Paragraph {i}: Nell walked to the market and bought bread.\n\n" for i in range(300)
    )
    (tmp_path / "ch1.md").write_text(text, encoding="utf-8")
    words = ", ".join(f'"w{i:06d}x"' for i in range(100_000))
    (tmp_path / "words.toml").write_text(f"words = [{words}]\n", encoding="utf-8")
    (tmp_path / "none.toml").write_text("", encoding="utf-8")

    def seconds(config: str) -> float:
        started = time.monotonic()
        result = invoke(["ch1.md", "--no-cache", "--config", config, "--grammar", "harper"])
        assert result.exit_code in (0, 1), result.stderr
        return time.monotonic() - started

    seconds("none.toml")  # warm: Harper and the word lists loaded once
    without, with_words = seconds("none.toml"), seconds("words.toml")
    assert with_words < 2.5 * without + 1.5, (without, with_words)
