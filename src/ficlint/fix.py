"""Applying fixes: choose edits that do not overlap, splice them in, check again, repeat; then
write each changed file back atomically, byte for byte outside the edited spans.

The model is ruff's: a finding's fix is a set of edits on source spans, graded safe or unsafe.
A pass applies every fix of the allowed grade whose edits touch no edit already taken; the rest
wait for the next pass, which sees the text as the first pass left it.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import glob
import itertools
import os
import re
import stat
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ficlint.diagnostic import Applicability, Diagnostic, Edit
from ficlint.document import PLACEHOLDER, Document
from ficlint.errors import FiclintError

MAX_PASSES = 12

# Characters that are Markdown markup when they sit between prose characters: a fix that would
# remove one of them (an edit spanning `*“Go”*`) is not applied; the finding stays reported.
_MARKUP = frozenset("*_`[]()<>#\\~|!" + PLACEHOLDER)

_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_PATCH_LINE = re.compile(r"[^\n]*\n|[^\n]+")

_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


class FixWriteError(FiclintError):
    """A fixed file could not be written; the original is left as it was."""


@dataclass
class FixOutcome:
    """What the passes did: the fixed documents (same order as given), the fixes applied per
    document and rule, and the findings that remain in the fixed text."""

    documents: list[Document]
    originals: list[Document] = field(default_factory=list)
    applied: list[Counter] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    passes: int = 0
    converged: bool = True
    found: int = 0  # findings of the first check whose fixes apply: what the report called fixable

    @property
    def fixed(self) -> int:
        return sum(sum(c.values()) for c in self.applied)

    def changed(self) -> list[tuple[Document, Document]]:
        """(original, fixed) for every document whose text the fixes changed."""
        return [
            (orig, new)
            for orig, new in zip(self.originals, self.documents, strict=True)
            if orig.text != new.text
        ]


def applies(diag: Diagnostic, unsafe: bool, suggestions: bool = False) -> bool:
    """Whether `--fix` (with `--unsafe-fixes` when `unsafe`, `--apply-suggestions` when
    `suggestions`) would apply this finding's fix."""
    if diag.fix is None or not diag.fix.edits:
        return False
    if diag.fix.applicability is Applicability.SUGGESTION:
        return suggestions
    return unsafe or diag.fix.applicability is Applicability.SAFE


def writable(doc: Document, edit: Edit) -> bool:
    """An edit that keeps the document's structure: it does not split a CRLF, and in Markdown
    it removes no markup and does not follow a backslash escape."""
    text = doc.text
    if not (0 <= edit.start <= edit.end <= len(text)):
        return False
    for at in (edit.start, edit.end):
        if 0 < at < len(text) and text[at - 1] == "\r" and text[at] == "\n":
            return False
    if doc.kind == "markdown":
        # A whole backslash escape (`\"`) is text, not markup: replacing it is fine. So is
        # a `!` that opens no image (`No!!!` → `No!`).
        removed = _markup(
            _ESCAPE.sub("", text[edit.start : edit.end]), text[edit.end : edit.end + 1]
        )
        if removed and removed != _markup(edit.replacement, text[edit.end : edit.end + 1]):
            return False
        if edit.start > 0 and text[edit.start - 1] == "\\":
            return False
    return True


def _markup(span: str, after: str) -> list[str]:
    """The Markdown markup characters of `span` (followed in the text by `after`), sorted."""
    return sorted(
        ch
        for i, ch in enumerate(span)
        if ch in _MARKUP and (ch != "!" or (span[i + 1 : i + 2] or after) == "[")
    )


def choose(
    diagnostics: list[Diagnostic], unsafe: bool, suggestions: bool = False
) -> dict[int, list[Diagnostic]]:
    """The findings whose fixes one pass applies, per document id: in source order, a fix is
    taken when none of its edits overlaps (or inserts at the edge of) an edit already taken."""
    chosen: dict[int, list[Diagnostic]] = {}
    taken: dict[int, list[Edit]] = {}
    candidates = [d for d in diagnostics if applies(d, unsafe, suggestions)]
    candidates.sort(key=lambda d: (min(e.start for e in d.fix.edits), d.code))
    for diag in candidates:
        doc = diag.document
        edits = diag.fix.edits
        if not all(writable(doc, e) for e in edits):
            continue
        if _overlaps(edits):
            continue
        held = taken.setdefault(id(doc), [])
        if any(_clash(e, other) for e in edits for other in held):
            continue
        held.extend(edits)
        chosen.setdefault(id(doc), []).append(diag)
    return chosen


def _clash(a: Edit, b: Edit) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    # Two edits meeting at one point: an insertion there could land on either side.
    return (a.start == a.end or b.start == b.end) and (a.start == b.end or b.start == a.end)


