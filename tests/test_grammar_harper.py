"""Grammar from Harper (harper-py), run for real: `--grammar harper` reports grammar and
spelling beside ficlint's rules, at exact positions, never on the story's own words."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("harper", reason="harper-py has no wheel for this platform")


# Rules outside the default tier that these tests exercise ficlint's filters with (its and
# it's, articles, capitals, a character's grammar): turned on by name, as a user would.
HARPER = [
    "--grammar",
    "harper",
    "--extend-select",
    ",".join(
        f"G:harper:{rule}"
        for rule in (
            "AnA",
            "ModalOf",
            "TheirToTheyre",
            "TheirToThere",
            "ThereToTheir",
            "ItsContraction",
            "ItsPossessive",
            "PronounInflectionBe",
            "SentenceCapitalization",
            "OpenCompounds",
            "AWhile",
        )
    ),
]


def _grammar(result) -> list[dict]:
    return [d for d in result.diagnostics if d["code"].startswith("G:")]


def _rules_and_fixes(result) -> list[tuple[int, str, str]]:
    """(line, Harper rule, fix title) of each grammar finding."""
    return [(d["line"], d["code"].split(":")[-1], d["fix"]["title"]) for d in _grammar(result)]


def test_harper_reports_a_grammar_error_at_its_place(lint) -> None:
    result = lint(
        "Nell waited by the door.\n\nIt was an long night, and the lamp burned low.\n",
        args=HARPER,
    )
    [found] = [d for d in _grammar(result) if d["line"] == 3]
    assert found["code"].startswith("G:harper:")
    assert (found["column"], found["end_column"]) == (8, 10)  # “an”
    assert found["source"] == "harper"
    # An engine's guess: only --apply-suggestions writes it, and it says what it writes.
    assert found["fix"]["applicability"] == "suggestion"
    assert found["fix"]["title"] == "replace ‘an’ with ‘a’"


def test_positions_count_markdown_markup(lint) -> None:
    text = "*“Quiet,”* she said, and **then** it was an long night.\n"
    [found] = _grammar(lint(text, suffix=".md", args=HARPER))
    line = text.split("\n")[0]
    assert line[found["column"] - 1 : found["end_column"] - 1] == "an"


def test_the_story_words_are_never_spelling_mistakes(lint) -> None:
    text = "The kanima crept closer. Nobody had seen a zorblat like it.\n"
    plain = _grammar(lint(text, args=HARPER))
    assert {d["code"] for d in plain} == {"G:harper:Spelling:SpellCheck"}
    with_words = _grammar(lint(text, args=HARPER, config={"words": ["kanima", "zorblat"]}))
    assert with_words == []


def test_grammar_codes_select_and_ignore_like_any_other(lint) -> None:
    text = "I though you had gone.\n"
    assert _grammar(lint(text, args=["--grammar", "harper", "--ignore", "G"])) == []
    only = lint(text, args=["--grammar", "harper", "--select", "G:harper"]).diagnostics
    assert only and all(d["code"].startswith("G:harper:") for d in only)
    # The code of Harper's kind (as before rules had their own) selects and ignores too.
    for kind in ("G:harper:Typo", "G:harper:Typo:ThoughThought", "G:harper:ThoughThought"):
        assert _grammar(lint(text, args=["--grammar", "harper", "--ignore", kind])) == []
        found = lint(text, args=["--grammar", "harper", "--select", kind]).diagnostics
        assert [d["code"] for d in found] == ["G:harper:Typo:ThoughThought"]


def test_harper_runs_by_default_and_ficlint_grammar_or_the_config_can_turn_it_off(
    lint, monkeypatch, tmp_path
) -> None:
    monkeypatch.delenv("FICLINT_GRAMMAR")
    slip = "I though you had gone.\n"
    result = lint(slip)
    assert [d["code"] for d in _grammar(result)] == ["G:harper:Typo:ThoughThought"]
    monkeypatch.setenv("FICLINT_GRAMMAR", "off")
    assert _grammar(lint(slip)) == []
    # The config wins over the environment, and --grammar over both.
    (tmp_path / "ficlint.toml").write_text('grammar = "harper"\n', encoding="utf-8")
    assert _grammar(lint(slip))
    assert _grammar(lint(slip, args=["--grammar", "off"])) == []


# The Oxford comma is house style: Harper's OxfordComma rule is off by default.
_NO_OXFORD = "She bought apples, pears and plums at the market.\n"


def test_a_rule_off_by_default_is_silent_until_a_selector_names_it(lint) -> None:
    assert _grammar(lint(_NO_OXFORD, args=["--grammar", "harper"])) == []
    for code in ("G:harper:OxfordComma", "G:harper:Style:OxfordComma"):
        found = _grammar(lint(_NO_OXFORD, args=["--grammar", "harper", "--extend-select", code]))
        assert [d["code"] for d in found] == ["G:harper:Style:OxfordComma"]
    # A kind or the engine selects the default tier only.
    assert _grammar(lint(_NO_OXFORD, args=["--grammar", "harper", "--select", "G:harper"])) == []


def test_grammar_rules_all_turns_every_rule_on(lint) -> None:
    found = _grammar(
        lint(_NO_OXFORD, args=["--grammar", "harper"], config={"grammar-rules": "all"})
    )
    assert "G:harper:Style:OxfordComma" in {d["code"] for d in found}
    # and a rule's own code, or the old kind code, still ignores it
    for code in ("G:harper:OxfordComma", "G:harper:Style"):
        quiet = lint(
            _NO_OXFORD,
            args=["--grammar", "harper", "--ignore", code],
            config={"grammar-rules": "all"},
        )
        assert "G:harper:Style:OxfordComma" not in {d["code"] for d in _grammar(quiet)}


def test_a_bad_grammar_rules_value_is_one_clear_error(cli, tmp_path) -> None:
    (tmp_path / "ficlint.toml").write_text('grammar-rules = "most"\n', encoding="utf-8")
    path = tmp_path / "ch.md"
    path.write_text("It was a long night.\n", encoding="utf-8")
    result = cli(str(path), "--config", str(tmp_path / "ficlint.toml"))
    assert result.exit_code == 2
    assert result.stderr_lines == [
        f"ficlint: error: {tmp_path / 'ficlint.toml'}: 'grammar-rules' must be one of "
        "'default', 'all', not 'most'"
    ]


def test_the_grammar_choices_are_the_engines_with_auto_and_off() -> None:
    from ficlint import config, grammar

    assert ("auto", *grammar.ENGINES, "off") == config.ENGINES


def test_a_wrong_ficlint_grammar_is_one_clear_error(cli, tmp_path, monkeypatch) -> None:
    path = tmp_path / "ch.md"
    path.write_text("It was a long night.\n", encoding="utf-8")
    monkeypatch.setenv("FICLINT_GRAMMAR", "grammarly")
    result = cli(str(path))
    assert result.exit_code == 2
    assert result.stderr_lines == [
        "ficlint: error: FICLINT_GRAMMAR='grammarly': expected one of auto, harper, languagetool, off"
    ]


def test_the_summary_line_names_the_engine(cli, tmp_path) -> None:
    path = tmp_path / "ch.md"
    path.write_text("It was an long night.\n", encoding="utf-8")
    result = cli(str(path), "--grammar", "harper")
    assert "grammar by Harper" in result.stdout.splitlines()[-1]


def test_languagetool_demanded_but_missing_is_an_error(cli, tmp_path) -> None:
    path = tmp_path / "ch.md"
    path.write_text("It was a long night.\n", encoding="utf-8")
    result = cli(str(path), "--grammar", "languagetool")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "LanguageTool server" in result.stderr


def test_lower_case_after_exclamations_and_abbreviations_is_not_reported(lint) -> None:
    text = (
        "“Oh! my dear, it is late,” said Mrs. Hale. “Why now?” he asked.\n\n"
        "They called on Mr. and Mrs. Gardiner at noon.\n\n"
        "She went home. then she slept until noon.\n"
    )
    found = [d for d in _grammar(lint(text, args=HARPER)) if "Capital" in d["code"]]
    assert [(d["line"], d["column"]) for d in found] == [(5, 16)]  # “then”


def test_british_spelling_in_a_british_manuscript_is_not_a_misspelling(lint) -> None:
    text = (
        "The colour of the harbour was grey, and her favourite neighbour spoke of honour.\n\n"
        "She recieved the letter at dawn.\n"
    )
    found = _grammar(lint(text, args=HARPER))
    assert [(d["line"], d["code"]) for d in found] == [(3, "G:harper:Spelling:SpellCheck")]


def test_real_words_and_places_are_not_misspellings_but_typos_are(lint) -> None:
    text = (
        "They drove the curricle to Haggerston, past the barouche, and she felt an unfelt "
        "calm.\n\nShe recieved the letter definately late.\n"
    )
    found = _grammar(lint(text, args=HARPER))
    words = [text.split("\n")[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1] for d in found]
    assert words == ["recieved", "definately"]


FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def test_draft_mistakes_are_found_and_formal_english_is_left_alone(lint) -> None:
    """tests/fixtures/grammar-draft.md: first-draft mistakes Harper finds (the .tsv), between
    lines of correct, formal or period English that Harper's switched-off rules and ficlint's
    filters must leave alone."""
    text = (FIXTURES / "grammar-draft.md").read_text(encoding="utf-8")
    rows = (FIXTURES / "grammar-draft.tsv").read_text(encoding="utf-8").splitlines()[1:]
    planted = {int(line): needle for line, needle in (row.split("\t") for row in rows)}
    found = _grammar(lint(text, args=HARPER))
    lines = text.split("\n")
    hit = {}
    for d in found:
        hit.setdefault(d["line"], []).append(
            lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1]
        )
    assert {
        line: needle
        for line, needle in planted.items()
        if any(needle in w for w in hit.get(line, []))
    } == planted
    assert sorted(set(hit) - set(planted)) == []  # nothing on the look-alikes


def test_eye_dialect_and_capitals_are_not_misspellings(lint) -> None:
    text = (
        "“I seen nothin of the conwict, and that’s wery odd,” said Joe.\n\n"
        "Across the wall someone had painted KRWITE SHORL, and under it N.B. in chalk.\n\n"
        "“Thou seest the road, and rememberest it,” said the lama.\n\n"
        "She recieved the letter at dawn.\n"
    )
    found = _grammar(lint(text, args=HARPER))
    assert [(d["line"], d["code"]) for d in found] == [(7, "G:harper:Spelling:SpellCheck")]


@pytest.mark.parametrize(
    "word",
    [
        *("hatbrim", "coalbin", "schooltime", "summerlike", "saltspoons", "muslins", "gaieties"),
        *("unsupposable", "spiritlessly", "smilelessly", "wholesomer", "mittened", "befrilled"),
        *("zakúska", "Glínka", "bwother", "wegiment"),  # foreign letters; a lisp's w for r
        *("D'you", "t'other", "y’know"),  # run together as said
    ],
)
def test_words_built_from_known_words_are_not_misspellings(word) -> None:
    """Closed compounds, plurals and derived forms of known words; foreign letters; a lisp; words
    run together as they are said."""
    from ficlint.grammar.wordforms import not_a_misspelling

    assert not_a_misspelling(word, set())


@pytest.mark.parametrize(
    "word",
    [
        *("carefull", "withold", "writting", "threshhold", "suprise", "eachother", "recieves"),
        *("alot", "truely", "happyness", "arguement", "useing", "basicly", "untill"),
        *("incidently", "wich"),
    ],
)
def test_slips_that_look_like_words_put_together_stay_misspellings(word) -> None:
    from ficlint.grammar.wordforms import not_a_misspelling

    assert not not_a_misspelling(word, set())


@pytest.mark.parametrize(
    ("text", "word", "excused"),
    [
        ("It was a fait accompli by then.", "accompli", True),
        ("It was a fait accompli by then.", "fait", True),  # its neighbour is French
        ("They ate foie gras at noon.", "foie", True),
        ("She wrote it definately.", "definately", False),
        ("Go to the libary now.", "libary", False),
    ],
)
def test_french_and_spanish_phrases_are_not_misspellings(text, word, excused) -> None:
    from ficlint.grammar.excuses import misspelling_excused

    at = text.index(word)
    assert misspelling_excused(text, at, at + len(word), set()) is excused


@pytest.mark.parametrize(
    ("word", "excused"),
    [
        ("calc'lated", True),
        ("s'pose", True),
        ("reg'larly", True),
        ("did'nt", False),
        ("ca'nt", False),
        ("should'nt", False),
    ],
)
def test_letters_left_out_at_an_apostrophe_are_speech_not_slips(word, excused) -> None:
    from ficlint.grammar.wordforms import not_a_misspelling

    assert not_a_misspelling(word, set()) is excused


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("“Go,” she said. “They’re here,” he said.\n\nIts raining again on the deck.\n", "It’s"),
        ('"Go," she said. "They\'re here," he said.\n\nIts raining again on the deck.\n', "It's"),
    ],
)
def test_engine_fixes_write_the_manuscripts_own_apostrophe(lint, text, fix) -> None:
    found = _grammar(lint(text, args=HARPER))
    assert [e["replacement"] for d in found for e in d["fix"]["edits"]] == [fix]


def test_curly_apostrophes_do_not_hide_an_its_slip(lint) -> None:
    found = _grammar(lint("“Sit,” she said. The dog wagged it’s tail.\n", args=HARPER))
    assert [(d["line"], d["column"]) for d in found] == [(1, 33)]


def test_a_name_no_dictionary_knows_is_not_a_misspelling_even_opening_a_sentence(lint) -> None:
    text = "Farintosh came aboard at noon.\n\nBecuase of the tide, nobody met him.\n"
    found = _grammar(lint(text, args=HARPER))
    assert [(d["line"], d["code"]) for d in found] == [(3, "G:harper:Spelling:SpellCheck")]


JOE = "“It were a long night,” said Joe. “{}”\n\n"


def test_a_characters_way_of_speaking_is_not_reported_but_the_writers_slip_is(lint) -> None:
    speech = "".join(JOE.format(s) for s in ("It were cold.", "Yes, it were.", "And it were late."))
    assert _grammar(lint(speech + "The night was long.\n", args=HARPER)) == []
    # The same words in the narration too: the writer's habit, so every one is reported.
    found = _grammar(lint(speech + "It were late.\n", args=HARPER))
    assert len(found) >= 4
    # A confusion of words that sound alike is a slip even when a character makes it.
    confused = "".join(
        f"“{s} going to miss it,” said Joe.\n\n" for s in ("Their", "Their", "Their")
    )
    assert len(_grammar(lint(confused, args=HARPER))) == 3


def test_an_accent_spelt_out_in_speech_is_not_a_misspelling_but_a_typo_is(lint) -> None:
    text = (
        "“I never seen no creetur like it, nor nothin’ like,” said Joe.\n\n"
        "“I seen a creetur by the quay,” said Nell.\n"
    )
    found = _grammar(lint(text, args=HARPER))
    # In speech with dropped letters (nothin’) the respelling is the accent; in plain
    # speech it is reported.
    assert [d["line"] for d in found if d["code"] == "G:harper:Spelling:SpellCheck"] == [3]


def test_an_open_compound_the_manuscript_keeps_is_its_own_choice(lint) -> None:
    kept = "Some one knocked. She thought some one had called.\n\nNobody came.\n"
    assert _grammar(lint(kept, args=HARPER)) == []
    lone = "Someone knocked. Someone called. Someone waited.\n\nThen some one left.\n"
    found = _grammar(lint(lone, args=HARPER))
    assert [(d["line"], d["fix"]["edits"][0]["replacement"]) for d in found] == [(3, "someone")]


def test_an_authors_note_a_nickname_and_a_spoken_um_are_left_alone(lint) -> None:
    text = (
        "A/N: this week Cassius finally gets home.\n\n"
        "Cassius waited by the door. “The lamps will no longer be, um, needed,” said Cassius.\n\n"
        "Yours,\n\nCass\n"
    )
    assert _grammar(lint(text, args=HARPER)) == []


def test_without_harper_the_default_is_one_notice_and_the_house_rules(cli, tmp_path, monkeypatch):
    """Where harper-py has no wheel, `auto` (the default) says so once and runs ficlint's
    own rules; the exit status is the findings'. Asked for by name, it is an error."""
    import sys

    monkeypatch.setitem(sys.modules, "harper", None)  # `import harper` fails, as without it
    monkeypatch.delenv("FICLINT_GRAMMAR")
    for name in ("ch1.md", "ch2.md"):
        (tmp_path / name).write_text("“We should go.” Nell said. It was an long night.\n")
    result = cli(str(tmp_path / "ch1.md"), str(tmp_path / "ch2.md"), "--format", "json")
    assert result.exit_code == 1
    assert [d["code"] for d in result.diagnostics] == ["D001", "D001"]
    assert result.stderr_lines == [
        "ficlint: warning: grammar checks skipped: Harper (harper-py) is not installed on this "
        'platform (set grammar = "off" in the config to run without it and without this notice)'
    ]
    demanded = cli(str(tmp_path / "ch1.md"), "--grammar", "harper")
    assert demanded.exit_code == 2
    assert "harper-py" in demanded.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "D"],
        ["--select", "D001,Q"],
        ["--ignore", "G"],
        ["--select", "ALL", "--ignore", "G"],
    ],
)
def test_a_selection_without_grammar_codes_never_starts_an_engine(tmp_path, args) -> None:
    # A run in its own process, so that no other test's import counts.
    (tmp_path / "chapter.md").write_text("“It was an long night.” she said.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from ficlint.cli import main\n"
        "try:\n"
        f"    main({['chapter.md', '--grammar', 'harper', '--format', 'json', *args]!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('harper', 'ficlint.grammar'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"
    assert '"code": "G:' not in out
    assert '"code": "D001"' in out  # the house rules ran


def test_a_selection_naming_grammar_codes_still_runs_the_engine(lint) -> None:
    found = lint("I though you had gone.\n", args=["--grammar", "harper", "--select", "D,G"])
    assert [d["code"] for d in _grammar(found)] == ["G:harper:Typo:ThoughThought"]


def test_an_engines_suggestion_is_written_only_when_asked_for(tmp_path, cli) -> None:
    chapter = tmp_path / "chapter.md"
    text = "Nell waited by the door. I though you had gone.\n"
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        chapter.write_text(text, encoding="utf-8")
        result = cli(str(chapter), "--grammar", "harper", "--color", "never", *flags)
        assert chapter.read_text(encoding="utf-8") == text
        assert "1 grammar suggestion with --apply-suggestions" in result.stdout
        assert "suggestion: replace ‘though’ with ‘thought’" in result.stdout
    cli(str(chapter), "--grammar", "harper", "--fix", "--apply-suggestions")
    assert chapter.read_text(encoding="utf-8") == text.replace("I though", "I thought")


def test_ficlint_rules_lists_the_harper_tiers(cli) -> None:
    rows = {line.split()[0]: line.split()[3] for line in cli("rules").stdout.splitlines() if line}
    assert rows["G:harper:ToTo"] == "on"
    assert rows["G:harper:SpellCheck"] == "on"
    assert rows["G:harper:AnA"] == "on"
    assert rows["G:harper:TheirToThere"] == "off"
    assert rows["G:harper:OxfordComma"] == "off"
    assert "off by default" in cli("rule", "G:harper:TheirToThere").stdout


def test_ficlint_rule_refuses_a_harper_rule_harper_does_not_have(cli) -> None:
    """Every code ficlint prints can be explained, and a code it never prints is not
    explained as if it were: a rule name Harper lacks is an error, with the nearest one."""
    made_up = cli("rule", "G:harper:Nonsense")
    assert made_up.exit_code == 2 and made_up.stdout == ""
    assert made_up.stderr.startswith("ficlint: error: Harper has no rule named 'Nonsense'")
    typo = cli("rule", "G:harper:SpelCheck")
    assert "did you mean G:harper:SpellCheck?" in typo.stderr and typo.exit_code == 2
    assert cli("rule", "G:harper:SpellCheck").stdout.startswith("G:harper:SpellCheck  Harper's")


def test_a_rule_off_by_default_does_not_hide_a_misspelling_on_the_same_words(lint) -> None:
    # Harper's SplitWords (off by default) also flags `presense` (`presen se`); merged, it hid
    # the misspelling.
    found = _grammar(lint("She felt his presense in the room.\n", args=["--grammar", "harper"]))
    assert [d["code"] for d in found] == ["G:harper:Spelling:SpellCheck"]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # drawn out to be heard: four letters, or three where no word has two or one (pfff)
        ("I looooove it, she said. Pfff, not a word.\n", []),
        ("His illlusory calm broke.\n", ["illlusory"]),  # three l's: illusory is a word
        # mixed case: names of things and net speech
        ("The WiFi in SoCal was down, so no LOLs and no ACKing.\n", []),
        # a known word with a contraction run on
        ("Here, this’ll do, and what'd you expect? Everything'll be fine.\n", []),
        # a word alone in quotation marks is named, not used; a slip one letter off is not
        ('He had said the word "smdh" twice.\n', []),
        ('She wrote "folowed" on the card.\n', ["folowed"]),
        # sounds typed as they are said (rules/speech.yaml), repeated letters collapsed
        ("“Woah. Heey, umm, mmhmm,” Tobias said. “Pfft. Hullo?”\n", []),
        ("“Umm, I recieved it,” Tobias said.\n", ["recieved"]),
        # a sound made a verb keeps its ending; a sound heard
        ("He huhed and she shushed him. “Sssh. Heh.” The clock went tock.\n", []),
        ("He huhed and then he recieved it.\n", ["recieved"]),
        # a word broken off by a dash; a prefix joined by a hyphen
        ("“We’re in the manufact—” The line went dead. An un-destroyed copy lay there.\n", []),
        ("“I never recieved—” The line went dead.\n", ["recieved"]),
        # or trailing away in an ellipsis
        ("“I'll just head down to the cemeter…” She left.\n", []),
        ("“I never recieved…” She left.\n", ["recieved"]),
    ],
)
def test_words_spelt_to_be_heard_or_named_are_not_misspellings(lint, text, reported) -> None:
    found = [
        d for d in _grammar(lint(text, args=HARPER)) if d["code"].startswith("G:harper:Spelling")
    ]
    assert [text[d["column"] - 1 : d["end_column"] - 1] for d in found] == reported


