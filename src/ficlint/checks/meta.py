"""Rules about ficlint itself."""

from __future__ import annotations

from ficlint.rule import Rule, register


@register
class UnusedSuppression(Rule):
    """A suppression comment that silences nothing, or names a rule that does not exist.

    What it flags
    `<!-- ficlint: ignore Q002 -->` before a paragraph with no Q002 finding, or an unknown
    code in a suppression comment (found by the suppression pass, like ruff's RUF100).

    Why
    Stale suppressions hide the next real problem in that paragraph; unknown codes are typos.

    Known limits
    Only Markdown files have comments; plain-text files use `per-file-ignores` in the config.
    """

    code = "X001"
    name = "unused-suppression"
    summary = "A suppression comment that silences nothing or names an unknown rule."
