"""`--format json`: one object, documented in the README (a contract: keep it stable)."""

from __future__ import annotations

import json

from ficlint import __version__
from ficlint.diagnostic import Diagnostic
from ficlint.report import RunSummary, position


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
        fix = {"applicability": diag.fix.applicability.value, "edits": edits}
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
    payload = {
        "ficlint": __version__,
        "diagnostics": [diagnostic_dict(d) for d in diagnostics],
        "summary": {
            "files": summary.files,
            "diagnostics": len(diagnostics),
            "fixable": sum(
                1 for d in diagnostics if d.fix is not None and d.fix.applicability.value == "safe"
            ),
        },
    }
    if summary.baseline_hidden is not None:
        payload["summary"]["baseline"] = summary.baseline_hidden
    if summary.fixed is not None:
        payload["summary"]["fixed"] = summary.fixed
        payload["summary"]["fixed_by_rule"] = dict(summary.fixed_by_rule)
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
