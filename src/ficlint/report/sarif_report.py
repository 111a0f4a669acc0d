"""`--format sarif`: SARIF 2.1.0, one run, for GitHub code scanning and other SARIF viewers.

Columns count UTF-16 code units (the run says so in `columnKind`): a character outside the
Basic Multilingual Plane (an emoji, 𝒜) counts two, as editors and GitHub count it.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_left
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from ficlint import __version__
from ficlint.diagnostic import Applicability, Diagnostic, Severity
from ficlint.document import Document
from ficlint.fingerprint import fingerprint
from ficlint.registry import all_rules
from ficlint.report import RunSummary
from ficlint.report.text_report import window
from ficlint.ruledocs import help_markdown, help_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ficlint/ficlint"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "ficlintFinding/v2"  # v1 hashed the prose alone; v2 is the baseline's
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SPACE = re.compile(r"\s+")


MAX_CONTEXT = 2000  # characters of context lines a result carries whole


def render(diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    rules = [_rule_descriptor(rule) for rule in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    extra: dict[str, Diagnostic] = {}
    for diag in diagnostics:
        if diag.code not in index and diag.code not in extra:
            extra[diag.code] = diag
    for code in sorted(extra):
        index[code] = len(rules)
        rules.append(_other_descriptor(extra[code]))
    seen: Counter = Counter()
    paragraphs: dict = {}  # fingerprint's cache: each document's paragraph offsets
    results = [_result(diag, index[diag.code], seen, paragraphs) for diag in diagnostics]
    run = {
        "tool": {
            "driver": {
                "name": "ficlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": True}],
        "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(Path.cwd())}},
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


# -- rules ------------------------------------------------------------------------------------


def _rule_descriptor(rule) -> dict:
    docs = rule.docs()
    flags = docs.get("What it flags", "")
    full = f"{docs['summary']} {_one_line(flags)}".strip() if flags else docs["summary"]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {
            "level": _LEVEL[rule.severity],
            "enabled": bool(rule.default_enabled),
        },
        "properties": {
            "tags": [rule().family],
            "fixable": "/".join(g.value for g in rule.fix_grades()) or "no",
        },
    }


def _other_descriptor(diag: Diagnostic) -> dict:
    """A code that is not one of ficlint's rules: a grammar engine's rule (G:harper:Spelling)."""
    if diag.code.startswith("G:"):
        engine = _engine_name(diag.source)
        short = f"{engine}: {diag.name}"
        about = (
            f"A finding of the {engine} grammar engine ({diag.code.split(':', 2)[-1]}), run "
            f"beside ficlint's rules with --grammar. Its suggestions are unsafe fixes: check them."
        )
        tags = ["grammar engines", diag.source]
    else:
        short = diag.name
        about = f"{diag.code} {diag.name} (from {diag.source})."
        tags = [diag.source]
    return {
        "id": diag.code,
        "name": diag.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": about},
        "help": {"text": about, "markdown": about},
        "defaultConfiguration": {"level": _LEVEL[diag.severity]},
        "properties": {"tags": list(dict.fromkeys(tags))},
    }


def _engine_name(engine: str) -> str:
    return {"languagetool": "LanguageTool", "harper": "Harper"}.get(engine, engine)


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


# -- results ----------------------------------------------------------------------------------


def _result(diag: Diagnostic, rule_index: int, seen: Counter, paragraphs: dict) -> dict:
    doc = diag.document
    location = _artifact_location(doc)
    region = _region(doc, diag.start, diag.end)
    if diag.end > diag.start:
        region["snippet"] = {"text": doc.text[diag.start : diag.end]}
    first, last = region["startLine"], region["endLine"]
    context_region = _context(doc, diag, first, last)
    result = {
        "ruleId": diag.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[diag.severity],
        "message": {"text": diag.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": region,
                    "contextRegion": context_region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: _fingerprint(diag, seen, paragraphs)},
    }
    if diag.fix is not None and diag.fix.edits:
        result["fixes"] = [_fix(diag, location)]
    return result


def _context(doc: Document, diag: Diagnostic, first: int, last: int) -> dict:
    """The lines the finding stands in, or, past MAX_CONTEXT characters, the text report's
    window around it: ten thousand findings on one long line must not each carry the line."""
    line_start, line_end = doc.line_span(first)[0], doc.line_span(last)[1]
    if line_end - line_start <= MAX_CONTEXT:
        text = "\n".join(doc.line_text(n) for n in range(first, last + 1))
        return {"startLine": first, "endLine": last, "snippet": {"text": text}}
    w0, w1 = window(
        doc.text, diag.start, max(diag.end, diag.start + 1), first=line_start, last=line_end
    )
    return {**_region(doc, w0, w1), "snippet": {"text": doc.text[w0:w1]}}


def _fingerprint(diag: Diagnostic, seen: Counter, cache: dict) -> str:
    """The finding's fingerprint (ficlint.fingerprint, the baseline's own), and which of the
    identical findings in its file it is: the n-th gets its own."""
    shared = fingerprint(diag, cache)
    n = seen[(diag.document.display_path, shared)]
    seen[(diag.document.display_path, shared)] += 1
    return f"{shared}:{n}"


def _fix(diag: Diagnostic, location: dict) -> dict:
    doc = diag.document
    assert diag.fix is not None
    edits = sorted(diag.fix.edits, key=lambda e: (e.start, e.end))
    grade, how = _HOW[diag.fix.applicability]
    return {
        "description": {"text": f"{grade}: {diag.fix.describe(doc.text)} ({how})."},
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": [
                    {
                        "deletedRegion": _region(doc, e.start, e.end),
                        "insertedContent": {"text": e.replacement},
                    }
                    for e in edits
                ],
            }
        ],
        "properties": {"applicability": diag.fix.applicability.value},
    }


_HOW = {
    Applicability.SAFE: ("Safe fix", "applied by ficlint --fix"),
    Applicability.UNSAFE: ("Unsafe fix", "unsafe, check it; ficlint --fix --unsafe-fixes"),
    Applicability.SUGGESTION: (
        "Suggestion",
        "the grammar engine's guess; ficlint --fix --apply-suggestions",
    ),
}


def _region(doc: Document, start: int, end: int) -> dict:
    line, col = _utf16_line_col(doc, start)
    end_line, end_col = _utf16_line_col(doc, end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _utf16_line_col(doc: Document, offset: int) -> tuple[int, int]:
    """1-based line and column in UTF-16 code units of a source offset."""
    line, col = doc.line_col(offset)
    astral = doc.astral_offsets
    if not astral:
        return line, col
    return line, col + bisect_left(astral, offset) - bisect_left(astral, offset - col + 1)


def _artifact_location(doc: Document) -> dict:
    """The file as a URI relative to %SRCROOT% (the folder ficlint ran in), with forward
    slashes and percent-encoding; a file outside that folder gets an absolute file: URI."""
    if doc.path is not None:
        absolute = Path(os.path.abspath(doc.path))
        try:
            rel = os.path.relpath(absolute, Path.cwd())
        except ValueError:  # another drive (Windows)
            rel = None
        if rel is None or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return {"uri": absolute.as_uri()}
        return {"uri": _relative_uri(rel), "uriBaseId": SRCROOT}
    return {"uri": _relative_uri(doc.display_path), "uriBaseId": SRCROOT}


def _relative_uri(path: str) -> str:
    posix = path.replace(os.sep, "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/")


def _folder_uri(folder: Path) -> str:
    uri = folder.absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"
