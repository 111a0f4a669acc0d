"""LanguageTool through language-tool-python, on a server the user runs or shares with a team
(`[tool.ficlint.grammar] server` or FICLINT_LT_SERVER), on a local LanguageTool that
language-tool-python runs (only once the user has installed one with `ficlint grammar
install`: a lint never downloads it), or LanguageTool's public API when the user opts in with
`public-api = true` (it sends the manuscript off the machine).

Paragraphs not in the result cache go to the server in batches under its size limit, a few
requests at a time. LanguageTool counts offsets in UTF-16 code units (Java strings), so an
emoji counts twice there and once here: offsets are converted before they are mapped back to
the source.
"""

from __future__ import annotations

import bisect
import os
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ficlint.config import PUBLIC_API, Settings
from ficlint.diagnostic import Diagnostic
from ficlint.errors import ConfigError
from ficlint.grammar.cache import MAX_REPLACEMENT
from ficlint.grammar.cache import key as cache_key
from ficlint.grammar.engine import (
    GrammarUnavailable,
    Linted,
    finding,
    fix_and_message,
    joined_candidates,
)
from ficlint.grammar.excuses import spelling_excused
from ficlint.grammar.habits import voice_notice, voiced_speech
from ficlint.progress import Progress

# LanguageTool rules that fight fiction's conventions or that ficlint's own rules do better:
# typographic quotes and their pairing (Q001-Q004), repeated words (R001), whitespace and
# dashes (T001-T003), sentences and paragraphs that a novelist may make as long as she likes,
# and sentence-start repetition (a device, not a mistake). Listed in the README.
DISABLED_RULES = (
    "EN_QUOTES",
    "EN_UNPAIRED_QUOTES",
    "EN_UNPAIRED_BRACKETS",
    "ENGLISH_WORD_REPEAT_RULE",
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE",
    "WHITESPACE_RULE",
    "DASH_RULE",
    "TOO_LONG_SENTENCE",
    "TOO_LONG_PARAGRAPH",
    "PUNCTUATION_PARAGRAPH_END",
)
_LANGUAGES = {"en-gb": "en-GB", "en-au": "en-AU", "en-ca": "en-CA", "en-nz": "en-NZ"}
_SEPARATOR = "\n\n"  # between paragraphs in one request: LanguageTool sees a paragraph break
MAX_CHARS = 20_000  # per request: the public API's limit; servers' own limits are larger
WORKERS = 4  # requests in flight at once
_TOO_LONG = re.compile(r"exceeds the limit|too long|413", re.IGNORECASE)


class ServerNotConfirmed(ConfigError):
    """A config outside the repository names a server the user has not confirmed."""


def server_url(settings: Settings) -> str | None:
    """The LanguageTool server this run may use, if the user configured one (the config's
    server, else FICLINT_LT_SERVER, read when the settings are built)."""
    url = settings.lt_server
    if url is None and settings.lt_public_api:
        url = PUBLIC_API
    return url


def host(url: str) -> str:
    """host:port of a server URL, the port spelt out (the default one of its scheme)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    port = port or (443 if parts.scheme == "https" else 80)
    name = parts.hostname or url
    return f"[{name}]:{port}" if ":" in name else f"{name}:{port}"


def workspace_root(cwd: Path) -> Path:
    """The git repository holding the working directory (a .git folder or file at or above
    it), else the working directory itself."""
    cwd = cwd.resolve()
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def refuse_foreign_server(settings: Settings, cwd: Path) -> None:
    """Refuse (exit 2) a server named by a config outside the current repository, unless
    the user confirmed it (--allow-server, FICLINT_ALLOW_SERVER=1): a config in a parent
    folder, or a repository cloned from someone else, must not send the manuscript off the
    machine without the writer knowing. FICLINT_LT_SERVER is the user's own choice."""
    origin = settings.lt_server_config
    url = server_url(settings)
    if origin is None or url is None or settings.allow_server:
        return
    root = workspace_root(cwd)
    if origin.resolve().is_relative_to(root):
        return
    raise ServerNotConfirmed(
        f"{origin} names the LanguageTool server {host(url)}, outside this repository "
        f"({root}); ficlint sends no text to it unless you confirm with --allow-server or "
        "FICLINT_ALLOW_SERVER=1 (or check with --grammar harper, which stays on this machine)"
    )


