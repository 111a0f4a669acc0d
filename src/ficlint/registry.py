"""The registry of rules: every rule by code or name, and selection by code, prefix or name
(the rules themselves are ficlint.rule's)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ficlint.errors import ConfigError
from ficlint.rule import REGISTERED, Rule


def all_rules() -> list[type[Rule]]:
    from ficlint import checks  # noqa: F401  (registers the built-in rules)

    return sorted(REGISTERED.values(), key=lambda r: r.code)


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
    rule = REGISTERED.get(code)
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
