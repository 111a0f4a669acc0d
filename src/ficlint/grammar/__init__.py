"""Grammar and spelling from a grammar engine, beside ficlint's own rules.

Engines see the prose only (the paragraphs of the document model, with Markdown markup taken
out) and their findings are mapped back to exact source positions. Codes are
`G:<engine>:<rule>` (G:harper:Spelling), selectable and ignorable like every other code by
`G`, `G:harper` or the whole code. A grammar finding on the same words as a ficlint finding
is dropped: ficlint's is the more specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from ficlint.errors import FiclintError
from ficlint.grammar.cache import MAX_REPLACEMENT
from ficlint.grammar.dialect import manuscript_dialect
from ficlint.grammar.filters import foreign_lexicons
from ficlint.grammar.habits import story_words
from ficlint.wordcounts import english_dictionary, lower_counts, quote_style, zipf


class GrammarUnavailable(FiclintError):
    """The engine asked for cannot run here (not installed, no server)."""


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
    from ficlint.cache_folder import default_dir
    from ficlint.grammar import harper, languagetool
    from ficlint.grammar.cache import ResultCache

    if choice in ("auto", "languagetool"):
        from pathlib import Path

        languagetool.refuse_foreign_server(ms.settings, Path.cwd())
    if choice == "auto":
        configured = languagetool.server_url(ms.settings) or languagetool.local_install()
        choice = "languagetool" if configured else "harper"
        explicit = False
    else:
        explicit = True
    factory = languagetool.LanguageToolEngine if choice == "languagetool" else harper.HarperEngine
    cache = ResultCache(default_dir() if ms.settings.cache else None)
    engine = None
    try:
        engine = factory.create(ms.settings, cache)
        engine.dialect = manuscript_dialect(ms)
        found = engine.check(ms, story_words(ms))
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
    url = getattr(engine, "url", None)
    notices = (cache.problem,) if cache.problem else ()
    notices += tuple(
        held_back_notice(
            getattr(engine, "held_back", []), getattr(engine, "long_words", 0), engine.name
        )
    )
    malformed = getattr(engine, "malformed", 0)
    if malformed:
        what = "match" if malformed == 1 else "matches"
        notices += (
            f"{malformed} malformed {what} from the LanguageTool server"
            f"{' at ' + languagetool.host(url) if url else ''} "
            f"{'was' if malformed == 1 else 'were'} ignored",
        )
    return GrammarRun(
        engine.name,
        _in_house_style(ms, _without_duplicates(found, ficlint_findings)),
        notices,
        languagetool.host(url) if url else None,
    )


def finding(
    para,
    start: int,
    end: int,
    engine: str,
    rule: str,
    name: str,
    message: str,
    replacement: str | None,
) -> Diagnostic:
    """A grammar engine's finding on paragraph characters start..end, as a Diagnostic at its
    place in the source. An engine's suggestion is a guess: only --apply-suggestions writes it."""
    src_start, src_end = para.span(start, end)
    fix = None
    if replacement is not None:
        fix = Fix((Edit(src_start, src_end, replacement),), Applicability.SUGGESTION)
    return Diagnostic(
        para.document,
        src_start,
        src_end,
        f"G:{engine}:{rule}",
        name,
        message,
        Severity.WARNING,
        fix,
        source=engine,
    )


def joined_candidates(replacements: list[str]) -> str | None:
    """An engine's candidates as one stored string: the first four, tab-joined, within the
    cache's limit on a replacement."""
    joined = "\t".join(r for r in replacements[:4] if "\t" not in r)
    while len(joined) > MAX_REPLACEMENT and "\t" in joined:
        joined = joined.rsplit("\t", 1)[0]
    return joined or None


def either(candidates: list[str]) -> str:
    """‘door’, ‘dorm’ or ‘dory’?: the candidates a message lists when none is clearly best."""
    shown = [f"‘{c}’" for c in candidates[:3]]
    return f"{', '.join(shown[:-1])} or {shown[-1]}?"