def test_a_misspelt_harper_rule_is_one_clear_error_with_the_nearest_name(cli, tmp_path) -> None:
    chapter = tmp_path / "chapter.md"
    chapter.write_text("It was an long night.\n", encoding="utf-8")
    bad = cli(str(chapter), "--grammar", "harper", "--extend-select", "G:harper:AnAa")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "ficlint: error: Harper has no rule named 'AnAa' (did you mean G:harper:AnA?) "
        "in --extend-select\n"
    )
    for good in ("G:harper:AnA", "G:harper:Miscellaneous:AnA", "G:harper:Spelling", "G:harper"):
        assert cli(str(chapter), "--grammar", "harper", "--extend-select", good).exit_code in (0, 1)


def test_harper_runs_only_the_rules_a_run_can_report() -> None:
    """The default tier alone lints a novel's paragraphs about 15 times faster than every
    rule (benchmarks/grammar_cache.py): Harper is configured with what can be reported."""
    import dataclasses

    from ficlint.config import Settings
    from ficlint.grammar.harper import DEFAULT_TIER, HarperEngine

    def enabled(**changes) -> set[str]:
        linter = HarperEngine(dataclasses.replace(Settings(), **changes))._linter()
        default = linter.get_default_lint_config()  # a rule left unset (None) runs by default
        config = linter.get_lint_config()
        return {rule for rule, on in config.items() if (default[rule] if on is None else on)}

    default = enabled()
    assert default == set(DEFAULT_TIER)
    assert "OxfordComma" in enabled(extend_select=("G:harper:Style:OxfordComma",))
    assert len(enabled(grammar_rules="all")) > 5 * len(default)


