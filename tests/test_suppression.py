"""Suppression comments in Markdown and plain text: one paragraph, one line, a region, and
reports of stale ones."""

from __future__ import annotations

# Sets the manuscript's style: curly, by a wide margin.
OPENING = "“I can’t,” she said. “It’s late. Isn’t it? We’re tired. You’re tired.”\n\n"


def _lines(result) -> list[tuple[str, int]]:
    return [(d["code"], d["line"]) for d in result.diagnostics]


def test_ignore_silences_only_the_next_paragraph(lint) -> None:
    text = OPENING + (
        "<!-- ficlint: ignore Q002 -->\n"
        "He typed 'hello' and didn't look up.\n"  # line 4
        "\n"
        "She didn't either.\n"  # line 6
    )
    result = lint(text)
    assert _lines(result) == [("Q001", 4), ("Q001", 4), ("Q002", 6)]


def test_ignore_takes_several_codes(lint) -> None:
    text = OPENING + (
        "<!-- ficlint: ignore Q001 Q002 -->\n"
        "He typed 'hello' and didn't look up.\n"
        "\n"
        "She didn't either.\n"
    )
    assert _lines(lint(text)) == [("Q002", 6)]


def test_disable_and_enable_a_region(lint) -> None:
    text = OPENING + (
        "It wasn't late.\n"  # line 3
        "\n"
        "<!-- ficlint: disable Q002 -->\n"
        "\n"
        "He didn't look up.\n"  # line 7
        "\n"
        'She wasn\'t "sure".\n'  # line 9
        "\n"
        "<!-- ficlint: enable -->\n"
        "\n"
        "They weren't ready.\n"  # line 13
    )
    assert _lines(lint(text)) == [("Q002", 3), ("Q001", 9), ("Q001", 9), ("Q002", 13)]


def test_disable_without_enable_runs_to_the_end(lint) -> None:
    text = OPENING + "<!-- ficlint: disable Q002 -->\n\nHe didn't.\n\nShe wasn't.\n"
    assert lint(text).diagnostics == []


def test_unused_code_is_reported(lint) -> None:
    text = OPENING + "<!-- ficlint: ignore Q002 Q003 -->\nHe didn't look up.\n"
    result = lint(text)
    [x001] = [d for d in result.diagnostics if d["code"] == "X001"]
    assert x001["line"] == 3
    assert x001["name"] == "unused-suppression"
    assert "Q003" in x001["message"]
    assert result.codes == ["X001"]
    assert result.exit_code == 1


def test_unknown_code_is_reported(lint) -> None:
    text = OPENING + "<!-- ficlint: ignore Q002 Q099 -->\nHe didn't look up.\n"
    result = lint(text)
    assert result.codes == ["X001"]
    assert "Q099" in result.diagnostics[0]["message"]
    assert result.diagnostics[0]["line"] == 3


def test_unused_region_is_reported(lint) -> None:
    text = (
        OPENING
        + "<!-- ficlint: disable Q003 -->\n\nHe did not look up.\n\n<!-- ficlint: enable -->\n"
    )
    result = lint(text)
    assert [(d["code"], d["line"]) for d in result.diagnostics] == [("X001", 3)]


def test_used_suppression_is_not_reported(lint) -> None:
    text = OPENING + "<!-- ficlint: ignore Q002 -->\nHe didn't look up.\n"
    result = lint(text)
    assert result.diagnostics == []
    assert result.exit_code == 0


def test_unused_suppression_findings_can_be_ignored(lint) -> None:
    text = OPENING + "<!-- ficlint: ignore Q003 -->\nHe did not look up.\n"
    assert lint(text, args=["--ignore", "X001"]).diagnostics == []


def test_ordinary_comments_are_not_directives(lint) -> None:
    text = OPENING + "<!-- ignore Q002 for now -->\nHe didn't look up.\n"
    assert _lines(lint(text)) == [("Q002", 4)]


LATE = "“You’re late.” she said.\n"  # D001 at column 4 of its line


def test_a_comment_after_words_on_a_line_silences_that_line_only(lint) -> None:
    text = LATE.rstrip("\n") + " <!-- ficlint: ignore D001 -->\n" + LATE
    assert _lines(lint(text, args=["--select", "D001,X001"])) == [("D001", 2)]


def test_an_end_of_line_comment_that_silences_nothing_is_reported(lint) -> None:
    text = "She was late. <!-- ficlint: ignore D001 -->\n"
    assert _lines(lint(text, args=["--select", "D001,X001"])) == [("X001", 1)]


def test_plain_text_takes_a_hash_line_and_the_markdown_comment(lint) -> None:
    text = (
        "# ficlint: ignore D001\n"
        + LATE  # line 2: silenced
        + "\n"
        + LATE.rstrip("\n")
        + " <!-- ficlint: ignore D001 -->\n"  # line 4: silenced
        + "\n<!-- ficlint: disable D001 -->\n"
        + LATE  # line 7: silenced
        + "<!-- ficlint: enable -->\n\n"
        + LATE  # line 10: reported
    )
    result = lint(text, suffix=".txt", args=["--select", "D001,X001"])
    assert _lines(result) == [("D001", 10)]


def test_plain_text_directives_are_not_prose(lint) -> None:
    # Harper saw `ficlint` as a misspelling, and the rules read the directive as words.
    text = "# ficlint: ignore D001\n" + LATE + "\nShe sat down. <!-- ficlint: ignore Q001 -->\n"
    result = lint(text, suffix=".txt", args=["--grammar", "harper"])
    assert [d["code"] for d in result.diagnostics] == ["X001"]
    assert result.diagnostics[0]["line"] == 4  # the unused one, after "She sat down."


def test_plain_text_hash_lines_that_are_not_directives_stay_prose(lint) -> None:
    text = "# Chapter One\n\n" + LATE
    assert _lines(lint(text, suffix=".txt", args=["--select", "D001"])) == [("D001", 3)]
