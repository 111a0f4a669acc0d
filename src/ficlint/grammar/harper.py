"""Harper (harper-py): an offline grammar and spelling engine, no Java, no server."""

from __future__ import annotations

import re

from ficlint.config import Settings
from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from ficlint.grammar import GrammarUnavailable

_DIALECTS = {"en-gb": 1, "en-au": 2, "en-ca": 3, "en-in": 4}

# Harper rules that fight fiction's conventions or that ficlint's own rules do better: quote
# balance and spacing (Q004), repeated words (R001, with its list of right ones), dashes,
# ellipses and spaces (T001-T003), and house-style choices (the Oxford comma, long
# sentences, spelled-out numbers).
OFF_BY_DEFAULT = (
    "UnclosedQuotes",
    "QuoteSpacing",
    "RepeatedWords",
    "OxfordComma",
    "NoOxfordComma",
    "LongSentences",
    "Dashes",
    "EllipsisLength",
    "UseEllipsisCharacter",
    "Spaces",
    "SpelledNumbers",
    "NoFrenchSpaces",
)
_KEBAB = re.compile(r"(?<!^)(?=[A-Z])")
_POSSESSIVE = re.compile(r"[’'](?:s)?$")
# Kinds of Harper lint that are advice on style ("use excellent instead of very good"), not
# errors: a novelist's voice is not a copy editor's business.
_NAGS = frozenset({"Enhancement", "Style"})


class HarperEngine:
    def __init__(self, linter) -> None:
        self.linter = linter

    @classmethod
    def create(cls, settings: Settings) -> HarperEngine:
        try:
            from harper import Linter
        except ImportError:
            raise GrammarUnavailable(
                "Harper (harper-py) is not installed on this platform"
            ) from None
        linter = Linter(_DIALECTS.get(settings.dialect.lower(), 0))
        defaults = linter.get_default_lint_config()
        linter.set_lint_config({name: False for name in OFF_BY_DEFAULT if name in defaults})
        return cls(linter)

    def check(self, ms) -> list[Diagnostic]:
        from ficlint.dialogue import manuscript_names

        # The story's own words are never spelling mistakes: the config's words and the
        # characters' names the manuscript teaches.
        words = set(ms.settings.words) | set(manuscript_names(ms))
        words |= {f"{w}{mark}s" for w in words for mark in ("’", "'")}  # Tobias’s
        if words:
            self.linter.import_words(sorted(words))
        # A word the manuscript uses again and again is its own vocabulary (glimmerkit, the
        # Lowmarket, Okafor); a typo is rare by nature, and C005 looks for those.
        from ficlint.wordcounts import word_counts

        recurring = {w.lower() for w, n in word_counts(ms).items() if n >= 3}
        known = {w.lower() for w in words} | recurring
        out: list[Diagnostic] = []
        for doc in ms.documents:
            for para in doc.paragraphs:
                for lint in self.linter.lint(para.text, language="plaintext"):
                    if lint.lint_kind in _NAGS:
                        continue
                    if lint.lint_kind == "Spelling" and (
                        len(lint.problem_text) < 2  # a letter split off by an apostrophe: ’90s
                        or _POSSESSIVE.sub("", lint.problem_text).lower() in known  # Tobias’s
                    ):
                        continue
                    out.append(self._diagnostic(para, lint))
        return out

    @staticmethod
    def _diagnostic(para, lint) -> Diagnostic:
        kind = lint.lint_kind
        start, end = para.span(lint.span.start, lint.span.end)
        fix = None
        replacements = [s for s in lint.suggestions if int(s.kind) == 0]
        if replacements:
            # An engine's suggestion is a guess: never applied without --unsafe-fixes.
            fix = Fix((Edit(start, end, replacements[0].replacement_text),), Applicability.UNSAFE)
        return Diagnostic(
            para.document,
            start,
            end,
            f"G:harper:{kind}",
            "harper-" + _KEBAB.sub("-", kind).lower(),
            lint.message,
            Severity.INFO if kind == "Style" else Severity.WARNING,
            fix,
            source="harper",
        )