def test_the_default_run_reports_its_for_its_and_leaves_the_contraction_alone(lint) -> None:
    """ItsPossessive is in the default tier: `wagged it's tail` is reported with `its` as the
    fix, with no rule named; where a clause begins (`I hope it's cake`, after a comma) the
    contraction is meant and nothing is reported."""
    text = (
        "The dog wagged it's tail.\n\nI hope it's cake.\n\n"
        "Princess, it's God's will.\n\nHe put a hand on it's chest.\n"
    )
    found = [
        d
        for d in _grammar(lint(text, args=["--grammar", "harper"]))
        if "ItsPossessive" in d["code"]
    ]
    assert [(d["line"], d["column"]) for d in found] == [(1, 16), (7, 18)]
    assert {d["fix"]["title"] for d in found} == {"replace it's with ‘its’"}


def test_the_default_run_reports_an_inflected_verb_after_to_and_not_a_noun(lint) -> None:
    """InflectedVerbAfterTo is in the default tier: `to realized` is reported; `to
    headquarters`, a noun after a preposition, is not (the filter to-before-a-noun)."""
    text = "It led Chip to realized his error.\n\nHe had gone to headquarters.\n"
    found = _grammar(lint(text, args=["--grammar", "harper"]))
    assert [(d["line"], d["code"].split(":")[-1]) for d in found] == [(1, "InflectedVerbAfterTo")]


