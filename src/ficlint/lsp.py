"""ficlint as a language server (`ficlint server`): findings as the writer types, fixes as
code actions, in any editor that speaks the Language Server Protocol.

Each open document is checked as `ficlint check` checks a file: with the settings of the
nearest config, against the rest of the manuscript its `files` name (the open editors' texts
win over what is on disk), reporting only in the document itself. A check runs when a
document opens or is saved, and 0.3 s after the last change while the writer types. In a
novel-length text an edit is first checked quickly, its paragraphs only, against the facts of
the last full check (ficlint.recheck), and fully once the writer pauses. Checks run
off the event loop, so the server keeps answering meanwhile: a small chapter beside a novel,
and a newer text of a document in place of the older one (see lsp_checks). Standard input is
read by lsp_io, which survives any bytes a client sends.

pygls and lsprotocol are imported here (and in lsp_io) and nowhere else: `ficlint check` never
pays for them. The checking layers are imported inside the functions that use them, so that
the server answers `initialize` before it has loaded the rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import pickle
import sys
import traceback
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ficlint import __version__, config_edit
from ficlint.config import Settings, find_config, load_settings
from ficlint.diagnostic import Applicability, Diagnostic, Edit, Severity
from ficlint.document import LINE_BREAK, MARKDOWN_SUFFIXES, Document, line_starts
from ficlint.engine import run
from ficlint.errors import ConfigError, FiclintError, InputError
from ficlint.fix import choose, writable
from ficlint.lsp_checks import Cancelled, CheckCrashed, Checks
from ficlint.lsp_io import note, serve_messages
from ficlint.manuscript import Manuscript
from ficlint.recheck import Previous
from ficlint.registry import all_rules, get_rule, is_grammar_code, validate_selectors
from ficlint.run import lint_manuscript, recheck_text

logger = logging.getLogger(__name__)

DEBOUNCE = 0.3  # seconds after the last change before a novel-length text is checked again
# A text this long (about 3,500 words) is checked again after an edit by its edited
# paragraphs first (ficlint.recheck: a few hundredths of a second, where a full check takes
# a tenth of a second on a chapter and seconds on War and Peace), QUICK_DEBOUNCE after the
# last change at most (a chapter: its own debounce); the full check follows once the writer
# has paused for EXACT_AFTER more.
QUICK_FROM = 20_000
QUICK_DEBOUNCE = 0.1
EXACT_AFTER = 2.0


def debounce(length: int) -> float:
    """Seconds to wait after a change before checking a text of `length` characters again:
    as long as its check takes, about. A chapter is checked in a few hundredths of a second
    and a newer check kills an older one, so a short wait shows the findings as the writer
    pauses (0.03 s for a 5,000-word chapter: keystrokes come a tenth of a second apart or
    more, and the wait joins those that come at once, a paste or an editor's own changes);
    a novel waits DEBOUNCE, not to start a five-second check at every keystroke."""
    return min(DEBOUNCE, 0.02 + length / 2_000_000)


FIX_ALL_TITLE = "Fix all safe problems (ficlint)"
# "Ignore D001 here": a quick fix of its own kind, so that a client asking for quick fixes
# gets it, and one asking for fixes of the text itself can leave it out.
IGNORE_KIND = f"{types.CodeActionKind.QuickFix.value}.ficlint.ignore"
ADD_WORD_KIND = f"{types.CodeActionKind.QuickFix.value}.ficlint.addWord"
ADD_WORD = "ficlint.addWord"  # the command: [document uri, word]

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Lines:
    """Source offsets (code points) <-> LSP positions (0-based line, character in the
    negotiated code units: UTF-16 unless the client chose UTF-8 or UTF-32)."""

    def __init__(
        self, text: str, encoding: str | None = None, starts: Sequence[int] | None = None
    ) -> None:
        self.text = text
        # The checked document's, when given: a novel's are 30 ms to find again.
        self.starts = line_starts(text) if starts is None else starts
        self.units = _unit_counter(encoding)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=self.units(self.text[start:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else None
        line = LINE_BREAK.sub("", self.text[start:end])
        counted = 0
        for i, ch in enumerate(line):
            if counted >= position.character:
                return start + i
            counted += self.units(ch)
        return start + len(line)


def _unit_counter(encoding: str | None) -> Callable[[str], int]:
    if encoding == types.PositionEncodingKind.Utf32:
        return len
    if encoding == types.PositionEncodingKind.Utf8:
        return lambda s: len(s.encode("utf-8", "surrogatepass"))
    return lambda s: len(s.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True)
class Snapshot:
    """What one check needs, copied on the event loop so the worker thread shares nothing."""

    uri: str
    version: int | None
    text: str
    path: Path | None
    language_id: str | None
    root: Path | None  # the workspace root: where to look for a config for an unsaved buffer
    open_texts: dict[Path, str] = field(default_factory=dict)  # other open documents


@dataclass
class Result:
    """One check of one document: the text checked, and ficlint's findings in it."""

    text: str
    version: int | None
    document: Document
    diagnostics: list[Diagnostic]
    config: Path | None
    # The manuscript facts of the last full check of the document (Manuscript.facts), which
    # a quick check of an edit reuses; a quick check's result carries them on.
    facts: dict = field(default_factory=dict)


def _read(snapshot: Snapshot) -> tuple[Document, Settings, Path | None]:
    """The snapshot as a Document, with the settings of its config. Raises FiclintError for a
    broken config or a text ficlint cannot check."""
    if "\x00" in snapshot.text[:65536]:
        raise InputError("binary file, not text (it contains NUL bytes)")
    start = snapshot.path or snapshot.root or Path.cwd()
    config = find_config(start)
    settings = load_settings(config, validate_selectors)
    document = Document(
        snapshot.text,
        _display_path(snapshot, settings.root),
        kind=_kind(snapshot),
        path=snapshot.path,
    )
    return document, settings, config


def lint(snapshot: Snapshot) -> Result:
    """Check one document's text (on the worker thread). Raises FiclintError for a broken
    config or a text ficlint cannot check."""
    document, settings, config = _read(snapshot)
    diagnostics, facts = lint_manuscript([document], settings, snapshot.open_texts)
    return Result(snapshot.text, snapshot.version, document, diagnostics, config, facts)


class _Pickler(pickle.Pickler):
    """Pickles a check's findings without the checked document (the server has its text)."""

    def __init__(self, file, document: Document) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.document = document

    def persistent_id(self, obj):
        return "checked" if obj is self.document else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, document: Document) -> None:
        super().__init__(file)
        self.document = document

    def persistent_load(self, pid):
        if pid != "checked":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.document