def _overlaps(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(x.end > y.start for x, y in itertools.pairwise(ordered))


def splice(text: str, edits: list[Edit]) -> str:
    """`text` with the (non-overlapping) edits applied."""
    out, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[cursor : edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def fix_documents(
    documents: list[Document],
    check: Callable[[list[Document]], list[Diagnostic]],
    unsafe: bool = False,
    suggestions: bool = False,
) -> FixOutcome:
    """Check, apply the chosen fixes, and check again until a pass changes nothing (at most
    MAX_PASSES). `check` runs the selected rules over the given documents (and whatever
    context the caller keeps) and returns the findings."""
    outcome = FixOutcome(documents=list(documents), originals=list(documents))
    outcome.applied = [Counter() for _ in documents]
    seen = [{doc.text} for doc in documents]
    placed: dict[int, dict[str, list]] = {}  # the last pass's edits: doc -> code -> sorted spans
    diagnostics = check(outcome.documents)
    outcome.found = sum(1 for d in diagnostics if applies(d, unsafe, suggestions))
    for _ in range(MAX_PASSES):
        candidates = [d for d in diagnostics if not _fixes_nothing(d, placed)]
        if len(candidates) != len(diagnostics):
            outcome.converged = False
        chosen = choose(candidates, unsafe, suggestions)
        if not chosen:
            break
        outcome.passes += 1
        changed = False
        placed = {}
        for i, doc in enumerate(outcome.documents):
            picked = chosen.get(id(doc))
            if not picked:
                continue
            text = splice(doc.text, [e for d in picked for e in d.fix.edits])
            if text == doc.text:
                continue
            if text in seen[i]:
                # Two fixes undoing each other: stop rather than go round for ever.
                outcome.converged = False
                continue
            seen[i].add(text)
            outcome.applied[i].update(d.code for d in picked)
            outcome.documents[i] = _replaced(doc, text)
            placed[id(outcome.documents[i])] = _placed(picked)
            changed = True
        if not changed:
            break
        diagnostics = check(outcome.documents)
    else:
        outcome.converged = not choose(diagnostics, unsafe, suggestions)
    outcome.remaining = diagnostics
    return outcome


def _placed(picked: list[Diagnostic]) -> dict[str, list[tuple[int, int, str]]]:
    """Where each applied edit's text sits in the fixed document, per rule code: sorted
    (start, end, text) spans, which do not overlap (one pass's edits never do)."""
    edits = sorted(((e, d.code) for d in picked for e in d.fix.edits), key=lambda x: x[0].start)
    out: dict[str, list[tuple[int, int, str]]] = {}
    shift = 0
    for e, code in edits:
        start = e.start + shift
        out.setdefault(code, []).append((start, start + len(e.replacement), e.replacement))
        shift += len(e.replacement) - (e.end - e.start)
    return out


def _fixes_nothing(diag: Diagnostic, placed: dict[int, dict[str, list]]) -> bool:
    """Whether this fix would write again, right beside it, what the same rule wrote in the
    last pass: a fix that did not fix its finding (a closing mark put where it closes nothing
    was added once a pass, `’’’’’’’’’’’’`). Removals are never this: text that shrinks ends.
    The spans are found by bisection: a pass may have placed tens of thousands."""
    if diag.fix is None:
        return False
    spans = placed.get(id(diag.document), {}).get(diag.code)
    if not spans:
        return False
    for e in diag.fix.edits:
        if not e.replacement:
            continue
        # Spans are sorted and disjoint: those touching [e.start, e.end] end the run of
        # spans starting at or before e.end.
        i = bisect_right(spans, (e.end, float("inf"))) - 1
        while i >= 0 and spans[i][1] >= e.start:
            if spans[i][2] == e.replacement:
                return True
            i -= 1
    return False


def _replaced(doc: Document, text: str) -> Document:
    new = Document(
        text,
        doc.display_path,
        kind=doc.kind,
        encoding=doc.encoding,
        bom=doc.bom,
        raw=doc.raw,
        path=doc.path,
    )
    new.order = doc.order
    return new


def encode(doc: Document, text: str) -> bytes:
    """`text` in the document's encoding, with its byte-order mark if it had one."""
    try:
        body = text.encode(doc.encoding)
    except UnicodeEncodeError as exc:
        raise FixWriteError(
            f"{doc.display_path}: the fix needs {text[exc.start : exc.end]!r}, which "
            f"{doc.encoding} cannot hold; not changed (save the file as UTF-8 to fix it)"
        ) from None
    except LookupError:
        raise FixWriteError(
            f"{doc.display_path}: cannot write {doc.encoding}; not changed"
        ) from None
    return (_BOMS.get(doc.encoding, b"") if doc.bom else b"") + body


def check_round_trip(doc: Document) -> None:
    """Refuse to write a file that its encoding would not give back byte for byte."""
    if doc.raw is not None and encode(doc, doc.text) != doc.raw:
        raise FixWriteError(
            f"{doc.display_path}: reading it as {doc.encoding} and writing it back would "
            "change bytes outside the fixes; not changed (save it as UTF-8 to fix it)"
        )


def write_atomic(path: Path, data: bytes, expected: bytes | None) -> None:
    """Replace the file at `path` with `data` without losing anybody's words.

    - Atomic: a temporary file in the same folder, flushed to disk, renamed over the
      original; a crash leaves the old file or the new one, never half of one.
    - Only over what was read: nothing is written if the file no longer holds `expected`,
      checked once under the lock and again right before the rename, so an editor's save that
      lands while the new text is flushed is kept (the window left is the rename itself).
    - One ficlint at a time: an advisory lock on the file (shared with every ficlint process)
      makes two concurrent `--fix` runs take turns; the second then sees the first one's
      change and writes nothing.
    - The file stays the same file: permission bits, owner and group are kept; a file with
      other hard links is not replaced (the rename would split them)."""
    target = Path(os.path.realpath(path))
    try:
        handle = open(target, "rb")  # noqa: SIM115 - held open for the lock
    except OSError as exc:
        raise FixWriteError(f"{path}: cannot read it again: {exc.strerror or exc}") from None
    with handle:
        _lock(handle, path)
        before = _unchanged(target, path, expected)
        if before.st_nlink > 1:
            raise FixWriteError(
                f"{path}: has {before.st_nlink} hard links, and replacing it would split "
                "them; not changed"
            )
        if not before.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise FixWriteError(f"{path}: the file is read-only; not changed")
        _remove_stale_temporaries(target)

        def still_unchanged() -> None:
            now = _unchanged(target, path, expected)
            if (now.st_mtime_ns, now.st_size, now.st_ino) != (
                before.st_mtime_ns,
                before.st_size,
                before.st_ino,
            ):
                raise FixWriteError(_CHANGED.format(path=path))

        try:
            replace_file(target, data, before, still_unchanged)
        except OSError as exc:
            raise FixWriteError(
                f"{path}: could not write the fixed file ({exc.strerror or exc}); "
                "the original is unchanged"
            ) from None


_CHANGED = "{path}: changed on disk while ficlint was fixing it; not overwritten (run again)"
_LOCK_WAIT = 30.0  # seconds to wait for another ficlint's lock on the same file


def _lock(handle, path: Path) -> None:
    """Take the advisory lock every ficlint takes before it replaces a file (POSIX flock;
    where there is none, as on Windows, the byte checks alone guard the file)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise FixWriteError(
                    f"{path}: another ficlint has been fixing it for {_LOCK_WAIT:.0f} s; "
                    "not changed"
                ) from None
            time.sleep(0.05)
        except OSError:
            return  # a file system without locks: the byte checks still guard the file


def _unchanged(target: Path, path: Path, expected: bytes | None) -> os.stat_result:
    """The file's status, if it still holds `expected` (else FixWriteError)."""
    try:
        st = target.stat()
        current = target.read_bytes()
    except OSError as exc:
        raise FixWriteError(f"{path}: cannot read it again: {exc.strerror or exc}") from None
    if expected is not None and current != expected:
        raise FixWriteError(_CHANGED.format(path=path))
    return st


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files a killed ficlint left beside `target`. Only the holder of the file's
    lock writes them, and that is this process now."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


_TMP_SUFFIX = ".ficlint-tmp"


def replace_file(
    target: Path,
    data: bytes,
    like: os.stat_result | None = None,
    before_rename: Callable[[], None] | None = None,
) -> None:
    """Write `data` to a temporary file beside `target`, flush it to disk, give it the mode,
    owner and group of `like` (else the mode a new file gets), call `before_rename`, and
    rename it over `target`: a crash leaves the old file or the new one, never half of one.
    Raises OSError (or what `before_rename` raises); the temporary file never outlives a
    failure."""
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=_TMP_SUFFIX
        )
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
            if like is not None:
                _same_owner(tmp.fileno(), like)
        os.chmod(tmp_name, stat.S_IMODE(like.st_mode) if like is not None else _new_file_mode())
        if before_rename is not None:
            before_rename()
        os.replace(tmp_name, target)
        tmp_name = None
        _sync_folder(target.parent)
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _same_owner(fd: int, like: os.stat_result) -> None:
    """Give the new file the old one's owner and group (root fixing a writer's file must not
    hand it to root). Without the right to, a file we own already has our owner; a group we
    cannot set is left as the folder gives it."""
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows
        return
    st = os.fstat(fd)
    if (st.st_uid, st.st_gid) == (like.st_uid, like.st_gid):
        return
    try:
        os.fchown(fd, like.st_uid, like.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, like.st_gid)


def _new_file_mode() -> int:
    """The mode a file created now gets (0o666 less the umask), not mkstemp's 0o600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unified_diff(original: Document, fixed: Document) -> str:
    """The change as a unified diff (what `--diff` prints)."""
    name = original.display_path
    lines = difflib.unified_diff(
        _patch_lines(original.text),
        _patch_lines(fixed.text),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _patch_lines(text: str) -> list[str]:
    """Lines as patch and git apply count them: ended by LF alone (a lone CR stays inside its
    line), so that the printed diff applies to the file's exact bytes."""
    return _PATCH_LINE.findall(text)
