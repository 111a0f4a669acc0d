"""Find and validate configuration: `[tool.ficlint]` in pyproject.toml, or ficlint.toml /
.ficlint.toml with the same keys at top level. Config is data only: nothing in it executes."""

from __future__ import annotations

import difflib
import math
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ficlint.errors import ConfigError

# The grammar engines a run may ask for (the config's `grammar`, `--grammar`).
ENGINES = ("auto", "harper", "languagetool", "off")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = (".ficlint.toml", "ficlint.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")

# key -> (kind, allowed values or None)
_KEYS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "files": ("list", None),
    "exclude": ("list", None),
    "select": ("list", None),
    "extend-select": ("list", None),
    "ignore": ("list", None),
    "per-file-ignores": ("table-of-lists", None),
    "severity": ("table-of-choice", SEVERITIES),
    "quotes": ("choice", ("auto", "curly", "straight")),
    "dialogue-quotes": ("choice", ("auto", "double", "single")),
    "dialect": (
        "dialect",
        ("auto", "en-US", "en-GB", "en-AU", "en-CA", "en-IN", "en-NZ", "en-IE", "en-ZA"),
    ),
    "words": ("list", None),
    "speech-verbs": ("list", None),
    "beats-as-tags": ("bool", None),
    "logical-punctuation": ("bool", None),
    "prefer": ("list", None),
    "drift-ratio": ("number", None),
    "speech-drift": ("bool", None),
    "grammar": ("grammar", ENGINES),
    "grammar-rules": ("choice", ("default", "all")),
}
# Keys of the [tool.ficlint.grammar] table (the engine, and where LanguageTool runs).
_GRAMMAR_KEYS = ("engine", "server", "public-api", "timeout")
PUBLIC_API = "https://api.languagetool.org"
MAX_TIMEOUT = 3600  # seconds: a request that takes longer is a server that has hung
# `**` in a files or exclude pattern: pathlib tries every way to share a path's folders
# among them, so each one more multiplies the time (eight took 8 s on a 14-folder path).
MAX_GLOBSTARS = 3


