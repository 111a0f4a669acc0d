"""`ficlint server`, driven as an editor drives it: the real server in a subprocess, over
stdio, by pytest-lsp's client. Findings arrive at the exact protocol positions (UTF-16 by
default, UTF-8 or UTF-32 when the client asks), a quick fix's edit removes its finding,
manuscript-wide rules see the chapters the config names (the open editors' texts winning
over the disk), and nothing a writer can do to it stops the server."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from ficlint import __version__

# Generous: the machine running the tests may be slow and busy.
TIMEOUT = 30.0

LATE = "😀 “You’re late.” Nell said."  # D001 wants `late,”`; the emoji is two UTF-16 units
LATE_FIXED = "😀 “You’re late,” Nell said."


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "ficlint", "server"],
    )
)
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def start(
    client: LanguageClient, root: Path, encodings: Sequence[str] | None = None
) -> types.InitializeResult:
    capabilities = client_capabilities("visual-studio-code")
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        )
    )


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    language = "markdown" if path.suffix == ".md" else "plaintext"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(
    client: LanguageClient,
    uri: str,
    until: Callable[[Sequence[types.Diagnostic]], bool] = lambda _: True,
) -> list[types.Diagnostic]:
    """The diagnostics published for `uri`, once they satisfy `until` (else fail after
    TIMEOUT). Clear client.diagnostics[uri] first to wait for a new publication."""

    async def poll() -> list[types.Diagnostic]:
        while True:
            got = client.diagnostics.get(uri)
            if got is not None and until(got):
                return list(got)
            await asyncio.sleep(0.02)

    try:
        return await asyncio.wait_for(poll(), TIMEOUT)
    except TimeoutError:
        pytest.fail(f"no diagnostics as expected for {uri}; last: {client.diagnostics.get(uri)}")


async def wait_for(condition: Callable[[], bool], what: str) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.02)

    try:
        await asyncio.wait_for(poll(), TIMEOUT)
    except TimeoutError:
        pytest.fail(f"timed out waiting for {what}")


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def offset(text: str, position: types.Position) -> int:
    """A UTF-16 protocol position as an index into `text` (lines end at LF, CRLF or a lone CR,
    as the protocol counts them)."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    start = starts[position.line]
    line = re.split(r"\r\n|\r|\n", text[start:], maxsplit=1)[0]
    units = 0
    for i, ch in enumerate(line):
        if units >= position.character:
            return start + i
        units += utf16(ch)
    return start + len(line)


