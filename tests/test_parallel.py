"""Several ficlint processes at once on one manuscript, as pre-commit runs them (it splits the
staged chapters into parallel batches): each reports what a single run would, and the shared
grammar cache stays sound."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CHAPTERS = {
    "ch01.md": "# One\n\nThe grey fog rolled in. He had drove the boat onto the grey water.\n",
    "ch02.md": "# Two\n\n“We should go.” Nell said. The grey light was definately fading.\n",
    "ch03.md": "# Three\n\nThe gray rocks waited. It was a awful night for the grey boat.\n",
    "ch04.md": "# Four\n\n“Why now?” He asked. The grey gulls cried over the the harbour.\n",
}


def _start(folder: Path, cache: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "FICLINT_LT_SERVER"}
    env["FICLINT_CACHE_DIR"] = str(cache)
    return subprocess.Popen(
        [sys.executable, "-m", "ficlint", "--format", "json", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _findings(proc: subprocess.Popen) -> tuple[int, list[tuple], str]:
    out, err = proc.communicate(timeout=120)
    report = json.loads(out)
    found = [(d["path"], d["line"], d["column"], d["code"]) for d in report["diagnostics"]]
    return proc.returncode, found, err.decode()


def test_parallel_runs_report_what_one_run_reports(tmp_path: Path) -> None:
    pytest.importorskip("harper", reason="Harper has no wheel for this platform")
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    (book / "ficlint.toml").write_text('files = ["chapters/*.md"]\ngrammar = "harper"\n')
    for name, text in CHAPTERS.items():
        (book / "chapters" / name).write_text(text, "utf-8")
    names = [f"chapters/{name}" for name in CHAPTERS]
    alone = tmp_path / "cache-alone"
    expected = {name: _findings(_start(book, alone, "--no-cache", name)) for name in names}
    assert all(status == 1 and err == "" for status, _, err in expected.values())
    # The manuscript-wide rule needs the other chapters: gray drifts from grey in ch03 only.
    assert ("chapters/ch03.md", 3, 5, "C002") in expected["chapters/ch03.md"][1]

    shared = tmp_path / "cache-shared"
    for _round in range(2):  # a cold cache filled by four writers at once, then read by four
        procs = {name: _start(book, shared, name) for name in names}
        results = {name: _findings(proc) for name, proc in procs.items()}
        assert results == expected
    db = sqlite3.connect(shared / "grammar.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
