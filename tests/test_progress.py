"""The progress bar for slow grammar checks: shown on a terminal once the work has taken more
than a second, never for quick work, never when output is not a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from ficlint.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=80), out


def test_slow_work_shows_a_bar_with_counts() -> None:
    console, out = _terminal()
    clock = Clock()
    with Progress(40, "Checking grammar (Harper)", True, console, clock) as progress:
        progress.advance()
        clock.now += 1.5
        progress.advance()
        assert progress.bar is not None
    shown = out.getvalue()
    assert "Checking grammar (Harper)" in shown and "2/40" in shown


def test_quick_work_prints_nothing() -> None:
    console, out = _terminal()
    clock = Clock()
    with Progress(40, "Checking grammar (Harper)", True, console, clock) as progress:
        for _ in range(40):
            clock.now += 0.01
            progress.advance()
    assert out.getvalue() == ""


def test_no_bar_when_not_on_a_terminal() -> None:
    console, out = _terminal()
    clock = Clock()
    with Progress(40, "Checking grammar", False, console, clock) as progress:
        clock.now += 5
        progress.advance(20)
    assert out.getvalue() == ""
