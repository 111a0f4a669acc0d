"""A rule's documentation, rendered from its docstring for every place a writer reads it:
`ficlint rule CODE` (text), SARIF's rule help (text and Markdown, shown by code-scanning
tools) and the README's rule table (`ficlint rules --format markdown`). One source, so the
three never disagree; a test checks the README's table is the one rendered here."""

from __future__ import annotations

from ficlint.rule import Rule

# The docstring sections, in the order every rendering gives them.
SECTIONS = ("What it flags", "Why", "Wrong", "Right", "Options", "Known limits")
_EXAMPLES = ("Wrong", "Right")
_SHORT = 70  # the longest example a table cell shows
_HOW_TO_FIX = {"safe": "ficlint --fix", "unsafe": "ficlint --fix --unsafe-fixes"}


def sections(rule: type[Rule]) -> list[tuple[str, str | list[str]]]:
    """(heading, body) for each section the rule documents: prose as written, the examples
    as a list of lines."""
    docs = rule.docs()
    return [
        (name, rule.examples(name) if name in _EXAMPLES else docs[name])
        for name in SECTIONS
        if docs.get(name)
    ]


def fix_note(rule: type[Rule]) -> str:
    """`Fix: safe (ficlint --fix); unsafe (…).`, or '' for a rule that never offers one."""
    grades = [grade.value for grade in rule.fix_grades()]
    if not grades:
        return ""
    return "Fix: " + "; ".join(f"{g} ({_HOW_TO_FIX[g]})" for g in grades) + "."


def rule_text(rule: type[Rule]) -> str:
    """What `ficlint rule CODE` prints."""
    fix = f"{rule.fix_label()} fix" if rule.fix_grades() else "not fixable"
    lines = [
        f"{rule.code} {rule.name}",
        "",
        rule.docs()["summary"],
        "",
        f"Family: {rule().family}. Default: {'on' if rule.default_enabled else 'off'}. "
        f"Severity: {rule.severity.value}. {fix.capitalize()}.",
    ]
    for name, body in sections(rule):
        lines += ["", f"{name}:", _indented(body) if isinstance(body, list) else body]
    return "\n".join(lines)


def help_text(rule: type[Rule]) -> str:
    """SARIF's `help.text`: the summary, every section, and how to apply its fix."""
    parts = [rule.docs()["summary"]]
    for name, body in sections(rule):
        parts.append(f"{name}:\n" + (_indented(body) if isinstance(body, list) else body))
    return "\n\n".join([*parts, fix_note(rule)] if fix_note(rule) else parts)


def help_markdown(rule: type[Rule]) -> str:
    """SARIF's `help.markdown`: the same as help_text, in Markdown."""
    parts = [rule.docs()["summary"]]
    for name, body in sections(rule):
        if isinstance(body, list):
            parts.append(f"**{name}:**\n\n```text\n" + "\n".join(body) + "\n```")
        else:
            parts.append(f"**{name}:** {body}")
    return "\n\n".join([*parts, fix_note(rule)] if fix_note(rule) else parts)


def markdown_table(rules: list[type[Rule]]) -> str:
    """The README's rule table: code, name, summary, its shortest wrong example (none when
    even that is too long for a table: a drift rule's needs a whole manuscript), default, fix."""
    rows = [
        "| code | name | what it flags | for example | default | fix |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        wrong = min(rule.examples("Wrong"), key=len, default="")
        example = _code_span(wrong) if 0 < len(wrong) <= _SHORT else ""
        default = "on" if rule.default_enabled else "off"
        fix = " / ".join(grade.value for grade in rule.fix_grades()) or "—"
        rows.append(
            f"| {rule.code} | {rule.name} | {_cell(rule.summary)} | {example} | {default} | {fix} |"
        )
    return "\n".join(rows) + "\n"


def _indented(lines: list[str]) -> str:
    return "\n".join("    " + line for line in lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code_span(text: str) -> str:
    """`text` as a Markdown code span inside a table cell (a backtick in it takes a longer
    fence; a pipe is escaped, which GitHub's tables require even in code)."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{_cell(text)}{pad}{fence}"