def test_a_grammar_finding_is_dropped_only_under_a_house_finding_on_all_its_words(lint) -> None:
    """A doubled word is R001's alone (Harper's ToTo on the same words is dropped), but a
    straight apostrophe in a curly manuscript (Q002, one mark) does not hide a misspelling or
    `it's` for its in the same word."""
    text = (
        "“I’m late,” she said. “It’s the train’s fault.”\n\n"
        "He handn't seen the dog that wagged it's tail.\n\n"
        "She went to to the shop.\n"
    )
    found = lint(text, args=["--grammar", "harper"]).diagnostics
    on = {(d["line"], d["column"], d["code"].split(":")[-1]) for d in found if d["line"] > 1}
    assert {(3, 4, "SpellCheck"), (3, 37, "ItsPossessive")} <= on
    assert {(3, 9, "Q002"), (3, 39, "Q002")} <= on
    assert [d["code"] for d in found if d["line"] == 5] == ["R001"]


def test_a_slip_of_a_common_word_made_every_time_is_still_reported(lint) -> None:
    """A word used three times vouches for itself (a coinage, glimmerkit), unless it is one
    letter from a word writers use far more and the narration makes it (vinyard for
    vineyard); in speech it is a voice (the lovering part), in a compound a part
    (harum-scarum)."""
    text = "\n\n".join(
        [
            "The vinyard lay below the house, and the glimmerkit slept.",
            "They walked the vinyard at dusk. The glimmerkit followed, a harum-scarum thing.",
            "By the vinyard wall the glimmerkit stopped, harum-scarum as ever.",
            "“I like the lovering part,” said Meg. “The lovering is best.”",
            "“No more lovering,” said Jo. She was harum-scarum again.",
        ]
    )
    found = _grammar(lint(text + "\n", args=["--grammar", "harper"]))
    words = sorted(
        text.split("\n")[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1] for d in found
    )
    assert words == ["vinyard", "vinyard", "vinyard"]


def test_a_suggestion_is_a_fix_only_when_it_is_clearly_the_best(lint) -> None:
    """`dorr` is one letter from door, dorm and dory alike: the message lists them and no
    fix is offered, unless the manuscript itself uses one of them; `lanturn` has one
    nearest candidate."""

    def spelling(text: str) -> dict[str, dict]:
        found = _grammar(lint(text, args=["--grammar", "harper"]))
        return {d["message"].split("`")[1]: d for d in found if "Spell" in d["code"]}

    alone = spelling("He opened the dorr and the lanturn went out.\n")
    assert alone["dorr"]["fix"] is None
    assert "‘door’" in alone["dorr"]["message"] and "‘dorm’" in alone["dorr"]["message"]
    assert alone["lanturn"]["fix"]["title"] == "replace ‘lanturn’ with ‘lantern’"
    vouched = spelling("The door was shut.\n\nHe opened the dorr.\n")
    assert vouched["dorr"]["fix"]["title"] == "replace ‘dorr’ with ‘door’"


@pytest.mark.parametrize(
    ("text", "suffix", "reported"),
    [
        ("They ate *cha siu bao* and a plate of *jiaozi* at the *minshuku*.\n", ".md", set()),
        ("They ate _cha siu bao_ and a plate of _jiaozi_ at the _minshuku_.\n", ".txt", set()),
        ("They ate *jiaozi*. It was *realy* late.\n", ".md", {"realy"}),
        ("They ate jiaozi at the minshuku.\n", ".md", {"jiaozi", "minshuku"}),
        ("They ate _jiaozi at the minshuku.\n", ".txt", {"jiaozi", "minshuku"}),
    ],
)
def test_italics_vouch_for_a_foreign_word_or_a_coinage(lint, text, suffix, reported) -> None:
    """A writer sets a foreign word or a coinage in italics; a lone italic word one letter
    from an English word is still reported (an emphasised slip)."""
    found = _grammar(lint(text, suffix=suffix, args=["--grammar", "harper"]))
    words = {text[d["column"] - 1 : d["end_column"] - 1] for d in found if "Spell" in d["code"]}
    assert words == reported


