"""`ficlint --watch`: check, then check again whenever a chapter or the config is saved, for a
writer with a terminal open beside the word processor. Each run replaces the last on the
screen. Saving is watched with watchfiles (the operating system's file events, batched so a
save that writes several times is one run); the grammar cache makes a run after a small edit
cheap, since only the edited paragraphs go to the engine again."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ficlint.config import CONFIG_NAMES
from ficlint.document import PROSE_SUFFIXES
from ficlint.errors import FiclintError
from ficlint.run import check_paths

CLEAR = "\x1b[2J\x1b[H"  # clear the terminal and go to its top left, as `ruff --watch` does


def watch_and_check(options) -> int:
    """Run `ficlint check` with `options` now and after every save; return 0 on Ctrl-C."""
    from watchfiles import watch

    roots = [Path(p) for p in options.paths] or [Path(".")]
    missing = [str(p) for p in roots if not p.exists()]
    if missing:
        raise_usage(f"{', '.join(missing)}: no such file or folder to watch")
    folders = sorted({str(p if p.is_dir() else p.parent) for p in roots})
    wanted = {str(p.resolve()) for p in roots if p.is_file()}

    def relevant(_change, path: str) -> bool:
        name = Path(path).name
        if name in CONFIG_NAMES:
            return True
        if name.startswith(".") or not name.lower().endswith(PROSE_SUFFIXES):
            return False
        return not wanted or str(Path(path).resolve()) in wanted

    def run() -> None:
        if sys.stdout.isatty():
            click.echo(CLEAR, nl=False)
        click.echo(f"[{time.strftime('%H:%M:%S')}] ficlint: checking", err=True)
        try:
            check_paths(options)
        except FiclintError as exc:  # a broken config while the writer edits it: say, go on
            click.echo(f"ficlint: error: {exc}", err=True)
        sys.stdout.flush()
        click.echo(
            f"[{time.strftime('%H:%M:%S')}] ficlint: watching for saves (Ctrl-C stops)", err=True
        )

    run()
    try:
        for _changes in watch(*folders, watch_filter=relevant, debounce=300, rust_timeout=0):
            run()
    except KeyboardInterrupt:
        pass
    return 0


def raise_usage(message: str) -> None:
    click.echo(f"ficlint: error: {message}", err=True)
    sys.exit(2)