def lint_to_bytes(snapshot: Snapshot) -> bytes:
    """lint(), its Result as bytes (in the child process that checks)."""
    return _to_bytes(lint(snapshot))


def _to_bytes(result: Result) -> bytes:
    doc = result.document
    out = io.BytesIO()
    _Pickler(out, doc).dump((result.diagnostics, result.config, result.facts))
    return pickle.dumps((doc.display_path, doc.kind, out.getvalue()))


def result_from_bytes(snapshot: Snapshot, data: bytes) -> Result:
    """The Result lint_to_bytes sent, about a Document of the snapshot's text."""
    display_path, kind, findings = pickle.loads(data)
    document = Document(snapshot.text, display_path, kind=kind, path=snapshot.path)
    diagnostics, config, facts = _Unpickler(io.BytesIO(findings), document).load()
    return Result(snapshot.text, snapshot.version, document, diagnostics, config, facts)


def recheck_to_bytes(snapshot: Snapshot, previous: Result) -> bytes:
    """The Result of a quick check of an edit (ficlint.recheck) from the `previous` check of
    the document, as bytes; empty when the edit needs a full check. Its facts are left out:
    they are the previous result's, which the server holds."""

    document, settings, config = _read(snapshot)
    found = recheck_text(
        document, Previous(previous.text, previous.diagnostics, previous.facts), settings
    )
    if found is None:
        return b""
    return _to_bytes(Result(snapshot.text, snapshot.version, document, found, config))


def rechecked_from_bytes(snapshot: Snapshot, previous: Result, data: bytes) -> Result | None:
    """The Result recheck_to_bytes sent (None: check it fully), with the previous facts."""
    if not data:
        return None
    result = result_from_bytes(snapshot, data)
    result.facts = previous.facts
    return result


def _kind(snapshot: Snapshot) -> str:
    if snapshot.language_id == "markdown":
        return "markdown"
    if snapshot.language_id == "plaintext":
        return "text"
    name = snapshot.path.name if snapshot.path else snapshot.uri
    return "markdown" if name.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def _display_path(snapshot: Snapshot, root: Path) -> str:
    if snapshot.path is None:
        return snapshot.uri
    try:
        return snapshot.path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return str(snapshot.path)