def _globstars_collapsed(pattern: str, prefix: str) -> str:
    """`a/**/**/b` is `a/**/b` (the same files); more than MAX_GLOBSTARS apart is an error."""
    parts: list[str] = []
    for part in pattern.split("/"):
        if not (part == "**" and parts and parts[-1] == "**"):
            parts.append(part)
    if parts.count("**") > MAX_GLOBSTARS:
        raise ConfigError(
            f"{prefix}: {pattern!r} has more than {MAX_GLOBSTARS} '**'; one '**' already "
            "matches folders at any depth"
        )
    return "/".join(parts)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs, from config and command line, built once."""

    root: Path = field(default_factory=Path.cwd)
    config_path: Path | None = None
    files: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    quotes: str = "auto"
    dialogue_quotes: str = "auto"
    dialect: str = "auto"
    words: frozenset[str] = frozenset()
    speech_verbs: tuple[str, ...] = ()
    beats_as_tags: bool = False
    logical_punctuation: bool = True
    # Consistency rules: forms that win whatever the counts, and how much more often the
    # majority form must occur than the minority for the minority to be reported.
    prefer: tuple[str, ...] = ()
    drift_ratio: float = 2.0
    # False: the consistency rules count and report narration only (a character's own
    # spelling in speech, "colour" from the British visitor, is left alone).
    speech_drift: bool = True
    # The grammar engine beside ficlint's rules (see ficlint.grammar).
    grammar: str = "auto"
    # A LanguageTool server the user runs or shares (also FICLINT_LT_SERVER); the public
    # API only with public-api = true, because it sends the manuscript off the machine.
    lt_server: str | None = None
    lt_public_api: bool = False
    lt_timeout: float = 60.0  # seconds for one LanguageTool request
    # The config file that named the server (or public-api): text goes to a server named
    # outside the current repository only when the user confirms it (allow_server).
    lt_server_config: Path | None = None
    allow_server: bool = False
    cache: bool = True  # the grammar result cache (--no-cache turns it off)
    # "default": the engine rules of the default tier (ficlint.grammar.harper.DEFAULT_TIER)
    # and those a selector names; "all": every rule.
    grammar_rules: str = "default"

    def with_cli(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a file or folder)."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.ficlint" in text


# What checks that rule selectors name rules (ficlint.registry.validate_selectors): given by
# the caller, as the registry sits above the settings every rule reads.
SelectorCheck = Callable[[Iterable[str], str], None]


def load_settings(path: Path | None, check_selectors: SelectorCheck) -> Settings:
    """The settings of the config at `path` (defaults for None). `check_selectors` raises a
    ConfigError for a selector that names no rule, saying where it is."""
    values = _validate(_read_table(path), path, check_selectors) if path is not None else {}
    values.setdefault("grammar", _grammar_from_environment())
    if path is None:
        return Settings(**values)
    if values.get("lt_server") or values.get("lt_public_api"):
        values["lt_server_config"] = path
    return Settings(root=path.resolve().parent, config_path=path, **values)


GRAMMAR_VARIABLE = "FICLINT_GRAMMAR"


def _grammar_from_environment() -> str:
    """The engine when neither --grammar nor the config names one: FICLINT_GRAMMAR (a CI job
    that wants house rules only sets it to off), else auto."""
    value = os.environ.get(GRAMMAR_VARIABLE, "").strip().lower()
    if not value:
        return "auto"
    choices = _KEYS["grammar"][1]
    if value not in choices:
        raise ConfigError(f"{GRAMMAR_VARIABLE}={value!r}: expected one of {', '.join(choices)}")
    return value


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("ficlint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.ficlint] must be a table")
        return table
    return data


def _validate(table: dict[str, Any], path: Path, check_selectors: SelectorCheck) -> dict[str, Any]:
    out: dict[str, Any] = {}
    where = "[tool.ficlint]" if path.name == "pyproject.toml" else path.name
    for key, value in table.items():
        if key not in _KEYS:
            close = difflib.get_close_matches(key, list(_KEYS), n=1, cutoff=0.4)
            hint = (
                f" (did you mean {close[0]!r}?)" if close else f" (valid keys: {', '.join(_KEYS)})"
            )
            raise ConfigError(f"{path}: unknown key {key!r} in {where}{hint}")
        kind, choices = _KEYS[key]
        name = key.replace("-", "_")
        prefix = f"{path}: {key!r}"
        if kind == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f'{prefix} must be a list of strings, like ["Q001"]')
            if not all(v.strip() for v in value):
                raise ConfigError(f"{prefix} has an empty entry; remove it")
            if key in ("files", "exclude"):
                value = [_globstars_collapsed(v, prefix) for v in value]
            out[name] = frozenset(value) if key == "words" else tuple(value)
        elif kind == "choice":
            if value not in choices:
                raise ConfigError(
                    f"{prefix} must be one of {', '.join(map(repr, choices))}, not {value!r}"
                )
            out[name] = value
        elif kind == "number":
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value < 1
            ):
                raise ConfigError(f"{prefix} must be a number of at least 1, like 2 or 2.5")
            out[name] = float(value)
        elif kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(f"{prefix} must be true or false")
            out[name] = value
        elif kind == "dialect":
            lowered = {c.lower(): c for c in choices}
            if not isinstance(value, str) or value.lower() not in lowered:
                raise ConfigError(
                    f"{prefix} must be one of {', '.join(map(repr, choices))}, not {value!r}"
                )
            out[name] = lowered[value.lower()]
        elif kind == "grammar":
            out.update(_grammar(value, choices, prefix))
        elif kind == "table-of-lists":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
            ):
                raise ConfigError(
                    f'{prefix} must be a table of glob = [codes], like {{"notes/*.md" = ["Q"]}}'
                )
            out[name] = tuple((k, tuple(v)) for k, v in value.items())
        elif kind == "table-of-choice":
            if not isinstance(value, dict) or not all(v in choices for v in value.values()):
                raise ConfigError(f"{prefix} must be a table of code = one of {', '.join(choices)}")
            out[name] = tuple(value.items())
    for key in ("select", "extend_select", "ignore"):
        if key in out:
            check_selectors(out[key], f"{path}: {key.replace('_', '-')}")
    for glob, codes in out.get("per_file_ignores", ()):
        check_selectors(codes, f"{path}: per-file-ignores {glob!r}")
    check_selectors((k for k, _ in out.get("severity", ())), f"{path}: severity")
    return out


def _grammar(value: Any, choices: tuple[str, ...], prefix: str) -> dict[str, Any]:
    """`grammar = "harper"`, or a table: engine, server, public-api, timeout."""
    if isinstance(value, str):
        value = {"engine": value}
    if not isinstance(value, dict):
        raise ConfigError(f'{prefix} must be an engine name or a table, like {{engine = "auto"}}')
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key not in _GRAMMAR_KEYS:
            raise ConfigError(
                f"{prefix}: unknown key {key!r} (valid keys: {', '.join(_GRAMMAR_KEYS)})"
            )
        if key == "engine":
            if item not in choices:
                raise ConfigError(
                    f"{prefix}: engine must be one of {', '.join(map(repr, choices))}, not {item!r}"
                )
            out["grammar"] = item
        elif key == "server":
            if not isinstance(item, str) or not item.startswith(("http://", "https://")):
                raise ConfigError(f'{prefix}: server must be a URL, like "http://localhost:8081"')
            out["lt_server"] = item
        elif key == "public-api":
            if not isinstance(item, bool):
                raise ConfigError(f"{prefix}: public-api must be true or false")
            out["lt_public_api"] = item
        elif key == "timeout":
            if (
                isinstance(item, bool)
                or not isinstance(item, (int, float))
                or not 0 < item <= MAX_TIMEOUT  # also false for nan; inf is too long
            ):
                raise ConfigError(
                    f"{prefix}: timeout must be a number of seconds from 0 to {MAX_TIMEOUT}, "
                    f"like 30, not {item!r}"
                )
            out["lt_timeout"] = float(item)
    return out
