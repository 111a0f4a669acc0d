"""Line endings a writer's files really have, through `ficlint --fix`: LF, CRLF, a lone CR
(old Mac editors, some exporters) and CR CR LF (a CRLF file converted to CRLF a second time).

Every layer counts a line break the same way (LF, CRLF or a lone CR, as CommonMark and the
language server protocol do). When the Markdown parser counted a lone CR and the document did
not, `--fix` wrote its commas into the middle of the wrong words (`The keeper’s ,,,,door`).

The property: with any mix of line endings, `--fix` makes exactly the change it makes to the
same chapter written with LF, and keeps every line ending byte for byte."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ficlint.cli import main
from rule_cases import every_case

# The protocol's and CommonMark's line break, written out here rather than imported: the test
# states the definition the tool must follow.
BREAK = re.compile(r"\r\n|\r|\n")
ENDINGS = ["\n", "\r\n", "\r", "\r\r\n"]

CASES = [case["text"] for _, case in every_case() if case.get("fixed") or case.get("unsafe_fixed")]


def fix(text: str, name: str, *extra: str) -> str:
    """`ficlint --fix -` on `text`: the fixed text, bytes decoded as they were written."""
    result = CliRunner().invoke(
        main,
        ["--fix", *extra, "-", "--stdin-filename", name, "--grammar", "off", "--config", CONFIG],
        input=text.encode("utf-8"),
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout_bytes.decode("utf-8")


CONFIG = ""


@pytest.fixture(scope="module", autouse=True)
def _empty_config(tmp_path_factory: pytest.TempPathFactory) -> None:
    """An empty config, so that no ficlint.toml around the checkout changes the rules."""
    global CONFIG
    path = tmp_path_factory.mktemp("line-endings") / "ficlint.toml"
    path.write_text("", encoding="utf-8")
    CONFIG = str(path)


def with_endings(text: str, endings: list[str]) -> str:
    """`text` (LF) with its line breaks replaced in turn by `endings`."""
    lines = text.split("\n")
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        out += [endings[i % len(endings)], line]
    return "".join(out)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(CASES),
    st.lists(st.sampled_from(ENDINGS), min_size=1, max_size=6),
    st.sampled_from(["chapter.md", "chapter.txt"]),
    st.booleans(),
)
# Found by this test on CI: in plain text a CRLF was two spaces of prose, so a name spoken
# to across a hard wrap (`then\r\nTobias.”`) was not set off as it is across an LF.
@example(
    "Nell tucked Tobias in, and Tobias was asleep before she turned the light off.\n\n"
    "“I’ll see you in the morning then\nTobias.”\n",
    ["\r\n"],
    "chapter.txt",
    False,
)
def test_fix_is_the_same_change_whatever_the_line_endings(
    case: str, endings: list[str], name: str, unsafe: bool
) -> None:
    mixed = with_endings(case, endings)
    # The same chapter written with LF: each break, whatever it is, as one LF (CR CR LF is a
    # lone CR and a CRLF, so two; a lone CR before an empty line's LF is a CRLF, so one).
    plain = BREAK.sub("\n", mixed)
    extra = ("--unsafe-fixes",) if unsafe else ()
    fixed = fix(mixed, name, *extra)
    assert BREAK.findall(fixed) == BREAK.findall(mixed), "a line ending was changed"
    assert BREAK.sub("\n", fixed) == BREAK.sub("\n", fix(plain, name, *extra))


DRAFT = (
    "# The Keeper\n\n"
    "The keeper’s door stood open. “Come in.” she said.\n\n"
    "Second paragraph. “Why now?” He asked, and the the lamp went out.\n"
)
DRAFT_FIXED = (
    "# The Keeper\n\n"
    "The keeper’s door stood open. “Come in,” she said.\n\n"
    "Second paragraph. “Why now?” he asked, and the lamp went out.\n"
)


@pytest.mark.parametrize("ending", ["\r\r\n", "\r", "\r\n"])
@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_chapter_with_carriage_returns_is_fixed_in_place(lint, ending: str, suffix: str) -> None:
    """The case the hostile run found: a chapter saved with CR CR LF (or a lone CR) and run
    through `--fix` keeps its words, and the report that follows does not crash."""
    text = DRAFT.replace("\n", ending)
    result = lint(text, suffix=suffix, args=["--fix", "--format", "text"])
    assert result.exit_code == 0, result.stdout + result.stderr
    written = (Path.cwd() / f"chapter{suffix}").read_bytes().decode("utf-8")
    assert written == DRAFT_FIXED.replace("\n", ending)


def test_a_lone_cr_text_file_has_the_paragraphs_of_its_lf_twin(lint) -> None:
    """A plain-text chapter whose lines end in a lone CR is read as the same paragraphs, so
    the same findings at the same places (and not one paragraph of the whole file)."""
    chapter = (Path(__file__).parent.parent / "fixtures" / "manuscript" / "ch03.txt").read_text(
        "utf-8"
    )
    positions = {}
    for ending in ("\n", "\r"):
        result = lint(chapter.replace("\n", ending), suffix=".txt")
        positions[ending] = sorted(
            (d["code"], d["line"], d["column"], str(d["fix"])) for d in result.diagnostics
        )
    assert positions["\n"], "the fixture should have findings"
    assert positions["\r"] == positions["\n"]


@pytest.mark.parametrize("ending", ["\r\r\n", "\r", "\r\n"])
def test_the_diff_applies_to_the_exact_bytes(tmp_path: Path, ending: str) -> None:
    """`--diff` on a chapter with carriage returns prints a patch that `git apply` takes, and
    applying it gives the bytes `--fix` writes."""
    text = DRAFT.replace("\n", ending)
    for name in ("patched.md", "fixed.md"):
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    args = ["--grammar", "off", "--config", CONFIG]
    diff = subprocess.run(
        [sys.executable, "-m", "ficlint", "--diff", "patched.md", *args],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert diff.returncode == 1, diff.stderr
    applied = subprocess.run(
        ["git", "apply", "--whitespace=nowarn", "-"],
        cwd=tmp_path,
        input=diff.stdout,
        capture_output=True,
        check=False,
    )
    assert applied.returncode == 0, applied.stderr
    subprocess.run(
        [sys.executable, "-m", "ficlint", "--fix", "fixed.md", *args],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert (tmp_path / "patched.md").read_bytes() == (tmp_path / "fixed.md").read_bytes()
    assert (tmp_path / "fixed.md").read_bytes() == DRAFT_FIXED.replace("\n", ending).encode()
