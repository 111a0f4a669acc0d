"""What comes back from a grammar engine is someone else's data: a LanguageTool server's
answer (a broken or hostile server) and the grammar cache (a file anyone with the user's
rights can write). A replacement that is not a string crashed the run; a negative offset put
a fix inside an HTML comment; a cache record rewritten to `PWNED` was written into every
paragraph by `--fix --unsafe-fixes`. Each is now checked: what is malformed is dropped (and
counted, for a server), the rest of the run goes on, and no byte outside a real finding moves.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import invoke
from lt_contract_server import ContractServer

COMMENT = "<!-- the ending: Nell dies -->"
TEXT = f"{COMMENT}\n\nIt was a awful night.\n\nThe lamp went out.\n"
RULE = {"id": "HOSTILE", "issueType": "grammar", "category": {"id": "MISC"}}


def _match(**fields) -> dict:
    match = {"offset": 0, "length": 2, "message": "m", "replacements": [], "rule": RULE}
    match.update(fields)
    return match


MALFORMED = [
    _match(offset=-5, length=3, replacements=[{"value": "INSIDE"}]),  # before the text
    _match(replacements=[{"value": 5}]),  # not a string
    _match(replacements=["plain"]),  # not LanguageTool's {"value": ...}
    _match(offset=10**6, replacements=[{"value": "FAR"}]),  # past the end
    _match(offset="3"),
    _match(length=True),
    _match(message=None),
    _match(rule="HOSTILE"),
    "not a match at all",
]


@pytest.fixture
def server():
    with ContractServer() as srv:
        yield srv


def test_malformed_server_matches_are_dropped_counted_and_the_rest_fixed(
    tmp_path, monkeypatch, server
) -> None:
    server.extra_matches = MALFORMED
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ficlint.toml").write_text(
        f'[grammar]\nengine = "languagetool"\nserver = "{server.url}"\n', encoding="utf-8"
    )
    chapter = tmp_path / "ch1.md"
    chapter.write_text(TEXT, encoding="utf-8")
    result = invoke(["ch1.md", "--fix", "--unsafe-fixes", "--apply-suggestions"])
    assert result.exit_code == 0, result.stderr
    assert chapter.read_text(encoding="utf-8") == TEXT.replace("a awful", "an awful")
    host = server.url.removeprefix("http://")
    assert (
        f"ficlint: warning: {len(MALFORMED)} malformed matches from the LanguageTool server "
        f"at {host} were ignored"
    ) in result.stderr_lines


def _cache_rows(cache_dir) -> sqlite3.Connection:
    return sqlite3.connect(cache_dir / "grammar.sqlite3")


HOSTILE_RECORDS = [
    [[0, 0, "Spelling", "x", "PWNED"]],  # an insertion at every paragraph's start
    [[0, 3, "Spelling", "x", "PWNED"]],
    {"findings": [[0, 0, "Spelling", "x", "PWNED"]]},
    [[1]],
    [["a", "b", "c", "d", "e"]],
    [[0, 10**9, "Spelling", "x", None]],
    "[" * 100_000,
    {"x": 1},
    None,
]


@pytest.mark.parametrize("value", HOSTILE_RECORDS, ids=range(len(HOSTILE_RECORDS)))
def test_a_tampered_grammar_cache_is_a_miss_not_a_fix(tmp_path, monkeypatch, value) -> None:
    """Harper fills the cache; every record is then overwritten; the next run must check
    the paragraphs afresh and fix exactly what the first run would."""
    monkeypatch.delenv("FICLINT_GRAMMAR")
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("FICLINT_CACHE_DIR", str(cache_dir))
    book = tmp_path / "book"
    book.mkdir()
    monkeypatch.chdir(book)
    (book / "ficlint.toml").write_text("", encoding="utf-8")
    text = "She opened the door definately.\n\nThe lamp went out.\n\nNell laughed.\n"
    (book / "ch1.md").write_text(text, encoding="utf-8")
    first = invoke(["ch1.md", "--format", "json"])
    assert any(d["code"].startswith("G:harper") for d in first.diagnostics)
    with _cache_rows(cache_dir) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] >= 3
        stored = value if isinstance(value, str) else json.dumps(value)
        db.execute("UPDATE results SET value = ?", (stored,))
    db.close()
    result = invoke(["ch1.md", "--fix", "--unsafe-fixes", "--apply-suggestions"])
    assert result.exit_code in (0, 1), result.stderr
    fixed = (book / "ch1.md").read_text(encoding="utf-8")
    assert "PWNED" not in fixed
    assert fixed == text.replace("definately", "definitely")
