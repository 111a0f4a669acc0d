"""Adding a word to the config's `words` from the editor: the file keeps its comments and
layout, and is written only when it reads back with just that word added."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlint.config import load_settings
from ficlint.config_edit import add_word
from ficlint.errors import ConfigError
from ficlint.registry import validate_selectors


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("ficlint.toml", None, 'words = ["Marucs"]\n'),
        ("ficlint.toml", 'words = ["Ada"]  # names\n', 'words = ["Marucs", "Ada"]  # names\n'),
        (
            "ficlint.toml",
            '# my book\nfiles = ["ch*.md"]\n\n[severity]\nQ002 = "error"\n',
            '# my book\nfiles = ["ch*.md"]\n\nwords = ["Marucs"]\n\n[severity]\nQ002 = "error"\n',
        ),
        (
            "pyproject.toml",
            '[project]\nname = "book"\n\n[tool.ficlint]\nwords = [\n  "Ada",\n]\n\n[tool.x]\nk = 1\n',
            '[project]\nname = "book"\n\n[tool.ficlint]\nwords = [\n  "Marucs",\n  "Ada",\n]\n\n'
            "[tool.x]\nk = 1\n",
        ),
        (
            "pyproject.toml",
            '[project]\nname = "book"\n',
            '[project]\nname = "book"\n\n[tool.ficlint]\nwords = ["Marucs"]\n',
        ),
    ],
)
def test_the_word_is_added_where_a_writer_would_add_it(tmp_path, name, before, after) -> None:
    config = tmp_path / name
    if before is not None:
        config.write_text(before, encoding="utf-8")
    add_word(config, "Marucs")
    assert config.read_text(encoding="utf-8") == after
    assert "Marucs" in load_settings(config, validate_selectors).words
    add_word(config, "Marucs")  # a second time changes nothing
    assert config.read_text(encoding="utf-8") == after


def test_a_config_that_cannot_take_the_word_is_left_alone(tmp_path: Path) -> None:
    config = tmp_path / "ficlint.toml"
    config.write_text("words = 'not a list'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cannot add|invalid TOML"):
        add_word(config, "Marucs")
    assert config.read_text(encoding="utf-8") == "words = 'not a list'\n"
    with pytest.raises(ConfigError, match="not one word"):
        add_word(config, "two words")


def test_a_config_with_windows_line_endings_keeps_them(tmp_path: Path) -> None:
    config = tmp_path / "ficlint.toml"
    config.write_bytes(b'# my book\r\nfiles = ["ch*.md"]\r\n\r\n[severity]\r\nQ002 = "error"\r\n')
    add_word(config, "Marucs")
    assert config.read_bytes() == (
        b'# my book\r\nfiles = ["ch*.md"]\r\n\r\nwords = ["Marucs"]\r\n\r\n[severity]\r\n'
        b'Q002 = "error"\r\n'
    )
