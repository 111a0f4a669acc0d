"""`--format text`: each finding as a copy editor's margin note: where, what, the words in
context with the span underlined, and the fix. Long one-line paragraphs are windowed."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator

from ficlint.diagnostic import Applicability, Diagnostic, Severity
from ficlint.report import RunSummary, fixed_sentence, position, statistics
from ficlint.rule import rule_for_code

WINDOW = 60  # characters of context on each side of a finding
_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}

Segments = list[tuple[str, str]]  # (text, rich style)


def render(diagnostics: list[Diagnostic], summary: RunSummary) -> str:
    return "".join(chunks(diagnostics, summary))


def chunks(diagnostics: list[Diagnostic], summary: RunSummary) -> Iterator[str]:
    """The report a finding at a time, so a long one is written as it is made."""
    emit = _emitter(summary.color)
    if summary.statistics:
        yield emit(_statistics(diagnostics))
    else:
        shown: Counter = Counter()
        for diag in diagnostics:
            if _style_choice(diag.code):
                shown[(diag.path, diag.code)] += 1
                if shown[(diag.path, diag.code)] > STYLE_SHOWN:
                    continue
            yield emit([*_finding(diag), []])
        more = [(key, n - STYLE_SHOWN) for key, n in shown.items() if n > STYLE_SHOWN]
        if more:
            yield emit([*(_more_line(path, code, n, diagnostics) for (path, code), n in more), []])
    if not summary.quiet:
        yield emit([_summary_line(diagnostics, summary)])


STYLE_SHOWN = 3  # findings of one style choice shown in full per file; the rest are counted


def _style_choice(code: str) -> bool:
    rule = rule_for_code(code)
    return rule is not None and rule.style_choice  # None: a grammar engine's code


def _more_line(path: str, code: str, n: int, diagnostics: list[Diagnostic]) -> Segments:
    """`ch01.md: 805 more Q002 straight-apostrophe: one choice; --fix changes them all`."""
    name = next(d.name for d in diagnostics if d.code == code)
    return [
        (f"{path}: ", "bold"),
        (f"{n:,} more {code} ", "bold"),
        (f"{name}, the same choice as above: ficlint --fix changes them all ", ""),
        ("(--format concise or json lists each)", "dim"),
    ]


def _emitter(color: bool) -> Callable[[list[Segments]], str]:
    """Lines of segments to text: plain, or through one rich console with ANSI styles."""
    if not color:
        return lambda lines: "".join("".join(text for text, _ in line) + "\n" for line in lines)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buf = StringIO()
    console = Console(
        file=buf,
        force_terminal=True,
        color_system="standard",
        width=10_000,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
    )

    def emit(lines: list[Segments]) -> str:
        buf.seek(0)
        buf.truncate()
        for line in lines:
            console.print(Text.assemble(*line) if line else "")
        return buf.getvalue()

    return emit


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _finding(diag: Diagnostic) -> list[Segments]:
    line, col, end_line, end_col = position(diag)
    head: Segments = [
        (f"{diag.path}:{line}:{col}", "bold"),
        ("  ", ""),
        (diag.code, _SEVERITY_STYLE[diag.severity]),
        ("  ", ""),
        (diag.message, ""),
    ]
    out = [head]
    source = diag.document.text
    first, last = diag.document.line_span(line)
    start = first + col - 1
    end = first + end_col - 1 if end_line == line else last
    end = max(end, start + 1)
    w0, w1 = window(source, start, end, first=first, last=last)
    lead = "…" if w0 > first else ""
    tail = "…" if w1 < last else ""
    before = source[w0:start].replace("\t", " ")
    after = source[end:w1].replace("\t", " ")
    marked = _marked(source, start, end)
    gutter = f"{line} │ "
    pad = " " * (len(str(line)) + 1) + "│ "
    out.append(
        [
            (gutter, "blue"),
            (lead, "dim"),
            (before, ""),
            (marked, "bold"),
            (after, ""),
            (tail, "dim"),
        ]
    )
    indent = " " * (_cells(lead) + _cells(before))
    carets = "^" * max(1, _cells(marked))
    underline: Segments = [(pad, "blue"), (indent, ""), (carets, _SEVERITY_STYLE[diag.severity])]
    fix = _fix_text(diag)
    if fix:
        label, text = fix
        underline += [(" ", ""), (label, "green"), (text, "bold green")]
    out.append(underline)
    return out


def _marked(source: str, start: int, end: int) -> str:
    """The finding's own words, its middle cut to `…` past 2 × WINDOW characters: a span as
    long as a paragraph must not make every finding inside it print the whole paragraph."""
    if end - start <= 2 * WINDOW:
        return source[start:end].replace("\t", " ")
    head = _grapheme_start(source, start + WINDOW)
    rest = _grapheme_start(source, end - WINDOW)
    return (source[start:head] + "…" + source[rest:end]).replace("\t", " ")


def window(
    source: str,
    start: int,
    end: int,
    width: int = WINDOW,
    first: int = 0,
    last: int | None = None,
) -> tuple[int, int]:
    """A slice of `source[first:last]` (a line) around [start, end) of about `width`
    characters each side, cut at spaces so no word (or combining sequence) is broken."""
    last = len(source) if last is None else last
    lo = max(first, start - width)
    if lo > first:
        space = source.find(" ", lo, start)
        lo = space + 1 if space >= 0 else _grapheme_start(source, lo)
    hi = min(last, end + width)
    if hi < last:
        space = source.rfind(" ", end, hi)
        hi = space if space >= 0 else _grapheme_start(source, hi)
    return lo, hi


def _grapheme_start(text: str, i: int) -> int:
    """Move `i` back to the start of the user-perceived character it falls in (combining
    marks, emoji with modifiers or joiners, flags)."""
    while 0 < i < len(text) and _continues_grapheme(text, i):
        i -= 1
    return i


def _continues_grapheme(text: str, i: int) -> bool:
    ch, code = text[i], ord(text[i])
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    if ch in "\u200d\ufe0e\ufe0f" or text[i - 1] == "\u200d":
        return True
    if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:  # skin tones, flag tags
        return True
    if _regional(code):
        run = 0
        j = i - 1
        while j >= 0 and _regional(ord(text[j])):
            run += 1
            j -= 1
        return run % 2 == 1  # the second letter of a flag pair
    return False


def _regional(code: int) -> bool:
    return 0x1F1E6 <= code <= 0x1F1FF


def _fix_text(diag: Diagnostic) -> tuple[str, str] | None:
    """The fixed words around the finding, e.g. ("fix: ", "don’t"); for a grammar engine's
    suggestion, what it would write: ("suggestion: ", "replace ‘chai’ with ‘chad’")."""
    if diag.fix is None or not diag.fix.edits:
        return None
    text = diag.document.text
    if diag.fix.applicability is Applicability.SUGGESTION:
        return _LABEL[Applicability.SUGGESTION], diag.fix.describe(text)
    edits = sorted(diag.fix.edits, key=lambda e: e.start)
    lo = min(diag.start, edits[0].start)
    hi = max(diag.end, edits[-1].end)
    # Widen to whole words so that `'` → `’` reads as `don't` → `don’t`.
    while lo > 0 and not text[lo - 1].isspace() and lo > diag.start - 30:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi < diag.end + 30:
        hi += 1
    pieces, cursor, length = [], lo, 0
    for e in edits:
        if length > 80:
            break  # no more is shown: a fix inside a long span stays a short line
        for piece in (text[cursor : min(e.start, cursor + 81)], e.replacement[:81]):
            pieces.append(piece)
            length += len(piece)
        cursor = e.end
    else:
        pieces.append(text[cursor : min(hi, cursor + 81)])
    fixed = "".join(pieces).replace("\n", " ").replace("\r", "")
    if len(fixed) > 80:
        fixed = fixed[:77] + "…"
    label = _LABEL[diag.fix.applicability]
    return label, fixed


_LABEL = {
    Applicability.SAFE: "fix: ",
    Applicability.UNSAFE: "fix (unsafe): ",
    Applicability.SUGGESTION: "suggestion: ",
}


def _statistics(diagnostics: list[Diagnostic]) -> list[Segments]:
    rows = statistics(diagnostics)
    width = len(str(max((r["count"] for r in rows), default=0)))
    code_width = max((len(r["code"]) for r in rows), default=0)
    return [
        [
            (f"{r['count']:>{width}}", "bold"),
            ("  ", ""),
            (r["code"].ljust(code_width), "bold"),
            ("  ", ""),
            ("[*] " if r["fixable"] else "    ", "green"),
            (r["name"], ""),
        ]
        for r in rows
    ]


def _summary_line(diagnostics: list[Diagnostic], summary: RunSummary) -> Segments:
    engine = f"; grammar by {_engine_name(summary.grammar)}" if summary.grammar else ""
    if summary.grammar and summary.grammar_server:
        engine += f" at {summary.grammar_server}"  # the text left this machine: say where
    fixed = ""
    if summary.fixed:
        fixed = fixed_sentence(summary.fixed, summary.fixed_files, summary.fixed_found) + ". "
    known = ""
    if summary.baseline_hidden:
        known = f"; {summary.baseline_hidden} more known in the baseline"
    if not diagnostics:
        files = f"{summary.files} file" + ("" if summary.files == 1 else "s")
        if summary.baseline_hidden:
            return [
                (
                    f"No new problems in {files} ({summary.baseline_hidden} known in the "
                    f"baseline){engine}.",
                    "bold green",
                )
            ]
        if summary.fixed:
            return [(f"{fixed}No problems remain in {files}{engine}.", "bold green")]
        return [(f"No problems found in {files}{engine}.", "bold green")]
    n = len(diagnostics)
    with_problems = len({d.path for d in diagnostics})
    safe = sum(1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE)
    suggested = sum(
        1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.SUGGESTION
    )
    files = f"{with_problems} file{'s' if with_problems != 1 else ''}"
    problems = f"{n} problem{'s' if n != 1 else ''}"
    if not summary.fixed:
        text = f"Found {problems} in {files}"
    else:
        text = f"{fixed}{problems} remain{'s' if n == 1 else ''} in {files}"
    hints = []
    if summary.unsafe_fixes and safe + unsafe:
        hints.append(f"{safe + unsafe} fixable with --fix --unsafe-fixes")
    else:
        if safe:
            hints.append(f"{safe} fixable with --fix")
        if unsafe:
            hints.append(f"{unsafe} {'more ' if safe else ''}with --unsafe-fixes")
    if suggested:
        word = "suggestion" if suggested == 1 else "suggestions"
        hints.append(f"{suggested} grammar {word} with --apply-suggestions")
    if hints:
        text += f" ({'; '.join(hints)})"
    return [(text + known + engine + ".", "bold")]


def _engine_name(engine: str) -> str:
    return {"languagetool": "LanguageTool", "harper": "Harper"}.get(engine, engine)
