"""`--format github`: one GitHub Actions workflow command per finding (an annotation on the
file and line), escaped as GitHub's own toolkit escapes them, and nothing else on stdout."""

from __future__ import annotations

import pytest

from ficlint.diagnostic import Diagnostic, Severity
from ficlint.document import Document
from ficlint.report import RunSummary, render


def test_one_annotation_per_finding_and_nothing_else(cli, folder) -> None:
    (folder / "ch1.md").write_text("It was the the end.\n", encoding="utf-8")
    (folder / "ch2.txt").write_text(
        "She walked\nwalked home.\n\n“Oh no, she said.\n", encoding="utf-8"
    )
    result = cli("ch1.md", "ch2.txt", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::warning file=ch1.md,line=1,col=8,endLine=1,endColumn=15,"
        "title=R001 doubled-word::doubled word: the the",
        # A span over two lines gets no columns (GitHub takes them for one line only).
        "::warning file=ch2.txt,line=1,endLine=2,title=R001 doubled-word::doubled word: walked walked",
        # From the opening mark to where the closing one belongs, before the tag.
        "::error file=ch2.txt,line=4,col=1,endLine=4,endColumn=8,"
        "title=Q004 unbalanced-quote::quotation opened here is never closed in its paragraph; "
        "the speech probably ends before “she said”",
    ]
    assert result.stdout.endswith("\n")


def test_no_findings_prints_nothing(cli, folder) -> None:
    (folder / "ch.md").write_text("Nothing wrong here.\n", encoding="utf-8")
    result = cli("ch.md", "--format", "github")
    assert (result.exit_code, result.stdout) == (0, "")


def test_percent_colon_and_comma_in_the_path_are_escaped(cli, folder) -> None:
    (folder / "drafts").mkdir()
    (folder / "drafts" / "100%, take 2: final.md").write_text("The the end.\n", encoding="utf-8")
    result = cli("drafts", "--format", "github")
    assert result.stdout == (
        "::warning file=drafts/100%25%2C take 2%3A final.md,line=1,col=1,endLine=1,endColumn=8,"
        "title=R001 doubled-word::doubled word: The the\n"
    )


def test_escaping_of_message_title_and_path_matches_the_toolkit() -> None:
    doc = Document("Fifty-fifty: a coin, flipped.\n", "notes:\r\nday 1,2%.md")
    diag = Diagnostic(
        doc, 0, 11, "G:harper:Odd", "odd, really", "50% sure:\r\nsee, here", Severity.INFO
    )
    out = render("github", [diag], RunSummary(files=1))
    # Data (the message): only %, CR and LF are escaped; properties also : and ,.
    assert out == (
        "::notice file=notes%3A%0D%0Aday 1%2C2%25.md,line=1,col=1,endLine=1,endColumn=12,"
        "title=G%3Aharper%3AOdd odd%2C really::50%25 sure:%0D%0Asee, here\n"
    )


def test_severity_picks_the_command() -> None:
    doc = Document("One two three.\n", "ch.md")
    lines = render(
        "github",
        [
            Diagnostic(doc, 0, 3, "Q004", "unbalanced-quote", "a", Severity.ERROR),
            Diagnostic(doc, 4, 7, "R001", "doubled-word", "b", Severity.WARNING),
            Diagnostic(doc, 8, 13, "X999", "hint", "c", Severity.INFO),
        ],
        RunSummary(files=1),
    ).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]


def test_grammar_codes_have_their_colons_escaped_in_the_title(cli, folder) -> None:
    pytest.importorskip("language_tool_python")
    from lt_contract_server import ContractServer

    with ContractServer() as server:
        (folder / "ficlint.toml").write_text(
            f'[grammar]\nengine = "languagetool"\nserver = "{server.url}"\n', encoding="utf-8"
        )
        (folder / "ch.md").write_text("It was a awful night.\n", encoding="utf-8")
        result = cli("ch.md", "--format", "github")
    [line] = result.stdout.splitlines()
    assert line.startswith(
        "::warning file=ch.md,line=1,col=8,endLine=1,endColumn=9,title=G%3Alanguagetool%3AEN_A_VS_AN "
    )
    message = line.split("::", 2)[2]
    assert message.startswith("Use “an” instead of ‘a’ if the following word starts with a vowel")
