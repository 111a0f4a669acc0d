"""Suppression comments in Markdown: one paragraph, a region, and reports of stale ones."""

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