def test_a_name_is_no_fix_for_a_lowercase_word(lint) -> None:
    [found] = _grammar(lint("They ate jiaozi at noon.\n", args=["--grammar", "harper"]))
    assert found["fix"] is None  # Harper's only candidate is `Xiaomi`
    assert "Xiaomi" not in found["message"]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # words of now that Harper's list and the English dictionary lack
        ("He tuned the fretboard, ate chipotle and called it mansplaining.\n", []),
        ("“C'mon,” she said. The gamification of bedsheet shopping.\n", []),
        # common slips are common too, but what they miss is far commoner
        ("He came becuase he recieved it, and wierd it was.\n", ["becuase", "recieved", "wierd"]),
        # slips of a known shape: an apostrophe dropped, -ly for -ally, a wrong doubling, a
        # closed-up pair, a compound split in two
        ("He didnt see, basicly. See you tommorow.\n", ["didnt", "basicly", "tommorow"]),
        ("They loved eachother behind the plexi glass.\n", ["eachother", "plexi"]),
    ],
)
def test_a_word_in_current_use_is_not_a_misspelling(lint, text, reported) -> None:
    """A word English writers use now (wordfreq's counts) is left alone unless a word one
    letter away is far commoner, or it takes the shape of a known slip."""
    found = [d for d in _grammar(lint(text, args=HARPER)) if "Spell" in d["code"]]
    assert [text[d["column"] - 1 : d["end_column"] - 1] for d in found] == reported


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("“Luh, Lurlene,” he said. “Gerp! Woop!”\n", []),
        # two letters swapped, or a letter dropped from a very common word, is a slip
        ("“I jsut can't,” she said. “Tell me abot it.”\n", ["jsut", "abot"]),
        # in narration a short unknown word is reported as any other
        ("His strangled gerp was enough.\n", ["gerp"]),
    ],
)
def test_a_short_word_in_speech_is_a_voice_not_a_slip(lint, text, reported) -> None:
    found = [d for d in _grammar(lint(text, args=HARPER)) if "Spell" in d["code"]]
    assert [text[d["column"] - 1 : d["end_column"] - 1] for d in found] == reported


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("“Die ganze Armee ist verlegt worden,” said the general.\n", []),
        ("“Mio caro, crudele destino,” she sang.\n", []),
        # German and Italian hold common English slips; among English words they are slips
        ("I do not know wich way to go.\n", ["wich"]),
    ],
)
def test_a_passage_in_another_language_is_not_misspelt(lint, text, reported) -> None:
    found = [d for d in _grammar(lint(text, args=HARPER)) if "Spell" in d["code"]]
    assert [text[d["column"] - 1 : d["end_column"] - 1] for d in found] == reported


def test_word_use_is_read_from_wordfreqs_own_list() -> None:
    """ficlint reads wordfreq's published list without importing wordfreq (a third of a
    second): the figures must be wordfreq's own, and a word rarer than Zipf 1.5 reads 0."""
    from wordfreq import zipf_frequency

    from ficlint.wordcounts import zipf

    for word in ("the", "because", "fretboard", "becuase", "c'mon", "plexi"):
        assert zipf(word) == zipf_frequency(word, "en")
    assert zipf_frequency("jiaozi", "en") > 0 and zipf("jiaozi") == 0


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("omg so i have gagues now, MiStReSS ^_^\n", []),
        ("PaNdAbEaRs!!!!! they're so cuddly and I rly wanna hug one #pandas\n", []),
        # one mark alone is fiction's own: a drawn-out cry, an emoticon-like colon
        ("“Nooooo!” She had gagues in her ears.\n", ["gagues"]),
        ("Plan D: she had gagues in her ears.\n", ["gagues"]),
    ],
)
def test_a_post_typed_online_keeps_its_slips(lint, text, reported) -> None:
    """Two kinds of the marks of typing online (shorthand, alternating case, emoticons,
    hashtags, a letter typed on and on, a lowercase i) make a paragraph a character's own
    post; one alone does not."""
    found = [d for d in _grammar(lint(text, args=HARPER)) if "Spell" in d["code"]]
    assert [text[d["column"] - 1 : d["end_column"] - 1] for d in found] == reported


def test_a_characters_own_typing_keeps_its_slips(lint) -> None:
    """A chat or a diary typed by a character (the pronoun `i` in lowercase) keeps its slips;
    the same slip in prose is reported."""
    typed = "honestly i knwo he got the care pack, i just forgot to say thanks.\n"
    prose = "Honestly, I knwo he got the care pack. I just forgot to say thanks.\n"
    assert _grammar(lint(typed, args=["--grammar", "harper"])) == []
    [found] = _grammar(lint(prose, args=["--grammar", "harper"]))
    assert found["code"] == "G:harper:Spelling:SpellCheck"


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # forms lemminflect's tables give for a known word; a slip is no form of a word
        ("She dreamt of it and leant on the rail.\n", []),
        ("Her hand kept spasming, and she tought of home.\n", ["tought"]),
        # a part of a hyphenated compound built from a word; a slip there is still one
        ("A fury-fisted punch from an old-timey boxer.\n", []),
        ("The cilmate-industrial complex grew.\n", ["cilmate"]),
        # a word said in syllables: the pieces closed up make a word
        ("“Ex-_cuse_ me!” said Chernov.\n", []),
        ("“Ex-cusse me!” said Chernov.\n", ["cusse"]),
        # a word broken off by a dash, however short
        ("“Wh— uhh, hi?” Merida said.\n", []),
        # have/of/to run on as said, in speech; a space left out after a preposition is not
        ("“Shoulda kicked me,” he said. “Make yerself known.”\n", []),
        ("“Come witha friend,” he said.\n", ["witha"]),
        # a coinage whose only neighbours are its stem's own forms, or words nobody writes
        ("A shuddery breath. The gaveling judge. A candleish glow.\n", []),
        (
            "The slatey towers had a sparkley powder and a naturaly red glow.\n",
            [
                "slatey",
                "sparkley",
                "naturaly",
            ],
        ),
        # prefixes fiction builds words with
        ("No way to deconvolve the two, said the cyberterrorists.\n", []),
        # code in a character's terminal; a slash between words is prose
        ("He typed std.cout:: and waited.\n", []),
        ("He wrote his/her name and/or teh date.\n", ["teh"]),
        # an ending set off by an apostrophe on a known word or letters
        ("Allison was mic’ing him. He had HODL'ed.\n", []),
        ("He did'nt know.\n", ["did'nt"]),
        # an oath drawn out
        ("No home, no hat, no—Jeesus—no name!\n", []),
        # a common word with a letter added at the end is no evidence of a slip
        ("The perp ran for it.\n", []),
    ],
)
def test_coinages_forms_and_voices_a_copy_editor_leaves_alone(lint, text, reported) -> None:
    """Each shape a real draft's false alarm took, with the slip of a like shape that is
    still reported (benchmarks/realdrafts/grammar-judgements.tsv holds the judgements)."""
    found = [d for d in _grammar(lint(text, args=HARPER)) if "Spell" in d["code"]]
    assert [text[d["column"] - 1 : d["end_column"] - 1] for d in found] == reported


def test_a_chat_over_many_short_paragraphs_keeps_its_slips(lint) -> None:
    """One mark of typing online in a paragraph, with another kind in the paragraphs about
    it (a face drawn with symbols, a word drawn out), makes a chat; the same paragraph
    among prose is reported."""
    chat = "◕‿◕: what time is it?\n\nniiiiight time here, so I hoep I get some sleep.\n"
    prose = "It was late.\n\nNiiiiight had come, so he hoep to get some sleep.\n"
    assert [d for d in _grammar(lint(chat, args=HARPER)) if "Spell" in d["code"]] == []
    found = [d for d in _grammar(lint(prose, args=HARPER)) if "Spell" in d["code"]]
    assert [prose[0:0] or d["line"] for d in found] == [3]


