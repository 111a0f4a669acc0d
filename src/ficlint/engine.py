"""Run the selected rules over a manuscript: paragraph rules, then manuscript-wide rules,
then suppression comments, per-file ignores and severity overrides."""

from __future__ import annotations

import contextlib
import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ficlint import split, suppression
from ficlint.config import Settings
from ficlint.diagnostic import Diagnostic, Severity
from ficlint.document import Document
from ficlint.manuscript import Manuscript
from ficlint.registry import Selection, get_rule, matches


@dataclass(frozen=True)
class RunResult:
    """What a run gives back: its findings, the grammar engine that ran (if any), the host
    and port of the server it sent the text to (if any), and one line each for the user."""

    diagnostics: list[Diagnostic]
    grammar_engine: str | None = None
    grammar_server: str | None = None
    notices: tuple[str, ...] = ()


def run(ms: Manuscript, manuscript_rules: bool = True, rules: list | None = None) -> RunResult:
    """Every selected rule over the manuscript; with `manuscript_rules` False only the rules
    that read one paragraph at a time (and the grammar engine), for ficlint.recheck. `rules`:
    the selected rules, when the caller has them already (a rule keeps nothing between
    checks)."""
    settings = ms.settings
    selection = Selection(settings.select, settings.extend_select, settings.ignore)
    if rules is None:
        rules = selection.rules()
    paragraph_rules = [r for r in rules if r.scope == "paragraph"]
    whole = [r for r in rules if r.scope == "manuscript"] if manuscript_rules else []
    paragraphs = [para for doc in ms.documents for para in doc.paragraphs]
    reported = {id(doc) for doc in ms.documents}

    def check(part) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for para in part:
            for rule in paragraph_rules:
                out.extend(rule.check_paragraph(para, ms))
        return out

    def check_whole() -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for rule in whole:
            out.extend(d for d in rule.check_manuscript(ms) if id(d.document) in reported)
        return out

    if split.worth_splitting(paragraphs):
        found, rest = split.check_split(paragraphs, check, check_whole, ms.documents)
        found.extend(rest)
    else:
        found = check(paragraphs)
        found.extend(check_whole())
    if settings.grammar != "off" and selection.any_grammar():
        from ficlint import grammar  # lazy for start-up time: `--grammar off` never loads it

        result = grammar.check(ms, settings.grammar, found)
        found.extend(d for d in result.diagnostics if selection.allows(d.code))
        return RunResult(
            finish(ms, found, selection), result.engine, result.server, tuple(result.notices)
        )
    return RunResult(finish(ms, found, selection))


def run_windows(
    facts: Manuscript,
    documents: Iterable[Document],
    checked: Callable[[Document, list[Diagnostic]], None] | None = None,
) -> RunResult:
    """Every selected rule over each of `documents` in turn, checked alone with `facts`, the
    whole manuscript's (Manuscript.counted, Manuscript.window): for rules that can check one
    document at a time (Rule.windowed). Each document's paragraphs and their parse are let
    go after its check, and `checked` is told of it and its findings; the findings are
    sorted as a run over all at once sorts them."""
    settings = facts.settings
    rules = Selection(settings.select, settings.extend_select, settings.ignore).rules()
    found: list[Diagnostic] = []
    for doc in documents:
        own = run(facts.window(doc), rules=rules).diagnostics
        doc.forget_paragraphs()
        if checked is not None:
            checked(doc, own)
        found.extend(own)
    found.sort(key=Diagnostic.sort_key)
    return RunResult(found)


def finish(ms: Manuscript, found: list[Diagnostic], selection: Selection) -> list[Diagnostic]:

    settings = ms.settings
    x001 = selection.enabled(get_rule(suppression.UNUSED_CODE))
    by_doc: dict[int, list[Diagnostic]] = {id(d): [] for d in ms.documents}
    for diag in found:
        by_doc.setdefault(id(diag.document), []).append(diag)
    out: list[Diagnostic] = []
    for doc in ms.documents:
        diags = suppression.apply(doc, by_doc[id(doc)], x001)
        ignored = _per_file_ignores(doc, settings)
        if ignored:
            diags = [d for d in diags if not matches(ignored, d.code)]
        out.extend(diags)
    for sel, level in settings.severity:
        for d in out:
            if matches([sel], d.code):
                d.severity = Severity(level)
    out.sort(key=Diagnostic.sort_key)
    return out


def _per_file_ignores(doc: Document, settings: Settings) -> list[str]:
    codes: list[str] = []
    if not settings.per_file_ignores:
        return codes
    names = {doc.display_path.replace("\\", "/")}
    if doc.path is not None:
        with contextlib.suppress(ValueError):
            names.add(doc.path.resolve().relative_to(settings.root.resolve()).as_posix())
        names.add(doc.path.name)
    for pattern, selectors in settings.per_file_ignores:
        if any(fnmatch.fnmatchcase(n, pattern) for n in names):
            codes.extend(selectors)
    return codes
