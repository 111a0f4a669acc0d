"""`--format concise`: one line per finding, `path:line:col: CODE message` (as ruff's concise
output), for editors' quickfix lists and grep; then the text report's summary line."""

from __future__ import annotations

from collections.abc import Iterator

from ficlint.diagnostic import Diagnostic
from ficlint.report import RunSummary, position
from ficlint.report.text_report import _summary_line


def render(diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    return "".join(chunks(diagnostics, summary))


def chunks(diagnostics: list[Diagnostic], summary: RunSummary) -> Iterator[str]:
    """One line per finding, written as it is made."""
    for diag in diagnostics:
        line, col, _, _ = position(diag)
        message = " ".join(diag.message.split())  # one finding, one line
        yield f"{diag.path}:{line}:{col}: {diag.code} {message}\n"
    if not summary.quiet:
        yield "".join(text for text, _ in _summary_line(diagnostics, summary)) + "\n"
