"""Suppression comments, in Markdown (plain text also takes `# ficlint: …` on its own line):

    <!-- ficlint: ignore Q002 D001 -->   on a line of its own: the next paragraph only;
                                          after words on a line: that line only
    <!-- ficlint: disable Q002 -->        from here ...
    <!-- ficlint: enable -->              ... to here (no codes: every rule)

Unknown codes and suppressions that silence nothing are reported as X001, like ruff's RUF100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ficlint.diagnostic import Diagnostic, Severity
from ficlint.document import Document
from ficlint.registry import all_rules, is_grammar_code, matches, specificity

_DIRECTIVE = re.compile(r"^\s*ficlint\s*:\s*(ignore|disable|enable)\b(.*)$", re.S | re.I)
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9:_-]*")

UNUSED_CODE = "X001"
UNUSED_NAME = "unused-suppression"


@dataclass
class _Directive:
    start: int  # source span of the comment
    end: int
    action: str
    codes: list[str]
    # The source range it covers.
    cover_start: int = 0
    cover_end: int = 0
    used: set[str] = field(default_factory=set)


def _directives(doc: Document) -> list[_Directive]:
    out = []
    for c in doc.comments:
        m = _DIRECTIVE.match(c.body)
        if m:
            codes = _CODE.findall(m.group(2))
            out.append(_Directive(c.start, c.end, m.group(1).lower(), codes))
    return out


def apply(doc: Document, diags: list[Diagnostic], x001_enabled: bool) -> list[Diagnostic]:
    """Drop the findings a suppression comment covers; add X001 for unused or unknown codes."""
    directives = _directives(doc)
    if not directives:
        return diags
    paragraphs = doc.paragraphs
    open_regions: list[_Directive] = []
    for d in directives:
        if d.action == "ignore":
            line = _line_start(doc.text, d.start)
            if doc.text[line : d.start].strip():
                # At the end of a line of prose, as ruff's noqa: that line only.
                d.cover_start, d.cover_end = line, d.start
                continue
            nxt = next((p for p in paragraphs if p.start >= d.end), None)
            d.cover_start, d.cover_end = (nxt.start, nxt.end) if nxt else (d.end, d.end)
        elif d.action == "disable":
            d.cover_start, d.cover_end = d.end, len(doc.text)
            open_regions.append(d)
        else:  # enable: closes the matching disable regions
            for region in list(open_regions):
                if not d.codes or set(region.codes) <= set(d.codes):
                    region.cover_end = d.start
                    open_regions.remove(region)
    covering = [d for d in directives if d.action != "enable"]
    kept = []
    for diag in diags:
        suppressed = False
        for d in covering:
            if d.cover_start <= diag.start < d.cover_end or (
                diag.start == d.cover_start == d.cover_end
            ):
                if not d.codes:
                    suppressed = True
                    d.used.add("*")
                for code in d.codes:
                    if matches([code], diag.code):
                        suppressed = True
                        d.used.add(code)
        if not suppressed:
            kept.append(diag)
    if x001_enabled:
        rules = all_rules()
        for d in covering:
            for code in d.codes:
                known = is_grammar_code(code) or any(specificity(code, r) for r in rules)
                if not known:
                    message = f"unknown rule code {code!r} in a suppression comment"
                elif code not in d.used:
                    message = f"unused suppression: no {code} finding here to silence"
                else:
                    continue
                kept.append(
                    Diagnostic(
                        doc, d.start, d.end, UNUSED_CODE, UNUSED_NAME, message, Severity.WARNING
                    )
                )
    return kept


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
