"""Where the language server's checks run: so that a small chapter's findings never wait for
a whole novel's check, and a newer text never waits for the check of an older one.

- Two lanes: texts of LONG characters or more are checked one at a time on the long lane,
  everything else one at a time on the short lane. A chapter edited while War and Peace is
  being checked is checked at once, beside it (the machine's second core, if it has one).
- One check per document: a newer check of the same document cancels the older one, whether
  it is still waiting for its lane or already running.
- On Linux each check runs in a child process forked from the server (which has loaded the
  word lists once, so a child starts warm): cancelling a running check kills its process, at
  once, whatever it is doing (a Python thread cannot be stopped from outside). The child sends
  back its result as bytes through a pipe. Elsewhere (no safe fork) a check runs on the lane's
  thread: a waiting check is still cancelled, a running one is left to finish and its result
  dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

LONG = 200_000  # characters (about 35,000 words): a text this long takes the long lane

# fork() copies the warm server; only where it is safe with threads running (not macOS).
FORK = sys.platform.startswith("linux")


class Cancelled(Exception):
    """The check was superseded by a newer one of the same document (or the server ended)."""


class CheckCrashed(Exception):
    """A check failed with an unexpected error; `details` holds the child's traceback."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.details = details


class _Job:
    def __init__(self) -> None:
        self.cancelled = False
        self.pid: int | None = None

    def cancel(self) -> None:
        self.cancelled = True
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


class Checks:
    """The lanes and the check running (or waiting) for each document."""

    def __init__(self, fork: bool = FORK) -> None:
        self.fork = fork
        self.jobs: dict[str, _Job] = {}
        self.lanes: dict[bool, asyncio.Lock] = {}
        self.threads = {
            long: ThreadPoolExecutor(1, thread_name_prefix=f"ficlint-{'long' if long else 'short'}")
            for long in (False, True)
        }

    async def run(
        self, key: str, size: int, work: Callable[[], bytes], finish: Callable[[bytes], Any]
    ) -> Any:
        """finish(work()), with work() run off the event loop (in a child process where
        FORK): after any other check of the same lane, in place of any check of the same
        `key`. Raises Cancelled when a newer check of `key` supersedes this one, or what
        work() raised (CheckCrashed for an unexpected error)."""
        self.cancel(key)
        job = self.jobs[key] = _Job()
        long = size >= LONG
        lane = self.lanes.setdefault(long, asyncio.Lock())
        try:
            async with lane:
                if job.cancelled:
                    raise Cancelled
                if self.fork:
                    data = await self._in_child(job, work)
                else:
                    loop = asyncio.get_running_loop()
                    data = await loop.run_in_executor(self.threads[long], _outcome, work)
                if job.cancelled:
                    raise Cancelled
        finally:
            if self.jobs.get(key) is job:
                del self.jobs[key]
        return finish(_unwrap(data))

    def cancel(self, key: str) -> None:
        job = self.jobs.pop(key, None)
        if job is not None:
            job.cancel()

    def close(self) -> None:
        for key in list(self.jobs):
            self.cancel(key)
        for pool in self.threads.values():
            pool.shutdown(wait=False, cancel_futures=True)

    async def _in_child(self, job: _Job, work: Callable[[], bytes]) -> bytes:
        loop = asyncio.get_running_loop()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: check, send the outcome, end (never back to the server)
            # The cycle collector leaves the server's objects alone: a full pass through them
            # (the word lists) would also copy every page they sit on into this process. The
            # full check of a 5,000-word chapter, default engine: 11,600 pages copied and
            # 0.15-0.18 s; 6,650 and 0.09-0.11 s so.
            gc.freeze()
            try:
                os.close(read)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)  # the editor's messages are the server's alone
                data = _outcome(work)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
            finally:
                os._exit(0)
        os.close(write)
        job.pid = pid
        try:
            data = await _read_all(loop, read)
        except BaseException:
            job.cancel()  # the server is ending, or the task was cancelled
            raise
        finally:
            job.pid = None
            # Reaped aside, not awaited: the child has sent its outcome, and its exit (the
            # server's memory to let go of) takes about 10 ms more.
            loop.run_in_executor(None, _reap, pid)
        if job.cancelled:
            raise Cancelled
        if not data:
            raise CheckCrashed("the check's process ended without a result", "")
        return data


def _outcome(work: Callable[[], bytes]) -> bytes:
    """work()'s bytes, or the exception it raised, as bytes to unwrap in the server."""
    try:
        return pickle.dumps(("ok", work()))
    except Exception as exc:
        details = traceback.format_exc()
        try:
            return pickle.dumps(("raised", exc))
        except Exception:
            return pickle.dumps(("crashed", f"{type(exc).__name__}: {exc}", details))


def _unwrap(data: bytes) -> bytes:
    outcome = pickle.loads(data)
    if outcome[0] == "ok":
        return outcome[1]
    if outcome[0] == "raised":
        raise outcome[1]
    raise CheckCrashed(outcome[1], outcome[2])


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _read_all(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.Future[bytes]:
    """Everything written to the pipe `fd` until its writer ends, read on the event loop."""
    done: asyncio.Future[bytes] = loop.create_future()
    parts: list[bytes] = []
    os.set_blocking(fd, False)

    def readable() -> None:
        try:
            data = os.read(fd, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            parts.append(data)
            return
        loop.remove_reader(fd)
        os.close(fd)
        if not done.done():
            done.set_result(b"".join(parts))

    def cancelled(future: asyncio.Future) -> None:
        if future.cancelled():
            loop.remove_reader(fd)
            with contextlib.suppress(OSError):
                os.close(fd)

    loop.add_reader(fd, readable)
    done.add_done_callback(cancelled)
    return done