class FiclintServer(LanguageServer):
    """The server's state: the last check of each open document, pending checks, and where
    checks run."""

    def __init__(self) -> None:
        # Full sync: the editor sends the whole text, so ficlint checks exactly what the
        # writer sees (pygls' incremental sync splits lines as str.splitlines does).
        super().__init__(
            "ficlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.results: dict[str, Result] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.shown: dict[str, str] = {}  # uri -> the problem the writer was last shown
        self.checks = Checks()
        self.warm: asyncio.Future | None = None  # the word lists loading, before any check

    # -- checking -------------------------------------------------------------------------

    def is_open(self, uri: str) -> bool:
        # pygls keeps open documents under their percent-decoded URIs (chapter%201.md as
        # `chapter 1.md`), and get_text_document() of any other reads the disk.
        return unquote(uri) in self.workspace.text_documents

    def snapshot(self, uri: str) -> Snapshot | None:
        if not self.is_open(uri):
            return None
        doc = self.workspace.get_text_document(uri)
        path = _fs_path(uri)
        open_texts = {}
        for other in self.workspace.text_documents.values():
            other_path = _fs_path(other.uri)
            if other.uri != uri and other_path is not None:
                with contextlib.suppress(OSError, ValueError):
                    open_texts[other_path.resolve()] = other.source
        root = _fs_path(self.workspace.root_uri) if self.workspace.root_uri else None
        return Snapshot(uri, doc.version, doc.source, path, doc.language_id, root, open_texts)

    def schedule(self, uri: str, delay: float = 0.0, quick: bool = False) -> None:
        """Check `uri` after `delay` seconds, in place of any check waiting or running for
        it (the text it checks is out of date); with `quick`, the edited paragraphs first
        (see recheck_now), and the whole text EXACT_AFTER seconds later."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.checks.cancel(uri)
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay, quick))

    async def _check(self, uri: str, delay: float, quick: bool = False) -> None:
        task = asyncio.current_task()
        try:
            if delay:
                await asyncio.sleep(delay)
            if quick and await self.recheck_now(uri) is not None:
                await asyncio.sleep(EXACT_AFTER)
            await self.check_now(uri)
        except Cancelled:
            pass  # a newer check of the document took its place
        finally:
            if self.pending.get(uri) is task:
                del self.pending[uri]

    async def check_now(self, uri: str) -> Result | None:
        """Check the document's current text and publish the findings; None when it could
        not be checked (the writer is told why, once). Raises Cancelled when a newer check
        of the document took its place."""
        snapshot = self.snapshot(uri)
        if snapshot is None:
            return None
        if self.warm is not None:
            with contextlib.suppress(Exception):  # a failure shows up again in the check
                await asyncio.shield(self.warm)
        try:
            result = await self.checks.run(
                uri,
                len(snapshot.text),
                partial(lint_to_bytes, snapshot),
                partial(result_from_bytes, snapshot),
            )
        except Cancelled:
            raise
        except FiclintError as exc:
            self.results.pop(uri, None)
            # A config error names its file; a text ficlint cannot check, the document.
            where = "" if isinstance(exc, ConfigError) else f"{_name(snapshot)}: "
            self.problem(uri, f"ficlint: {where}{exc}", types.MessageType.Error)
            self.publish(uri, [], snapshot.version)
            return None
        except Exception as exc:  # a bug: say so, keep serving
            self.results.pop(uri, None)
            details = exc.details if isinstance(exc, CheckCrashed) else traceback.format_exc()
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error,
                    message=f"ficlint failed on {uri}:\n{details}",
                )
            )
            self.problem(
                uri,
                f"ficlint: {_name(snapshot)}: internal error ({type(exc).__name__}: {exc}); "
                "see the ficlint log",
                types.MessageType.Error,
            )
            self.publish(uri, [], snapshot.version)
            return None
        if not self.is_open(uri):
            return None  # closed meanwhile
        self.shown.pop(uri, None)
        self.show(uri, result)
        return result

    async def recheck_now(self, uri: str) -> Result | None:
        """Check the edited paragraphs of the document from its last check and publish the
        findings (ficlint.recheck); None, publishing nothing, when the edit needs a full
        check or the quick check failed (the full check then says why). Raises Cancelled as
        check_now does."""
        snapshot = self.snapshot(uri)
        previous = self.results.get(uri)
        if snapshot is None or previous is None or not previous.facts:
            return None
        try:
            result = await self.checks.run(
                uri,
                0,  # a few paragraphs: the short lane, beside any novel's full check
                partial(recheck_to_bytes, snapshot, previous),
                partial(rechecked_from_bytes, snapshot, previous),
            )
        except Cancelled:
            raise
        except Exception:  # the full check that follows reports it
            logger.exception("quick check of %s failed", uri)
            return None
        if result is None or not self.is_open(uri):
            return None
        self.show(uri, result)
        return result

    def show(self, uri: str, result: Result) -> None:
        """Keep `result` as the document's last check and publish its findings."""
        self.results[uri] = result
        lines = Lines(result.text, self.workspace.position_encoding, result.document.line_index)
        self.publish(uri, [to_lsp(d, lines) for d in result.diagnostics], result.version)

    async def current(self, uri: str) -> Result | None:
        """The findings for the document's text as the editor holds it now."""
        if not self.is_open(uri):
            return None
        doc = self.workspace.get_text_document(uri)
        result = self.results.get(uri)
        if result is not None and result.text == doc.source:
            result.version = doc.version  # the same text again (an undo): still current
            return result
        while True:
            try:
                return await self.check_now(uri)
            except Cancelled:  # the text changed meanwhile: check the newer one
                if not self.is_open(uri):
                    return None

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def problem(self, uri: str, message: str, level: types.MessageType) -> None:
        """Log a problem every time; show it to the writer only while it is new (one broken
        config, many open chapters: one message)."""
        self.window_log_message(types.LogMessageParams(type=level, message=message))
        if message not in self.shown.values():
            self.window_show_message(types.ShowMessageParams(type=level, message=message))
        self.shown[uri] = message

    # -- code actions ---------------------------------------------------------------------

    def code_actions(
        self, uri: str, result: Result, params: types.CodeActionParams
    ) -> list[types.CodeAction]:

        lines = Lines(result.text, self.workspace.position_encoding, result.document.line_index)
        start, end = lines.offset(params.range.start), lines.offset(params.range.end)
        only = params.context.only
        actions: list[types.CodeAction] = []
        doc = result.document
        if _wanted(types.CodeActionKind.QuickFix, only):
            for diag in result.diagnostics:
                fix = diag.fix
                if fix is None or not fix.edits or diag.end < start or diag.start > end:
                    continue
                if not all(writable(doc, e) for e in fix.edits):
                    continue
                safe = fix.applicability is Applicability.SAFE
                actions.append(
                    types.CodeAction(
                        title=f"Fix {diag.code}: {fix.describe(doc.text)} "
                        f"({fix.applicability.value})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[to_lsp(diag, lines)],
                        is_preferred=safe,
                        edit=self.workspace_edit(uri, result, fix.edits, lines),
                    )
                )
        if _wanted(ADD_WORD_KIND, only):
            actions.extend(_add_word_actions(uri, result, start, end, lines))
        if _wanted(IGNORE_KIND, only):
            actions.extend(self._ignore_actions(uri, result, start, end, lines))
        if _wanted(types.CodeActionKind.SourceFixAll, only):
            chosen = choose(result.diagnostics, unsafe=False).get(id(doc), [])
            if chosen:
                edits = [e for d in chosen for e in d.fix.edits]
                actions.append(
                    types.CodeAction(
                        title=FIX_ALL_TITLE,
                        kind=types.CodeActionKind.SourceFixAll,
                        diagnostics=[to_lsp(d, lines) for d in chosen],
                        edit=self.workspace_edit(uri, result, edits, lines),
                    )
                )
        return actions

    def _ignore_actions(
        self, uri: str, result: Result, start: int, end: int, lines: Lines
    ) -> list[types.CodeAction]:
        """`Ignore D001 here`: a suppression comment at the end of the finding's line, which
        silences that code on that line only (Markdown and plain text alike)."""
        doc = result.document
        actions: list[types.CodeAction] = []
        seen: set[tuple[str, int]] = set()
        for diag in result.diagnostics:
            if diag.end < start or diag.start > end:
                continue
            line, _ = doc.line_col(diag.start)
            if (diag.code, line) in seen:
                continue
            seen.add((diag.code, line))
            _, line_end = doc.line_span(line)
            comment = Edit(line_end, line_end, f" <!-- ficlint: ignore {diag.code} -->")
            actions.append(
                types.CodeAction(
                    title=f"Ignore {diag.code} here (ficlint)",
                    kind=IGNORE_KIND,
                    diagnostics=[to_lsp(diag, lines)],
                    edit=self.workspace_edit(uri, result, [comment], lines),
                )
            )
        return actions

    def hover(self, result: Result, offset: int) -> types.Hover | None:
        """The rule behind each finding under the cursor: what it flags, and a right example."""
        found = [d for d in result.diagnostics if d.start <= offset <= d.end]
        if not found:
            return None
        parts = [_explain(code) for code in dict.fromkeys(d.code for d in found)]
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            )
        )

    def workspace_edit(
        self, uri: str, result: Result, edits: Iterable[Edit], lines: Lines
    ) -> types.WorkspaceEdit:
        text_edits = [
            types.TextEdit(range=lines.range(e.start, e.end), new_text=e.replacement)
            for e in sorted(edits, key=lambda e: (e.start, e.end))
        ]
        capabilities = self.client_capabilities.workspace
        versioned = bool(
            capabilities
            and capabilities.workspace_edit
            and capabilities.workspace_edit.document_changes
        )
        if versioned and result.version is not None:
            # The version makes the editor refuse the edit if the text changed since.
            return types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=uri, version=result.version
                        ),
                        edits=text_edits,
                    )
                ]
            )
        return types.WorkspaceEdit(changes={uri: text_edits})


