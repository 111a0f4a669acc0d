"""`--format json`: one object, documented in the README (a contract: keep it stable)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ficlint import __version__
from ficlint.diagnostic import Diagnostic
from ficlint.report import RunSummary, position, statistics


def diagnostic_dict(diag: Diagnostic) -> dict:
    line, col, end_line, end_col = position(diag)
    fix = None
    if diag.fix is not None:
        edits = []
        for edit in diag.fix.edits:
            el, ec = diag.document.line_col(edit.start)
            eel, eec = diag.document.line_col(edit.end)
            edits.append(
                {
                    "line": el,
                    "column": ec,
                    "end_line": eel,
                    "end_column": eec,
                    "replacement": edit.replacement,
                }
            )
        fix = {
            "applicability": diag.fix.applicability.value,
            "title": diag.fix.describe(diag.document.text),
            "edits": edits,
        }
    return {
        "path": diag.path,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "code": diag.code,
        "name": diag.name,
        "severity": diag.severity.value,
        "message": diag.message,
        "source": diag.source,
        "fix": fix,
    }


def render(diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    return "".join(chunks(diagnostics, summary))


def chunks(diagnostics: list[Diagnostic], summary: RunSummary) -> Iterator[str]:
    """The same bytes as `json.dumps(payload, indent=2)` of the whole report, one finding at a
    time: the report of a large run is written as it is made, never held whole."""
    if summary.statistics:
        # Counts per rule first (as ruff's --statistics); the findings follow as always, so a
        # program reading `diagnostics` never takes a statistics run for a clean one.
        yield _dumps({"ficlint": __version__, "statistics": statistics(diagnostics)})[:-2]
        yield ',\n  "diagnostics": ['
    else:
        yield '{\n  "ficlint": ' + json.dumps(__version__) + ',\n  "diagnostics": ['

    for i, diag in enumerate(diagnostics):
        yield ("\n" if i == 0 else ",\n") + _indented(_dumps(diagnostic_dict(diag)), "    ")
    yield "\n  ]" if diagnostics else "]"
    totals = {
        "files": summary.files,
        "diagnostics": len(diagnostics),
        "fixable": sum(
            1 for d in diagnostics if d.fix is not None and d.fix.applicability.value == "safe"
        ),
    }
    if summary.baseline_hidden is not None:
        totals["baseline"] = summary.baseline_hidden
    if summary.fixed is not None:
        totals["fixed"] = summary.fixed
        totals["fixed_by_rule"] = dict(summary.fixed_by_rule)
    yield ',\n  "summary": ' + _indented(_dumps(totals), "  ")[2:] + "\n}\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _indented(text: str, prefix: str) -> str:
    """Every line of `text` (JSON, whose strings hold no raw line breaks) after `prefix`."""
    return prefix + text.replace("\n", "\n" + prefix)
