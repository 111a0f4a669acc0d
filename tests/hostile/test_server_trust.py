"""Where a writer's words go. A `[grammar] server` in a config file sends every chapter to
that server. A config the writer did not write — one in a parent folder, a shared drive's, a
cloned repository's parent — must not send the manuscript off the machine unnoticed: a
server named by a config outside the current repository (the git repository holding the
working directory, else the working directory) is refused with one error naming the config
and the host, unless the writer confirms it (--allow-server, FICLINT_ALLOW_SERVER=1). Every
run that sends text names the host on its summary line."""

from __future__ import annotations

import pytest

from conftest import invoke
from lt_contract_server import ContractServer

CHAPTER = "It was a awful night.\n"


@pytest.fixture
def server():
    with ContractServer() as srv:
        yield srv


def _host(server) -> str:
    return server.url.removeprefix("http://")


def _book(root, server, *, git: bool = False, config_in_book: bool = False):
    """root/ficlint.toml (or root/book/ficlint.toml) naming the server; root/book/ch1.md."""
    book = root / "book"
    book.mkdir()
    if git:
        (book / ".git").mkdir()
    where = book if config_in_book else root
    (where / "ficlint.toml").write_text(
        f'[grammar]\nengine = "languagetool"\nserver = "{server.url}"\n', encoding="utf-8"
    )
    (book / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    return book


@pytest.mark.parametrize("git", [False, True], ids=["plain-folder", "git-repository"])
def test_a_parent_folders_server_is_refused_and_named(tmp_path, monkeypatch, server, git):
    monkeypatch.chdir(_book(tmp_path, server, git=git))
    result = invoke(["ch1.md"])
    assert result.exit_code == 2
    [line] = result.stderr_lines
    assert line.startswith("ficlint: error: ")
    assert str(tmp_path / "ficlint.toml") in line and _host(server) in line
    assert "--allow-server" in line
    assert server.requests == []  # not one word was sent


@pytest.mark.parametrize(
    "confirm", [["--allow-server"], "FICLINT_ALLOW_SERVER"], ids=["flag", "environment"]
)
def test_the_writer_can_confirm_the_server(tmp_path, monkeypatch, server, confirm):
    monkeypatch.chdir(_book(tmp_path, server))
    if isinstance(confirm, str):
        monkeypatch.setenv(confirm, "1")
        confirm = []
    result = invoke(["ch1.md", *confirm])
    assert result.exit_code == 1, result.stderr
    assert server.requests
    assert result.stdout.splitlines()[-1].endswith(f"grammar by LanguageTool at {_host(server)}.")


def test_the_repositorys_own_config_is_trusted_and_the_host_named(tmp_path, monkeypatch, server):
    book = _book(tmp_path, server, git=True, config_in_book=True)
    (book / "chapters").mkdir()
    monkeypatch.chdir(book / "chapters")  # run from a subfolder of the repository
    result = invoke(["../ch1.md"])
    assert result.exit_code == 1, result.stderr
    assert server.requests
    assert f"grammar by LanguageTool at {_host(server)}." in result.stdout.splitlines()[-1]


def test_the_users_own_environment_server_is_trusted(tmp_path, monkeypatch, server):
    (tmp_path / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FICLINT_LT_SERVER", server.url)
    result = invoke(["ch1.md", "--grammar", "languagetool"])
    assert result.exit_code == 1, result.stderr
    assert f"grammar by LanguageTool at {_host(server)}." in result.stdout.splitlines()[-1]