def _add_word_actions(
    uri: str, result: Result, start: int, end: int, lines: Lines
) -> list[types.CodeAction]:
    """`Add ‘Marucs’ to words`: for a word a grammar engine calls a misspelling, or C005 a
    typo of a name, the config's `words` learns it (the server writes the config)."""
    actions = []
    seen: set[str] = set()
    for diag in result.diagnostics:
        if diag.end < start or diag.start > end:
            continue
        if not (_misspelling(diag.code) or diag.code in ("C005", "C006")):
            continue
        word = result.document.text[diag.start : diag.end]
        if word in seen or not word or any(ch.isspace() for ch in word):
            continue
        seen.add(word)
        where = result.config.name if result.config else "ficlint.toml"
        actions.append(
            types.CodeAction(
                title=f"Add ‘{word}’ to words in {where} (ficlint)",
                kind=ADD_WORD_KIND,
                diagnostics=[to_lsp(diag, lines)],
                command=types.Command(
                    title=f"Add ‘{word}’ to words", command=ADD_WORD, arguments=[uri, word]
                ),
            )
        )
    return actions


def _misspelling(code: str) -> bool:
    """Whether a grammar engine's code names a misspelling: Harper's kind Spelling
    (G:harper:Spelling:SpellCheck), LanguageTool's spelling rules (G:languagetool:MORFOLOGIK_
    RULE_EN_US, HUNSPELL_RULE)."""
    parts = code.split(":")
    return parts[0] == "G" and any(
        part == "Spelling" or part.startswith(("MORFOLOGIK_RULE", "HUNSPELL")) for part in parts[2:]
    )


