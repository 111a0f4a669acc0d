"""A progress bar for slow work (a grammar engine on a whole novel): on a terminal only, and
only once the work has taken more than a second, so that quick runs print nothing extra."""

from __future__ import annotations

import time
from collections.abc import Callable

DELAY = 1.0  # seconds of work before the bar appears


class Progress:
    def __init__(
        self,
        total: int,
        label: str,
        enabled: bool,
        console=None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.enabled = enabled and total > 0
        self.console = console
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.bar = None
        self.task = None

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if not self.enabled:
            return
        if self.bar is None:
            if self.clock() - self.started < DELAY or self.done >= self.total:
                return
            self._start()
        self.bar.update(self.task, completed=self.done)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        console = self.console or Console(stderr=True)
        self.bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,  # gone when done: the report is what stays on the screen
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=self.total, completed=self.done)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