def local_install():
    """The newest LanguageTool installed for language-tool-python on this machine, when Java
    is there to run it; None otherwise. Never downloads anything."""
    if shutil.which("java") is None:
        return None
    # language-tool-python's folder (it would create it just by being asked where it is).
    folder = os.environ.get("LTP_PATH") or os.path.expanduser("~/.cache/language_tool_python")
    if not os.path.isdir(folder):
        return None
    try:  # lazy, as every import of language-tool-python here: optional, and slow to import
        from language_tool_python.download_lt import LocalLanguageTool

        return LocalLanguageTool.get_latest_installed_version()
    except Exception:  # no language-tool-python, an unreadable folder
        return None


def install() -> str:
    """Download and unpack LanguageTool for language-tool-python (`ficlint grammar install`)."""
    import requests
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool
    from language_tool_python.utils import get_language_tool_download_path

    try:
        LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION).download()
    except requests.ConnectionError as exc:
        host = urlsplit(exc.request.url).hostname if exc.request is not None else None
        raise GrammarUnavailable(
            f"could not install LanguageTool: cannot reach {host or 'the download server'} "
            "(no network?); a LanguageTool server works too: see the README"
        ) from None
    except Exception as exc:
        raise GrammarUnavailable(f"could not install LanguageTool: {_short(exc)}") from None
    return str(get_language_tool_download_path())