def _explain(code: str) -> str:
    """A rule's explanation for a hover, as `ficlint rule CODE` gives it, in Markdown."""
    if is_grammar_code(code):
        # The grammar layer is loaded only where a grammar engine is asked for.
        from ficlint.grammar import explain_code

        text = explain_code(code) or code
        return "\n".join(line.strip() for line in text.splitlines())
    rule = get_rule(code)
    docs = rule.docs()
    parts = [f"**{rule.code} {rule.name}**: {docs['summary']}"]
    if "Why" in docs:
        parts.append(docs["Why"])
    right = rule.examples("Right")
    if right:
        parts.append("Right:\n\n```text\n" + "\n".join(right[:2]) + "\n```")
    return "\n\n".join(parts)


def to_lsp(diag: Diagnostic, lines: Lines) -> types.Diagnostic:
    return types.Diagnostic(
        range=lines.range(diag.start, diag.end),
        message=diag.message,
        severity=_SEVERITY.get(diag.severity, types.DiagnosticSeverity.Warning),
        code=diag.code,
        source="ficlint",
    )


def _wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for actions of `kind` (kinds are dotted: "source" asks for
    "source.fixAll" too)."""
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") or k == "" for k in only)


def _fs_path(uri: str | None) -> Path | None:
    """The file a URI names; None for an unsaved buffer, and for a name no file can have
    (a NUL byte, a lone surrogate): the document is then checked as an unsaved buffer."""
    if not uri or not uri.startswith("file:"):
        return None
    try:
        path = to_fs_path(uri)
        if not path or b"\0" in os.fsencode(path):
            return None
    except ValueError:  # UnicodeEncodeError included
        return None
    return Path(path)


def _name(snapshot: Snapshot) -> str:
    return snapshot.path.name if snapshot.path else snapshot.uri


def _warm_up() -> None:
    """Load what a first check loads (word lists, the English dictionary, Harper's
    dictionary) once, before the first document arrives: every rule on every example its
    documentation gives. Checks run in processes forked from the server, so each starts with
    all of it loaded."""
    rules = all_rules()
    examples = [e for rule in rules for s in ("Wrong", "Right") for e in rule.examples(s)]
    run(
        Manuscript(
            [Document("\n\n".join(examples) + "\n", "warm-up.md")],
            Settings(grammar="off", select=tuple(rule.code for rule in rules)),
        )
    )
    with contextlib.suppress(ImportError):  # the grammar engine, if installed
        import harper  # noqa: F401

        # Harper's dictionary (0.7 s), its first lint and a Linter for each dialect, and
        # what the spelling filters read (see ficlint.grammar.excuses.SPELLING_EXCUSES,
        # 0.6 s): a forked check then takes its dialect's Linter and tells it the
        # manuscript's words. The grammar layer is loaded only where Harper is installed.
        from ficlint.grammar import warm_up as grammar_warm_up

        grammar_warm_up()


def create_server() -> FiclintServer:
    server = FiclintServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: FiclintServer, params: types.InitializedParams) -> None:
        ls.warm = asyncio.get_running_loop().run_in_executor(None, _warm_up)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: FiclintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: FiclintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        length = len(ls.workspace.get_text_document(uri).source)
        if length >= QUICK_FROM and uri in ls.results:
            ls.schedule(uri, min(QUICK_DEBOUNCE, debounce(length)), quick=True)
        else:
            ls.schedule(uri, debounce(length))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: FiclintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.schedule(uri)
        # The other open chapters of the same manuscript count this one's text towards
        # their majorities: check them again too (on save, not on every keystroke).
        config = ls.results[uri].config if uri in ls.results else None
        if config is not None:
            for other, result in list(ls.results.items()):
                if other != uri and result.config == config:
                    ls.schedule(other, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: FiclintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checks.cancel(uri)
        ls.results.pop(uri, None)
        ls.shown.pop(uri, None)
        ls.publish(uri, [], None)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[
                types.CodeActionKind.QuickFix,
                ADD_WORD_KIND,
                IGNORE_KIND,
                types.CodeActionKind.SourceFixAll,
            ]
        ),
    )
    async def code_action(
        ls: FiclintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        result = await ls.current(uri)
        if result is None:
            return None
        return ls.code_actions(uri, result, params)

    @server.command(ADD_WORD)
    async def add_word(ls: FiclintServer, uri: str, word: str) -> None:
        """Write `word` into the config's `words` (a new ficlint.toml where there is none, in
        the workspace's folder), then check every open document again."""

        path = _fs_path(uri)
        root = _fs_path(ls.workspace.root_uri) if ls.workspace.root_uri else None
        start = path or root or Path.cwd()
        config = find_config(start) or ((root or start.parent) / "ficlint.toml")
        try:
            config_edit.add_word(config, word)
        except FiclintError as exc:
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=str(exc))
            )
            return
        for doc in list(ls.workspace.text_documents.values()):
            ls.schedule(doc.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: FiclintServer, params: types.HoverParams) -> types.Hover | None:
        result = await ls.current(params.text_document.uri)
        if result is None:
            return None
        lines = Lines(result.text, ls.workspace.position_encoding, result.document.line_index)
        return ls.hover(result, lines.offset(params.position))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: FiclintServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.checks.close()

    return server


def serve() -> None:
    """Run the server on standard input and output until the editor ends it (or its input
    ends). In place of pygls' start_io: its reader hangs on a broken message (see lsp_io)."""
    from pygls.io_ import StdoutWriter

    server = create_server()
    writer = StdoutWriter(_protocol_stdout())
    server.protocol.set_writer(writer)
    try:
        asyncio.run(serve_messages(sys.stdin.buffer, writer, server.protocol))
    except BrokenPipeError:
        note("the editor closed the connection")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.checks.close()
        server.shutdown()


def _protocol_stdout():
    """Standard output for the protocol alone: anything else written to it (a stray print,
    a library's message) goes to standard error instead of corrupting the messages."""
    try:
        fd = os.dup(sys.stdout.fileno())
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        stream = os.fdopen(fd, "wb")
    except (OSError, ValueError, AttributeError):
        stream = sys.stdout.buffer
    sys.stdout = sys.stderr
    return stream
