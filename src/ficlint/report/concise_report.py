"""`--format concise`: one line per finding, `path:line:col: CODE message` (as ruff's concise
output), for editors' quickfix lists and grep; then the text report's summary line."""

from __future__ import annotations

from ficlint.diagnostic import Diagnostic
from ficlint.report import RunSummary, position
from ficlint.report.text_report import _summary_line


def render(diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    lines = []
    for diag in diagnostics:
        line, col, _, _ = position(diag)
        message = " ".join(diag.message.split())  # one finding, one line
        lines.append(f"{diag.path}:{line}:{col}: {diag.code} {message}")
    if not summary.quiet:
        lines.append("".join(text for text, _ in _summary_line(diagnostics, summary)))
    return "".join(line + "\n" for line in lines)
