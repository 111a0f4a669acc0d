"""`ficlint --watch chapters/`, as the README gives it: a report now, a new one after each
save, and Ctrl-C ends it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _wait_for(path: Path, needle: str, count: int = 1, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if text.count(needle) >= count:
            return text
        time.sleep(0.1)
    raise AssertionError(f"no {count}× {needle!r} in {timeout} s:\n{text}")


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_watch_checks_again_after_each_save_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    assert "ficlint --watch chapters/" in README
    (tmp_path / "chapters").mkdir()
    chapter = tmp_path / "chapters" / "ch01.md"
    chapter.write_text("“Go.” she said.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not watched\n", encoding="utf-8")
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    env = dict(os.environ, FICLINT_GRAMMAR="off", NO_COLOR="1")
    ficlint = [sys.executable, "-m", "ficlint"]
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen(
            [*ficlint, "--watch", "chapters/"],
            cwd=tmp_path,
            stdout=stdout,
            stderr=stderr,
            env=env,
            # Ctrl-C as in a terminal: a suite started in the background by a shell without
            # job control (`cmd &`) ignores SIGINT, and its children inherit that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            _wait_for(err, "watching for saves")
            assert "D001" in out.read_text(encoding="utf-8")
            chapter.write_text("“Go,” she said. It was the the end.\n", encoding="utf-8")
            report = _wait_for(err, "watching for saves", count=2)
            report = _wait_for(out, "R001")
            assert report.count("Found 1 problem") == 2
            (tmp_path / "notes.txt").write_text("still not watched\n", encoding="utf-8")
            time.sleep(1.5)
            assert err.read_text(encoding="utf-8").count("ficlint: checking") == 2
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
    assert "Traceback" not in err.read_text(encoding="utf-8")


def test_watch_refuses_what_it_cannot_do(cli) -> None:
    result = cli("--watch", "--fix", "chapters/")
    assert result.exit_code == 2
    assert result.stderr.startswith("ficlint: error: --watch checks and reports")