# A lowercase `i` among a chapter's capital I's is a slip; a voice written in lowercase
# (a diary, a chat, a character's blog) is the character's. Real drafts: 3 of 3 right with
# the voices left alone (16 of 19 were voices before), none in the 1.4M words of the corpus.
_CAPITAL_I_CHAPTER = (
    "I woke late. I had missed the train, and I knew it.\n\n"
    "“You’ll think i’m mad if i tell you,” Nell said.\n\n"
    "I told her I would not. I listened, and I waited.\n\n"
    "I said I was sorry, and I meant it.\n"
)


def test_a_lowercase_i_among_capitals_is_reported_with_its_capital(lint) -> None:
    found = _grammar(lint(_CAPITAL_I_CHAPTER, args=["--grammar", "harper"]))
    pronouns = [d for d in found if d["code"].endswith(":CapitalizePersonalPronouns")]
    assert [(d["line"], d["column"]) for d in pronouns] == [(3, 15), (3, 26)]
    # The suggestion keeps the text's apostrophe (Harper reads ’ as ', see _lint).
    assert [e["replacement"] for d in pronouns for e in d["fix"]["edits"]] == ["I’m", "I"]


@pytest.mark.parametrize(
    "text",
    [
        # written in lowercase throughout: no sentence opens with a capital
        "i should not ask her. i opened my phone and read it again.\n",
        # a mark of typing online beside the i
        "I left at six.\n\nok so i got home and i ate the whole cake :(\n",
        # a chapter that writes the pronoun in lowercase as often as not: a character's blog
        "so i went to the dc. i check on drip. Then I left, and i slept.\n\n"
        "i woke at noon and i ate. I was fine.\n",
    ],
)
def test_a_voice_written_in_lowercase_keeps_its_i(lint, text) -> None:
    found = _grammar(lint(text, args=["--grammar", "harper"]))
    assert [d for d in found if d["code"].endswith(":CapitalizePersonalPronouns")] == []


def test_a_capitalised_slip_of_a_capitalised_word_is_not_vouched_for_as_a_name(lint) -> None:
    """A word with a capital in mid-sentence passes as a proper noun, unless it is written
    once or twice and is one edit from a capitalised word the manuscript writes five times as
    often (the Clutser beside the Cluster): then it is reported, with that word as the fix,
    even where the engine suggests others (Orvazk). A second name near a name written only
    four times (Quinna, Quenna) is still a name."""
    text = "\n\n".join(
        [
            "They reached the Cluster at dawn, and Quenna waved.",
            "Inside the Cluster it was warm. Quenna slept.",
            "The Cluster hummed. Quenna woke, and the Cluster went quiet.",
            "Nobody left the Cluster that day but Quenna.",
            "Word came from the Clutser at noon, and from Quinna at dusk.",
            "They crossed the Orvask dam. West of the Orvask the road was bad.",
            "Over the Orvask and back, the Orvask ferry ran, and the Orvask mill.",
            "At the Orvazk dam he stood.",
        ]
    )
    found = _grammar(lint(text + "\n", args=["--grammar", "harper"]))
    lines = text.split("\n")
    spelt = [
        (lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1], d["fix"]["title"])
        for d in found
        if "Spell" in d["code"]
    ]
    assert spelt == [
        ("Clutser", "replace ‘Clutser’ with ‘Cluster’"),
        ("Orvazk", "replace ‘Orvazk’ with ‘Orvask’"),  # a word Harper never suggests
    ]
    assert "as the manuscript writes it 5 times" in found[-1]["message"]


def test_the_default_run_reports_a_sentence_opening_in_lowercase_after_a_full_stop(lint) -> None:
    """SentenceCapitalization is in the default tier: `the floor. held` is reported; a word
    after a company's `Inc.` and after `Oh!` (older English) is not. (A voice typed in
    lowercase is the filter a-lowercase-voice's, in test_grammar_filters.)"""
    text = "\n\n".join(
        [
            "He worked at Major Corporation Inc. so his job was not secure.",
            "She landed on the floor. held his hand up and waited.",
            "“Oh! my dear,” she said.",
        ]
    )
    found = _grammar(lint(text + "\n", args=["--grammar", "harper"]))
    assert [(d["line"], d["column"], d["code"].split(":")[-1]) for d in found] == [
        (3, 26, "SentenceCapitalization")
    ]


def test_the_default_run_reports_a_wrong_article_and_not_the_letter_or_older_english(lint) -> None:
    """AnA is in the default tier: `a ankle-length dress` and `an bruises` are reported; the
    letter A (`Volume 1: A - ANG`), an older `an union`, an article before a French word
    (`an émigrée`), one in dialect speech and one in a voice typed online are not."""
    text = "\n\n".join(
        [
            "He wore a ankle-length coat.",
            "She did not have an bruises on her.",
            "Volume 1: A - ANG, Volume 2: ANG - BAR.",
            "It was an union of hearts, and she was taught by an émigrée.",
            "“What a ignorant beggar you ’ave been!” said he.",
            "omg look at him, all white and spotty like an PaNdAaaa~",
        ]
    )
    found = _grammar(lint(text + "\n", args=["--grammar", "harper"]))
    assert [(d["line"], d["column"], d["code"].split(":")[-1]) for d in found] == [
        (1, 9, "AnA"),
        (3, 18, "AnA"),
    ]


def test_the_default_run_reports_a_couple_without_of_in_the_narration_only(lint) -> None:
    """QuantifierNeedsOf is in the default tier: `in a couple minutes` in the narration is
    reported; in speech (`a couple things`) it is how people talk."""
    text = "He was back in a couple minutes.\n\n“Let me tell you a couple things,” she said.\n"
    found = _grammar(lint(text, args=["--grammar", "harper"]))
    assert [(d["line"], d["code"].split(":")[-1]) for d in found] == [(1, "QuantifierNeedsOf")]


def test_two_words_closed_up_by_mistake_are_reported_with_the_two_words(lint) -> None:
    """`nevermind`, `infact` and `alot` are two words closed up by mistake (rules/
    grammar-wordforms.yaml): reported even where wordfreq finds them in use, and opening a
    sentence, where a capitalised word could pass for a name; the fix is the two words."""
    text = "“Nevermind about my friends,” she said.\n\nHe knew it infact, and alot more.\n"
    found = _grammar(lint(text, args=["--grammar", "harper"]))
    assert [(d["line"], d["fix"]["title"]) for d in found] == [
        (1, "replace ‘Nevermind’ with ‘Never mind’"),
        (3, "replace ‘infact’ with ‘in fact’"),
        (3, "replace ‘alot’ with ‘a lot’"),
    ]


def test_the_default_run_reports_a_double_comparative_once(lint) -> None:
    """AdjectiveDoubleDegree is in the default tier though Harper files it as redundancy:
    `the most weirdest part` is reported once (MoreBetter, which flags the same words, is
    off); `the most honest men` is left alone."""
    text = "That was the most weirdest part.\n\nThe most honest men kept watch.\n"
    found = _grammar(lint(text, args=["--grammar", "harper"]))
    assert [(d["line"], d["code"].split(":")[-1]) for d in found] == [(1, "AdjectiveDoubleDegree")]
    assert found[0]["fix"]["title"] == "replace ‘most weirdest’ with ‘weirdest’"