def apply_edit(text: str, uri: str, edit: types.WorkspaceEdit) -> str:
    if edit.document_changes is not None:
        edits = [e for change in edit.document_changes for e in change.edits]
        assert all(change.text_document.uri == uri for change in edit.document_changes)
    else:
        edits = list(edit.changes[uri])
    spans = sorted(
        ((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


async def code_actions(
    client: LanguageClient,
    uri: str,
    at: types.Range,
    found: Sequence[types.Diagnostic],
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    result = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=at,
                context=types.CodeActionContext(diagnostics=list(found), only=only),
            )
        ),
        TIMEOUT,
    )
    return list(result or [])


@pytest.mark.asyncio
async def test_a_finding_at_its_utf16_range_fixed_by_its_quick_fix(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    text = f"# Chapter One\n\n{LATE}\n"
    uri = open_document(client, tmp_path / "chapter.md", text)

    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["D001"]
    diag = found[0]
    # The period (code point 14 on its line) is UTF-16 unit 15: the emoji counts two.
    assert diag.range == types.Range(
        start=types.Position(line=2, character=15), end=types.Position(line=2, character=27)
    )
    assert diag.range.start.character == utf16(LATE[: LATE.index(".”")])
    assert diag.severity == types.DiagnosticSeverity.Warning
    assert diag.source == "ficlint"
    assert "comma" in diag.message

    actions = await code_actions(client, uri, diag.range, found)
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["Fix D001: replace ‘.’ with ‘,’ (safe)"]
    assert quick[0].is_preferred is True
    assert [d.code for d in quick[0].diagnostics] == ["D001"]
    fix_all = [a for a in actions if a.kind == types.CodeActionKind.SourceFixAll]
    assert [a.title for a in fix_all] == ["Fix all safe problems (ficlint)"]

    fixed = apply_edit(text, uri, quick[0].edit)
    assert fixed == f"# Chapter One\n\n{LATE_FIXED}\n"
    assert apply_edit(text, uri, fix_all[0].edit) == fixed

    client.diagnostics.pop(uri)
    change_document(client, uri, fixed, version=2)
    assert await diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_fix_all_applies_every_safe_fix_that_does_not_overlap(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    text = f"{LATE}\n\nShe said said nothing.\n\n“Where are you?” Asked Tom.\n"
    uri = open_document(client, tmp_path / "notes.txt", text)
    found = await diagnostics(client, uri)
    assert sorted(d.code for d in found) == ["D001", "D002", "R001"]

    everywhere = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
    )
    actions = await code_actions(client, uri, everywhere, [], only=[types.CodeActionKind.Source])
    assert [a.title for a in actions] == ["Fix all safe problems (ficlint)"]
    fixed = apply_edit(text, uri, actions[0].edit)
    assert fixed == f"{LATE_FIXED}\n\nShe said nothing.\n\n“Where are you?” asked Tom.\n"

    client.diagnostics.pop(uri)
    change_document(client, uri, fixed, version=2)
    assert await diagnostics(client, uri) == []


@pytest.mark.asyncio
@pytest.mark.parametrize("ending", ["\r\r\n", "\r"])
async def test_fix_all_keeps_the_words_when_lines_end_in_carriage_returns(
    client: LanguageClient, tmp_path: Path, ending: str
) -> None:
    """A chapter whose lines end in a lone CR (or CR CR LF): the findings sit on the lines the
    editor shows, and "fix all" writes the commas where they belong, not into other words."""
    text = f"# The Keeper\n\nThe keeper’s door stood open.\n\n{LATE}\n".replace("\n", ending)
    await start(client, tmp_path)
    uri = open_document(client, tmp_path / "chapter.md", text)
    found = await diagnostics(client, uri)
    # CR CR LF is a lone CR and then a CRLF: two line breaks, as the editor shows them.
    line = {"\r\r\n": 8, "\r": 4}[ending]
    assert [(d.code, d.range.start.line) for d in found] == [("D001", line)]
    everywhere = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
    )
    actions = await code_actions(client, uri, everywhere, [], only=[types.CodeActionKind.Source])
    fixed = apply_edit(text, uri, actions[0].edit)
    assert fixed == text.replace(LATE, LATE_FIXED)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("encoding", "measure"),
    [
        (types.PositionEncodingKind.Utf8, lambda s: len(s.encode("utf-8"))),
        (types.PositionEncodingKind.Utf32, len),
    ],
)
async def test_positions_in_the_encoding_the_client_chose(
    client: LanguageClient, tmp_path: Path, encoding: str, measure: Callable[[str], int]
) -> None:
    result = await start(client, tmp_path, encodings=[encoding])
    assert result.capabilities.position_encoding == encoding
    uri = open_document(client, tmp_path / "chapter.md", f"{LATE}\n")
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["D001"]
    at = LATE.index(".”")
    assert found[0].range.start == types.Position(line=0, character=measure(LATE[:at]))
    assert found[0].range.end == types.Position(line=0, character=measure(LATE[: at + 12]))


