"""The LanguageTool backend, against the contract fixture in lt_contract_server.py (a small
local server speaking LanguageTool's documented /v2 JSON; not LanguageTool itself), and a
live test that runs only when FICLINT_LT_SERVER points at a real server."""

from __future__ import annotations

import os

import pytest

from lt_contract_server import ContractServer

pytest.importorskip("language_tool_python")

LIVE_SERVER = os.environ.get("FICLINT_LT_SERVER")  # read before conftest hides it


@pytest.fixture
def server():
    with ContractServer() as s:
        yield s


def _config(server, **grammar) -> dict:
    return {"grammar": {"engine": "languagetool", "server": server.url, **grammar}}


def _grammar(result) -> list[dict]:
    return [d for d in result.diagnostics if d["code"].startswith("G:")]


def _spans(text: str, result) -> list[tuple[str, str]]:
    """(code, the words the finding covers) for each grammar finding on a one-line text."""
    line = text.split("\n")[0]
    return [
        (d["code"], line[d["column"] - 1 : d["end_column"] - 1])
        for d in _grammar(result)
        if d["line"] == 1
    ]


def test_positions_are_exact_in_markdown_with_emphasis_links_and_code(lint, server) -> None:
    text = "*Nell* took [teh map](https://example.org/teh) and `a apple`, a awful teh thing.\n"
    result = lint(text, config=_config(server))
    assert _spans(text, result) == [
        ("G:languagetool:MORFOLOGIK_RULE_EN_US", "teh"),
        ("G:languagetool:EN_A_VS_AN", "a"),
        ("G:languagetool:MORFOLOGIK_RULE_EN_US", "teh"),
    ]
    assert result.diagnostics[1]["column"] == text.index("a awful") + 1
    sent = "".join(server.texts)
    assert "https://" not in sent and "*" not in sent  # markup is not sent


def test_offsets_after_emoji_and_accents(lint, server) -> None:
    # LanguageTool counts 🐉 as two (UTF-16) units; ficlint counts it as one character.
    text = "🐉🐉 Zoë saw teh café — 👩‍👧 and then a owl, teh end.\n"
    result = lint(text, config=_config(server))
    assert [words for _, words in _spans(text, result)] == ["teh", "a", "teh"]


def test_findings_on_later_lines_and_files_point_at_their_lines(lint, server) -> None:
    text = "Nell waited.\n\nShe had no map.\n\nIt was a awful night.\n"
    [found] = _grammar(lint(text, config=_config(server)))
    assert (found["line"], found["column"], found["end_column"]) == (5, 8, 9)


def test_story_words_are_not_spelling_mistakes_but_grammar_still_is(lint, server) -> None:
    text = "The kanima crept closer. It was a awful night, a awful, a awful.\n"
    found = _grammar(lint(text, config={**_config(server), "words": ["kanima"]}))
    # "a" is a frequent word of the story, but EN_A_VS_AN is grammar, not spelling.
    assert {d["code"] for d in found} == {"G:languagetool:EN_A_VS_AN"}


def test_rules_that_fight_fiction_are_disabled_and_style_advice_dropped(lint, server) -> None:
    text = 'Nell said, "It was very unique." Then she left.\n'
    assert _grammar(lint(text, config=_config(server))) == []
    disabled = server.requests[0]["disabledRules"].split(",")
    assert "EN_QUOTES" in disabled and "ENGLISH_WORD_REPEAT_RULE" in disabled


def test_a_finding_ficlint_already_makes_is_reported_once(lint, server) -> None:
    result = lint("She opened the the door.\n", config=_config(server))
    assert result.codes == ["R001"]


def test_grammar_codes_select_and_ignore_like_any_other(lint, server) -> None:
    text = "It was a awful night, and teh moon was up.\n"
    ignored = lint(text, config=_config(server), args=["--ignore", "G:languagetool"])
    assert _grammar(ignored) == []
    only = lint(text, config=_config(server), args=["--select", "G:languagetool:EN_A_VS_AN"]).codes
    assert only == ["G:languagetool:EN_A_VS_AN"]


def test_second_run_asks_the_server_nothing(lint, server) -> None:
    text = "".join(f"Paragraph {i} had a awful moment.\n\n" for i in range(50))
    first = lint(text, config=_config(server))
    asked = len(server.requests)
    assert asked >= 1 and len(_grammar(first)) == 50
    second = lint(text, config=_config(server))
    assert len(server.requests) == asked
    assert second.diagnostics == first.diagnostics
    # An edited paragraph is the only one sent again.
    lint(text.replace("Paragraph 7 had", "Paragraph 7 has"), config=_config(server))
    assert server.texts[asked:] == ["Paragraph 7 has a awful moment."]


