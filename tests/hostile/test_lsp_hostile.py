"""`ficlint server` against a hostile (or merely broken) client, over raw stdio bytes.

An editor restarts a language server that died, but can do nothing about one that hangs: so
whatever a client sends, every request gets a reply, one bad document does not stop the
checking of the others, a broken message header is either skipped (the server resyncs on the
next valid header) or ends the server with a message on standard error, and a small chapter's
findings do not wait for a whole novel's check.

The client here is a few lines of JSON-RPC over a pipe (not pytest-lsp), so that the tests can
send what a well-behaved client library never would."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

# Generous, for a slow and busy machine; a reply that never comes fails after this long.
TIMEOUT = 20.0


class RawClient:
    """The real server in a subprocess, spoken to in framed JSON-RPC bytes."""

    def __init__(self, root: Path, env: dict[str, str] | None = None) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ficlint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=root,
            env={**os.environ, "FICLINT_GRAMMAR": "off", **(env or {})},
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.versions: dict[str, int | None] = {}
        self.stderr = b""
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- the wire -------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line == b"\r\n":
                    break
            message = json.loads(out.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.versions[params["uri"]] = params.get("version")
                self.diagnostics[params["uri"]] = params["diagnostics"]
            self.messages.put(message)

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr += line

    # -- requests -------------------------------------------------------------------------

    def request(self, method: str, params: Any) -> int:
        self._next_id += 1
        self.send({"id": self._next_id, "method": method, "params": params})
        return self._next_id

    def reply(self, request_id: int, timeout: float = TIMEOUT) -> dict[str, Any] | None:
        """The response to `request_id`, or None when the server ended first; fails when
        neither happens within `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"no reply to request {request_id} within {timeout} s")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                return None
            if message.get("id") == request_id and "method" not in message:
                return message

    def initialize(self) -> None:
        got = self.reply(
            self.request(
                "initialize",
                {"processId": None, "rootUri": self.root.as_uri(), "capabilities": {}},
            )
        )
        assert got is not None and "result" in got, got
        self.send({"method": "initialized", "params": {}})

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "markdown",
                        "version": version,
                        "text": text,
                    }
                },
            }
        )

    def change(self, uri: str, text: str, version: int) -> None:
        self.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": text}],
                },
            }
        )

    def wait_diagnostics(self, uri: str, version: int, timeout: float = TIMEOUT) -> list:
        """The findings published for `version` of `uri`; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while self.versions.get(uri) != version or uri not in self.diagnostics:
            if time.monotonic() > deadline:
                pytest.fail(
                    f"no diagnostics for {uri} version {version} within {timeout} s "
                    f"(last version published: {self.versions.get(uri)})"
                )
            time.sleep(0.02)
        return self.diagnostics[uri]

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.reply(self.request("shutdown", None), timeout=5)
                self.send({"method": "exit"})
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired, pytest.fail.Exception):
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            stream.close()


@pytest.fixture
def server(tmp_path: Path):
    clients: list[RawClient] = []

    def start(env: dict[str, str] | None = None) -> RawClient:
        client = RawClient(tmp_path, env)
        clients.append(client)
        client.initialize()
        return client

    yield start
    for client in clients:
        client.close()


LATE = "“You’re late.” Nell said.\n"  # D001: `late,”`
WHOLE_LINE = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}


def codes(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [d["code"] for d in diagnostics]


# -- odd document names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "a%00b.md",  # a NUL byte: no file system allows it in a name
        "a\ud800b.md",  # a lone surrogate (JSON allows it): not encodable as a file name
        "chapter%20one.md",  # a space, percent-encoded as every editor sends it
    ],
)
def test_an_odd_file_name_is_checked_and_does_not_stop_the_others(server, tmp_path, name):
    client = server()
    bad = f"{tmp_path.as_uri()}/{name}"
    good = (tmp_path / "chapter.md").as_uri()
    client.open(bad, LATE)
    client.open(good, LATE)
    # The other document is checked as ever ...
    assert codes(client.wait_diagnostics(good, 1)) == ["D001"]
    # ... and so is an edit to it while the bad one is still open.
    client.change(good, "Fine.\n\n" + LATE, 2)
    assert codes(client.wait_diagnostics(good, 2)) == ["D001"]
    # The document itself is checked (as an unsaved buffer, when no file can have its name).
    assert codes(client.wait_diagnostics(bad, 1)) == ["D001"]
    assert client.proc.poll() is None


# -- positions outside the document ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "character"),
    [(-1, 0), (2**40, 0), (0, -1), (0, 2**40), (2**64, 2**64)],
)
def test_every_code_action_request_gets_a_reply(server, tmp_path, line, character):
    client = server()
    uri = (tmp_path / "chapter.md").as_uri()
    client.open(uri, LATE)
    client.wait_diagnostics(uri, 1)
    position = {"line": line, "character": character}
    got = client.reply(
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": position, "end": position},
                "context": {"diagnostics": []},
            },
        )
    )
    assert got is not None
    if "error" in got:  # refused, saying what was wrong with it
        assert got["error"]["code"] == -32602
        assert "line" in got["error"]["message"] or "character" in got["error"]["message"]
    else:
        assert isinstance(got["result"], list)
    # ... and the server still answers the next, proper request.
    got = client.reply(
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": WHOLE_LINE,
                "context": {"diagnostics": []},
            },
        )
    )
    assert got is not None and any("D001" in a["title"] for a in got["result"])


# -- broken message headers --------------------------------------------------------------------


def framed(body: bytes, length: bytes | None = None) -> bytes:
    return b"Content-Length: %s\r\n\r\n%s" % (length or b"%d" % len(body), body)


NOTE = json.dumps({"jsonrpc": "2.0", "method": "$/noSuchNotification", "params": {}}).encode()

BROKEN = {
    "longer than the body": framed(NOTE, b"100000"),
    "shorter than the body": framed(NOTE, b"7"),
    "negative": framed(NOTE, b"-5"),
    "not a number": framed(NOTE, b"twelve"),
    "empty": framed(NOTE, b""),
    "2**62": framed(NOTE, b"%d" % 2**62),
    "2**64 digits": framed(NOTE, b"9" * 64),
    "no Content-Length": b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + NOTE,
    "no header at all": NOTE + b"\r\n",
    "not JSON": framed(b"{this is not json"),
    "binary noise": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("data", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_message_does_not_leave_the_server_hanging(server, tmp_path, data):
    """The next proper request is answered, or the server ends (promptly, saying why)."""
    client = server()
    uri = (tmp_path / "chapter.md").as_uri()
    client.open(uri, LATE)
    client.wait_diagnostics(uri, 1)
    client.write(data)
    request = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": WHOLE_LINE,
            "context": {"diagnostics": []},
        },
    )
    got = client.reply(request, timeout=10)
    if got is None:  # ended: promptly, with a message
        client.proc.wait(timeout=5)
        time.sleep(0.2)  # the rest of standard error
        assert client.stderr.strip(), "the server ended without saying why"
    else:
        assert any("D001" in action["title"] for action in got["result"])


# -- a small chapter beside a novel ------------------------------------------------------------


def novel(paragraphs: int) -> str:
    """A long synthetic text of dialogue and narration (no finding in it): its check takes
    several seconds however fast ficlint gets per word."""
    names = ["Anna", "Pierre", "Natasha", "Andrew", "Marya", "Nicholas"]
    return "\n\n".join(
        f"“I have not seen the river since spring, not once in {i} days,” {names[i % 6]} "
        f"said. {names[(i * 5 + 1) % 6]} looked at the grey water and thought of the road "
        "to the north, where the carts had gone at dawn. “Then we go tomorrow,” came the "
        "answer, “before the rain.”"
        for i in range(paragraphs)
    )


def cpu_seconds(pid: int) -> float:
    """CPU time used by a process and every process under it (Linux /proc)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    tree, grew = {pid}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(times.get(p, 0.0) for p in tree)


PROMPT = 5.0  # seconds: generous for a busy machine; the novel's check takes longer


def test_a_small_chapter_is_checked_promptly_while_a_novel_is(server, tmp_path):
    client = server()  # grammar off: this measures the house rules and the scheduling
    small = (tmp_path / "chapter.md").as_uri()
    big = (tmp_path / "novel.md").as_uri()
    client.open(small, LATE)
    assert codes(client.wait_diagnostics(small, 1)) == ["D001"]
    client.open(big, novel(30_000))  # about a million words
    time.sleep(1.0)  # its check is under way
    client.change(small, "Fine.\n\n" + LATE + "\n" + LATE, 2)
    assert codes(client.wait_diagnostics(small, 2, timeout=PROMPT)) == ["D001", "D001"]
    # A newer text of the novel takes the place of the check of the older one ...
    client.change(big, LATE, 2)
    assert codes(client.wait_diagnostics(big, 2, timeout=PROMPT)) == ["D001"]
    # ... which stops: the server goes quiet instead of checking a text nobody has open.
    if not Path("/proc/self/stat").exists():
        return  # no /proc to measure the CPU time by
    time.sleep(0.5)
    before = cpu_seconds(client.proc.pid)
    time.sleep(2.0)
    assert cpu_seconds(client.proc.pid) - before < 0.5