@pytest.mark.asyncio
async def test_manuscript_rules_see_the_chapters_the_config_names(
    client: LanguageClient, tmp_path: Path
) -> None:
    """C002 needs the majority spelling from chapter one, which is only on disk; once the
    writer's open (unsaved) chapter one says "color", its text counts, not the disk's."""
    (tmp_path / "ficlint.toml").write_text('files = ["ch1.md", "ch2.md"]\n', encoding="utf-8")
    one = "# One\n\nThe colour of the sky. She liked the colour. A colour coat.\n\nIts colour faded.\n"
    two = "# Two\n\nThe color of the water was dark.\n"
    (tmp_path / "ch1.md").write_text(one, encoding="utf-8")
    (tmp_path / "ch2.md").write_text(two, encoding="utf-8")
    await start(client, tmp_path)

    uri = open_document(client, tmp_path / "ch2.md", two)
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["C002"]
    assert found[0].range == types.Range(
        start=types.Position(line=2, character=4), end=types.Position(line=2, character=9)
    )
    assert "ch1.md" in found[0].message

    actions = await code_actions(client, uri, found[0].range, found)
    assert [(a.title, a.is_preferred) for a in actions] == [
        ("Fix C002: replace ‘color’ with ‘colour’ (unsafe)", False),
        ("Ignore C002 here (ficlint)", None),
    ]
    assert apply_edit(two, uri, actions[0].edit) == two.replace("color", "colour")

    # Chapter one opened and rewritten in the editor (not saved to disk): on its save the
    # server checks chapter two again, against the editor's text.
    one_uri = open_document(client, tmp_path / "ch1.md", one.replace("colour", "color"))
    assert await diagnostics(client, one_uri) == []
    client.diagnostics.pop(uri)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=one_uri))
    )
    assert await diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_a_broken_config_or_unreadable_text_does_not_stop_the_server(
    client: LanguageClient, tmp_path: Path
) -> None:
    book = tmp_path / "book"
    book.mkdir()
    config = book / "ficlint.toml"
    config.write_text('qoutes = "curly"\n', encoding="utf-8")
    await start(client, tmp_path)

    uri = open_document(client, book / "chapter.md", f"{LATE}\n")
    assert await diagnostics(client, uri) == []
    await wait_for(lambda: client.messages, "window/showMessage")
    assert "unknown key 'qoutes'" in client.messages[0].message
    assert client.messages[0].type == types.MessageType.Error

    binary = open_document(client, tmp_path / "scan.txt", "PK\x03\x04\x00\x00junk")
    assert await diagnostics(client, binary) == []
    await wait_for(lambda: len(client.messages) >= 2, "a second window/showMessage")
    assert "binary" in client.messages[1].message

    # Still serving: a chapter elsewhere is checked, and the mended config is read again.
    other = open_document(client, tmp_path / "other.md", f"{LATE}\n")
    assert [d.code for d in await diagnostics(client, other)] == ["D001"]
    config.write_text('quotes = "curly"\n', encoding="utf-8")
    client.diagnostics.pop(uri)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [d.code for d in await diagnostics(client, uri)] == ["D001"]


def test_without_pygls_the_command_says_what_to_install() -> None:
    code = "import sys; sys.modules['pygls'] = None; from ficlint.cli import main; main(['server'])"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "ficlint: error: the language server needs pygls: pip install 'pygls>=2.0' "
        "'lsprotocol>=2025.0.0' (in a ficlint clone: pip install '.[lsp]')"
    )
    # What the message names installs from the package index: the extra's own pins.
    import tomllib

    extras = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
    for pin in extras["project"]["optional-dependencies"]["lsp"]:
        assert f"'{pin}'" in done.stderr


def test_the_command_line_does_not_import_pygls() -> None:
    code = (
        "import sys\nfrom ficlint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == [f"ficlint {__version__}", "[]"]


def test_lines_count_as_the_protocol_does() -> None:
    """Lines end at \\n, \\r\\n and \\r only (a form feed does not end one); characters
    count UTF-16 units unless the client chose otherwise; offsets and positions round-trip."""
    from ficlint.lsp import Lines

    text = "a\r\nb😀c\rd\x0ce\nf"
    lines = Lines(text)
    assert lines.position(text.index("c")) == types.Position(line=1, character=3)
    assert lines.position(text.index("e")) == types.Position(line=2, character=2)
    assert lines.position(len(text)) == types.Position(line=3, character=1)
    assert Lines(text, types.PositionEncodingKind.Utf8).position(text.index("c")).character == 5
    for i in range(len(text) + 1):
        if text[i - 1 : i + 1] != "\r\n":
            assert lines.offset(lines.position(i)) == i


@pytest.mark.asyncio
async def test_ignore_here_silences_the_code_on_that_line(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    text = f"# Chapter One\n\n{LATE}\n\n{LATE}\n"
    uri = open_document(client, tmp_path / "chapter.md", text)
    found = await diagnostics(client, uri)
    assert [d.range.start.line for d in found] == [2, 4]
    actions = await code_actions(client, uri, found[0].range, found[:1])
    ignore = [a for a in actions if a.title.startswith("Ignore ")]
    assert [a.kind for a in ignore] == ["quickfix.ficlint.ignore"]
    assert [a.title for a in ignore] == ["Ignore D001 here (ficlint)"]
    silenced = apply_edit(text, uri, ignore[0].edit)
    assert silenced == text.replace(f"{LATE}\n", f"{LATE} <!-- ficlint: ignore D001 -->\n", 1)
    client.diagnostics.pop(uri)
    change_document(client, uri, silenced, version=2)
    assert [d.range.start.line for d in await diagnostics(client, uri)] == [4]


@pytest.mark.asyncio
async def test_hover_explains_the_rule_with_a_right_example(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    uri = open_document(client, tmp_path / "chapter.md", f"# Chapter One\n\n{LATE}\n")
    [found] = await diagnostics(client, uri)
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=found.range.start
            )
        ),
        TIMEOUT,
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**D001 tag-period**: ")
    assert "Right:" in hover.contents.value
    nowhere = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=2),
            )
        ),
        TIMEOUT,
    )
    assert nowhere is None


