"""One fingerprint for a finding, the same for the baseline and for SARIF: its rule, the words
it covers and the paragraph they stand in (else the line), whitespace squeezed. It holds when
lines are added above or the paragraph is rewrapped, and changes when the paragraph is
edited: a writer revising that paragraph sees its findings as new."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ficlint.diagnostic import Diagnostic

_SPACE = re.compile(r"\s+")


def _paragraph_span(diag: Diagnostic, starts: dict) -> tuple[int, int]:
    """Source offsets of the paragraph (or line, outside paragraphs) holding the finding;
    `starts` caches each document's paragraph offsets for the run."""
    doc = diag.document
    paragraphs = doc.paragraphs
    if id(doc) not in starts:
        starts[id(doc)] = [p.start for p in paragraphs]
    i = bisect_right(starts[id(doc)], diag.start) - 1
    if i >= 0 and diag.start <= paragraphs[i].end:
        return paragraphs[i].start, paragraphs[i].end
    return doc.line_span(doc.line_col(diag.start)[0])


def stable_code(code: str) -> str:
    """The code a baseline records: a grammar engine's code up to its kind
    (`G:harper:Spelling` for `G:harper:Spelling:SpellCheck`), as codes were before findings
    named the engine's rule, so a baseline recorded then still knows its findings."""
    return ":".join(code.split(":")[:3]) if code.startswith("G:") else code


def fingerprint(diag: Diagnostic, starts: dict | None = None) -> str:
    """Rule + paragraph + the words the finding covers, whitespace-insensitive."""
    cache = {} if starts is None else starts
    start, end = _paragraph_span(diag, cache)
    # The hash of rule and paragraph is begun once per paragraph and copied per finding:
    # ten thousand findings in one long paragraph must not each hash it again.
    begun = cache.setdefault("begun", {})
    code = stable_code(diag.code)
    key = (code, id(diag.document), start, end)
    if key not in begun:
        paragraph = _SPACE.sub(" ", diag.document.text[start:end]).strip()
        begun[key] = hashlib.sha256(f"{code}\0{paragraph}\0".encode())
    covered = _SPACE.sub(" ", diag.document.text[diag.start : diag.end])
    # Positions are left out on purpose: they move with every edit above the finding.
    digest = begun[key].copy()
    digest.update(covered.encode())
    return digest.hexdigest()[:20]
