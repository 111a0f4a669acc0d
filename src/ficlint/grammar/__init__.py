"""Grammar and spelling from a grammar engine, beside ficlint's own rules.

Engines see the prose only (the paragraphs of the document model, with Markdown markup taken
out) and their findings are mapped back to exact source positions. Codes are
`G:<engine>:<rule>` (G:harper:Spelling), selectable and ignorable like every other code by
`G`, `G:harper` or the whole code. A grammar finding on the same words as a ficlint finding
is dropped: ficlint's is the more specific.
"""

from __future__ import annotations

from dataclasses import dataclass

from ficlint.diagnostic import Diagnostic
from ficlint.errors import FiclintError

ENGINES = ("auto", "harper", "languagetool", "off")


class GrammarUnavailable(FiclintError):
    """The engine asked for cannot run here (not installed, no server)."""


@dataclass(frozen=True)
class GrammarRun:
    engine: str | None  # the engine that ran, or None
    diagnostics: list[Diagnostic]
    notice: str | None = None  # one line for the user when the engine could not run
    engine_calls: int = 0  # paragraphs the engine checked (the rest came from the cache)


def check(ms, choice: str, ficlint_findings: list[Diagnostic]) -> GrammarRun:
    """Run the chosen engine over the manuscript's documents (`auto`: Harper where it is
    installed; LanguageTool comes with its own issue)."""
    if choice == "off":
        return GrammarRun(None, [])
    if choice == "languagetool":
        raise GrammarUnavailable(
            "--grammar languagetool is not available yet in this version; use --grammar harper"
        )
    from ficlint.grammar import harper
    from ficlint.grammar.cache import ResultCache, default_dir

    try:
        engine = harper.HarperEngine.create(ms.settings)
    except GrammarUnavailable as exc:
        if choice == "harper":
            raise
        return GrammarRun(None, [], f"grammar checks skipped: {exc}")
    cache = ResultCache(default_dir() if ms.settings.cache else None)
    engine.cache = cache
    try:
        found = engine.check(ms)
    finally:
        cache.close()
    return GrammarRun(
        "harper", _without_duplicates(found, ficlint_findings), cache.problem, engine.calls
    )


def _without_duplicates(found: list[Diagnostic], ours: list[Diagnostic]) -> list[Diagnostic]:
    """Drop grammar findings on words a ficlint finding already covers (a doubled word, a
    straight apostrophe, the comma before a tag)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for d in ours:
        spans.setdefault(id(d.document), []).append((d.start, d.end))
    kept = []
    for d in found:
        if any(s < d.end and d.start < e for s, e in spans.get(id(d.document), ())):
            continue
        kept.append(d)
    return kept