async def add_word(
    client: LanguageClient, uri: str, found: list[types.Diagnostic], word: str
) -> None:
    """Take the finding's "Add ‘word’ to words" action, as an editor does, and run its command."""
    actions = await code_actions(client, uri, found[0].range, found)
    [add] = [a for a in actions if a.title.startswith("Add ")]
    assert add.title == f"Add ‘{word}’ to words in ficlint.toml (ficlint)"
    # The test client's lsprotocol reads a code action that carries a command as a Command
    # (its `command` then holds the inner command, as text); an editor tells them apart.
    import ast

    inner = add.command if isinstance(add, types.CodeAction) else ast.literal_eval(add.command)
    inner = (
        inner
        if isinstance(inner, dict)
        else {"command": inner.command, "arguments": inner.arguments}
    )
    assert inner["command"] == "ficlint.addWord" and inner["arguments"][1] == word
    client.diagnostics.pop(uri)
    await asyncio.wait_for(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=inner["command"], arguments=inner["arguments"])
        ),
        TIMEOUT,
    )


@pytest.mark.asyncio
async def test_add_a_word_to_words_writes_the_config_and_checks_again(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    (tmp_path / "ficlint.toml").write_text('# the book\n\n[severity]\nQ002 = "error"\n', "utf-8")
    from rule_cases import load

    text = load("consistency.yaml")["C005"][0]["text"]  # Marcus many times, Marucs once
    uri = open_document(client, tmp_path / "chapter.md", text)
    found = [d for d in await diagnostics(client, uri) if d.code == "C005"]
    assert len(found) == 1
    await add_word(client, uri, found, "Marucs")
    assert [d for d in await diagnostics(client, uri) if d.code == "C005"] == []
    config = (tmp_path / "ficlint.toml").read_text("utf-8")
    assert config == '# the book\n\nwords = ["Marucs"]\n\n[severity]\nQ002 = "error"\n'


@pytest.mark.asyncio
async def test_a_word_harper_calls_a_misspelling_can_be_added_to_words(
    client: LanguageClient, tmp_path: Path
) -> None:
    pytest.importorskip("harper")  # no wheel for this machine: no spelling findings
    await start(client, tmp_path)
    # The config names Harper: the tests' environment turns the grammar off.
    (tmp_path / "ficlint.toml").write_text('grammar = "harper"\n', "utf-8")
    text = "The zorblax hummed in the dark, and she listened to it for a long time.\n"
    uri = open_document(client, tmp_path / "chapter.md", text)
    found = [d for d in await diagnostics(client, uri) if str(d.code).startswith("G:")]
    assert [d.code for d in found] == ["G:harper:Spelling:SpellCheck"]
    await add_word(client, uri, found, "zorblax")
    assert await diagnostics(client, uri) == []
    config = (tmp_path / "ficlint.toml").read_text("utf-8")
    assert config == 'grammar = "harper"\nwords = ["zorblax"]\n'


@pytest.mark.asyncio
async def test_an_edit_to_a_chapter_shows_its_findings_first_and_the_full_check_after(
    client: LanguageClient, tmp_path: Path
) -> None:
    """In a chapter of 5,000 words, as in a novel, an edit's paragraphs are checked first
    (ficlint.recheck): the dialogue slip it makes shows at once; C005, which counts the
    whole manuscript (Tobais, once, where Tobias is written 80 times), arrives with the full
    check once the writer pauses."""
    sample = (Path(__file__).parents[1] / "examples" / "sample-chapter.md").read_text("utf-8")
    body = sample.split("---\n", 2)[2]
    novel = body * 5  # 5,000 words, 28,000 characters
    await start(client, tmp_path)
    uri = open_document(client, tmp_path / "novel.md", novel)
    before = await diagnostics(client, uri)
    middle = novel.index("\n\n", len(novel) // 2)
    line = novel.count("\n", 0, middle) + 2  # the new paragraph's line
    client.diagnostics.pop(uri)
    change_document(
        client, uri, novel[:middle] + "\n\n" + LATE + " Tobais waved." + novel[middle:], 2
    )

    def on_the_line(found: Sequence[types.Diagnostic]) -> set:
        return {d.code for d in found if d.range.start.line == line}

    first = await diagnostics(client, uri, lambda found: "D001" in on_the_line(found))
    assert "C005" not in on_the_line(first)
    assert len(first) == len(before) + 1  # every other finding kept
    final = await diagnostics(client, uri, lambda found: "C005" in on_the_line(found))
    assert on_the_line(final) == {"D001", "C005"}


def test_a_chapter_is_checked_as_the_writer_pauses_and_a_novel_after_a_longer_wait() -> None:
    """The wait after a change follows the check's cost: a 5,000-word chapter (about 30,000
    characters) is checked a twentieth of a second after typing stops at most; a novel waits
    the full DEBOUNCE rather than start a check of seconds at every keystroke."""
    from ficlint.lsp import DEBOUNCE, debounce

    assert debounce(30_000) <= 0.05
    assert debounce(3_200_000) == DEBOUNCE  # War and Peace
    assert debounce(30_000) < debounce(300_000) < DEBOUNCE


def test_the_warm_up_loads_what_a_checks_spelling_filters_read() -> None:
    """Checks run in processes forked from the server: what the warm-up loads, each check
    finds loaded (Harper's dictionary, the English word lists)."""
    import subprocess
    import sys

    pytest.importorskip("harper")  # no wheel for this machine: nothing to warm
    probe = (
        "import time\n"
        "from ficlint.lsp import _warm_up\n"
        "_warm_up()\n"
        "from ficlint.wordcounts import english_dictionary\n"
        "from ficlint.wordstore import word_use\n"
        "from ficlint.grammar.excuses import foreign_lexicons\n"
        "print([f.cache_info().currsize for f in (english_dictionary, word_use,"
        " foreign_lexicons)])\n"
        "from harper import Linter\n"
        "start = time.perf_counter(); Linter(1); print(time.perf_counter() - start < 0.2)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[1, 1, 1]", "True"]


def test_a_forked_check_takes_a_linter_the_warm_up_made_and_finds_the_same() -> None:
    """The warm-up makes a Linter for each dialect with the default rules; a check forked
    from the server takes its dialect's instead of making one (about 20 ms of a chapter's
    check), tells it the manuscript's words as a new one is told them, and finds what a
    Linter made for it finds."""
    import subprocess
    import sys

    pytest.importorskip("harper")
    probe = (
        "from ficlint.lsp import _warm_up\n"
        "_warm_up()\n"
        "from ficlint.config import Settings\n"
        "from ficlint.document import Document\n"
        "from ficlint.engine import run\n"
        "from ficlint.grammar import harper\n"
        "from ficlint.manuscript import Manuscript\n"
        "text = ('Glimmerkit went up the hill. The glimmerkit slept. A glimmerkit sang.\\n\\n'\n"
        "        'The glimerkit ran to the lanturn by the door.\\n')\n"
        "def findings():\n"
        "    ms = Manuscript([Document(text, 'ch.md')], Settings(grammar='harper', cache=False))\n"
        "    return [(d.code, d.start, d.message, d.fix) for d in run(ms).diagnostics"
        " if d.code.startswith('G')]\n"
        "made = []\n"
        "real = harper._configured\n"
        "harper._configured = lambda *args: made.append(args) or real(*args)\n"
        "ready = len(harper._READY)\n"
        "taken = findings()\n"
        "print(ready, len(harper._READY), len(made))\n"
        "harper._READY.clear()\n"
        "print(findings() == taken, len(taken))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    counts, same = out.stdout.split("\n")[:2]
    ready, left, made = map(int, counts.split())
    assert ready == 5 and left == 4  # one taken, for the manuscript's dialect
    assert made == 0  # no Linter made: the check took its dialect's
    assert same.split() == ["True", "2"]  # glimerkit, lanturn


def test_a_check_process_leaves_the_servers_objects_out_of_its_collector() -> None:
    """A check runs in a process forked from the server: Python's cycle collector there goes
    through the objects the check makes, not the server's (its word lists), which it would
    copy page by page to do so: a chapter's check took twice as long."""
    import gc
    import pickle

    from ficlint.lsp_checks import FORK, Checks

    if not FORK:
        pytest.skip("checks run in a forked process on Linux only")
    checks = Checks()
    try:
        frozen = asyncio.run(
            checks.run("doc", 10, lambda: pickle.dumps(gc.get_freeze_count()), pickle.loads)
        )
    finally:
        checks.close()
    assert frozen > 1000  # the server's objects, left alone in the check's process
    assert gc.get_freeze_count() == 0  # and the server's own collector goes through them
