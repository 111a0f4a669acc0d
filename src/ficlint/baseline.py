"""A baseline: the findings a finished manuscript already has, recorded so that later runs
report only new ones (for adopting ficlint on a book that is already written).

A finding is known by its file, its rule and a fingerprint of the paragraph it sits in plus
the words it covers, not by its line: adding a chapter's opening paragraph moves every line
below it, but the findings there stay known. Editing the paragraph itself makes its findings
new again, which is what a writer revising that paragraph wants to see.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ficlint.diagnostic import Diagnostic
from ficlint.errors import FiclintError
from ficlint.fingerprint import fingerprint, stable_code
from ficlint.fix import replace_file

FORMAT_VERSION = 1
MAX_COUNT = 1_000_000  # findings of one rule on one paragraph's words: more is not a baseline


class BaselineError(FiclintError):
    pass


def _key(diag: Diagnostic, starts: dict[int, list[int]]) -> tuple[str, str, str]:
    return (diag.path.replace("\\", "/"), stable_code(diag.code), fingerprint(diag, starts))


def write(path: Path, diagnostics: list[Diagnostic]) -> int:
    """Record the findings in `path` (atomically); return how many."""
    starts: dict[int, list[int]] = {}
    keys = [_key(d, starts) for d in diagnostics]
    counts = Counter(keys)
    first: dict[tuple[str, str, str], Diagnostic] = {}
    for key, diag in zip(keys, diagnostics, strict=True):
        first.setdefault(key, diag)
    entries = []
    for key in sorted(counts):
        diag = first[key]
        line, _ = diag.document.line_col(diag.start)
        entries.append(
            {
                "path": key[0],
                "code": key[1],
                "fingerprint": key[2],
                "count": counts[key],
                # For a reader of the file only; matching ignores them.
                "line": line,
                "message": diag.message,
            }
        )
    payload = {"ficlint-baseline": FORMAT_VERSION, "findings": entries}
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    target = path.resolve()
    try:
        # An existing baseline keeps its mode and owner; a new one gets a new file's mode.
        like = target.stat() if target.exists() else None
        replace_file(target, text.encode("utf-8"), like)
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline {path}: {exc.strerror or exc}") from None
    return len(diagnostics)


def load(path: Path) -> Counter:
    """The recorded findings as a multiset of (path, code, fingerprint)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"no baseline at {path} (create it with --baseline {path} --update-baseline)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read the baseline {path}: {exc}") from None
    except RecursionError:
        raise BaselineError(f"the baseline {path} is nested too deeply to be a baseline") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"the baseline {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict) or data.get("ficlint-baseline") != FORMAT_VERSION:
        raise BaselineError(f"{path} is not a ficlint baseline (version {FORMAT_VERSION})")
    known: Counter = Counter()
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"the baseline {path} has no list of findings")
    for n, entry in enumerate(findings, 1):
        fields = (
            [entry.get(k) for k in ("path", "code", "fingerprint", "count")]
            if isinstance(entry, dict)
            else None
        )
        if (
            fields is None
            or not all(isinstance(v, str) for v in fields[:3])
            or type(fields[3]) is not int
            or not 0 < fields[3] <= MAX_COUNT
        ):
            raise BaselineError(
                f"the baseline {path} has a malformed entry (finding {n}: path, code and "
                f"fingerprint must be strings, count a whole number from 1 to {MAX_COUNT})"
            )
        known[tuple(fields[:3])] += fields[3]
    return known


def new_findings(diagnostics: list[Diagnostic], known: Counter) -> tuple[list[Diagnostic], int]:
    """The findings the baseline does not account for, and how many it did."""
    left = Counter(known)
    out, hidden = [], 0
    starts: dict[int, list[int]] = {}
    for diag in diagnostics:
        key = _key(diag, starts)
        if left[key] > 0:
            left[key] -= 1
            hidden += 1
        else:
            out.append(diag)
    return out, hidden
