"""Configuration: where it is found, what it changes, and how its mistakes are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

STRAIGHT = 'She said she don\'t mind. "Fine," he said.\n'
CURLY = "She said she don’t mind. “Fine,” he said.\n"

FORMS = {
    "pyproject.toml": "[tool.ficlint]\n{body}",
    "ficlint.toml": "{body}",
    ".ficlint.toml": "{body}",
}


def _write_config(folder: Path, form: str, body: str) -> Path:
    path = folder / form
    path.write_text(FORMS[form].format(body=body), encoding="utf-8")
    return path


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/book/part-one/chapter.md, a straight-quoted chapter; the run starts in tmp."""
    chapter = tmp_path / "book" / "part-one" / "chapter.md"
    chapter.parent.mkdir(parents=True)
    chapter.write_text(STRAIGHT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "book"


CHAPTER = "book/part-one/chapter.md"


@pytest.mark.parametrize("form", list(FORMS))
def test_config_is_found_by_walking_up(book, cli, form) -> None:
    _write_config(book, form, 'quotes = "curly"\n')
    result = cli(CHAPTER, "--format", "json")
    assert sorted(d["code"] for d in result.diagnostics) == ["Q001", "Q001", "Q002"]
    assert all('quotes = "curly"' in d["message"] for d in result.diagnostics)


def test_nearest_config_wins(book, cli) -> None:
    _write_config(book.parent, "ficlint.toml", 'ignore = ["Q"]\n')
    _write_config(book, "ficlint.toml", 'quotes = "curly"\n')
    assert "Q002" in cli(CHAPTER, "--format", "json").codes


def test_pyproject_without_a_ficlint_table_is_passed_over(book, cli) -> None:
    (book / "pyproject.toml").write_text('[project]\nname = "novel"\n', encoding="utf-8")
    _write_config(book.parent, "ficlint.toml", 'quotes = "curly"\n')
    assert "Q002" in cli(CHAPTER, "--format", "json").codes


def test_config_option_names_the_file(book, cli, tmp_path) -> None:
    _write_config(book, "ficlint.toml", 'ignore = ["Q"]\n')
    other = tmp_path / "strict.toml"
    other.write_text('quotes = "curly"\n', encoding="utf-8")
    assert "Q002" in cli(CHAPTER, "--format", "json", "--config", str(other)).codes


def test_quotes_straight_pins_the_style(book, cli) -> None:
    (book / "part-one" / "chapter.md").write_text(CURLY, encoding="utf-8")
    _write_config(book, "ficlint.toml", 'quotes = "straight"\n')
    diagnostics = cli(CHAPTER, "--format", "json").diagnostics
    assert sorted(d["code"] for d in diagnostics) == ["Q001", "Q001", "Q002"]
    assert all(d["fix"]["edits"][0]["replacement"] in "\"'" for d in diagnostics)


def test_inferred_style_without_config(book, cli) -> None:
    assert cli(CHAPTER, "--format", "json").diagnostics == []


@pytest.mark.parametrize("form", list(FORMS))
def test_unknown_key_names_file_key_and_nearest_key(book, cli, form) -> None:
    _write_config(book, form, 'quotse = "curly"\n')
    result = cli(CHAPTER)
    assert result.exit_code == 2
    assert len(result.stderr_lines) == 1
    line = result.stderr_lines[0]
    assert form in line
    assert "quotse" in line
    assert "'quotes'" in line or '"quotes"' in line or "`quotes`" in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("quotes = 3\n", "quotes"),
        ('quotes = "fancy"\n', "quotes"),
        ('dialogue-quotes = "triple"\n', "dialogue-quotes"),
        ('select = "Q001"\n', "select"),
        ("ignore = [1, 2]\n", "ignore"),
        ('words = "kanima"\n', "words"),
        ('dialect = ["en-GB"]\n', "dialect"),
        ('files = "chapters/*.md"\n', "files"),
        ('severity = "error"\n', "severity"),
        ('[severity]\nQ002 = "fatal"\n', "severity"),
        ('[per-file-ignores]\n"notes/*.md" = "Q002"\n', "per-file-ignores"),
        ('grammar = "grammarly"\n', "grammar"),
        ('[grammar]\nserver = "localhost:8081"\n', "server"),
        ('[grammar]\nengine = "auto"\nservre = "http://localhost:8081"\n', "servre"),
        ('[grammar]\npublic-api = "yes"\n', "public-api"),
        ("[grammar]\ntimeout = -1\n", "timeout"),
    ],
)
def test_wrong_type_names_file_and_key(book, cli, body, key) -> None:
    _write_config(book, "ficlint.toml", body)
    result = cli(CHAPTER)
    assert result.exit_code == 2
    assert len(result.stderr_lines) == 1
    assert "ficlint.toml" in result.stderr
    assert key in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "body",
    [
        'select = ["Q099"]\n',
        'ignore = ["straight-quotes"]\n',
        '[per-file-ignores]\n"notes/*.md" = ["Z9"]\n',
        '[severity]\nQ777 = "error"\n',
    ],
)
def test_unknown_rule_code_in_config(book, cli, body) -> None:
    _write_config(book, "ficlint.toml", body)
    result = cli(CHAPTER)
    assert result.exit_code == 2
    assert len(result.stderr_lines) == 1
    assert "ficlint.toml" in result.stderr


