"""Rules and their registry: codes, names, docs, selection by code, prefix or name."""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ficlint.diagnostic import Applicability, Diagnostic, Fix, Severity
from ficlint.errors import ConfigError

if TYPE_CHECKING:
    from ficlint.document import Paragraph
    from ficlint.manuscript import Manuscript

FAMILIES = {
    "Q": "quotation marks",
    "D": "dialogue",
    "C": "consistency",
    "T": "typography",
    "R": "repetition",
    "G": "grammar engines",
    "X": "ficlint itself",
}

_SECTION = re.compile(r"^(What it flags|Why|Wrong|Right|Options|Known limits):?\s*$", re.M)


class Rule:
    """Base class: subclasses set the class attributes and implement one of the checks.

    The class docstring is the rule's documentation, in the sections
    *What it flags*, *Why*, *Wrong*, *Right* (one example per line in the last two).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    # The grades of fix its findings carry: one, or several when the finding decides (a sure
    # case is safe, a likely one unsafe). `ficlint rules` shows them; a test checks every rule
    # yields exactly these on its cases.
    fixable: ClassVar[Applicability | tuple[Applicability, ...] | None] = None
    # "paragraph" rules see one paragraph at a time; "manuscript" rules see every document.
    scope: ClassVar[str] = "paragraph"
    # A rule whose findings are one choice made many times (straight apostrophes in a curly
    # book): the text report shows a few and counts the rest, as one thing to act on.
    style_choice: ClassVar[bool] = False

    @classmethod
    def fix_grades(cls) -> tuple[Applicability, ...]:
        if cls.fixable is None:
            return ()
        return cls.fixable if isinstance(cls.fixable, tuple) else (cls.fixable,)

    @classmethod
    def fix_label(cls) -> str:
        """`safe`, `unsafe`, `safe/unsafe`, or `-` for a rule that never offers a fix."""
        return "/".join(g.value for g in cls.fix_grades()) or "-"

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[0], self.code[0])

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        return iter(())

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        return iter(())

    def report(
        self,
        para: Paragraph,
        start: int,
        end: int,
        message: str,
        replacement: str | None = None,
        *,
        safe: bool = True,
        edits: Iterable[tuple[int, int, str]] | None = None,
    ) -> Diagnostic:
        """A finding on the prose span [start, end) of `para`, with an optional fix."""
        src_start, src_end = para.span(start, end)
        fix = None
        if edits is not None:
            edits = list(edits)
            if not all(para.contiguous(s, e) for s, e, _ in edits):
                edits = None  # markup inside the span: the writer fixes it by hand
        elif replacement is not None and not para.contiguous(start, end):
            replacement = None
        if edits is not None:
            from ficlint.diagnostic import Edit

            fix = Fix(
                tuple(Edit(*para.span(s, e), r) for s, e, r in edits),
                Applicability.SAFE if safe else Applicability.UNSAFE,
            )
        elif replacement is not None:
            fix = Fix.replace(src_start, src_end, replacement, safe)
        return Diagnostic(
            para.document, src_start, src_end, self.code, self.name, message, self.severity, fix
        )

    @classmethod
    def docs(cls) -> dict[str, str]:
        text = inspect.cleandoc(cls.__doc__ or "")
        parts = _SECTION.split(text)
        out = {"summary": parts[0].strip()}
        for head, body in zip(parts[1::2], parts[2::2], strict=False):
            out[head] = body.strip()
        return out

    @classmethod
    def examples(cls, section: str) -> list[str]:
        body = cls.docs().get(section, "")
        return [line.strip() for line in body.splitlines() if line.strip()]


_RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in _RULES:
        raise RuntimeError(f"duplicate rule code {cls.code}")
    _RULES[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    from ficlint import checks  # noqa: F401  (registers the built-in rules)

    return sorted(_RULES.values(), key=lambda r: r.code)


def rule_for_code(code: str) -> type[Rule] | None:
    """The registered rule with this exact code, or None (a grammar engine's code): a dict
    lookup, for per-finding use."""
    return _RULES.get(code)


def get_rule(code_or_name: str) -> type[Rule]:
    for rule in all_rules():
        if code_or_name.upper() == rule.code or code_or_name == rule.name:
            return rule
    raise ConfigError(f"unknown rule {code_or_name!r}{_suggest(code_or_name)}")


def _suggest(selector: str) -> str:
    names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
    close = difflib.get_close_matches(selector, names, n=1, cutoff=0.5)
    return f" (did you mean {close[0]}?)" if close else ""


def specificity(selector: str, rule: type[Rule]) -> int:
    """How precisely a selector names a rule (0 = not at all), for select/ignore precedence."""
    if selector == "ALL":
        return 1
    if selector == rule.name or selector.upper() == rule.code:
        return 100
    if rule.code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0


def is_grammar_code(selector: str) -> bool:
    """Grammar engines' codes (G:harper:Spelling) are not registered: any G… selector is valid."""
    return selector[:1].upper() == "G"


def validate_selectors(selectors: Iterable[str], where: str) -> None:
    rules = all_rules()
    for sel in selectors:
        if not is_grammar_code(sel) and not any(specificity(sel, r) for r in rules):
            raise ConfigError(f"unknown rule code or name {sel!r} in {where}{_suggest(sel)}")
        if sel.lower().startswith("g:harper:"):
            # Imported here, and only for a selector naming Harper: the rest of a run that
            # never asks for Harper does not load it (start-up time).
            from ficlint.grammar.harper import unknown_rule

            problem = unknown_rule(sel)
            if problem:
                raise ConfigError(f"{problem} in {where}")


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self, rule: type[Rule]) -> bool:
        if self.select is None:
            positive = 1 if rule.default_enabled else 0
        else:
            positive = max((specificity(s, rule) for s in self.select), default=0)
        positive = max([positive] + [specificity(s, rule) for s in self.extend_select])
        negative = max((specificity(s, rule) for s in self.ignore), default=0)
        return positive > 0 and positive > negative

    def allows(self, code: str) -> bool:
        """Whether a finding with this code (a grammar engine's) is selected."""
        positive = (
            self.select is None or matches(self.select, code) or matches(self.extend_select, code)
        )
        return positive and not matches(self.ignore, code)

    def rules(self) -> list[Rule]:
        return [cls() for cls in all_rules() if self.enabled(cls)]

    def any_grammar(self) -> bool:
        """Whether a grammar engine's finding can be selected at all. When none can (`--select
        D`, `--ignore G`), no engine is started: it would take most of the run for nothing."""
        if any(sel.upper() in ("ALL", "G", "G:") for sel in self.ignore):
            return False
        if self.select is None:
            return True
        return any(
            sel.upper() == "ALL" or is_grammar_code(sel)
            for sel in (*self.select, *self.extend_select)
        )


def matches(selectors: Iterable[str], code: str) -> bool:
    """Whether a finding's code is named by any selector (code, prefix, rule name or ALL)."""
    rule = _RULES.get(code)
    short = _without_kind(code)
    for sel in selectors:
        if sel == "ALL" or code.upper().startswith(sel.upper()) or (rule and sel == rule.name):
            return True
        if short and sel.upper() == short.upper():
            return True
    return False


def _without_kind(code: str) -> str | None:
    """A grammar code without its kind (G:harper:Grammar:TheirToThere -> G:harper:TheirToThere):
    a rule is selected by either."""
    parts = code.split(":")
    return ":".join(parts[:2] + parts[3:]) if len(parts) == 4 and parts[0] == "G" else None
