"""Text no writer wrote must not take the grammar engine's memory or time without bound. A
single random 20,000-letter "word" took 9.5 GB in Harper (its spelling suggestions grow
with the word); 70 KB of `A` took 3 GB; brackets nested 50,000 deep took Harper time that
grows with the square of the depth. Such words are blanked out, and such paragraphs held
back, before an engine sees them, with one notice; ficlint's own rules still check them, and
the engine still checks the rest."""

from __future__ import annotations

import json
import random
import string
import subprocess
import sys
from pathlib import Path

CHECKED = "She opened the door definately.\n"


def _peak(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run ficlint in a child of a fresh Python: (peak RSS in MB, stdout, stderr)."""
    script = (
        "import resource, subprocess, sys, json\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, timeout=120)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(json.dumps([peak, p.stdout.decode(), p.stderr.decode()]))\n"
    )
    env_run = subprocess.run(
        [sys.executable, "-c", script, sys.executable, "-m", "ficlint", *args],
        cwd=cwd,
        capture_output=True,
        timeout=180,
        env={**_env(), "FICLINT_GRAMMAR": "harper"},
    )
    peak, out, err = json.loads(env_run.stdout)
    return peak, out, err


def _env() -> dict:
    import os

    return {k: v for k, v in os.environ.items() if k != "FICLINT_GRAMMAR"}


def _chapter(tmp_path: Path, odd: str) -> Path:
    (tmp_path / "ficlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "ch1.md").write_text(f"{odd}\n\n{CHECKED}", encoding="utf-8")
    return tmp_path


def _baseline_mb(tmp_path: Path) -> int:
    folder = tmp_path / "plain"
    folder.mkdir()
    peak, _, _ = _peak(["--no-cache", "ch1.md"], _chapter(folder, "He waited."))
    return peak


def test_a_word_no_writer_wrote_costs_no_more_memory_than_a_chapter(tmp_path) -> None:
    random.seed(7)
    word = "".join(random.choice(string.ascii_lowercase) for _ in range(3_000))
    base = _baseline_mb(tmp_path)
    peak, out, err = _peak(["--no-cache", "ch1.md"], _chapter(tmp_path, f"He said {word}."))
    assert "1 word over 100 letters not sent to harper" in err
    assert "definately" in out  # the rest of the chapter is still checked
    assert peak < base + 150, (base, peak)  # before: 1.6 GB more for 3,000 letters


def test_brackets_nested_past_reason_are_held_back_with_a_notice(tmp_path) -> None:
    odd = "Nell ran. " + "( " * 20_000 + ") " * 20_000
    _, out, err = _peak(["--no-cache", "ch1.md"], _chapter(tmp_path, odd))
    assert (
        "1 paragraph with brackets nested over 20 deep not sent to harper (first at ch1.md:1)"
        in err
    )
    assert "definately" in out


def test_a_paragraph_harper_does_not_finish_in_time_is_given_up_and_the_rest_checked(
    tmp_path, monkeypatch
) -> None:
    """No shape the guards miss may hold a run for ever: a paragraph Harper has not finished
    within its time budget is left unchecked by it, with a notice naming where, and is not
    cached as clean; the paragraphs after it are still checked."""
    import threading
    import time

    import pytest
    from click.testing import CliRunner

    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    from ficlint.cli import main
    from ficlint.grammar import harper

    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FICLINT_RUN_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ch1.md").write_text(
        f"Nell opened the gate definately.\n\n{CHECKED}", encoding="utf-8"
    )
    release = threading.Event()
    real = harper.HarperEngine._lint

    def stuck_on_nell(self, text):
        if "Nell" in text:
            release.wait(40)  # as a shape Harper takes minutes over would
        return real(self, text)

    def run() -> tuple[list[int], str, float]:
        start = time.monotonic()
        result = CliRunner().invoke(main, ["--grammar", "harper", "--format", "json", "ch1.md"])
        found = json.loads(result.stdout)["diagnostics"]
        lines = [d["line"] for d in found if d["code"].startswith("G:")]
        return lines, result.stderr, time.monotonic() - start

    with monkeypatch.context() as stuck:
        stuck.setattr(harper.HarperEngine, "_lint", stuck_on_nell)
        stuck.setattr(harper, "BUDGET", 1.0, raising=False)
        lines, err, took = run()
    release.set()
    assert took < 30, took
    assert lines == [3]
    assert (
        "1 paragraph left unchecked by harper, which took longer than its time budget "
        "(first at ch1.md:1); ficlint's own rules still checked it"
    ) in err
    lines, err, _ = run()  # nothing was cached for the paragraph given up
    assert lines == [1, 3]
    assert "unchecked" not in err


def test_a_paragraph_as_long_as_a_novel_is_linted_on_every_core(tmp_path, monkeypatch) -> None:
    """A file with no blank line is one paragraph; its pieces go to Harper on as many threads
    as a run of many paragraphs does (War and Peace so written: 28.6 s -> 19.0 s on two
    cores), and each finding keeps its place in the paragraph."""
    import os
    import textwrap
    import threading

    import pytest
    from click.testing import CliRunner

    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: nothing to share the pieces with")
    from ficlint.cli import main
    from ficlint.grammar import harper

    monkeypatch.setenv("FICLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FICLINT_RUN_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(harper, "PIECE", 2_000)
    sentences = ["The keeper climbed the stair and lit the lamp above the bay."] * 600
    sentences[450] = "The keeper climbed the stair and definately lit the lamp."
    lines = textwrap.wrap(" ".join(sentences), 70)  # one paragraph: 37,000 characters
    (tmp_path / "novel.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = next(i for i, text in enumerate(lines) if "definately" in text)
    threads = set()
    real = harper.HarperEngine._lint

    def lint(self, text):
        threads.add(threading.get_ident())
        return real(self, text)

    monkeypatch.setattr(harper.HarperEngine, "_lint", lint)
    result = CliRunner().invoke(main, ["--grammar", "harper", "--format", "json", "novel.txt"])
    found = [
        (d["line"], d["column"])
        for d in json.loads(result.stdout)["diagnostics"]
        if d["code"].startswith("G:")
    ]
    assert found == [(line + 1, lines[line].index("definately") + 1)]
    assert len(threads) >= 2