def test_the_default_run_reports_a_prefix_written_apart(lint) -> None:
    """DisjointPrefixes is in the default tier: `auto pilot` and `mid day` are a prefix
    written apart from its word. Not so a prefix that is a word of its own (`ran up stairs`,
    `under way`), a hyphened one (`a mid-century chair`), or a form the manuscript keeps
    (`semi darkness` twice, and never `semidarkness`)."""
    text = (
        "He was on auto pilot all night.\n\nThe heat of the mid day sun was cruel.\n\n"
        "She ran up stairs. The work was under way in a mid-century house.\n\n"
        "The semi darkness fell. In the semi darkness she waited.\n"
    )
    assert _rules_and_fixes(lint(text, args=["--grammar", "harper"])) == [
        (1, "DisjointPrefixes", "replace ‘auto pilot’ with ‘autopilot’"),
        (3, "DisjointPrefixes", "replace ‘mid day’ with ‘midday’"),
    ]


def test_the_default_run_reports_two_words_that_are_one(lint) -> None:
    """MergeWords is in the default tier: `knick knacks` is one word written as two, and
    `knick` is not also reported as misspelt (with `kick` for a fix). Not the s of a decade
    (`the 70s and 80s`), which Harper reads as a word of its own, nor a letter standing for a
    name (`A's or B's`)."""
    text = (
        "He grabbed a few knick knacks from the shelf.\n\n"
        "He marched in the 70s and 80s in the movement.\n\n"
        "Nothing more than A's or B's satisfaction mattered.\n"
    )
    assert _rules_and_fixes(lint(text, args=["--grammar", "harper"])) == [
        (1, "MergeWords", "replace ‘knick knacks’ with ‘knickknacks’"),
    ]


def test_a_peoples_or_days_name_in_lowercase_takes_its_capital(lint) -> None:
    """`hispanic` and `sunday` are English words to every case-blind list that excuses a
    word as English (a dictionary, word counts), but English writes them with a capital
    (rules/capitals.yaml): reported, with the capital as the fix. A name that is also a
    common word, `boston` (the card game), is not."""
    text = (
        "A hispanic woman came in on sunday.\n\nThey sat down to a game of boston with the count.\n"
    )
    found = _grammar(lint(text, args=["--grammar", "harper"]))
    assert [(d["line"], d["message"], d["fix"]["title"]) for d in found] == [
        (1, "`hispanic` takes a capital: `Hispanic`", "replace ‘hispanic’ with ‘Hispanic’"),
        (1, "`sunday` takes a capital: `Sunday`", "replace ‘sunday’ with ‘Sunday’"),
    ]


# A character who speaks in a voice (Joe Gargery's words, from Great Expectations) ...
_VOICE = [
    "I were that worrit about the forge, Pip",
    "It were a creatur as come up the marsh",
    "Naterally, old chap, I kept it",
    "The pork were biled till dark",
    "She were most onmerciful to me",
    "I couldn't abear to see it",
    "It were all black with sut",
    "I never seen sitch a night",
    "I'll foller you to the gate",
    "You're the picter of your sister",
    "My nevvy is a good lad",
    "They was near drownded in the ditch",
]
# ... in a chapter whose narration is clean but for one slip, or as full of slips as its speech.
_CLEAN = [
    "The forge stood cold beside the marsh while the wind blew.",
    "Pip waited at the gate until the lamps were lit.",
    "The kitchen smelled of smoke, and the fire burned low.",
    "Joe wiped his hands on his apron and looked out.",
]
_SLIPS = [
    "The forge stood cold beside the marsh wile the wind blew.",
    "Pip waited at the gate untill the lamps were lit.",
    "The kitchen smelled of smoke, and the fire burnd low.",
    "Joe wiped his hands on his aprn and looked out.",
    "The convict had recieved no word from the hulks.",
    "Mrs. Joe was in a temper, as usaul, all evening.",
    "The sergeant came with handcufs and a lantern.",
    "Biddy taught the children thier letters at night.",
    "Pip thougt of Estella as he walked home.",
    "Herbert had a habbit of boxing at breakfast.",
    "Wemmick's castle had a drawbrige over the ditch.",
    "The marsh lay still under the lowering sky.",
]


def _voiced(narration: list[str]) -> str:
    return "\n\n".join(
        f"“{said},” said Joe.\n\n{narration[i % len(narration)]}" for i, said in enumerate(_VOICE)
    )


def _spelt(result) -> list[str]:
    return [
        d["message"].split("`")[1]
        for d in _grammar(result)
        if d["code"] == "G:harper:Spelling:SpellCheck"
    ]


def test_speech_written_in_a_voice_is_left_alone_but_slips_in_narration_are_not(lint) -> None:
    """Where a manuscript's speech holds far more unknown words than its narration (three
    times as many per character, ten at least), they are its characters' voices, not slips:
    not reported, and one notice says so. Where the narration slips as often, every unknown
    word is reported, in speech too."""
    result = lint(_voiced(_CLEAN) + "\n\nThe convict had recieved no word.\n", args=HARPER)
    assert _spelt(result) == ["recieved"]
    sample = "(worrit, creatur, Naterally, biled, onmerciful, …)"
    assert f"12 unknown words in speech not reported {sample}" in result.stderr
    slips = _spelt(lint(_voiced(_SLIPS) + "\n", args=HARPER))
    assert {"worrit", "drownded", "untill", "drawbrige"} <= set(slips)
    assert len(slips) >= 20


def test_a_quick_check_of_an_edit_keeps_the_manuscripts_voice() -> None:
    """The language server's quick check of an edit reads too few words to tell a voice; it
    keeps what the full check decided, so a new word in the character's voice is not
    reported until the full check and then withdrawn."""
    from ficlint.config import Settings
    from ficlint.document import Document
    from ficlint.recheck import Previous, recheck
    from ficlint.run import lint_manuscript

    settings = Settings(grammar="harper")
    text = _voiced(_CLEAN) + "\n"
    new = text + "\n“Wot larks, Pip, and arterwards we'll go,” said Joe.\n"
    before, facts = lint_manuscript([Document(text, "chapter.md")], settings)
    found = recheck(Previous(text, before, facts), Document(new, "chapter.md"), settings)
    assert found is not None
    after, _ = lint_manuscript([Document(new, "chapter.md")], settings)
    spelt = [d for d in found if d.code.startswith("G:harper:Spelling")]
    assert spelt == [] == [d for d in after if d.code.startswith("G:harper:Spelling")]


_STORY = "\n\n".join(
    [
        "They reached the Cluster at dawn, and Quenna waved to Brannoch.",
        "Inside the Cluster it was warm. Quenna slept beside Brannoch’s pack.",
        "The Cluster hummed. Quenna woke, and the Cluster went quiet.",
        "Nobody left the Cluster that day but Quenna and Brannoch.",
        "Word came from the Clutser at noon. They played alot of cards on sunday.",
    ]
)


def test_harper_is_told_the_words_ficlint_would_excuse_and_no_others() -> None:
    """Harper spends most of its time, and each linting thread most of its memory, on the
    words it does not know, looking for their fixes; ficlint then excuses nearly all of them
    (a novel's names). The words whose every spelling finding ficlint excuses, in any case
    and place, are told to Harper first: the story's names with their possessives. Not a
    slip of a name (Clutser), a wrong closing (alot), or a day written in lowercase, which
    are reported."""
    from ficlint.config import Settings
    from ficlint.document import Document
    from ficlint.grammar.habits import engine_words, story_words
    from ficlint.manuscript import Manuscript

    ms = Manuscript([Document(_STORY + "\n", "story.md")], Settings())
    told = engine_words(ms, story_words(ms))
    assert {"quenna", "brannoch", "brannoch's", "cluster"} <= told
    assert not {"clutser", "alot", "sunday"} & told