def test_no_cache_asks_again(lint, server) -> None:
    lint("It was a awful night.\n", config=_config(server))
    lint("It was a awful night.\n", config=_config(server), args=["--no-cache"])
    assert len(server.requests) == 2


def test_a_long_manuscript_is_split_under_the_server_limit(lint, server) -> None:
    server.limit = 400
    text = "".join(f"Line {i} of the chapter was a awful sentence indeed.\n\n" for i in range(60))
    found = _grammar(lint(text, config=_config(server)))
    assert len(found) == 60 and {d["line"] for d in found} == set(range(1, 120, 2))
    accepted = [t for t in server.texts if len(t) <= 400]
    assert len(accepted) >= 60 * 50 // 400  # split into several requests, none lost


@pytest.mark.parametrize(
    ("mode", "words"),
    [("error", "internal error"), ("garbage", "proxy error"), ("slow", "timed out")],
)
def test_a_failing_server_is_one_warning_and_the_house_rules_still_run(
    lint, server, mode, words
) -> None:
    server.mode, server.delay = mode, 1.5
    config = {"grammar": {"engine": "auto", "server": server.url, "timeout": 0.3}}
    result = lint("She opened the the door. It was a awful night.\n", config=config)
    assert result.codes == ["R001"]
    assert result.exit_code == 1  # findings, not the engine, decide the status
    [warning] = result.stderr_lines
    assert server.url in warning and words in warning


def test_an_unreachable_server_is_one_warning(lint) -> None:
    config = {"grammar": {"engine": "auto", "server": "http://127.0.0.1:9", "timeout": 2}}
    result = lint("It was a awful night.\n", config=config)
    assert result.exit_code == 0 and result.diagnostics == []
    [warning] = result.stderr_lines
    assert "http://127.0.0.1:9" in warning and "did not answer" in warning


def test_languagetool_demanded_and_failing_is_an_error(lint, server) -> None:
    server.mode = "error"
    result = lint("It was a awful night.\n", config=_config(server))
    assert result.exit_code == 2
    [message] = result.stderr_lines
    assert server.url in message


