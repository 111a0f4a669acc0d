"""One check run: settings, files, documents, rules, report, exit status.

The command line imports this module only to check, so it imports what a check may need at
the top (a baseline, the fixes and the run cache cost about 6 ms together); the report of each
format is loaded by ficlint.report when asked for."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ficlint import baseline, engine, results_cache
from ficlint.cache_folder import default_dir
from ficlint.config import find_config, load_settings
from ficlint.discovery import collect
from ficlint.document import Document
from ficlint.engine import RunResult
from ficlint.errors import InputError
from ficlint.fix import (
    FixWriteError,
    check_round_trip,
    encode,
    fix_documents,
    unified_diff,
    write_atomic,
)
from ficlint.manuscript import Manuscript
from ficlint.recheck import recheck
from ficlint.registry import Selection, validate_selectors
from ficlint.report import RunSummary, chunks, fixed_sentence

if TYPE_CHECKING:
    from ficlint.config import Settings
    from ficlint.diagnostic import Diagnostic


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
    apply_suggestions: bool = False  # also write grammar engines' suggested words
    baseline: Path | None = None  # report only findings this baseline does not hold
    update_baseline: bool = False  # record the findings in `baseline` instead
    allow_server: bool = False  # send text to a server named by a config outside the repo
    output_file: Path | None = None
    fail_on: str = "info"  # the lowest severity that makes the exit status 1


def check_paths(options: CheckOptions) -> int:

    for name in ("select", "extend_select", "ignore"):
        value = getattr(options, name)
        if value:
            validate_selectors(value, f"--{name.replace('_', '-')}")
    known = None
    if options.baseline is not None and not options.update_baseline:
        known = baseline.load(options.baseline)
    settings = load_settings(options.config_path or _discover(options), validate_selectors)
    settings = settings.with_cli(
        select=options.select,
        extend_select=options.extend_select,
        ignore=options.ignore,
        grammar=options.grammar,
        cache=None if options.cache else False,
        allow_server=options.allow_server or None,
    )
    settings = _with_env_server(settings)
    documents: list[Document] = []
    failed = False
    file_paths = [p for p in options.paths if p != "-"]
    targets, problems = (
        ([], [])
        if (not file_paths and "-" in options.paths)
        else collect(file_paths, settings, skip=_own_outputs(options))
    )
    _refuse_writing_over_inputs(options, targets)
    if "-" in options.paths:
        name = options.stdin_filename or "-"
        raw = sys.stdin.buffer.read()
        try:
            documents.append(Document.from_bytes(raw, name))
        except InputError as exc:
            _input_error(name, str(exc))
            failed = True
            if options.fix in ("fix", "fix-only"):
                # An editor pipes its buffer through `--fix -` and takes standard output as
                # the new buffer: what cannot be fixed goes back as it came, never as nothing.
                sys.stdout.buffer.write(raw)
                sys.stdout.flush()
    for problem in problems:
        click.echo(f"ficlint: error: {problem}", err=True)
        failed = True
    manuscript = _manuscript_files(settings)
    if _one_at_a_time(options, settings, targets):
        documents, files, ran, unread = _check_one_at_a_time(targets, manuscript, settings)
        failed = failed or unread
        return _after_check(
            options, documents, ran.diagnostics, ran, None, failed, known, files=files
        )
    for target in targets:
        try:
            documents.append(Document.read(target.path, target.display))
        except InputError as exc:
            _input_error(target.display, str(exc))
            failed = True
    context = _context_documents(manuscript, targets, bool(options.paths))
    ordered = _order(manuscript, documents, context)
    last: list[RunResult] = []

    def check(docs: list[Document]) -> list:
        ms = Manuscript(docs, settings, context, ordered=ordered)
        ms.progress = not options.quiet and sys.stderr.isatty()
        last[:] = [engine.run(ms)]
        return last[0].diagnostics

    if options.fix:
        outcome = fix_documents(
            documents,
            check,
            unsafe=options.unsafe_fixes,
            suggestions=options.apply_suggestions,
        )
        diagnostics = outcome.remaining
    else:
        outcome = None
        diagnostics = _check_or_reuse(documents, context, settings, check, last)
    return _after_check(options, documents, diagnostics, last[0], outcome, failed, known, check)


def _after_check(
    options: CheckOptions,
    documents: list[Document],
    diagnostics: list,
    ran: RunResult,
    outcome,
    failed: bool,
    known,
    check=None,
    files: int | None = None,
) -> int:
    """The warnings, then the baseline, the fixes or the report; the exit status. `files`:
    how many were checked, when `documents` holds only those with something to report."""
    # After the check: reading a chapter's Markdown can add a warning of its own.
    for doc in outcome.originals if outcome is not None else documents:
        for warning in doc.warnings:
            click.echo(f"ficlint: warning: {doc.display_path}: {warning}", err=True)
    for notice in ran.notices:
        click.echo(f"ficlint: warning: {notice}", err=True)
    files = len(documents) if files is None else files
    summary = RunSummary(
        files=files,
        color=options.color,
        statistics=options.statistics,
        quiet=options.quiet,
        grammar=ran.grammar_engine,
        grammar_server=ran.grammar_server,
        unsafe_fixes=options.unsafe_fixes,
        apply_suggestions=options.apply_suggestions,
    )
    if options.update_baseline and options.baseline is not None:
        n = baseline.write(options.baseline, diagnostics)
        click.echo(
            f"Recorded {n} finding{'s' if n != 1 else ''} in {options.baseline}; runs with "
            f"--baseline {options.baseline} report only new ones.",
            err=True,
        )
        return 2 if failed else 0
    if outcome is not None:
        return _finish_fix(options, outcome, check, summary, failed, known)
    status = _report(options, diagnostics, summary, known, sys.stdout, bool(files))
    return 2 if failed else status


_RANK = {"info": 0, "warning": 1, "error": 2}

# Input, in bytes, from which a run of many documents reads them one at a time, when every
# rule it runs can (Rule.windowed): about three million words, more than a long series of
# novels. One at a time takes less memory and more time (each file parsed twice, the
# tallies of every word's first use): the eight corpus novels three times over (23 MB, 24
# files), 510 MB and 26 s at once, 248 MB and 46 s one at a time; the eight once (7.8 MB),
# 230 MB and 8.7 s at once, 186 MB and 15.6 s one at a time.
ONE_AT_A_TIME_FROM = 16_000_000


def _one_at_a_time(options: CheckOptions, settings, targets: list) -> bool:
    """Whether to check the documents one at a time (see _check_one_at_a_time): a check,
    not a fix, of several files that are large together, with rules that all can."""
    if options.fix or "-" in options.paths or len(targets) < 2:
        return False
    selection = Selection(settings.select, settings.extend_select, settings.ignore)
    if settings.grammar != "off" and selection.any_grammar():
        return False
    if not all(rule.windowed() for rule in selection.rules()):
        return False
    size = 0
    for target in targets:
        with contextlib.suppress(OSError):
            size += target.path.stat().st_size
    return size >= ONE_AT_A_TIME_FROM


def _check_one_at_a_time(
    targets: list, manuscript: list, settings
) -> tuple[list[Document], int, RunResult, bool]:
    """Check the files one at a time, none held with its paragraphs and their parse beyond its
    own check, for memory that grows with the largest file rather than with them all: first
    the manuscript's tallies (Fact.add) of every file, the config's other chapters too, read
    in manuscript order and let go; then each file again, checked alone with those facts
    (Manuscript.window). The findings are those of a check of all the files at once.
    Returns (the documents checked that have findings or warnings, which the report reads,
    how many were checked, the run's result, whether a file could not be read)."""
    checked = {target.path.resolve() for target in targets}
    context = [t for t in manuscript if t.path.resolve() not in checked]
    entries = [(t, True) for t in targets] + [(t, False) for t in context]
    rank = {t.path.resolve(): i for i, t in enumerate(manuscript)}
    # Places in the manuscript, as _order gives them (the config's list, else as named).
    orders = [
        rank.get(t.path.resolve(), len(rank) + i) if rank else i for i, (t, _) in enumerate(entries)
    ]
    unread: set[int] = set()

    def read(i: int) -> Document | None:
        target, reported = entries[i]
        try:
            doc = Document.read(target.path, target.display)
        except InputError as exc:
            if reported:
                _input_error(target.display, str(exc))
                unread.add(i)
            else:
                click.echo(f"ficlint: warning: {target.display}: {exc} (not counted)", err=True)
            return None
        doc.order = orders[i]
        return doc

    def counted() -> Iterator[Document]:
        for i in sorted(range(len(entries)), key=orders.__getitem__):
            if (doc := read(i)) is not None:
                yield doc

    facts = Manuscript.counted(counted(), settings)
    documents: list[Document] = []
    files = 0

    def checked_docs() -> Iterator[Document]:
        for i, (_, reported) in enumerate(entries):
            if reported and i not in unread and (doc := read(i)) is not None:
                yield doc

    def checked(doc: Document, found: list) -> None:
        nonlocal files
        files += 1
        if found or doc.warnings:
            documents.append(doc)

    ran = engine.run_windows(facts, checked_docs(), checked)
    return documents, files, ran, bool(unread)


def _check_or_reuse(documents, context, settings, check, last: list) -> list:
    """check(documents), or the findings of the last run over the same words with the same
    settings and the same ficlint (see ficlint.results_cache); `last` gets the run's result
    (the report reads its grammar engine and notices)."""

    key = results_cache.run_key(settings, documents, context)
    if key is None:
        return check(documents)
    folder = default_dir() / "runs"
    kept = results_cache.load(key, documents, folder)
    if kept is not None:
        last[:] = [kept]
        return kept.diagnostics
    diagnostics = check(documents)
    if not last[0].notices:  # an engine that could not run, text held back: try again
        results_cache.store(key, last[0], documents, folder)
    return diagnostics


def _write_output(options: CheckOptions, text: str | Iterable[str], stream) -> None:
    """The report (or diff) to --output-file if given, else to `stream`, piece by piece."""
    pieces = [text] if isinstance(text, str) else text
    if options.output_file is None:
        for piece in pieces:
            stream.write(piece)
        return
    try:
        with options.output_file.open("w", encoding="utf-8") as out:
            for piece in pieces:
                out.write(piece)
    except OSError as exc:
        raise InputError(f"cannot write {options.output_file}: {exc.strerror or exc}") from None


def _report(options: CheckOptions, diagnostics, summary, known, stream, any_documents) -> int:
    """Print (or write to --output-file) the report; the exit status for the findings."""

    if known is not None:
        diagnostics, hidden = baseline.new_findings(diagnostics, known)
        summary = replace(summary, baseline_hidden=hidden)
    if any_documents or options.fmt != "text":
        _write_output(options, chunks(options.fmt, diagnostics, summary), stream)
    threshold = _RANK[options.fail_on]
    return 1 if any(_RANK[d.severity.value] >= threshold for d in diagnostics) else 0


def _finish_fix(options: CheckOptions, outcome, check, summary, failed: bool, known) -> int:
    """Write (or show) what the fixes changed, then report what remains."""

    if not outcome.converged:
        click.echo(
            "ficlint: warning: some fixes did not settle (two fixes undo each other, or a fix "
            "does not fix its finding) and were left out; "
            + ("the diff shows the rest" if options.fix == "diff" else "the rest were applied"),
            err=True,
        )
    if options.fix == "diff":
        return _show_diff(options, outcome, failed)
    reverted = _write_fixes(outcome)
    failed = failed or bool(reverted)
    documents, diagnostics, summary = _what_remains(outcome, reverted, check, summary)
    # Standard output carries the fixed text when the chapter came on standard input.
    stdin = "-" in options.paths
    if options.fix == "fix-only":
        if not options.quiet:
            n = summary.fixed
            click.echo(
                fixed_sentence(n, summary.fixed_files, summary.fixed_found) + "."
                if n
                else "No fixes to apply.",
                err=stdin,
            )
        return 2 if failed else 0
    out = sys.stderr if stdin else sys.stdout
    status = _report(options, diagnostics, summary, known, out, bool(documents))
    return 2 if failed else status


def _show_diff(options: CheckOptions, outcome, failed: bool) -> int:
    """--diff: the fixes as a unified diff, and what they would fix; nothing is written."""

    changed = outcome.changed()
    _write_output(options, "".join(unified_diff(orig, new) for orig, new in changed), sys.stdout)
    if outcome.fixed:
        click.echo(
            fixed_sentence(outcome.fixed, len(changed), outcome.found, would=True)
            + " (nothing was written).",
            err=True,
        )
    elif not options.quiet:
        click.echo("No fixes to apply.", err=True)
    return 2 if failed else (1 if changed else 0)


def _write_fixes(outcome) -> set[int]:
    """Write every fixed file (a chapter from standard input goes to standard output, fixed
    or not); the ids of the fixed documents that could not be written, each said once."""

    changed = outcome.changed()
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
            reverted.add(id(fixed))
    changed_ids = {id(fixed) for _, fixed in changed}
    for doc in outcome.documents:
        if doc.path is None and id(doc) not in changed_ids:
            # Standard input with nothing to fix: still hand the text on unchanged.
            sys.stdout.buffer.write(doc.raw or encode(doc, doc.text))
    return reverted


def _what_remains(outcome, reverted: set[int], check, summary):
    """(documents, findings, summary) after the fixes were written: a file that could not be
    written keeps its old text, is reported on as it is, and its fixes are not counted."""

    documents = outcome.documents
    diagnostics = outcome.remaining
    if reverted:
        documents = [
            outcome.originals[i] if id(doc) in reverted else doc for i, doc in enumerate(documents)
        ]
        diagnostics = check(documents)
    by_rule: Counter = Counter()
    files = 0
    for counts, doc in zip(outcome.applied, outcome.documents, strict=True):
        if id(doc) not in reverted:
            by_rule.update(counts)
            files += bool(counts)
    summary = replace(
        summary,
        fixed=sum(by_rule.values()),
        fixed_files=files,
        fixed_found=None if reverted else outcome.found,
        fixed_by_rule=tuple(sorted(by_rule.items())),
    )
    return documents, diagnostics, summary


def _with_env_server(settings):
    """A team's LanguageTool server from FICLINT_LT_SERVER (for CI and pre-commit); the
    config's server wins. FICLINT_ALLOW_SERVER=1 confirms a server named by a config outside
    the repository, as --allow-server does."""
    if os.environ.get("FICLINT_ALLOW_SERVER", "").strip().lower() in ("1", "true", "yes"):
        settings = settings.with_cli(allow_server=True)
    if settings.lt_server is None and os.environ.get("FICLINT_LT_SERVER"):
        return settings.with_cli(lt_server=os.environ["FICLINT_LT_SERVER"])
    return settings


def _manuscript_files(settings) -> list:
    """The chapters the config's `files` name, in its order (none without `files`)."""
    if not settings.files:
        return []

    return collect([], settings)[0]


def _order(manuscript: list, documents: list[Document], context: list[Document]) -> bool:
    """When the config lists the manuscript (`files`), chapters take their places in it as
    listed, whatever order the command line named them in (for "first in …"). Returns
    whether it did."""
    rank = {t.path.resolve(): i for i, t in enumerate(manuscript)}
    if not rank:
        return False
    for i, doc in enumerate(documents + context):
        doc.order = rank.get(doc.path.resolve(), len(rank) + i) if doc.path else len(rank) + i
    return True


def _context_documents(manuscript: list, targets: list, paths_given: bool) -> list[Document]:
    """The rest of the manuscript the config names (`files`), when only some chapters are
    checked (a pre-commit hook passes the changed ones): they count towards the majority
    forms but are not reported on. A chapter named for checking is never read again as the
    rest, even one that could not be read (its error is said once)."""
    if not paths_given or not manuscript:
        return []
    checked = {target.path.resolve() for target in targets}
    context = []
    for target in manuscript:
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


def _own_outputs(options: CheckOptions) -> tuple[Path, ...]:
    """Files this run writes: a search must not check them (a report written with -o into
    the manuscript's folder)."""
    return tuple(p for p in (options.output_file,) if p is not None)


def _refuse_writing_over_inputs(options: CheckOptions, targets: list) -> None:
    """`-o ch.md` or `--baseline ch.md --update-baseline` would write a report over a chapter
    being checked: refuse before anything is read or written."""
    outputs = [("--output-file", options.output_file)]
    if options.update_baseline:
        outputs.append(("--baseline", options.baseline))
    inputs = {_same_file_key(t.path) for t in targets}
    for flag, path in outputs:
        if path is not None and _same_file_key(path) in inputs:
            raise InputError(
                f"{flag} {path} is one of the files being checked; refusing to write over it"
            )


def _same_file_key(path: Path) -> object:
    """What makes two paths the same file: device and inode where the file exists (hard
    links and symlinks included), else the resolved path."""
    try:
        st = path.stat()
    except OSError:
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


def _input_error(name: str, message: str) -> None:
    click.echo(f"ficlint: error: {name}: {message}", err=True)


def lint_texts(
    documents: list[Document],
    settings: Settings,
    texts: Mapping[Path, str] | None = None,
) -> list[Diagnostic]:
    """Check documents held in memory (an editor's buffers, for `ficlint server`) as
    `ficlint check` checks files: each against the rest of the manuscript the config's
    `files` name, read from disk unless `texts` (resolved path -> text) holds a newer text
    for that file. Findings are reported in `documents` only."""
    return lint_manuscript(documents, settings, texts)[0]


def lint_manuscript(
    documents: list[Document],
    settings: Settings,
    texts: Mapping[Path, str] | None = None,
) -> tuple[list[Diagnostic], dict]:
    """lint_texts(), and the manuscript facts the check computed (see Manuscript.facts)."""

    settings = _with_env_server(settings)
    manuscript = _manuscript_files(settings)
    context = _context_documents(manuscript, documents, True)
    if texts:
        context = [
            Document(texts[key], doc.display_path, path=doc.path)
            if (key := doc.path.resolve()) in texts
            else doc
            for doc in context
        ]
    ordered = _order(manuscript, documents, context)
    ms = Manuscript(documents, settings, context, ordered=ordered)
    return engine.run(ms).diagnostics, ms.facts()


def recheck_text(document: Document, previous, settings: Settings) -> list[Diagnostic] | None:
    """The findings in an edited text from its last check (ficlint.recheck), with the
    settings as lint_texts() reads them; None when it needs a full check."""

    return recheck(previous, document, _with_env_server(settings))
