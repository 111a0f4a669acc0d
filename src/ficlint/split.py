"""The house rules of a long manuscript on two cores: a forked process checks the last part
of its paragraphs while this one checks the first part and runs the manuscript-wide rules.

A rule reads its paragraph, the paragraphs near it and the manuscript's facts (quote style,
names, counts), never what an earlier paragraph's check left behind, so any split gives the
findings one process gives, in the same order (benchmarks/same_output.py compares them on
every corpus novel and real draft). Most facts are made before the fork, by checking the
first paragraphs here, so that both processes read them; one a rule first needs later (War
and Peace: the names spoken to) is made in each process, to the same value.

Only on Linux, where fork is cheap and safe for this (the child reads, computes, writes its
findings to a pipe and exits without running any cleanup), and only for a text long enough
that a second process saves more than it costs. A child that fails in any way is no loss:
its paragraphs are checked here instead.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING

from ficlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from ficlint.document import Document, Paragraph

SPLIT_FROM = 400_000  # characters (about 70,000 words): below, one process is as quick
WARM = 40  # paragraphs checked before the fork, to make the manuscript's facts once
CHILD_SHARE = 0.8  # of the rest, by characters: this process also runs the manuscript rules

_FIELDS = tuple(f.name for f in fields(Diagnostic) if f.name != "document")


def worth_splitting(paragraphs: Sequence[Paragraph]) -> bool:
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        return False  # the cores this process may run on, not the machine's
    return sum(len(p.text) for p in paragraphs) >= SPLIT_FROM


def check_split(
    paragraphs: Sequence[Paragraph],
    check: Callable[[Sequence[Paragraph]], list[Diagnostic]],
    also: Callable[[], list[Diagnostic]],
    documents: Sequence[Document],
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(check(paragraphs), also()), the last part of `paragraphs` checked in a forked
    process while this one checks the rest and runs `also`."""
    head = check(paragraphs[:WARM])
    rest = paragraphs[WARM:]
    total = sum(len(p.text) for p in rest)
    cut, size = 0, 0
    while cut < len(rest) and size < total * (1 - CHILD_SHARE):
        size += len(rest[cut].text)
        cut += 1
    mine, theirs = rest[:cut], rest[cut:]
    with _collector_paused_on_what_is_made():
        child = _fork(lambda: check(theirs), documents)
        found = head + check(mine)
        extra = also()
        tail = _collect(child, documents) if child is not None else None
    if tail is None:  # no child, or one that failed: check its part here
        tail = check(theirs)
    return found + tail, extra


@contextlib.contextmanager
def _collector_paused_on_what_is_made() -> Iterator[None]:
    """While both processes check, Python's cycle collector leaves alone the objects made so
    far (the word lists, the documents, the facts): it would go through them all again at
    each of its full passes, and in the child it would copy every page they sit on to do so
    (War and Peace's house rules, ten runs paired with the code before: 0.97 of its CPU
    time, the same wall time, which two cores and a noisy machine hide). The collector
    still collects what the checks make, and takes back the rest afterwards, unless
    they were left alone before (a language server's check, a process of its own that leaves
    the server's objects alone: see ficlint.lsp_checks)."""
    before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not before:
            gc.unfreeze()


def _fork(work: Callable[[], list[Diagnostic]], documents: Sequence[Document]):
    """(pid, read end of its pipe) of a child that runs `work` and writes its findings."""
    parent = os.getpid()
    try:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never returns
        status = 1
        try:
            _die_with(parent)
            os.close(read)
            index = {id(doc): i for i, doc in enumerate(documents)}
            rows = [
                (index[id(d.document)], tuple(getattr(d, name) for name in _FIELDS)) for d in work()
            ]
            with os.fdopen(write, "wb") as out:
                pickle.dump(rows, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # no atexit, no buffers flushed twice, no cleanup of the parent's
    os.close(write)
    return pid, read


def _die_with(parent: int) -> None:
    """Have the kernel end this child when its parent ends (a language server cancels a check
    by ending its process: its half must not run on for seconds)."""
    import ctypes

    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    if os.getppid() != parent:  # the parent ended before that took hold
        os._exit(1)


def _collect(child, documents: Sequence[Document]) -> list[Diagnostic] | None:
    """The child's findings, or None if it did not finish well."""
    pid, read = child
    rows = None
    with os.fdopen(read, "rb") as source, contextlib.suppress(Exception):
        rows = pickle.load(source)  # the child's own pickle, through a pipe only it writes
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return None
    if status != 0 or not isinstance(rows, list):
        return None
    return [
        Diagnostic(documents[i], **dict(zip(_FIELDS, values, strict=True))) for i, values in rows
    ]
