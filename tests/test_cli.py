"""The command line: exit status, rule selection, output options, which files are checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ficlint

# A straight quote (Q001), a straight apostrophe (Q002) and ‘90s (Q003) in a curly manuscript.
# A beat keeps "Go.” apart from the speech before it: side by side it would be a reply in
# the same paragraph (D013).
THREE_RULES = "“I can’t,” she said. “It’s late.” He shrugged. \"Go.” I don't. It was the ‘90s.\n"
CLEAN = "“I can’t,” she said. “It’s late.”\n"


def test_exit_status_is_0_when_clean(lint) -> None:
    assert lint(CLEAN).exit_code == 0


def test_exit_status_is_1_with_findings(lint) -> None:
    assert lint(THREE_RULES).exit_code == 1


def test_exit_status_is_2_for_a_missing_file(cli, tmp_path) -> None:
    result = cli(str(tmp_path / "nowhere.md"))
    assert result.exit_code == 2
    assert "nowhere.md" in result.stderr


def test_exit_zero_ignores_findings_but_not_errors(lint, tmp_path) -> None:
    result = lint(THREE_RULES, args=["--exit-zero"])
    assert result.exit_code == 0
    assert len(result.diagnostics) == 3
    assert lint(THREE_RULES, args=["--exit-zero", "missing.md"]).exit_code == 2


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ([], {"Q001", "Q002", "Q003"}),
        (["--select", "Q002"], {"Q002"}),
        (["--select", "Q00"], {"Q001", "Q002", "Q003"}),
        (["--select", "Q"], {"Q001", "Q002", "Q003"}),
        (["--select", "ALL"], {"Q001", "Q002", "Q003"}),
        (["--select", "straight-apostrophe"], {"Q002"}),
        (["--select", "Q001,apostrophe-direction"], {"Q001", "Q003"}),
        (["--select", "Q001", "--select", "Q003"], {"Q001", "Q003"}),
        (["--ignore", "Q002"], {"Q001", "Q003"}),
        (["--ignore", "straight-quote"], {"Q002", "Q003"}),
        (["--ignore", "Q"], set()),
        (["--select", "Q", "--ignore", "Q002"], {"Q001", "Q003"}),
        (["--select", "Q001", "--extend-select", "Q003"], {"Q001", "Q003"}),
        (["--select", "Q001", "--extend-select", "straight-apostrophe"], {"Q001", "Q002"}),
        (["--select", "Q001", "--extend-select", "Q00"], {"Q001", "Q002", "Q003"}),
    ],
)
def test_rule_selection(lint, args: list[str], codes: set[str]) -> None:
    result = lint(THREE_RULES, args=args)
    assert set(result.codes) == codes
    assert result.exit_code == (1 if codes else 0)


def test_extend_select_adds_to_the_config_selection(lint) -> None:
    result = lint(THREE_RULES, args=["--extend-select", "Q003"], config={"select": ["Q001"]})
    assert set(result.codes) == {"Q001", "Q003"}


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
@pytest.mark.parametrize("code", ["Q099", "Z", "straight-apostrophes"])
def test_unknown_rule_is_a_usage_error(lint, option: str, code: str) -> None:
    result = lint(THREE_RULES, args=[option, code])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr_lines) == 1
    assert code in result.stderr
    assert "Traceback" not in result.stderr


def test_statistics_counts_findings_per_rule(lint) -> None:
    text = "“I can’t,” she said. “It’s late. Isn’t it?” I don't. We won't. It was the ‘90s.\n"
    result = lint(text, args=["--format", "text", "--statistics"])
    lines = result.stdout.splitlines()
    assert any(re.match(r"\s*2\s+Q002\b.*straight-apostrophe", line) for line in lines)
    assert any(re.match(r"\s*1\s+Q003\b.*apostrophe-direction", line) for line in lines)
    assert "│" not in result.stdout  # counts, not snippets
    assert result.exit_code == 1


def test_statistics_as_json_are_counts_beside_the_findings(lint) -> None:
    text = "“I can’t,” she said. “It’s late. Isn’t it?” I don't. We won't. It was the ‘90s.\n"
    report = lint(text, args=["--statistics"]).report
    assert report["statistics"] == [
        {"code": "Q002", "name": "straight-apostrophe", "count": 2, "fixable": 2},
        {"code": "Q003", "name": "apostrophe-direction", "count": 1, "fixable": 1},
    ]
    assert len(report["diagnostics"]) == 3  # a program reading them sees the same findings


def test_statistics_columns_line_up_for_long_grammar_codes(lint) -> None:
    pytest.importorskip("harper", reason="harper-py has no wheel for this platform")
    text = "It was definately late. I don't know, we won't go.\n\n“I can’t,” she said.\n"
    args = ["--format", "text", "--statistics", "--grammar", "harper", "--quiet"]
    lines = lint(text, args=args).stdout.splitlines()
    assert any("G:harper:" in line for line in lines) and len(lines) >= 2
    # The names start in one column, whatever the code's length.
    assert len({line.index(line.split()[-1]) for line in lines}) == 1


def test_a_grammar_code_from_a_report_is_explained(cli) -> None:
    result = cli("rule", "G:harper:Spelling")
    assert result.exit_code == 0
    assert result.stdout.startswith("G:harper:Spelling\n")
    assert "--ignore G:harper:Spelling" in result.stdout and "--apply-suggestions" in result.stdout
    lt = cli("rule", "G:languagetool:EN_A_VS_AN")
    assert "EN_A_VS_AN" in lt.stdout and lt.exit_code == 0
    bad = cli("rule", "G:nosuch:Thing")
    assert bad.exit_code == 2 and bad.stderr.startswith("ficlint: error: unknown grammar code")


def test_quiet_prints_findings_without_the_summary(lint) -> None:
    loud = lint(THREE_RULES, args=["--format", "text"]).stdout
    quiet = lint(THREE_RULES, args=["--format", "text", "--quiet"]).stdout
    assert "Found 3 problems" in loud
    assert "Found" not in quiet
    assert "chapter.md:1:" in quiet
    assert quiet.strip() in loud


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ficlint {ficlint.__version__}"


def test_check_subcommand_is_the_explicit_form(lint, cli) -> None:
    implicit = lint(THREE_RULES, args=["--format", "text"])
    explicit = cli("check", "chapter.md", "--format", "text")
    assert (explicit.exit_code, explicit.stdout) == (implicit.exit_code, implicit.stdout)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A manuscript folder in which the config pins curly quotes, so each file with `don't`
    has exactly one finding."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ficlint.toml").write_text('quotes = "curly"\n', encoding="utf-8")
    book = tmp_path / "book"
    for name in [
        "a.md",
        "b.markdown",
        "c.txt",
        "d.text",
        "part-two/e.md",
        "part-two/deep/f.txt",
        "skip.rst",
        "skip.html",
        "skip.py",
        "skip.md.bak",
        "skip.docx",
        "skip.md~",
    ]:
        path = book / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("She said she don't mind.\n", encoding="utf-8")
    return book


def test_folder_is_searched_for_prose_files_only(folder, cli) -> None:
    result = cli("book", "--format", "json")
    assert sorted(d["path"] for d in result.diagnostics) == [
        "book/a.md",
        "book/b.markdown",
        "book/c.txt",
        "book/d.text",
        "book/part-two/deep/f.txt",
        "book/part-two/e.md",
    ]
    assert result.report["summary"]["files"] == 6


def test_no_path_checks_the_current_folder(folder, cli, monkeypatch) -> None:
    monkeypatch.chdir(folder)
    result = cli("--format", "json")
    assert sorted(d["path"] for d in result.diagnostics) == [
        "a.md",
        "b.markdown",
        "c.txt",
        "d.text",
        "part-two/deep/f.txt",
        "part-two/e.md",
    ]


def test_no_path_checks_the_files_the_config_names(folder, cli) -> None:
    (folder.parent / "ficlint.toml").write_text(
        'quotes = "curly"\nfiles = ["book/*.md", "book/part-two/**/*.txt"]\n', encoding="utf-8"
    )
    result = cli("--format", "json")
    assert sorted(d["path"] for d in result.diagnostics) == [
        "book/a.md",
        "book/part-two/deep/f.txt",
    ]
    assert result.report["summary"]["files"] == 2


def test_stdin_with_a_filename(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "“I can’t,” she said. “It’s late.” I don't.\n\n```\nsay \"x\" 'y'\n```\n"
    result = cli("-", "--stdin-filename", "chapter-9.md", "--format", "json", input=text)
    assert [(d["path"], d["code"], d["line"]) for d in result.diagnostics] == [
        ("chapter-9.md", "Q002", 1)
    ]
    assert result.report["summary"]["files"] == 1


def test_stdin_without_a_filename(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("-", "--format", "json", input="“I can’t,” she said. “It’s late.” I don't.\n")
    assert [(d["path"], d["code"]) for d in result.diagnostics] == [("-", "Q002")]


def test_color_never_and_always(lint) -> None:
    plain = lint(THREE_RULES, args=["--format", "text", "--color", "never"]).stdout
    coloured = lint(THREE_RULES, args=["--format", "text", "--color", "always"]).stdout
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_color_auto_is_off_when_not_a_terminal(lint) -> None:
    assert "\x1b[" not in lint(THREE_RULES, args=["--format", "text"]).stdout


def _on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Standard output of `python -m ficlint ARGS` written to a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    try:
        leader, follower = pty.openpty()
    except OSError:
        pytest.skip("no pseudo-terminal here")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ficlint", *args],
        cwd=cwd,
        env=env,
        stdout=follower,
        stderr=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_color_auto_on_a_terminal_honours_no_color(tmp_path, no_color, coloured) -> None:
    (tmp_path / "chapter.md").write_text(THREE_RULES, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = no_color
    out = _on_terminal(["chapter.md", "--color", "auto"], tmp_path, env)
    assert "Q002" in out
    assert ("\x1b[" in out) is coloured