def warm_up() -> None:
    """Load the word lists the spelling filters read (the English dictionary, word use,
    the French and Spanish lexicons): a language server does so once, before its first
    check, and every check forked from it starts with them."""
    english_dictionary()
    zipf("the")
    foreign_lexicons()


def offered(word: str, candidates: list[str]) -> list[str]:
    """The candidates worth offering for `word`: a capitalised name is never one for a word
    typed in lowercase (jiaozi -> Xiaomi), but the word itself in capitals is (i -> I)."""
    if word[:1].islower():
        same = _plain(word).lower()
        return [c for c in candidates if not c[:1].isupper() or _plain(c).lower() == same]
    return candidates


def _plain(word: str) -> str:
    """The word as Harper reads it (ficlint.grammar.harper sends ’ as ')."""
    return word.replace("’", "'")


def fix_and_message(ms, word: str, message: str, candidates: list[str]) -> tuple[str | None, str]:
    """An engine's finding made honest: the fix when one candidate is clearly best (see
    clear_best); otherwise the close candidates listed in the message, and an engine message
    that names a candidate ficlint does not offer (`Did you mean Xiaomi?`) said plainly."""
    fix = clear_best(ms, word, candidates)
    if fix is not None:
        return fix, message
    usable = offered(word, candidates)
    if any(f"`{c}`" in message for c in candidates if c not in usable):
        message = f"Did you mean to spell `{word}` this way?"
    if len(usable) > 1:
        message = f"{message} ({either(usable)})"
    return None, message


def clear_best(ms, word: str, candidates: list[str]) -> str | None:
    """The engine's candidate to offer as the fix, when one is clearly best: the only one
    (a capitalised name never fixes a lowercase word, see offered); the only one the
    manuscript itself uses (dorr -> door where the book writes door); or the one nearest the
    word as typed, where the others are further (lanturn -> lantern). None when several are as
    close (chai: chad, chair, chain): then the message lists them and no fix is offered."""
    candidates = offered(word, candidates)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    from rapidfuzz.distance import OSA

    counts = lower_counts(ms)
    used = [c for c in candidates if " " not in c and counts.get(c.lower(), 0) > 0]
    if len(used) == 1:
        return used[0]
    typed = _plain(word).lower()  # an apostrophe is no edit: Harper's candidates have '
    distances = [OSA.distance(typed, _plain(c).lower()) for c in candidates]
    nearest = min(distances)
    best = [c for c, d in zip(candidates, distances, strict=True) if d == nearest]
    return best[0] if len(best) == 1 else None


def _in_house_style(ms, found: list[Diagnostic]) -> list[Diagnostic]:
    """Engines suggest typewriter apostrophes (they're); in a curly manuscript the fix
    writes ’, so that it never brings in the minority style."""
    if not any("'" in e.replacement for d in found if d.fix for e in d.fix.edits):
        return found
    from dataclasses import replace

    if not quote_style(ms).curly:
        return found
    for d in found:
        if d.fix and any("'" in e.replacement for e in d.fix.edits):
            d.fix = replace(
                d.fix,
                edits=tuple(
                    replace(e, replacement=e.replacement.replace("'", "’")) for e in d.fix.edits
                ),
            )
    return found


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


