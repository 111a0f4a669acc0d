"""A long manuscript's house rules on two cores (ficlint.split): the findings are the ones
one process gives, in the same order, and a second process that fails costs nothing but
time."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest

from ficlint import split
from ficlint.config import Settings
from ficlint.document import Document
from ficlint.engine import run
from ficlint.manuscript import Manuscript

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="split only on Linux")

SAMPLE = (Path(__file__).parents[1] / "examples" / "sample-chapter.md").read_text(encoding="utf-8")


def chapters() -> list[Document]:
    """Four chapters: the sample's findings of every family, drift across chapters too."""
    body = SAMPLE.split("---\n", 2)[2]
    return [Document(body.replace("Nell", name), f"ch{i}.md") for i, name in enumerate("ABCD")]


def findings(docs: list[Document]) -> list[tuple]:
    result = run(Manuscript(docs, Settings(grammar="off")))
    return [(d.path, d.start, d.end, d.code, d.message, d.fix) for d in result.diagnostics]


@pytest.fixture
def small_split(monkeypatch):
    """Split even four chapters, after two paragraphs; count the forks."""
    monkeypatch.setattr(split, "SPLIT_FROM", 1_000)
    monkeypatch.setattr(split, "WARM", 2)
    forks = []
    real = os.fork

    def counted() -> int:
        pid = real()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forks


@pytest.fixture
def together(monkeypatch):
    """The findings of one process."""
    with monkeypatch.context() as patch:
        patch.setattr(split, "worth_splitting", lambda paragraphs: False)
        return findings(chapters())


def test_split_findings_are_one_processes_findings(together, small_split) -> None:
    assert len(together) > 20
    assert len({code[:1] for _, _, _, code, _, _ in together}) >= 3  # D, Q, C at least
    assert findings(chapters()) == together
    assert len(small_split) == 1  # and a second process did check a part


def test_a_child_that_fails_leaves_its_part_to_this_process(together, small_split, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no space left on the pipe")

    monkeypatch.setattr(pickle, "dump", broken)  # only the child writes a pickle
    assert findings(chapters()) == together
    assert len(small_split) == 1


def test_no_fork_at_all_is_no_loss(together, monkeypatch) -> None:
    monkeypatch.setattr(split, "SPLIT_FROM", 1_000)

    def refused() -> int:
        raise OSError("fork refused")

    monkeypatch.setattr(os, "fork", refused)
    assert findings(chapters()) == together


def test_the_collector_leaves_what_was_made_alone_while_both_check(small_split, monkeypatch):
    """While the two processes check, Python's cycle collector in each goes through what the
    checks make, not the word lists and documents made before (in the child it would copy
    every page they sit on); afterwards this process's collector takes them back, so that a
    language server that splits a check keeps no garbage for ever."""
    import gc

    frozen = []
    real = split._fork

    def fork(work, documents):
        frozen.append(gc.get_freeze_count())
        return real(work, documents)

    monkeypatch.setattr(split, "_fork", fork)
    findings(chapters())
    assert frozen and frozen[0] > 1000
    assert gc.get_freeze_count() == 0


def test_a_short_text_stays_in_one_process() -> None:
    docs = chapters()
    assert not split.worth_splitting([p for d in docs for p in d.paragraphs])
    long = [Document(SAMPLE * 120, "novel.md")]
    assert split.worth_splitting(long[0].paragraphs) == ((os.cpu_count() or 1) > 1)


def test_the_second_process_ends_with_the_first() -> None:
    """The language server cancels a check by ending its process: the half of a long text
    the check forked off must not run on after it."""
    import signal
    import subprocess
    import time

    probe = (
        "import os, sys, time\n"
        "from ficlint import split\n"
        "child = split._fork(lambda: time.sleep(60) or [], [])\n"
        "print(child[0], flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True)
    pid = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; its reaper has not looked yet


def test_a_check_process_that_splits_keeps_the_servers_objects_out_of_its_collector(
    small_split,
) -> None:
    """A language server's check runs in a process that leaves the server's objects out of
    its collector (ficlint.lsp_checks); a long text's split in that process leaves them out
    after it too, so that the rest of the check (the grammar engine) does not copy them."""
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        findings(chapters())
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
