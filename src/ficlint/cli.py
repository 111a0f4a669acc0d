"""Command line: parses options and hands them on; no linting logic lives here.

Each command imports what it runs inside its own function, for start-up time: `ficlint
--version` or `ficlint rules` does not load the rules, the engines or the server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ficlint import __version__
from ficlint.config import ENGINES
from ficlint.errors import FiclintError
from ficlint.report import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultToCheck(click.Group):
    """`ficlint PATHS` means `ficlint check PATHS`, as with ruff."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ficlint", message="%(prog)s %(version)s")
def main() -> None:
    """ficlint: a manuscript linter for fiction writers.

    \b
    ficlint [check] [OPTIONS] [PATHS]...   check chapters (files, folders, or - for stdin)
    ficlint rules                          list every rule
    ficlint rule CODE                      explain one rule, with examples
    ficlint server                         a language server for editors (extra: lsp)
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: text (for people), json, sarif (GitHub code scanning), "
    "github (Actions annotations), concise (one line per finding).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these rules: codes, prefixes (Q, D0) or names, comma-separated.",
)
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave these rules out.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary line.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use."
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option("--stdin-filename", metavar="NAME", help="The name to report for text read from -.")
@click.option(
    "--grammar",
    type=click.Choice(ENGINES),
    default=None,
    help="Grammar engine beside ficlint's rules: harper runs offline, in process; "
    "languagetool uses the server in the config or FICLINT_LT_SERVER; auto picks a configured "
    "server, else harper; off runs the house rules only (default: the config's grammar, else "
    "FICLINT_GRAMMAR, else auto). The manuscript leaves this machine only for a server you "
    "configured, or LanguageTool's public API if you set public-api = true.",
)
@click.option(
    "--allow-server",
    is_flag=True,
    help="Send the text to the LanguageTool server a config outside this repository names "
    "(a parent folder's); without it ficlint refuses (also FICLINT_ALLOW_SERVER=1).",
)
@click.option("--no-cache", is_flag=True, help="Do not use or update the grammar result cache.")
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes to the files (atomically), then report what remains. "
    "With - the fixed text goes to standard output and the report to standard error.",
)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or count) fixes marked unsafe.")
@click.option(
    "--apply-suggestions",
    is_flag=True,
    help="With --fix or --diff: also write the grammar engine's suggested words, which "
    "--fix and --unsafe-fixes never do (an engine's guess is often another word).",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff and write nothing; exit 1 if there is a diff.",
)
@click.option("--fix-only", is_flag=True, help="Apply the fixes without reporting the rest.")
@click.option(
    "--watch",
    is_flag=True,
    help="Check again whenever a chapter or the config is saved (Ctrl-C stops).",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="The lowest severity that makes the exit status 1.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Report only findings this baseline file does not record.",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Record the current findings in the --baseline file (for a finished manuscript).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    config_path: str | None,
    color: str,
    stdin_filename: str | None,
    grammar: str | None,
    allow_server: bool,
    no_cache: bool,
    fix: bool,
    unsafe_fixes: bool,
    apply_suggestions: bool,
    diff: bool,
    fix_only: bool,
    watch: bool,
    output_file: str | None,
    fail_on: str,
    baseline: str | None,
    update_baseline: bool,
) -> None:
    """Check manuscript files for quotation, dialogue and consistency problems."""
    from ficlint.run import CheckOptions, check_paths

    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    options = CheckOptions(
        paths=list(paths),
        fmt=fmt,
        select=_codes(select),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        statistics=statistics,
        quiet=quiet,
        config_path=Path(config_path) if config_path else None,
        color=use_color,
        stdin_filename=stdin_filename,
        grammar=grammar,
        cache=not no_cache,
        allow_server=allow_server,
        fix="diff" if diff else "fix-only" if fix_only else "fix" if fix else None,
        unsafe_fixes=unsafe_fixes,
        apply_suggestions=apply_suggestions,
        output_file=Path(output_file) if output_file else None,
        fail_on=fail_on,
        baseline=Path(baseline) if baseline else None,
        update_baseline=update_baseline,
    )
    if update_baseline and not baseline:
        _error("--update-baseline needs --baseline FILE (where to record the findings)")
        sys.exit(EXIT_ERROR)
    if diff and (fix or fix_only):
        _error("--diff shows the fixes without writing them; leave out --fix / --fix-only")
        sys.exit(EXIT_ERROR)
    if watch:
        if fix or fix_only or diff or "-" in paths or update_baseline or output_file:
            _error(
                "--watch checks and reports; leave out --fix, --diff, -o, - and --update-baseline"
            )
            sys.exit(EXIT_ERROR)
        from ficlint.watch import watch_and_check

        sys.exit(watch_and_check(options))
    try:
        status = check_paths(options)
    except FiclintError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    if status == EXIT_FINDINGS and exit_zero:
        status = EXIT_CLEAN
    sys.exit(status)


@main.group("cache")
def cache_group() -> None:
    """The grammar result cache, the kept runs and the word lists (in the user cache folder)."""


@cache_group.command("clear")
def cache_clear() -> None:
    """Delete the grammar result cache, the kept runs and the word lists."""
    from ficlint import results_cache, wordstore
    from ficlint.cache_folder import default_dir
    from ficlint.grammar.cache import clear

    folder = default_dir()
    grammar, runs = clear(folder), results_cache.clear(folder / "runs")
    wordstore.clear(folder)
    click.echo(
        f"removed the grammar cache and {runs} kept run{'s' if runs != 1 else ''} in {folder}"
        if grammar or runs
        else f"no grammar cache in {folder}"
    )


@main.group("grammar")
def grammar_group() -> None:
    """Grammar engines: install a local LanguageTool."""


@grammar_group.command("install")
def grammar_install() -> None:
    """Download LanguageTool (about 250 MB; needs Java 17+) for `--grammar languagetool`
    without a server. Only this command downloads it; a lint never does."""
    try:
        from ficlint.grammar.languagetool import install
    except ImportError:
        _error("language-tool-python is not installed")
        sys.exit(EXIT_ERROR)
    click.echo("Downloading LanguageTool (about 250 MB); this takes a few minutes...", err=True)
    try:
        where = install()
    except FiclintError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"LanguageTool installed in {where}; --grammar auto now uses it")


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="markdown: ficlint's own rules as the README's table.",
)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, family, default, fixable."""
    from ficlint.registry import all_rules

    if output_format == "markdown":
        from ficlint.ruledocs import markdown_table

        click.echo(markdown_table(all_rules()), nl=False)
        return
    rows = [("code", "name", "family", "default", "fix", "summary")]
    for rule in all_rules():
        rows.append(
            (
                rule.code,
                rule.name,
                rule().family,
                "on" if rule.default_enabled else "off",
                rule.fix_label(),
                rule.summary,
            )
        )
    from ficlint.grammar.harper import listed_rules

    for rule, on, summary in listed_rules():
        rows.append(
            (
                f"G:harper:{rule}",
                _kebab("harper-" + rule),
                "grammar",
                "on" if on else "off",
                "suggestion",
                summary,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        click.echo(
            "  ".join(c.ljust(w) for c, w in zip(row[:5], widths, strict=False)) + "  " + row[5]
        )
    click.echo(
        "\nGrammar (Harper): the rules listed as on are the default tier, measured at least 90% "
        "precise on real drafts; every other Harper rule is off. Turn one on with "
        '--extend-select G:harper:RULE, or all of them with grammar-rules = "all" in the '
        "config."
    )


def _kebab(name: str) -> str:
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Explain one rule (by code or name), with a wrong and a right example."""
    from ficlint.registry import get_rule, is_grammar_code

    if is_grammar_code(code):
        from ficlint.grammar import explain_code

        text = explain_code(code)
        if text is None:
            from ficlint.grammar.harper import unknown_rule

            _error(
                unknown_rule(code)
                or f"unknown grammar code {code!r}: codes are G:harper:RULE or G:languagetool:RULE"
            )
            sys.exit(EXIT_ERROR)
        click.echo(text)
        return
    try:
        rule = get_rule(code)
    except FiclintError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    from ficlint.ruledocs import rule_text

    click.echo(rule_text(rule))


@main.command("server")
def lsp_server() -> None:
    """Run the language server (LSP) on standard input and output, for editors."""
    try:
        from ficlint.lsp import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        # ficlint is installed from a clone, not from PyPI: name what installs anywhere.
        _error(
            "the language server needs pygls: pip install 'pygls>=2.0' "
            "'lsprotocol>=2025.0.0' (in a ficlint clone: pip install '.[lsp]')"
        )
        sys.exit(EXIT_ERROR)
    serve()


def _error(message: str) -> None:
    click.echo(f"ficlint: error: {message}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
