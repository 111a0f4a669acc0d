"""A whole run's findings, kept for the next run over the same words.

A run on an unchanged manuscript (the second `ficlint novel.md`, a pre-commit or CI run
that finds nothing new) gives the same findings as the last; this cache hands them back
without running a rule. The key holds everything a finding can depend on: ficlint's own
code and word lists (their bytes), the versions of the packages whose words and rules it
reads, the settings, and every document's name, order and text, those checked and those
read for context alike. A run that asks a LanguageTool server is never kept (a server's
answers can change under the same text), nor one that warned (an engine that could not
run: the next run tries again). A record is checked against its schema and the
documents before it is used; anything unexpected is a miss, and the run goes on as if
there were no cache. `--no-cache` turns it off with the grammar cache;
FICLINT_RUN_CACHE=off turns off this one alone (the test suite does, but for its own
tests: its tests change ficlint's code in the running process, which no key can see).

The records live beside the grammar cache, in its folder's runs/ (see
ficlint.cache_folder), one JSON file a run, the newest KEEP of them; `ficlint cache clear`
deletes them with it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ficlint import data
from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from ficlint.engine import RunResult

if TYPE_CHECKING:
    from ficlint.config import Settings
    from ficlint.document import Document

SCHEMA = 1
KEEP = 32  # records kept: the runs of a few manuscripts and configs
# Packages whose word lists, rules or tables shape the findings.
_PACKAGES = (
    "harper-py",
    "lemminflect",
    "pyspellchecker",
    "wordfreq",
    "breame",
    "rapidfuzz",
    "markdown-it-py",
    "mdit-py-plugins",
    "charset-normalizer",
)


def run_key(settings: Settings, documents: list[Document], context: list[Document]) -> str | None:
    """The key of a run over these documents with these settings; None when the run must
    not be kept (no cache, or a LanguageTool server may answer)."""
    if not settings.cache or settings.lt_server or settings.lt_public_api:
        return None
    if os.environ.get("FICLINT_RUN_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    if settings.grammar == "languagetool":
        return None
    h = hashlib.sha256()
    h.update(f"schema {SCHEMA}\0{_code_fingerprint()}\0".encode())
    h.update(_canonical(settings).encode())
    for role, docs in (("checked", documents), ("context", context)):
        for doc in docs:
            h.update(f"\0{role}\0{doc.display_path}\0{doc.order!r}\0".encode())
            h.update(hashlib.sha256(doc.raw).digest())
    return h.hexdigest()


def load(key: str, documents: list[Document], folder: Path) -> RunResult | None:
    """The run kept under `key`, or None (no record, or one that does not hold up)."""
    try:
        record = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return _read(record, key, documents)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def store(key: str, run: RunResult, documents: list[Document], folder: Path) -> None:
    """Keep `run` under `key` (written atomically); a cache that cannot be written is no
    cache, never an error."""
    index = {id(doc): i for i, doc in enumerate(documents)}
    record = {
        "schema": SCHEMA,
        "key": key,
        "documents": [hashlib.sha256(doc.raw).hexdigest() for doc in documents],
        "grammar_engine": run.grammar_engine,
        "grammar_server": run.grammar_server,
        "notices": list(run.notices),
        "diagnostics": [_write_diagnostic(d, index) for d in run.diagnostics],
    }
    with contextlib.suppress(OSError, KeyError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".run-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(tmp, folder / f"{key}.json")
        _prune(folder)


def _write_diagnostic(d: Diagnostic, index: dict[int, int]) -> list:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability.value, [[e.start, e.end, e.replacement] for e in d.fix.edits]]
    document = index[id(d.document)]
    return [document, d.start, d.end, d.code, d.name, d.message, d.severity.value, fix, d.source]


def _read(record: dict, key: str, documents: list[Document]) -> RunResult | None:
    if record["schema"] != SCHEMA or record["key"] != key:
        return None
    if record["documents"] != [hashlib.sha256(doc.raw).hexdigest() for doc in documents]:
        return None
    diagnostics = [_read_diagnostic(row, documents) for row in record["diagnostics"]]
    if any(d is None for d in diagnostics):
        return None
    engine, server = record["grammar_engine"], record["grammar_server"]
    notices = record["notices"]
    if not all(v is None or isinstance(v, str) for v in (engine, server)):
        return None
    if not (isinstance(notices, list) and all(isinstance(n, str) for n in notices)):
        return None
    return RunResult(diagnostics, engine, server, tuple(notices))  # type: ignore[arg-type]


def _read_diagnostic(row: list, documents: list[Document]) -> Diagnostic | None:
    doc_index, start, end, code, name, message, severity, fix, source = row
    if not (isinstance(doc_index, int) and 0 <= doc_index < len(documents)):
        return None
    document = documents[doc_index]
    if not _span(start, end, len(document.text)):
        return None
    if not all(isinstance(v, str) for v in (code, name, message, source)):
        return None
    return Diagnostic(
        document=document,
        start=start,
        end=end,
        code=code,
        name=name,
        message=message,
        severity=Severity(severity),
        fix=None if fix is None else _read_fix(fix, len(document.text)),
        source=source,
    )


def _read_fix(fix: list, length: int) -> Fix:
    applicability, edits = fix
    out = []
    for start, end, replacement in edits:
        if not (_span(start, end, length) and isinstance(replacement, str)):
            raise ValueError("an edit outside its document")
        out.append(Edit(start, end, replacement))
    return Fix(tuple(out), Applicability(applicability))


def _span(start: Any, end: Any, length: int) -> bool:
    return (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and 0 <= start <= end <= length
    )


def clear(folder: Path) -> int:
    """Delete every kept run; how many there were."""
    removed = 0
    for path in folder.glob("*.json"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def _prune(folder: Path) -> None:
    records = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in records[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _canonical(settings: Settings) -> str:
    """The settings as JSON with sets in order (a set's order changes between runs)."""

    def plain(value: Any) -> Any:
        if isinstance(value, (set, frozenset)):
            return sorted(plain(v) for v in value)
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, Path):
            return str(value)
        return value

    return json.dumps(
        {f.name: plain(getattr(settings, f.name)) for f in dataclasses.fields(settings)},
        sort_keys=True,
        default=str,
    )


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """ficlint's own code and word lists (their bytes) and the versions of the packages
    whose words and rules it reads: a new ficlint, or an edited word list, is a new run."""
    from importlib import metadata  # lazy for start-up time: it imports email (60 ms)

    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for folder, pattern in ((package, "**/*.py"), (data._data_dir(), "*.yaml")):
        for path in sorted(folder.glob(pattern)):
            h.update(f"{path.relative_to(folder)}\0".encode())
            h.update(path.read_bytes())
    for name in _PACKAGES:
        try:
            h.update(f"{name} {metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} none\0".encode())
    return h.hexdigest()
