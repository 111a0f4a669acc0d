"""`--format github`: one GitHub Actions workflow command per finding, which GitHub shows as
an annotation on the file and line (and in the pull request's diff). Nothing else is printed:
GitHub reads standard output line by line."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ficlint.diagnostic import Diagnostic, Severity
from ficlint.report import RunSummary, position

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    return "".join(chunks(diagnostics, summary))


def chunks(diagnostics: list[Diagnostic], summary: RunSummary) -> Iterator[str]:
    """One workflow command per finding, written as it is made."""
    for diag in diagnostics:
        yield command(diag) + "\n"


def command(diag: Diagnostic) -> str:
    line, col, end_line, end_col = position(diag)
    path = diag.path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    props = {"file": path, "line": line}
    if end_line == line:
        # GitHub takes columns only for a one-line span.
        props.update(col=col, endLine=end_line, endColumn=end_col)
    else:
        props["endLine"] = end_line
    props["title"] = f"{diag.code} {diag.name}"
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{_COMMAND[diag.severity]} {joined}::{escape_data(diag.message)}"


def escape_data(text: str) -> str:
    """As actions/toolkit's escapeData (core/src/command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As actions/toolkit's escapeProperty (core/src/command.ts)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
