"""One check run: settings, files, documents, rules, report, exit status."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from ficlint.config import find_config, load_settings
from ficlint.document import Document
from ficlint.errors import InputError


@dataclass(frozen=True)
class CheckOptions:
    paths: list[str]
    fmt: str = "text"
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    statistics: bool = False
    quiet: bool = False
    config_path: Path | None = None
    color: bool = False
    stdin_filename: str | None = None
    grammar: str | None = None
    cache: bool = True
    # Fixing: "fix" writes the fixes, "diff" prints them, "fix-only" writes without a report.
    fix: str | None = None
    unsafe_fixes: bool = False


def check_paths(options: CheckOptions) -> int:
    from ficlint.discovery import collect
    from ficlint.engine import Manuscript, run
    from ficlint.registry import validate_selectors
    from ficlint.report import RunSummary, render

    for name in ("select", "extend_select", "ignore"):
        value = getattr(options, name)
        if value:
            validate_selectors(value, f"--{name.replace('_', '-')}")
    settings = load_settings(options.config_path or _discover(options))
    settings = settings.with_cli(
        select=options.select,
        extend_select=options.extend_select,
        ignore=options.ignore,
        grammar=options.grammar,
        cache=None if options.cache else False,
    )
    if settings.lt_server is None and os.environ.get("FICLINT_LT_SERVER"):
        # A team's LanguageTool server, for CI and pre-commit; the config's server wins.
        settings = settings.with_cli(lt_server=os.environ["FICLINT_LT_SERVER"])
    documents: list[Document] = []
    failed = False
    file_paths = [p for p in options.paths if p != "-"]
    if "-" in options.paths:
        name = options.stdin_filename or "-"
        try:
            documents.append(Document.from_bytes(sys.stdin.buffer.read(), name))
        except InputError as exc:
            _input_error(name, str(exc))
            failed = True
    targets, problems = (
        ([], []) if (not file_paths and "-" in options.paths) else collect(file_paths, settings)
    )
    for problem in problems:
        click.echo(f"ficlint: error: {problem}", err=True)
        failed = True
    for target in targets:
        try:
            documents.append(Document.read(target.path, target.display))
        except InputError as exc:
            _input_error(target.display, str(exc))
            failed = True
    for doc in documents:
        for warning in doc.warnings:
            click.echo(f"ficlint: warning: {doc.display_path}: {warning}", err=True)
    context = _context_documents(settings, documents, bool(options.paths))
    if context:
        # Chapters take their places in the manuscript as the config lists them.
        from ficlint.discovery import collect

        rank = {t.path.resolve(): i for i, t in enumerate(collect([], settings)[0])}
        for i, doc in enumerate(documents + context):
            doc.order = rank.get(doc.path.resolve(), len(rank) + i) if doc.path else len(rank) + i
    last: list[Manuscript] = []

    def check(docs: list[Document]) -> list:
        ms = Manuscript(docs, settings, context, ordered=bool(context))
        ms.progress = not options.quiet and sys.stderr.isatty()
        last[:] = [ms]
        return run(ms)

    if options.fix:
        from ficlint.fix import fix_documents

        outcome = fix_documents(documents, check, unsafe=options.unsafe_fixes)
        diagnostics = outcome.remaining
    else:
        outcome = None
        diagnostics = check(documents)
    ms = last[0]
    for notice in ms.notices:
        click.echo(f"ficlint: warning: {notice}", err=True)
    summary = RunSummary(
        files=len(documents),
        color=options.color,
        statistics=options.statistics,
        quiet=options.quiet,
        grammar=ms.grammar_engine,
        unsafe_fixes=options.unsafe_fixes,
    )
    if outcome is not None:
        return _finish_fix(options, outcome, check, summary, failed)
    if documents or options.fmt != "text":
        sys.stdout.write(render(options.fmt, diagnostics, summary))
    if failed:
        return 2
    return 1 if diagnostics else 0


def _finish_fix(options: CheckOptions, outcome, check, summary, failed: bool) -> int:
    """Write (or show) what the fixes changed, then report what remains."""
    from collections import Counter
    from dataclasses import replace

    from ficlint.fix import FixWriteError, check_round_trip, encode, unified_diff, write_atomic
    from ficlint.report import render

    if not outcome.converged:
        click.echo(
            "ficlint: warning: some fixes did not settle (two rules undo each other's fix); "
            "the rest were applied",
            err=True,
        )
    changed = outcome.changed()
    fixed_files = sum(1 for i, c in enumerate(outcome.applied) if c)
    if options.fix == "diff":
        for original, fixed in changed:
            sys.stdout.write(unified_diff(original, fixed))
        n = outcome.fixed
        if n:
            click.echo(
                f"Would fix {n} problem{'s' if n != 1 else ''} in {len(changed)} "
                f"file{'s' if len(changed) != 1 else ''} (nothing was written).",
                err=True,
            )
        elif not options.quiet:
            click.echo("No fixes to apply.", err=True)
        return 2 if failed else (1 if changed else 0)
    reverted: set[int] = set()
    for original, fixed in changed:
        try:
            data = encode(fixed, fixed.text)
            check_round_trip(original)
            if original.path is None:
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            else:
                write_atomic(original.path, data, original.raw)
        except FixWriteError as exc:
            click.echo(f"ficlint: error: {exc}", err=True)
            failed = True
            reverted.add(id(fixed))
    documents = outcome.documents
    changed_ids = {id(fixed) for _, fixed in changed}
    for doc in documents:
        if doc.path is None and id(doc) not in changed_ids:
            # Standard input with nothing to fix: still hand the text on unchanged.
            sys.stdout.buffer.write(doc.raw or encode(doc, doc.text))
    diagnostics = outcome.remaining
    fixed_count = outcome.fixed
    if reverted:
        # Files that could not be written keep their old text: report on that text.
        documents = [
            outcome.originals[i] if id(doc) in reverted else doc for i, doc in enumerate(documents)
        ]
        fixed_count = sum(
            sum(c.values())
            for c, doc in zip(outcome.applied, outcome.documents, strict=True)
            if id(doc) not in reverted
        )
        fixed_files -= len(reverted)
        diagnostics = check(documents)
    by_rule: Counter = Counter()
    for counts, doc in zip(outcome.applied, outcome.documents, strict=True):
        if id(doc) not in reverted:
            by_rule.update(counts)
    summary = replace(
        summary,
        fixed=fixed_count,
        fixed_files=fixed_files,
        fixed_by_rule=tuple(sorted(by_rule.items())),
    )
    stdin = any(doc.path is None for doc in documents)
    out = sys.stderr if stdin else sys.stdout
    if options.fix == "fix-only":
        if not options.quiet:
            n = fixed_count
            click.echo(
                f"Fixed {n} problem{'s' if n != 1 else ''} in {fixed_files} "
                f"file{'s' if fixed_files != 1 else ''}."
                if n
                else "No fixes to apply.",
                err=stdin,
            )
        return 2 if failed else 0
    if documents or options.fmt != "text":
        out.write(render(options.fmt, diagnostics, summary))
    if failed:
        return 2
    return 1 if diagnostics else 0


def _context_documents(settings, documents: list[Document], paths_given: bool) -> list[Document]:
    """The rest of the manuscript the config names (`files`), when only some chapters are
    checked (a pre-commit hook passes the changed ones): they count towards the majority
    forms but are not reported on."""
    if not paths_given or not settings.files:
        return []
    from ficlint.discovery import collect

    checked = {doc.path.resolve() for doc in documents if doc.path is not None}
    targets, _ = collect([], settings)
    context = []
    for target in targets:
        if target.path.resolve() in checked:
            continue
        try:
            context.append(Document.read(target.path, target.display))
        except InputError as exc:
            click.echo(f"ficlint: warning: {target.display}: {exc} (not counted)", err=True)
    return context


def _discover(options: CheckOptions) -> Path | None:
    first = next((p for p in options.paths if p != "-"), None)
    if first is None and options.stdin_filename:
        first = options.stdin_filename
    start = Path(first) if first else Path.cwd()
    if not start.exists():
        start = start.parent if start.parent.exists() else Path.cwd()
    return find_config(start)


def _input_error(name: str, message: str) -> None:
    click.echo(f"ficlint: error: {name}: {message}", err=True)