class LanguageToolEngine:
    name = "languagetool"
    about = "LanguageTool, the grammar server you configure (see the README)"
    label = "Checking grammar (LanguageTool)"

    def __init__(self, settings: Settings, url: str | None, local=None) -> None:
        self.settings = settings
        self.url = url  # None: the local LanguageTool `local`
        self.local = local
        self.where = url or f"local LanguageTool {getattr(local, 'version_name', '')}".strip()
        self.dialect = settings.dialect  # ficlint.grammar.check sets the manuscript's own
        self.kinds = _KINDS
        self.tool = None
        self.malformed = 0  # matches in the server's answers that were not well formed
        self.voiced: list[tuple] = []  # unknown words in speech left alone (voiced_speech)
        self.vouched: frozenset[str] = frozenset()  # see tell
        self.lock = threading.Lock()
        try:
            self.version = f"language-tool-python {version('language-tool-python')}"
        except Exception:
            self.version = "unknown"

    def tell(self, words: frozenset[str]) -> None:
        """Nothing is told: a server's own list of words is the server's."""

    @classmethod
    def create(cls, settings: Settings) -> LanguageToolEngine:
        try:
            import language_tool_python  # noqa: F401
        except ImportError:
            raise GrammarUnavailable("language-tool-python is not installed") from None
        url = server_url(settings)
        local = local_install() if url is None else None
        if url is None and local is None:
            raise GrammarUnavailable(
                "no LanguageTool server configured (set server in [tool.ficlint.grammar] "
                "or FICLINT_LT_SERVER) and no local LanguageTool installed "
                "(ficlint grammar install); see the README"
            )
        return cls(settings, url, local)

    @property
    def language(self) -> str:
        return _LANGUAGES.get(self.dialect.lower(), "en-US")

    def _tool(self):
        """The connection, made on the first paragraph the cache does not hold (a warm run
        needs no server at all). Asking for the languages checks that the server answers."""
        if self.tool is None:
            import language_tool_python

            try:
                if self.url is not None:
                    tool = language_tool_python.LanguageTool(self.language, remote_server=self.url)
                else:
                    tool = language_tool_python.LanguageTool(
                        self.language, language_tool_download_version=self.local.version_name
                    )
            except Exception as exc:  # network errors, bad JSON, unknown language, no Java
                what = f"LanguageTool server {self.url}" if self.url else self.where
                raise GrammarUnavailable(f"{what} did not answer: {_short(exc)}") from None
            tool._TIMEOUT = self.settings.lt_timeout
            tool.disabled_rules = set(DISABLED_RULES)
            self.tool = tool
        return self.tool

    @property
    def server(self) -> str | None:
        return self.url

    def key(self, text: str) -> str:
        return cache_key(
            "languagetool",
            self.version,
            self.where,
            self.language,
            ",".join(DISABLED_RULES),
            "candidates-tab-joined",  # every replacement, not the first only
            text,
        )

    def _request(self, text: str) -> list[dict]:
        """The raw matches for one request. language-tool-python's own Match objects keep
        class-wide state (not safe across threads) and do not convert lengths, so the JSON is
        read here."""
        tool = self._tool()
        response = tool._query_server(
            urljoin(tool._url, "check"), tool._create_params(text), method="post"
        )
        if not isinstance(response, dict) or not isinstance(response.get("matches"), list):
            raise ValueError(f"unexpected answer: {str(response)[:80]}")
        return response["matches"]

    def _check_batch(self, texts: list[str]) -> list[list]:
        """Findings per paragraph, [start, end, rule, issue type, category, message,
        replacement];
        a batch the server finds too long is halved until it fits."""
        joined = _SEPARATOR.join(texts)
        try:
            matches = self._request(joined)
        except GrammarUnavailable:
            raise
        except Exception as exc:
            if len(texts) > 1 and _TOO_LONG.search(str(exc)):
                half = len(texts) // 2
                return self._check_batch(texts[:half]) + self._check_batch(texts[half:])
            what = f"LanguageTool server {self.url}" if self.url else self.where
            raise GrammarUnavailable(f"{what} failed: {_short(exc)}") from None
        starts, pos = [], 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + len(_SEPARATOR)
        to_chars = _utf16_to_chars(joined)
        width = len(joined.encode("utf-16-le", "surrogatepass")) // 2
        out: list[list] = [[] for _ in texts]
        for match in matches:
            found = _read_match(match, width, to_chars)
            if found is None:
                with self.lock:
                    self.malformed += 1  # counted for one notice, never crashed on
                continue
            start, end = found[0], found[1]
            i = bisect.bisect_right(starts, start) - 1
            local_start, local_end = start - starts[i], end - starts[i]
            if local_end > len(texts[i]):
                continue  # spans the break between two paragraphs
            found[0], found[1] = local_start, local_end
            out[i].append(found)
        return out

    def close(self) -> None:
        """Stop the local LanguageTool server, if this run started one."""
        if self.tool is not None and self.url is None:
            self.tool.close()

    def _batches(self, texts: list[str]) -> list[list[int]]:
        batches: list[list[int]] = [[]]
        size = 0
        for i, text in enumerate(texts):
            if batches[-1] and size + len(text) > MAX_CHARS:
                batches.append([])
                size = 0
            batches[-1].append(i)
            size += len(text) + len(_SEPARATOR)
        return [b for b in batches if b]

    def lint(self, texts: dict[str, str], fresh: dict[str, list], progress: Progress) -> None:
        keys, texts = list(texts), list(texts.values())
        batches = self._batches(texts)
        failure: GrammarUnavailable | None = None
        self._tool()  # one clear error if the server is not there, before any threads
        with ThreadPoolExecutor(max_workers=min(WORKERS, len(batches))) as pool:
            futures = {pool.submit(self._check_batch, [texts[j] for j in b]): b for b in batches}
            for future in as_completed(futures):
                batch = futures[future]
                progress.advance(len(batch))
                try:
                    results = future.result()
                except GrammarUnavailable as exc:
                    failure = failure or exc
                    continue
                for j, found in zip(batch, results, strict=True):
                    fresh[keys[j]] = found
        if failure is not None:
            raise failure  # after what did come back, which is cached

    def notices(self) -> tuple[str, ...]:
        voiced = voice_notice(self.voiced)
        if not self.malformed:
            return voiced
        what = "match" if self.malformed == 1 else "matches"
        return (
            f"{self.malformed} malformed {what} from the LanguageTool server"
            f"{' at ' + host(self.url) if self.url else ''} "
            f"{'was' if self.malformed == 1 else 'were'} ignored",
            *voiced,
        )

    def diagnostics(self, ms, linted: list[Linted], known: set[str]) -> list[Diagnostic]:
        out = []
        spellings: list[tuple] = []  # (paragraph, start, end) of each misspelling kept
        spelt: list[int] = []  # where each is in `out`
        for each in linted:
            para = each.para
            for start, end, rule, issue, category, message, joined in each.found:
                if issue == "style":
                    continue  # advice on style, not an error: the writer's voice is hers
                spelling = category == "TYPOS" or rule.startswith("MORFOLOGIK_RULE")
                if spelling and spelling_excused(para, start, end, known):
                    continue
                name = "lt-" + rule.lower().replace("_", "-")
                candidates = joined.split("\t") if joined else []
                word = para.text[start:end]
                fix, message = fix_and_message(ms, word, message, candidates, spelling=spelling)
                if spelling:
                    spellings.append((para, start, end))
                    spelt.append(len(out))
                out.append(finding(para, start, end, "languagetool", rule, name, message, fix))
        voiced = voiced_speech(ms, [each.para for each in linted], spellings)
        self.voiced = [spellings[j] for j in voiced]
        dropped = {spelt[j] for j in voiced}
        return [d for i, d in enumerate(out) if i not in dropped]