@pytest.mark.parametrize("form", list(FORMS))
def test_invalid_toml_is_one_line(book, cli, form) -> None:
    _write_config(book, form, 'select = ["Q001"\n')
    result = cli(CHAPTER)
    assert result.exit_code == 2
    assert len(result.stderr_lines) == 1
    assert form in result.stderr
    assert "TOML" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("selector", ["Q002", "Q", "straight-apostrophe"])
def test_per_file_ignores(tmp_path, cli, monkeypatch, selector) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("chapters/one.md", "notes/ideas.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("“I can’t,” she said. “It’s late.” I don't.\n", "utf-8")
    (tmp_path / "ficlint.toml").write_text(
        f'[per-file-ignores]\n"notes/*.md" = ["{selector}"]\n', encoding="utf-8"
    )
    result = cli(".", "--format", "json")
    assert [d["path"] for d in result.diagnostics] == ["chapters/one.md"]


def test_per_file_ignores_apply_to_plain_text(lint) -> None:
    config = {"per-file-ignores": {"*.txt": ["Q002"]}}
    text = "“I can’t,” she said. “It’s late.” I don't.\n"
    assert lint(text, suffix=".txt", config=config).diagnostics == []
    assert lint(text, suffix=".md", config=config).codes == ["Q002"]


@pytest.mark.parametrize(("code", "level"), [("Q002", "error"), ("Q004", "info")])
def test_severity_override(lint, code, level) -> None:
    text = "“I can’t,” she said. “It’s late.” I don't.\n\n“Wait.\n\nNobody did.\n"
    result = lint(text, config={"severity": {code: level}})
    assert {d["code"]: d["severity"] for d in result.diagnostics}[code] == level
    assert {d["code"]: d["severity"] for d in result.diagnostics} == {
        "Q002": "warning",
        "Q004": "error",
        code: level,
    }


def test_config_select_and_ignore(lint) -> None:
    text = "“I can’t,” she said. “It’s late.” I don't. \"Go.”\n"
    assert lint(text, config={"select": ["Q002"]}).codes == ["Q002"]
    assert lint(text, config={"ignore": ["straight-apostrophe"]}).codes == ["Q001"]
    assert lint(text, args=["--select", "Q001"], config={"select": ["Q002"]}).codes == ["Q001"]


def test_exclude_leaves_files_out_of_a_folder(tmp_path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("chapters/one.md", "notes/ideas.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("She said she don't mind.\n", "utf-8")
    (tmp_path / "ficlint.toml").write_text('quotes = "curly"\nexclude = ["notes/*"]\n', "utf-8")
    result = cli(".", "--format", "json")
    assert [d["path"] for d in result.diagnostics] == ["chapters/one.md"]
    assert result.report["summary"]["files"] == 1