def test_what_harper_finds_told_is_what_it_finds_untold(lint, monkeypatch) -> None:
    """Told the story's words, Harper finds what it finds untold, but for the spelling
    findings on them: a slip next to a told coinage (glimerkit: glimmerkit, which ficlint
    itself offers) or a name it also knows (Josyphine: Josephine, and josephine told) takes
    the fixes Harper offers untold."""
    from ficlint.config import Settings
    from ficlint.grammar.harper import ASK, HarperEngine

    text = "\n\n".join(
        [
            "The glimmerkit hummed. She held the glimmerkit close.",
            "Her glimmerkit was warm, and Josephine smiled.",
            "She dropped the glimerkit and Josyphine laughed at the lanturn.",
        ]
    )
    told = _grammar(lint(text + "\n", args=["--grammar", "harper"]))
    monkeypatch.setattr(HarperEngine, "tell", lambda self, words: None)
    untold = _grammar(lint(text + "\n", args=["--grammar", "harper"]))
    assert told == untold
    assert [(d["column"], d["fix"]["title"] if d["fix"] else None) for d in told] == [
        (17, None),
        (56, "replace ‘lanturn’ with ‘lantern’"),
    ]
    # Told, Harper does not flag the coinage, and the slips' fixes are asked for untold.
    engine = HarperEngine(Settings())
    engine.vouched = frozenset({"glimmerkit", "josephine"})
    line = text.split("\n\n")[2]
    raw = {line[f[0] : f[1]]: f[5] for f in engine._lint(line)}
    assert raw == {"glimerkit": ASK, "Josyphine": ASK, "lanturn": raw["lanturn"]}
    assert "glimmerkit" not in engine._untold("glimerkit", "")[1].split("\t")
    assert "Josephine" in engine._untold("Josyphine", "")[1].split("\t")


def test_a_paragraphs_key_holds_its_own_told_words_alone() -> None:
    from ficlint.config import Settings
    from ficlint.grammar.harper import HarperEngine

    def key(words: set[str], text: str) -> str:
        engine = HarperEngine(Settings())
        engine.tell(frozenset(words))
        return engine.key(text)

    text = "Brannoch came home."
    assert key({"brannoch"}, text) == key({"brannoch", "quenna"}, text) != key(set(), text)
    assert key({"brannoch"}, "Quenna slept.") != key({"brannoch", "quenna"}, "Quenna slept.")


def test_a_finding_a_told_word_alone_grounds_is_not_made() -> None:
    """Told `countermovement` (War and Peace writes it so), Harper would join `counter
    movement` into it, a word its own dictionary lacks: untold it does not, nor does ficlint."""
    from ficlint.config import Settings
    from ficlint.grammar.harper import HarperEngine

    text = "The counter movement reached the starting point."
    engine = HarperEngine(Settings())
    engine.tell(frozenset({"countermovement"}))
    raw = engine._lints(engine._linter(), text)
    assert [(text[f[0] : f[1]], f[4]) for f in raw] == [("counter movement", "DisjointPrefixes")]
    assert engine._lint(text) == []


def test_a_run_tells_harper_the_manuscripts_words_and_still_reports_its_slips(
    lint, monkeypatch
) -> None:
    from ficlint.grammar.harper import HarperEngine

    told: list[frozenset[str]] = []
    lint_piece = HarperEngine._lint

    def spy(self, piece: str) -> list:
        told.append(self.vouched)
        return lint_piece(self, piece)

    monkeypatch.setattr(HarperEngine, "_lint", spy)
    found = _grammar(lint(_STORY + "\n", args=["--grammar", "harper"]))
    assert told and all("quenna" in words and "brannoch's" in words for words in told)
    assert [d["fix"]["title"] for d in found] == [
        "replace ‘Clutser’ with ‘Cluster’",
        "replace ‘alot’ with ‘a lot’",
        "replace ‘sunday’ with ‘Sunday’",
    ]


def test_a_quick_check_of_an_edit_takes_the_story_words_of_the_full_check(monkeypatch) -> None:
    """Making the story's words reads every word of the manuscript, and asks of each written
    three times whether it is a slip of a common word (War and Peace: 0.16 s, most of the
    language server's quick check of an edit). The quick check takes the last full check's,
    and finds what the full check finds; it makes them again when the config's words have
    changed since."""
    from ficlint.config import Settings
    from ficlint.document import Document
    from ficlint.grammar import habits
    from ficlint.recheck import Previous, recheck
    from ficlint.run import lint_manuscript

    mornings = ("first", "second", "third", "fourth")
    days = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    text = "\n\n".join(
        [
            f"The vinyard was green on the {d} morning, and the rows ran to the river."
            for d in mornings
        ]
        + [f"Day {n} passed slowly at the farm, and nobody came up the road." for n in days]
    )
    new = text + "\n\n“Meet me in the vinyard after supper,” said Tom.\n"
    settings = Settings(grammar="harper", cache=False)
    before, facts = lint_manuscript([Document(text + "\n", "chapter.md")], settings)
    asked = []
    real = habits.a_slip_of_a_common_word
    monkeypatch.setattr(habits, "a_slip_of_a_common_word", lambda w: asked.append(w) or real(w))
    found = recheck(Previous(text + "\n", before, facts), Document(new, "chapter.md"), settings)
    assert asked == []
    after, _ = lint_manuscript([Document(new, "chapter.md")], settings)
    spelt = [(d.start, d.end) for d in found if d.code.startswith("G:harper:Spelling")]
    assert len(spelt) == 5  # every vinyard, the new one too
    assert spelt == [(d.start, d.end) for d in after if d.code.startswith("G:harper:Spelling")]
    words = Settings(grammar="harper", cache=False, words=frozenset({"Tom"}))
    recheck(Previous(text + "\n", before, facts), Document(new, "chapter.md"), words)
    assert "vinyard" in asked


def test_a_quick_check_of_an_edit_leaves_a_new_name_to_the_full_check() -> None:
    """A name the writer has just typed (Marucs, capitalised in mid-sentence, one letter
    from a name English knows but that this manuscript never writes) is the story's word to
    a full check; a quick check of the edit, reading the last full check's story words,
    called it a misspelling until the full check withdrew it. It leaves it alone, as the
    full check does, and still reports a slip in the same sentence."""
    from ficlint.config import Settings
    from ficlint.document import Document
    from ficlint.recheck import Previous, recheck
    from ficlint.run import lint_manuscript

    days = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    text = "\n\n".join(f"Day {n} passed slowly, and nobody came up the road." for n in days)
    text += "\n"
    new = text + "\nOn the last day a man called Marucs came up the road.\n"
    settings = Settings(grammar="harper", cache=False)
    before, facts = lint_manuscript([Document(text, "chapter.md")], settings)
    found = recheck(Previous(text, before, facts), Document(new, "chapter.md"), settings)
    after, _ = lint_manuscript([Document(new, "chapter.md")], settings)

    def spelt(findings) -> list[str]:
        return [new[d.start : d.end] for d in findings if d.code.startswith("G:harper:Spelling")]

    assert spelt(found) == [] == spelt(after)
    slip = new.replace("Marucs came", "Marucs cmae")  # a slip in the edit is still reported
    assert spelt(recheck(Previous(text, before, facts), Document(slip, "chapter.md"), settings))