# What reaches an engine is bounded by shape, measured with Harper (harper-py 0.x, /usr/bin/time
# -v, peak RSS over a 160 MB base): a word of 100 letters costs 250 MB, of 500 letters 480
# MB, of 5,000 letters 2.6 GB (its spelling suggestions); 8,000 nested brackets take 60 s,
# twice as many four times as long. Prose itself is cheap: a 1,000,000-character paragraph
# of Doyle takes 295 MB. No writer writes a 100-letter word or brackets 20 deep.
LONGEST_WORD = 100
DEEPEST_BRACKETS = 20
_LONG_WORD = re.compile(rf"[^\W_]{{{LONGEST_WORD + 1},}}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_BRACKETS = re.compile(r"[()\[\]{}]")


@dataclass
class Guarded:
    """Text for an engine, offsets unchanged, and what was held back from it."""

    text: str | None  # None: the whole paragraph is held back
    long_words: int = 0


def for_engine(text: str) -> Guarded:
    """The paragraph as an engine may see it: each word over LONGEST_WORD letters (not part
    of a link) blanked out with spaces, so every offset holds; None when brackets nest more
    than DEEPEST_BRACKETS deep (the house rules still check it)."""
    if _too_deep(text):
        return Guarded(None)
    if not _LONG_WORD.search(text):
        return Guarded(text)
    links = [m.span() for m in _URL.finditer(text)]
    parts, last, blanked = [], 0, 0
    for m in _LONG_WORD.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in links):
            continue
        parts += [text[last : m.start()], " " * (m.end() - m.start())]
        last = m.end()
        blanked += 1
    parts.append(text[last:])
    return Guarded("".join(parts), blanked)


def _too_deep(text: str) -> bool:
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "([{" else max(0, depth - 1)
        if depth > DEEPEST_BRACKETS:
            return True
    return False


def held_back_notice(paragraphs: list, long_words: int, engine: str) -> list[str]:
    """One notice for the paragraphs held back from the engine, one for the long words."""
    notices = []
    if paragraphs:
        first = paragraphs[0]
        line, _ = first.document.line_col(first.span(0, 0)[0])
        n = len(paragraphs)
        notices.append(
            f"{n} paragraph{'s' if n != 1 else ''} with brackets nested over "
            f"{DEEPEST_BRACKETS} deep not sent to {engine} (first at "
            f"{first.document.display_path}:{line}); ficlint's own rules still checked "
            f"{'them' if n != 1 else 'it'}"
        )
    if long_words:
        notices.append(
            f"{long_words} word{'s' if long_words != 1 else ''} over {LONGEST_WORD} letters "
            f"not sent to {engine} (no dictionary holds {'them' if long_words != 1 else 'it'})"
        )
    return notices


def explain_code(code: str) -> str | None:
    """What a grammar code in a report means, for `ficlint rule` and the editor's hover: a
    Harper rule by name (G:harper:AnA, G:harper:Misc:AnA) with whether the default tier holds
    it, else an engine, kind or LanguageTool rule; None if no engine reports such a code (a
    Harper rule that the Harper installed here does not have: G:harper:Nonsense)."""
    from ficlint.grammar.harper import listed_rules, named_rule, unknown_rule

    harper_rule = named_rule(code)
    if harper_rule and unknown_rule(code):
        return None
    for name, on, summary in listed_rules() if harper_rule else ():
        if name.lower() == harper_rule.lower():
            state = "on by default (the default tier)" if on else "off by default"
            return f"G:harper:{name}  Harper's {name} rule, {state}\n\n{summary}"
    return _engine_code_text(code)


_ENGINES = {
    "harper": "Harper, the offline grammar engine ficlint runs by default (--grammar auto)",
    "languagetool": "LanguageTool, the grammar server you configure (see the README)",
}


def _engine_code_text(code: str) -> str | None:
    """What a grammar engine's code (as it appears in a report) means, or None if no engine
    reports such a code: an engine, or one of its kinds (Harper) or rules (LanguageTool).
    The engines' rules are theirs: ficlint names them and says how to keep or silence them."""
    parts = code.split(":")
    if len(parts) not in (2, 3) or parts[0].upper() != "G" or parts[1].lower() not in _ENGINES:
        return None
    engine = parts[1].lower()
    kind = parts[2] if len(parts) == 3 and parts[2] else None
    full = f"G:{engine}:{kind}" if kind else f"G:{engine}"
    if kind is None:
        what = f"Every finding of {_ENGINES[engine]}."
    elif engine == "harper":
        what = f"Findings of {_ENGINES[engine]}, of its kind {kind}."
    else:
        what = (
            f"Findings of {_ENGINES[engine]}, of its rule {kind} "
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
