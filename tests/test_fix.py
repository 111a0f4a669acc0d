"""`ficlint --fix`, `--diff`, `--fix-only`: what the writer's files hold afterwards.

Each rule's own fix is checked against an expected text in the YAML rule cases (through the
real `--fix`, see rule_cases.real_fix); this module checks the file handling around them:
encodings, byte-order marks, line endings, Markdown, atomic writes, crash safety, passes.
"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import ficlint.fix
import ficlint.run
from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix
from ficlint.document import Document
from ficlint.fix import choose, fix_documents

DRAFT = (
    "“You’re late.” Nell said.\n"
    "\n"
    "“Why now?” He asked. “It's nearly dark.”\n"
    "\n"
    "She walked to the the door. “I know.”\n"
)
FIXED = (
    "“You’re late,” Nell said.\n"
    "\n"
    "“Why now?” he asked. “It’s nearly dark.”\n"
    "\n"
    "She walked to the door. “I know.”\n"
)


def test_fix_writes_the_safe_fixes_and_reports_nothing_left(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    result = cli("--fix", "ch1.md", "--color", "never")
    assert (folder / "ch1.md").read_text("utf-8") == FIXED
    assert result.exit_code == 0
    assert result.stdout.strip() == "Fixed 4 problems in 1 file. No problems remain in 1 file."


def test_second_fix_changes_nothing(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    cli("--fix", "ch1.md")
    first = (folder / "ch1.md").read_bytes()
    again = cli("--fix", "ch1.md", "--color", "never")
    assert (folder / "ch1.md").read_bytes() == first
    assert again.stdout.strip() == "No problems found in 1 file."


def test_fix_reports_what_remains_with_its_exit_status(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT + "\n“Fine,” he turned away.\n", "utf-8")
    result = cli("--fix", "ch1.md", "--color", "never")
    assert result.exit_code == 1
    assert "D006" in result.stdout  # an unsafe fix: reported, not applied
    assert result.stdout.splitlines()[-1] == (
        "Fixed 4 problems in 1 file. 1 problem remains in 1 file (1 with --unsafe-fixes)."
    )
    assert "“Fine,” he turned away." in (folder / "ch1.md").read_text("utf-8")


def test_unsafe_fixes_apply_the_unsafe_ones_too(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text("“Fine,” he turned away.\n", "utf-8")
    result = cli("--fix", "--unsafe-fixes", "ch1.md")
    assert (folder / "ch1.md").read_text("utf-8") == "“Fine.” He turned away.\n"
    assert result.exit_code == 0


def test_fix_only_writes_and_does_not_report(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT + "\n“Fine,” he turned away.\n", "utf-8")
    result = cli("--fix-only", "ch1.md")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Fixed 4 problems in 1 file."
    assert (folder / "ch1.md").read_text("utf-8").startswith(FIXED)


def test_diff_shows_the_fixes_and_writes_nothing(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    result = cli("--diff", "ch1.md")
    assert result.exit_code == 1
    assert (folder / "ch1.md").read_text("utf-8") == DRAFT
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- a/ch1.md", "+++ b/ch1.md"]
    assert "-“You’re late.” Nell said." in lines
    assert "+“You’re late,” Nell said." in lines
    assert "+She walked to the door. “I know.”" in lines
    assert "Would fix 4 problems in 1 file" in result.stderr


def test_diff_is_silent_and_exits_0_when_nothing_to_fix(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(FIXED, "utf-8")
    result = cli("--diff", "ch1.md")
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_and_fix_together_is_a_usage_error(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    result = cli("--diff", "--fix", "ch1.md")
    assert result.exit_code == 2
    assert (folder / "ch1.md").read_text("utf-8") == DRAFT


def test_fix_on_standard_input_writes_the_text_to_standard_output(cli) -> None:
    result = cli("--fix", "-", "--stdin-filename", "ch1.md", input=DRAFT.encode("utf-8"))
    assert result.stdout == FIXED
    assert "Fixed 4 problems" in result.stderr


def test_fix_on_standard_input_with_nothing_to_fix_passes_the_text_through(cli) -> None:
    result = cli("--fix", "-", input=FIXED.encode("utf-8"))
    assert (result.exit_code, result.stdout) == (0, FIXED)


# --- bytes: line endings, byte-order marks, encodings -----------------------------------


def test_crlf_lines_stay_crlf_and_untouched_bytes_stay(folder: Path, cli) -> None:
    raw = DRAFT.replace("\n", "\r\n").encode("utf-8")
    (folder / "ch1.txt").write_bytes(raw)
    cli("--fix", "ch1.txt")
    assert (folder / "ch1.txt").read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")


def test_mixed_line_endings_are_kept_line_by_line(folder: Path, cli) -> None:
    raw = "“You’re late.” Nell said.\r\n\nShe walked to the the door.\n\r\nEnd.\n"
    (folder / "ch1.md").write_bytes(raw.encode("utf-8"))
    cli("--fix", "ch1.md")
    assert (folder / "ch1.md").read_bytes() == (
        "“You’re late,” Nell said.\r\n\nShe walked to the door.\n\r\nEnd.\n".encode()
    )


def test_a_doubled_word_across_a_crlf_line_break(folder: Path, cli) -> None:
    (folder / "ch1.txt").write_bytes(b"She walked to the\r\nthe door.\r\n")
    cli("--fix", "ch1.txt")
    fixed = (folder / "ch1.txt").read_bytes()
    assert fixed.count(b"the") == 1
    assert b"\r" not in fixed.replace(b"\r\n", b"")  # no CR left on its own


def test_utf8_byte_order_mark_is_kept(folder: Path, cli) -> None:
    (folder / "ch1.md").write_bytes(codecs.BOM_UTF8 + DRAFT.encode("utf-8"))
    cli("--fix", "ch1.md")
    assert (folder / "ch1.md").read_bytes() == codecs.BOM_UTF8 + FIXED.encode("utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_file_stays_utf16_with_its_byte_order_mark(folder: Path, cli, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = DRAFT.replace("\n", "\r\n")
    (folder / "ch1.txt").write_bytes(bom + text.encode(codec))
    result = cli("--fix", "ch1.txt")
    assert result.exit_code == 0, result.stderr
    assert (folder / "ch1.txt").read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(codec)


def test_a_windows_1252_file_is_written_back_in_windows_1252(folder: Path, cli) -> None:
    text = (
        "“Café au lait,” said Zoë. “It’s the best.”\n\n"
        "“Crème brûlée,” said Zoë. “Isn’t it?”\n\n"
        "“It's late.” Nell said. “Don’t go.”\n"
    )
    (folder / "ch1.txt").write_bytes(text.encode("cp1252"))
    result = cli("--fix", "ch1.txt")
    fixed = text.replace("It's late.” Nell", "It’s late,” Nell")
    assert (folder / "ch1.txt").read_bytes() == fixed.encode("cp1252"), result.stderr


def test_a_fix_the_file_encoding_cannot_hold_leaves_the_file_as_it_was(
    folder: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A one-byte encoding, and a fix that needs a character it lacks (a two-em dash).
    raw = "She walked to the the café door.\n".encode("latin-1")
    (folder / "ch1.txt").write_bytes(raw)
    doc = Document.from_bytes(raw, "ch1.txt")
    assert doc.encoding not in ("utf-8",)  # the test needs a one-byte encoding
    real = ficlint.fix.splice
    monkeypatch.setattr(ficlint.fix, "splice", lambda text, edits: real(text, edits) + "⸺")
    result = cli("--fix", "ch1.txt")
    assert result.exit_code == 2
    assert "ch1.txt" in result.stderr and "cannot hold" in result.stderr
    assert (folder / "ch1.txt").read_bytes() == raw
    assert "Traceback" not in result.stderr


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_emphasis_around_the_quotation_is_kept(folder: Path, cli) -> None:
    text = (
        "*“You’re late.”* Nell said.\n\n"
        "“This is *over*”, he said.\n\n"
        "_“Why now?”_ He asked.\n\n"
        "**“It's nearly dark.”** She shivered.\n"
    )
    (folder / "ch1.md").write_text(text, "utf-8")
    cli("--fix", "ch1.md")
    assert (folder / "ch1.md").read_text("utf-8") == (
        "*“You’re late,”* Nell said.\n\n"
        "“This is *over*,” he said.\n\n"
        "_“Why now?”_ he asked.\n\n"
        "**“It’s nearly dark.”** She shivered.\n"
    )


def test_fixes_never_touch_code_front_matter_html_or_link_targets(folder: Path, cli) -> None:
    text = textwrap.dedent(
        """\
        ---
        title: "Don't Go"
        ---

        # Chapter "One"

        “It's late.” Nell said. Type `"don't"` to quit.

        <p title="it's">“Hers,” she said.</p>

        See [the “map”](http://example.com/it's "it's") and <http://x.y/'a'>.

        ```
        "code" it's
        ```

        “We’re here,” he said. “Isn’t it lovely?” “Don’t.” “Won’t.” “Can’t.”
        """
    )
    (folder / "ch1.md").write_text(text, "utf-8")
    cli("--fix", "ch1.md")
    fixed = (folder / "ch1.md").read_text("utf-8")
    assert fixed == text.replace("“It's late.” Nell", "“It’s late,” Nell").replace(
        '# Chapter "One"', "# Chapter “One”"
    )


def test_an_edit_that_would_remove_markup_is_not_applied(folder: Path, cli) -> None:
    # The doubled word has emphasis between the copies: deleting it would unbalance the *.
    (folder / "ch1.md").write_text("She walked to the *the* door.\n", "utf-8")
    result = cli("--fix", "ch1.md", "--format", "json")
    assert (folder / "ch1.md").read_text("utf-8") == "She walked to the *the* door.\n"
    assert [d["code"] for d in result.diagnostics] == ["R001"]


@pytest.mark.parametrize(
    ("text", "start", "end", "replacement", "applied"),
    [
        ("“No!!!” she cried.\n", 4, 6, "", True),  # a bang that opens no image is prose
        ("See ![the map](map.png) here.\n", 4, 5, "", False),  # the image's own marker
        ("See !![the map](map.png) here.\n", 4, 5, "", True),  # one of two: the image stays
        ("She left *now* again.\n", 9, 10, "", False),  # emphasis
    ],
)
def test_a_markdown_edit_keeps_markup_not_look_alikes(
    text: str, start: int, end: int, replacement: str, applied: bool
) -> None:
    """`!` is markup only before `[` (an image): a fix cutting `No!!!` to `No!` is applied,
    where every `!` once counted as markup and `--fix` left a finding it called fixable."""
    doc = Document(text, "ch.md")
    assert ficlint.fix.writable(doc, Edit(start, end, replacement)) is applied


# --- the manuscript's own style ---------------------------------------------------------


def test_a_british_single_quote_manuscript_gets_single_quotes_and_apostrophes(
    folder: Path, cli
) -> None:
    text = (
        "‘You’re late,’ said Nell. ‘I’ve waited.’\n\n"
        "‘Hardly,’ said Tobias. ‘It’s early.’\n\n"
        "'We shouldn't argue,' said Nell.\n"
    )
    (folder / "ch1.txt").write_text(text, "utf-8")
    cli("--fix", "ch1.txt")
    assert (folder / "ch1.txt").read_text("utf-8").splitlines()[-1] == (
        "‘We shouldn’t argue,’ said Nell."
    )


def test_a_straight_quote_manuscript_is_not_curled(folder: Path, cli) -> None:
    text = (
        '"You\'re late," said Nell. "I\'ve waited."\n\n'
        '"Hardly," said Tobias. "It\'s early."\n\n'
        "“We shouldn’t argue,” said Nell.\n"
    )
    (folder / "ch1.txt").write_text(text, "utf-8")
    cli("--fix", "ch1.txt")
    assert (folder / "ch1.txt").read_text("utf-8").splitlines()[-1] == (
        '"We shouldn\'t argue," said Nell.'
    )


def test_manuscript_wide_fixes_across_chapters(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(
        "“You’re late,” said Nell. “I’ve waited.” She shivered. “It’s cold.” “Isn’t it?”\n",
        "utf-8",
    )
    (folder / "ch2.md").write_text(
        '“Don’t,” said Nell. “We’re here.” She waved. "Come in," she said.\n', "utf-8"
    )
    result = cli("--fix", "ch1.md", "ch2.md")
    assert result.exit_code == 0
    assert (folder / "ch2.md").read_text("utf-8") == (
        "“Don’t,” said Nell. “We’re here.” She waved. “Come in,” she said.\n"
    )


# --- writing files safely ---------------------------------------------------------------


def test_permissions_are_kept(folder: Path, cli) -> None:
    path = folder / "ch1.md"
    path.write_text(DRAFT, "utf-8")
    path.chmod(0o640)
    cli("--fix", "ch1.md")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text("utf-8") == FIXED


def test_a_symlinked_chapter_is_fixed_where_it_lives(folder: Path, cli) -> None:
    (folder / "real.md").write_text(DRAFT, "utf-8")
    (folder / "ch1.md").symlink_to("real.md")
    cli("--fix", "ch1.md")
    assert (folder / "ch1.md").is_symlink()
    assert (folder / "real.md").read_text("utf-8") == FIXED


def test_a_read_only_file_is_reported_and_left_alone(folder: Path, cli) -> None:
    path = folder / "ch1.md"
    path.write_text(DRAFT, "utf-8")
    (folder / "ch2.md").write_text(DRAFT, "utf-8")
    path.chmod(0o444)
    result = cli("--fix", "ch1.md", "ch2.md", "--color", "never")
    assert result.exit_code == 2
    assert "ficlint: error: ch1.md: the file is read-only; not changed" in result.stderr
    assert path.read_text("utf-8") == DRAFT
    assert (folder / "ch2.md").read_text("utf-8") == FIXED  # the other file is still fixed
    # The report describes the files as they are on disk: ch1.md still has its problems.
    assert "ch1.md:1:" in result.stdout and "ch2.md:" not in result.stdout


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    folder: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "ch1.md"
    path.write_text(DRAFT, "utf-8")
    real = ficlint.fix.fix_documents

    def racing(documents, check, unsafe=False, suggestions=False):
        outcome = real(documents, check, unsafe, suggestions)
        path.write_text("The writer's newest sentence.\n", "utf-8")  # the editor saved
        return outcome

    monkeypatch.setattr(ficlint.run, "fix_documents", racing)
    result = cli("--fix", "ch1.md")
    assert result.exit_code == 2
    assert "changed on disk" in result.stderr
    assert path.read_text("utf-8") == "The writer's newest sentence.\n"


def test_a_full_disk_leaves_the_original_and_no_temporary_file(
    folder: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "ch1.md"
    path.write_text(DRAFT, "utf-8")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ficlint.fix.os, "fsync", no_space)
    result = cli("--fix", "ch1.md")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "the original is unchanged" in (
        result.stderr
    )
    assert path.read_text("utf-8") == DRAFT
    assert sorted(p.name for p in folder.iterdir()) == ["ch1.md"]


CRASH = """
import os, signal, sys
import ficlint.fix

real_fdopen = os.fdopen

class Dying:
    def __init__(self, f):
        self.f = f
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def write(self, data):
        self.f.write(data[: len(data) // 2])
        self.f.flush()
        os.kill(os.getpid(), signal.SIGKILL)  # killed in the middle of writing

def fdopen(fd, mode="r", *args, **kwargs):
    handle = real_fdopen(fd, mode, *args, **kwargs)
    return Dying(handle) if "w" in mode else handle  # only the writing dies

ficlint.fix.os.fdopen = fdopen
from ficlint.cli import main
sys.argv = ["ficlint", "--fix", "ch1.md"]
main()
"""


def test_killed_in_the_middle_of_writing_the_original_is_intact(folder: Path) -> None:
    path = folder / "ch1.md"
    path.write_text(DRAFT, "utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", CRASH], cwd=folder, capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == -9, proc.stderr  # it really died mid-write
    assert path.read_text("utf-8") == DRAFT
    leftovers = [p.name for p in folder.iterdir() if p.name != "ch1.md"]
    assert all(name.startswith(".ch1.md.") for name in leftovers)  # only the dead temp file
    assert leftovers, "the temporary file was being written next to the chapter"


# --- passes and overlapping fixes (units) -----------------------------------------------


def _diag(doc: Document, start: int, end: int, text: str, code: str = "T999") -> Diagnostic:
    return Diagnostic(doc, start, end, code, "test", "m", fix=Fix.replace(start, end, text))


def test_overlapping_fixes_one_wins_the_other_waits() -> None:
    doc = Document("abcdef", "x.txt")
    first, second = _diag(doc, 1, 3, "X"), _diag(doc, 2, 4, "Y")
    assert choose([second, first], unsafe=False) == {id(doc): [first]}


def test_insertions_at_the_same_point_do_not_both_apply() -> None:
    doc = Document("abcdef", "x.txt")
    one, two = _diag(doc, 2, 2, ","), _diag(doc, 2, 2, ";", "T998")
    assert len(choose([one, two], unsafe=False)[id(doc)]) == 1


def test_unsafe_fixes_wait_for_unsafe_fixes() -> None:
    doc = Document("abcdef", "x.txt")
    diag = Diagnostic(
        doc, 0, 1, "T999", "t", "m", fix=Fix((Edit(0, 1, "A"),), Applicability.UNSAFE)
    )
    assert choose([diag], unsafe=False) == {}
    assert choose([diag], unsafe=True) == {id(doc): [diag]}


def test_passes_repeat_until_nothing_changes() -> None:
    # Each pass fixes the first lowercase letter only: four passes for four letters.
    def check(docs: list[Document]) -> list[Diagnostic]:
        out = []
        for doc in docs:
            at = next((i for i, ch in enumerate(doc.text) if ch.islower()), None)
            if at is not None:
                out.append(_diag(doc, at, at + 1, doc.text[at].upper()))
        return out

    outcome = fix_documents([Document("abcd", "x.txt")], check)
    assert outcome.documents[0].text == "ABCD"
    assert (outcome.passes, outcome.fixed, outcome.converged) == (4, 4, True)


def test_two_fixes_that_undo_each_other_stop() -> None:
    def check(docs: list[Document]) -> list[Diagnostic]:
        doc = docs[0]
        return [_diag(doc, 0, 1, "b" if doc.text[0] == "a" else "a")]

    outcome = fix_documents([Document("a", "x.txt")], check)
    assert outcome.documents[0].text == "b"
    assert outcome.converged is False


@pytest.mark.parametrize(
    ("args", "says", "written"),
    [
        (["--fix"], "the rest were applied", FIXED),
        # `--diff --unsafe-fixes` said "the rest were applied" although nothing is written.
        (["--diff", "--unsafe-fixes"], "the diff shows the rest", DRAFT),
    ],
)
def test_the_warning_for_fixes_that_do_not_settle(
    folder: Path, cli, monkeypatch: pytest.MonkeyPatch, args, says, written
) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    real = ficlint.fix.fix_documents

    def unsettled(documents, check, unsafe=False, suggestions=False):
        outcome = real(documents, check, unsafe, suggestions)
        outcome.converged = False
        return outcome

    monkeypatch.setattr(ficlint.run, "fix_documents", unsettled)
    result = cli(*args, "ch1.md")
    assert "some fixes did not settle" in result.stderr and says in result.stderr
    assert result.stderr.count("applied") == (says == "the rest were applied")
    assert (folder / "ch1.md").read_text("utf-8") == written


def test_a_fix_count_that_is_not_the_reports_says_why() -> None:
    """Great Expectations: the report said 123 fixable and `--diff` "Would fix 124": closing
    an unclosed quotation showed a thought in single quotes, which was fixed in turn."""
    from ficlint.report import fixed_sentence

    assert fixed_sentence(3, 1, 3) == "Fixed 3 problems in 1 file"
    assert fixed_sentence(124, 1, 123, would=True) == (
        "Would fix 124 problems in 1 file: the 123 found fixable and 1 more that fixing them "
        "would bring out"
    )
    assert fixed_sentence(124, 2, 123) == (
        "Fixed 124 problems in 2 files: the 123 found fixable and 1 more that fixing them "
        "brought out"
    )
    assert fixed_sentence(120, 1, 123) == "Fixed 120 of the 123 problems found fixable, in 1 file"


def test_the_fixes_count_what_the_first_check_found_fixable() -> None:
    # Each pass fixes the first lowercase letter, and only then shows the next: 1 found
    # fixable, 4 fixed.
    def check(docs: list[Document]) -> list[Diagnostic]:
        doc = docs[0]
        at = next((i for i, ch in enumerate(doc.text) if ch.islower()), None)
        return [] if at is None else [_diag(doc, at, at + 1, doc.text[at].upper())]

    outcome = fix_documents([Document("abcd", "x.txt")], check)
    assert (outcome.found, outcome.fixed) == (1, 4)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_no_temporary_file_is_left_after_a_fix(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    cli("--fix", "ch1.md")
    assert sorted(p.name for p in folder.iterdir()) == ["ch1.md"]


def test_diff_goes_to_the_output_file_when_one_is_given(folder: Path, cli) -> None:
    (folder / "ch1.md").write_text(DRAFT, "utf-8")
    result = cli("--diff", "ch1.md", "--output-file", "fixes.diff")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "+“You’re late,” Nell said.\n" in (folder / "fixes.diff").read_text("utf-8")
    assert (folder / "ch1.md").read_text("utf-8") == DRAFT


def test_a_fix_that_does_not_fix_its_finding_is_written_once_not_every_pass(lint, tmp_path):
    # An unclosed quotation inside speech that closes: Q004's closing mark belongs before the
    # speech's own closing mark. Put after it, it closed nothing, and each of twelve passes
    # added one more: `away.”’’’’’’’’’’’’`.
    text = (
        "“We ran at them. ‘Pardon!’ they say. They say Plátov took ‘Poleon twice. "
        "He turns into a bird and flies away.”\n\nShe smiled.\n"
    )
    lint(text, args=["--select", "Q004", "--fix", "--unsafe-fixes"])
    fixed = (tmp_path / "chapter.md").read_text(encoding="utf-8")
    assert fixed == text.replace("away.”", "away.’”")
    lint(fixed, args=["--select", "Q004", "--fix", "--unsafe-fixes"])
    assert (tmp_path / "chapter.md").read_text(encoding="utf-8") == fixed


def test_a_fix_that_would_write_itself_again_beside_itself_is_stopped(lint, tmp_path, monkeypatch):
    from ficlint.checks import quotes

    # The closing mark put at the end of the text, past the speech's own close (as before).
    monkeypatch.setattr(
        quotes, "_probable_close", lambda text, q, limit, lex: (len(text), "end", len(text))
    )
    text = "“They say Plátov took ‘Poleon twice.”\n"
    result = lint(text, args=["--select", "Q004", "--fix", "--unsafe-fixes"])
    fixed = (tmp_path / "chapter.md").read_text(encoding="utf-8")
    assert fixed.count("’") == 1  # written once, then the fix is known not to fix
    assert "some fixes did not settle" in result.stderr
