"""Reporters: pure functions from findings to text, one module per output format."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module

from ficlint.diagnostic import Diagnostic

FORMATS = ("text", "json", "sarif", "github", "concise")


@dataclass(frozen=True)
class RunSummary:
    files: int  # files checked
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    width: int = 100
    grammar: str | None = None  # the grammar engine that ran, named in the summary line
    grammar_server: str | None = None  # host:port the engine sent the text to, if any
    fixed: int | None = None  # with --fix: findings fixed (None when not fixing)
    fixed_files: int = 0
    fixed_found: int | None = None  # with --fix: how many the report before fixing called fixable
    fixed_by_rule: tuple[tuple[str, int], ...] = ()  # (code, fixes applied), by code
    unsafe_fixes: bool = False  # --unsafe-fixes was given: unsafe fixes count as fixable
    apply_suggestions: bool = False  # --apply-suggestions was given: so do engines' suggestions
    baseline_hidden: int | None = None  # with --baseline: known findings left out


def fixed_sentence(fixed: int, files: int, found: int | None, would: bool = False) -> str:
    """`Fixed 124 problems in 1 file`, and when that is not the number the report called
    fixable, why: fixing some brought out more (a chained fix: a quote mark set right shows a
    stray one), or some could not be applied (they overlap another fix, or touch markup)."""
    verb = "Would fix" if would else "Fixed"
    what = f"{fixed} problem{'s' if fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if found is None or found == fixed:
        return f"{verb} {what}"
    if fixed > found:
        more = fixed - found
        brought = "fixing them would bring out" if would else "fixing them brought out"
        return f"{verb} {what}: the {found} found fixable and {more} more that {brought}"
    return f"{verb} {fixed} of the {found} problems found fixable, in {files} file" + (
        "s" if files != 1 else ""
    )


def render(fmt: str, diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    return "".join(chunks(fmt, diagnostics, summary))


def chunks(fmt: str, diagnostics: list[Diagnostic], summary: RunSummary) -> Iterator[str]:
    """The report in pieces, in order. A reporter with a `chunks` function makes a finding's
    text as it is written, so a run with many findings never holds the whole report (tens of
    megabytes of text, and more in the objects that build it) at once."""
    module = import_module(f"ficlint.report.{fmt}_report")
    if hasattr(module, "chunks"):
        yield from module.chunks(diagnostics, summary)
    else:
        yield module.render(diagnostics, summary)


def statistics(diagnostics: list[Diagnostic]) -> list[dict]:
    """`--statistics`: one entry per code, the most frequent first: code, name, count, and
    how many of its findings have a safe fix (the text and JSON reports both show these)."""
    counts: dict[str, list] = {}
    for d in diagnostics:
        entry = counts.setdefault(d.code, [d.name, 0, 0])
        entry[1] += 1
        entry[2] += d.fix is not None and d.fix.applicability.value == "safe"
    return [
        {"code": code, "name": name, "count": n, "fixable": fixable}
        for code, (name, n, fixable) in sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[0]))
    ]


def position(diag: Diagnostic) -> tuple[int, int, int, int]:
    """1-based (line, column, end_line, end_column) in code points; end exclusive."""
    doc = diag.document
    line, col = doc.line_col(diag.start)
    end_line, end_col = doc.line_col(diag.end)
    return line, col, end_line, end_col