def test_the_environment_variable_names_the_server(lint, server, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_LT_SERVER", server.url)
    result = lint("It was a awful night.\n", args=["--grammar", "auto"])
    assert result.codes == ["G:languagetool:EN_A_VS_AN"]


def test_the_config_server_wins_over_the_environment(lint, server, monkeypatch) -> None:
    monkeypatch.setenv("FICLINT_LT_SERVER", "http://127.0.0.1:9")  # nothing listens there
    result = lint("It was a awful night.\n", config=_config(server))
    assert result.codes == ["G:languagetool:EN_A_VS_AN"] and result.stderr == ""


def test_auto_without_a_server_never_sends_the_manuscript_anywhere(lint, server) -> None:
    lint("It was a awful night.\n", args=["--grammar", "auto"])
    assert server.requests == []


def test_the_summary_line_names_languagetool(cli, server, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ficlint.toml").write_text(
        f'[grammar]\nengine = "languagetool"\nserver = "{server.url}"\n', encoding="utf-8"
    )
    (tmp_path / "ch.md").write_text("It was a awful night.\n", encoding="utf-8")
    result = cli("ch.md")
    assert "grammar by LanguageTool" in result.stdout.splitlines()[-1]


@pytest.mark.skipif(not LIVE_SERVER, reason="set FICLINT_LT_SERVER to a LanguageTool server")
def test_live_languagetool_server(lint) -> None:
    text = "🐉 *Nell* said it was a awful night, and she went home.\n"
    config = {"grammar": {"engine": "languagetool", "server": LIVE_SERVER}}
    result = lint(text, config=config)
    assert result.exit_code in (0, 1)
    spans = _spans(text, result)
    assert ("G:languagetool:EN_A_VS_AN", "a") in spans


class _FakeInstall:
    version_name = "6.8"


def test_auto_never_downloads_languagetool(lint, server, monkeypatch, tmp_path) -> None:
    import language_tool_python

    from ficlint.grammar import languagetool

    monkeypatch.setenv("LTP_PATH", str(tmp_path / "nothing-installed"))
    assert languagetool.local_install() is None
    assert not (tmp_path / "nothing-installed").exists()  # not even made

    def no_local_server(*args, **kwargs):
        raise AssertionError("auto must not start (or download) a local LanguageTool")

    monkeypatch.setattr(language_tool_python, "LanguageTool", no_local_server)
    result = lint("It was a awful night.\n", args=["--grammar", "auto"])
    assert all(not d["code"].startswith("G:languagetool") for d in result.diagnostics)


def test_auto_uses_an_installed_languagetool(lint, server, monkeypatch) -> None:
    import language_tool_python

    from ficlint.grammar import languagetool

    real = language_tool_python.LanguageTool
    made = []

    class LocalTool(real):  # stands in for the Java server language-tool-python would start
        def __init__(self, language, **kwargs):
            made.append(kwargs)
            super().__init__(language, remote_server=server.url)

        def close(self):
            made.append("closed")

    monkeypatch.setattr(languagetool, "local_install", lambda: _FakeInstall())
    monkeypatch.setattr(language_tool_python, "LanguageTool", LocalTool)
    result = lint("It was a awful night.\n", args=["--grammar", "auto"])
    assert result.codes == ["G:languagetool:EN_A_VS_AN"]
    assert made == [{"language_tool_download_version": "6.8"}, "closed"]


def test_grammar_install_reports_a_failed_download(cli, monkeypatch) -> None:
    from language_tool_python import download_lt

    class Unreachable:
        def download(self):
            raise OSError("Temporary failure in name resolution")

    monkeypatch.setattr(
        download_lt.LocalLanguageTool, "from_version_name", staticmethod(lambda v: Unreachable())
    )
    result = cli("grammar", "install")
    assert result.exit_code == 2
    assert result.stderr_lines[-1] == (
        "ficlint: error: could not install LanguageTool: Temporary failure in name resolution"
    )


def test_grammar_install_without_a_network_names_the_host(cli, monkeypatch) -> None:
    import requests
    from language_tool_python import download_lt

    class Offline:
        def download(self):
            request = requests.Request("GET", "https://github.com/x/LanguageTool.zip").prepare()
            raise requests.ConnectionError("Max retries exceeded", request=request)

    monkeypatch.setattr(
        download_lt.LocalLanguageTool, "from_version_name", staticmethod(lambda v: Offline())
    )
    result = cli("grammar", "install")
    assert result.exit_code == 2
    assert "cannot reach github.com (no network?)" in result.stderr_lines[-1]


def test_british_or_american_spelling_is_left_to_c002(lint, server) -> None:
    text = "The colour was wrong, and teh light was low.\n"
    assert [w for _, w in _spans(text, lint(text, config=_config(server)))] == ["teh"]


def test_the_manuscript_dialect_picks_the_language(lint, server) -> None:
    lint("The colour of the harbour was grey; her favourite neighbour.\n", config=_config(server))
    assert server.requests[-1]["language"] == "en-GB"
    lint("The color of the harbor was gray; her favorite neighbor.\n", config=_config(server))
    assert server.requests[-1]["language"] == "en-US"


def test_the_public_api_is_used_only_when_the_user_opts_in() -> None:
    from ficlint.config import PUBLIC_API, Settings
    from ficlint.grammar import languagetool

    assert languagetool.server_url(Settings()) is None
    assert languagetool.server_url(Settings(lt_public_api=True)) == PUBLIC_API
    own = "http://localhost:8081"
    assert languagetool.server_url(Settings(lt_server=own, lt_public_api=True)) == own


def test_a_replacement_is_a_fix_only_when_it_is_clearly_the_best(lint, server) -> None:
    """`dorr`: door, dorm and dory are all one letter away, so the message lists them and no
    fix is offered; where the manuscript writes `door`, that one is the fix."""
    [alone] = _grammar(lint("He opened the dorr.\n", config=_config(server)))
    assert alone["fix"] is None
    assert "(‘door’, ‘dorm’ or ‘dory’?)" in alone["message"]
    vouched = lint("The door was shut.\n\nHe opened the dorr.\n", config=_config(server))
    [fixed] = [d for d in _grammar(vouched) if d["line"] == 3]
    assert fixed["fix"]["title"] == "replace ‘dorr’ with ‘door’"


def test_speech_in_a_characters_voice_is_left_alone_as_with_harper(lint, server) -> None:
    """LanguageTool's misspellings go through the same test of a voice as Harper's: twelve
    unknown words in speech against one slip in narration are the character's."""
    said = [
        "I were that worrit, Pip", "It were a creatur", "Naterally, old chap", "It were biled",
        "She were onmerciful", "I couldn't abear it", "All black with sut", "Never sitch a night",
        "I'll foller you", "The picter of her", "My nevvy is good", "Near drownded, they was",
    ]  # fmt: skip
    narration = "The forge stood cold beside the marsh while the wind blew over the river."
    text = "\n\n".join(f"“{s},” said Joe.\n\n{narration}" for s in said)
    result = lint(text + "\n\nThe convict did not recieve a word.\n", config=_config(server))
    spelt = [d for d in _grammar(result) if "MORFOLOGIK" in d["code"]]
    assert [d["line"] for d in spelt] == [49]
    sample = "(worrit, creatur, Naterally, biled, onmerciful, …)"
    assert f"12 unknown words in speech not reported {sample}" in result.stderr
