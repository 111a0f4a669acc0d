"""CONTRACT FIXTURE, not LanguageTool: a small HTTP server on 127.0.0.1 that speaks
LanguageTool's documented HTTP API (`GET /v2/languages`, `POST /v2/check` with form fields
`language`, `text`, `disabledRules`), with the JSON shapes of real LanguageTool answers.

LanguageTool's own server cannot be downloaded on the machines these tests run on, so the
backend is tested against this. Its "grammar" is a handful of toy rules, chosen to exercise
what ficlint must get right: offsets in UTF-16 code units (as Java counts them), rule ids,
issue types and categories, disabled rules, error bodies, slowness and a size limit.
The live test (FICLINT_LT_SERVER) runs the same backend against a real server.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
]

MISSPELT = {"teh", "recieve", "kanima", "zorblat", "colour"}
# A character's voice, spelt by its sound (Joe Gargery's, in Great Expectations).
MISSPELT |= {
    "worrit", "creatur", "naterally", "biled", "onmerciful", "abear", "sut", "sitch", "foller",
    "picter", "nevvy", "drownded",
}  # fmt: skip


def _rule(rule_id, description, issue_type, category_id, category_name):
    return {
        "id": rule_id,
        "description": description,
        "issueType": issue_type,
        "category": {"id": category_id, "name": category_name},
    }


_SPELLING = _rule(
    "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS", "Possible Typo"
)

# (pattern, rule, message, replacement) -- the toy rules
_RULES = [
    (
        re.compile(r"\b[Aa](?= [aeiou]\w)"),
        _rule("EN_A_VS_AN", "Use of 'a' vs. 'an'", "misspelling", "MISC", "Miscellaneous"),
        "Use “an” instead of ‘a’ if the following word starts with a vowel sound, "
        "e.g. ‘an article’, ‘an hour’.",
        "an",
    ),
    (
        re.compile(r"\b(" + "|".join(sorted(MISSPELT)) + r")\b", re.IGNORECASE),
        _SPELLING,
        "Possible spelling mistake found.",
        None,
    ),
    (
        # A typo one letter from three words: LanguageTool lists every candidate.
        re.compile(r"\bdorr\b"),
        _SPELLING,
        "Possible spelling mistake found.",
        ["door", "dorm", "dory"],
    ),
    (
        re.compile(r"\bvery unique\b"),
        _rule("VERY_UNIQUE", "very unique", "style", "STYLE", "Style"),
        "Consider using “unique” alone.",
        "unique",
    ),
    (
        re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
        _rule("PHRASE_REPETITION", "Repeated phrase", "duplication", "MISC", "Miscellaneous"),
        "This phrase is duplicated. You should probably use it only once.",
        None,
    ),
    (
        re.compile(r"\"|'"),
        _rule(
            "EN_QUOTES",
            "Smart quotes",
            "typographical",
            "TYPOGRAPHY",
            "Typography",
        ),
        "Use a smart quote here.",
        "“",
    ),
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check(text: str, disabled: set[str]) -> list[dict]:
    matches = []
    for pattern, rule, message, replacement in _RULES:
        if rule["id"] in disabled:
            continue
        for m in pattern.finditer(text):
            offset, length = utf16_len(text[: m.start()]), utf16_len(m.group())
            context_start = max(0, m.start() - 20)
            context = text[context_start : m.end() + 20]
            matches.append(
                {
                    "message": message,
                    "shortMessage": "",
                    "replacements": [
                        {"value": value}
                        for value in (
                            replacement if isinstance(replacement, list) else [replacement]
                        )
                        if value
                    ],
                    "offset": offset,
                    "length": length,
                    "context": {
                        "text": context,
                        "offset": utf16_len(text[context_start : m.start()]),
                        "length": length,
                    },
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": rule,
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
    return sorted(matches, key=lambda m: m["offset"])


class ContractServer:
    """`mode`: "ok", "error" (HTTP 500 with a text body), "slow" (answers after `delay`),
    "garbage" (HTTP 200 that is not JSON); `limit`: longest text accepted (HTTP 413 with
    LanguageTool's message beyond it). `requests` records each /v2/check form;
    `extra_matches` are added to every answer as they are (a broken or hostile server)."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.delay = 2.0
        self.limit: int | None = None
        self.extra_matches: list = []
        self.requests: list[dict[str, str]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: str, kind: str = "application/json") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.startswith("/v2/languages"):
                    self._send(200, json.dumps(LANGUAGES))
                else:
                    self._send(404, "Not found", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {
                    k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()
                }
                if not self.path.startswith("/v2/check"):
                    self._send(404, "Not found", "text/plain")
                    return
                with server.lock:
                    server.requests.append(form)
                text = form.get("text", "")
                if server.mode == "slow":
                    time.sleep(server.delay)
                if server.mode == "error":
                    self._send(500, "Error: internal error in the contract fixture", "text/plain")
                    return
                if server.mode == "garbage":
                    self._send(200, "<html>proxy error</html>", "text/html")
                    return
                if server.limit is not None and len(text) > server.limit:
                    self._send(
                        413,
                        f"Error: Your text exceeds the limit of {server.limit} characters "
                        f"(it's {len(text)} characters). Please submit a shorter text.",
                        "text/plain",
                    )
                    return
                disabled = set(filter(None, form.get("disabledRules", "").split(",")))
                answer = {
                    "software": {
                        "name": "LanguageTool",
                        "version": "6.4",
                        "buildDate": "2024-03-28 15:39:39 +0000",
                        "apiVersion": 1,
                        "premium": False,
                        "status": "",
                    },
                    "warnings": {"incompleteResults": False},
                    "language": {
                        "name": "English (US)",
                        "code": form.get("language", "en-US"),
                        "detectedLanguage": {
                            "name": "English (US)",
                            "code": "en-US",
                            "confidence": 0.99,
                        },
                    },
                    "matches": check(text, disabled) + server.extra_matches,
                }
                self._send(200, json.dumps(answer))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ContractServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def texts(self) -> list[str]:
        return [form.get("text", "") for form in self.requests]
