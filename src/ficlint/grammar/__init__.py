"""Grammar and spelling from a grammar engine, beside ficlint's own rules.

Engines see the prose only (the paragraphs of the document model, with Markdown markup taken
out) and their findings are mapped back to exact source positions. Codes are
`G:<engine>:<rule>` (G:harper:Spelling), selectable and ignorable like every other code by
`G`, `G:harper` or the whole code. A grammar finding on the same words as a ficlint finding
is dropped: ficlint's is the more specific.

The package by idea: engine (what every engine shares: its interface, the read-through
cache, findings to Diagnostics), harper and languagetool (each engine's own), filters (what
fiction writes on purpose that an engine takes for a slip), wordforms (English word
formation), habits (the manuscript's own words and ways), dialect, and cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ficlint.cache_folder import default_dir
from ficlint.diagnostic import Diagnostic
from ficlint.grammar import languagetool
from ficlint.grammar.cache import ResultCache
from ficlint.grammar.engine import (
    Engine,
    GrammarUnavailable,
    held_back_notice,
    in_house_style,
    lint_through,
    without_duplicates,
)
from ficlint.grammar.excuses import foreign_lexicons
from ficlint.grammar.habits import engine_words, story_words
from ficlint.grammar.harper import HarperEngine, listed_rules, named_rule, unknown_rule
from ficlint.grammar.harper import warm_up as harper_warm_up
from ficlint.grammar.languagetool import LanguageToolEngine
from ficlint.grammar.wordforms import may_take_a_capital
from ficlint.wordcounts import english_dictionary, manuscript_dialect, zipf

__all__ = ["ENGINES", "GrammarRun", "GrammarUnavailable", "check", "explain_code", "warm_up"]


# The engines by the name a config gives them: ficlint.config.ENGINES, the choices of
# --grammar, is these with auto and off (a test holds the two to each other).
ENGINES: dict[str, type[Engine]] = {"harper": HarperEngine, "languagetool": LanguageToolEngine}


@dataclass(frozen=True)
class GrammarRun:
    engine: str | None  # the engine that ran, or None
    diagnostics: list[Diagnostic]
    notices: tuple[str, ...] = ()  # lines for the user (an engine that could not run)
    server: str | None = None  # host:port of the server the text was sent to, if any


def check(ms, choice: str, ficlint_findings: list[Diagnostic]) -> GrammarRun:
    """Run the chosen engine over the manuscript's documents. `auto`: a configured
    LanguageTool server, else a LanguageTool installed here, else Harper where it is installed. An engine asked for by name that
    cannot run is an error; under `auto` it is one notice and the house rules still run."""
    if choice == "off":
        return GrammarRun(None, [])
    if choice in ("auto", "languagetool"):
        languagetool.refuse_foreign_server(ms.settings, Path.cwd())
    if choice == "auto":
        configured = languagetool.server_url(ms.settings) or languagetool.local_install()
        choice = "languagetool" if configured else "harper"
        explicit = False
    else:
        explicit = True
    cache = ResultCache(default_dir() if ms.settings.cache else None)
    engine = None
    try:
        engine = ENGINES[choice].create(ms.settings)
        engine.dialect = manuscript_dialect(ms)
        known = story_words(ms)
        engine.tell(engine_words(ms, known))
        lint = lint_through(engine, ms, cache)
        found = engine.diagnostics(ms, lint.linted, known)
    except GrammarUnavailable as exc:
        if explicit:
            raise
        hint = 'set grammar = "off" in the config to run without it and without this notice'
        notices = (f"grammar checks skipped: {exc} ({hint})",)
        return GrammarRun(None, [], notices + ((cache.problem,) if cache.problem else ()))
    finally:
        cache.close()
        if engine is not None:
            engine.close()
    url = engine.server
    notices = (cache.problem,) if cache.problem else ()
    notices += tuple(held_back_notice(lint, engine.name))
    notices += engine.notices()
    return GrammarRun(
        engine.name,
        in_house_style(ms, without_duplicates(found, ficlint_findings)),
        notices,
        languagetool.host(url) if url else None,
    )


def warm_up() -> None:
    """Load the word lists the spelling filters read (the English dictionary, word use,
    the French and Spanish lexicons, the words English capitalises, which every check asks
    of each word it tells Harper): a language server does so once, before its first check,
    and every check forked from it starts with them."""
    english_dictionary()
    zipf("the")
    foreign_lexicons()
    may_take_a_capital("sunday")
    harper_warm_up()


def explain_code(code: str) -> str | None:
    """What a grammar code in a report means, for `ficlint rule` and the editor's hover: a
    Harper rule by name (G:harper:AnA, G:harper:Misc:AnA) with whether the default tier holds
    it, else an engine, kind or LanguageTool rule; None if no engine reports such a code (a
    Harper rule that the Harper installed here does not have: G:harper:Nonsense)."""
    harper_rule = named_rule(code)
    if harper_rule and unknown_rule(code):
        return None
    for name, on, summary in listed_rules() if harper_rule else ():
        if name.lower() == harper_rule.lower():
            state = "on by default (the default tier)" if on else "off by default"
            return f"G:harper:{name}  Harper's {name} rule, {state}\n\n{summary}"
    return _engine_code_text(code)


def _engine_code_text(code: str) -> str | None:
    """What a grammar engine's code (as it appears in a report) means, or None if no engine
    reports such a code: an engine, or one of its kinds (Harper) or rules (LanguageTool).
    The engines' rules are theirs: ficlint names them and says how to keep or silence them."""
    parts = code.split(":")
    if len(parts) not in (2, 3) or parts[0].upper() != "G" or parts[1].lower() not in ENGINES:
        return None
    engine = parts[1].lower()
    kind = parts[2] if len(parts) == 3 and parts[2] else None
    full = f"G:{engine}:{kind}" if kind else f"G:{engine}"
    if kind is None:
        what = f"Every finding of {ENGINES[engine].about}."
    elif engine == "harper":
        what = f"Findings of {ENGINES[engine].about}, of its kind {kind}."
    else:
        what = (
            f"Findings of {ENGINES[engine].about}, of its rule {kind} "
            f"(https://community.languagetool.org/rule/show/{kind}?lang=en)."
        )
    return "\n".join(
        [
            full,
            "",
            what,
            "",
            "Family: grammar engine. Default: on whenever the engine runs. Severity: warning. "
            "Fix: the engine's suggestion, written only with --fix --apply-suggestions.",
            "",
            "Silence it:",
            f'    --ignore {full}   (or ignore = ["{full}"] in the config)',
            "    --grammar off     (no grammar engine at all)",
        ]
    )