_KINDS = (str, str, str, str)  # a stored finding: start, end, rule, issue, category, message, fix


def _read_match(match, width: int, to_chars) -> list | None:
    """One match of a LanguageTool answer as [start, end, rule, issue type, category,
    message, replacement] in code points of the request's text, or None when it is not the
    shape LanguageTool documents: offset and length whole numbers within the text (`width`
    UTF-16 units), a rule with a string id, a string message, replacements whose values are
    strings. A server is someone else's program: what it sends is checked, not trusted."""
    if not isinstance(match, dict):
        return None
    offset, length = match.get("offset"), match.get("length")
    if type(offset) is not int or type(length) is not int:
        return None
    if offset < 0 or length < 0 or offset + length > width:
        return None
    rule, message = match.get("rule"), match.get("message")
    if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
        return None
    if not isinstance(message, str):
        return None
    issue, category = rule.get("issueType", ""), rule.get("category") or {}
    if not isinstance(issue, str) or not isinstance(category, dict):
        return None
    category_id = category.get("id", "")
    replacements = match.get("replacements") or []
    if not isinstance(replacements, list) or not all(
        isinstance(r, dict) and isinstance(r.get("value"), str) for r in replacements
    ):
        return None
    if not isinstance(category_id, str):
        return None
    values = [r["value"] for r in replacements]
    first = values[0] if values else None
    if first is not None and (len(first) > MAX_REPLACEMENT or "\n" in first or "\r" in first):
        return None
    # Every candidate, tab-joined (see ficlint.grammar.engine.clear_best).
    replacement = joined_candidates([v for v in values if "\n" not in v and "\r" not in v])
    found = [
        to_chars(offset),
        to_chars(offset + length),
        rule["id"],
        issue,
        category_id,
        message,
        replacement,
    ]
    return found


def _utf16_to_chars(text: str):
    """A function from a UTF-16 offset in `text` to a Python (code point) offset."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    if not astral:
        return lambda offset: offset
    # The UTF-16 position of the k-th astral character is its index plus k.
    wide = [i + k for k, i in enumerate(astral)]

    def convert(offset: int) -> int:
        return offset - bisect.bisect_left(wide, offset - 1)

    return convert


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
