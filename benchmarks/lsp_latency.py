"""How long `ficlint server` takes to publish findings after an edit (on demand, not a test).

    python benchmarks/lsp_latency.py [--grammar off|auto] [--novel PATH] [--runs 3]

Drives the real server over stdio (as an editor does) in a scratch folder and prints, in
seconds from the didChange notification to the publishDiagnostics of that version (the 0.3 s
debounce included):

- chapter:  an edit to a 5,000-word chapter (its first check done): a new paragraph;
- novel:    an edit to the novel (War and Peace from ../shared/corpus when present, else a
            synthetic text as long) after its first check: its first findings (the edited
            paragraphs checked against the facts of the last full check, ficlint.recheck),
            and the full check that follows once the writer pauses (lsp.EXACT_AFTER, 2 s,
            included); and the novel's first, cold, check;
- beside:   an edit to the chapter while the novel's cold check is running.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOVEL = ROOT.parent / "shared" / "corpus" / "tolstoy-war-and-peace.txt"
CHAPTER_SOURCE = ROOT.parent / "shared" / "corpus" / "austen-pride-and-prejudice.txt"
# Each edit a new paragraph, as a writer's is: the same paragraph again would be in the
# grammar cache and never reach the engine.
MOODS = "late tired cold angry early sorry wet kind happy sad bold calm quiet proud".split()


def edit(version: int) -> str:
    return f"\n\n“You’re {MOODS[version % len(MOODS)]}.” Nell said.\n"


def synthetic(words: int) -> str:
    para = (
        "“I have not seen the river since spring,” Anna said. Pierre looked at the grey "
        "water and thought of the road to the north, where the carts had gone at dawn."
    )
    return "\n\n".join([para] * (words // len(para.split()) + 1)) + "\n"


def first_words(path: Path, words: int) -> str:
    if not path.exists():
        return synthetic(words)
    text = path.read_text(encoding="utf-8")
    count = 0
    for i, para in enumerate(text.split("\n\n")):
        count += len(para.split())
        if count >= words:
            return "\n\n".join(text.split("\n\n")[: i + 1]) + "\n"
    return text


class Server:
    def __init__(self, folder: Path, grammar: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ficlint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=folder,
            # A grammar cache of its own: the novel's first check is cold every run.
            env={**os.environ, "FICLINT_GRAMMAR": grammar, "FICLINT_CACHE_DIR": str(folder)},
        )
        self.published: dict[str, tuple[int | None, float]] = {}
        self.publications: list[tuple[str, int | None, float]] = []  # every one, in order
        self.replies: dict[int, dict] = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            {
                "id": 1,
                "method": "initialize",
                "params": {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}},
            }
        )
        while 1 not in self.replies:
            time.sleep(0.01)
        self.send({"method": "initialized", "params": {}})

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not length:
                return
            message = json.loads(out.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                now = time.perf_counter()
                self.published[params["uri"]] = (params.get("version"), now)
                self.publications.append((params["uri"], params.get("version"), now))
            elif "id" in message:
                self.replies[message["id"]] = message

    def open(self, uri: str, text: str) -> float:
        self.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "markdown",
                        "version": 1,
                        "text": text,
                    }
                },
            }
        )
        return time.perf_counter()

    def change(self, uri: str, text: str, version: int) -> float:
        self.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": text}],
                },
            }
        )
        return time.perf_counter()

    def wait(self, uri: str, version: int, since: float) -> float:
        while self.published.get(uri, (None, 0))[0] != version:
            time.sleep(0.005)
        return self.published[uri][1] - since

    def wait_again(self, uri: str, version: int, since: float) -> float:
        """Seconds from `since` to the second publication of `version` (the full check)."""
        while True:
            times = [t for u, v, t in self.publications if u == uri and v == version]
            if len(times) >= 2:
                return times[1] - since
            time.sleep(0.01)

    def close(self) -> None:
        self.send({"id": 2, "method": "shutdown", "params": None})
        self.send({"method": "exit"})
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grammar", default="off")
    parser.add_argument("--novel", default=str(NOVEL))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    novel_path = Path(args.novel)
    novel = novel_path.read_text(encoding="utf-8") if novel_path.exists() else synthetic(560_000)
    chapter = first_words(CHAPTER_SOURCE, 5000)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        small, big = (folder / "chapter.md").as_uri(), (folder / "novel.txt").as_uri()
        server = Server(folder, args.grammar)
        try:
            server.wait(small, 1, server.open(small, chapter))
            chapter_edits = [
                server.wait(small, v, server.change(small, chapter + edit(v), v))
                for v in range(2, 2 + args.runs)
            ]
            version = 2 + args.runs
            started = server.open(big, novel)
            time.sleep(1.0)
            beside = server.wait(small, version, server.change(small, chapter, version))
            cold = server.wait(big, 1, started)
            novel_edits = [
                server.wait(big, v, server.change(big, novel + edit(v), v))
                for v in range(2, 2 + args.runs)
            ]
            version = 2 + args.runs
            since = server.change(big, novel, version)
            quick_then = server.wait(big, version, since)
            exact = server.wait_again(big, version, since)
        finally:
            server.close()
    print(
        f"grammar {args.grammar}; novel: {novel_path.name if novel_path.exists() else 'synthetic'}"
    )
    print(f"chapter edit (5,000 words): median {statistics.median(chapter_edits):.2f} s")
    print(f"chapter edit during the novel's cold check: {beside:.2f} s")
    print(f"novel cold check: {cold:.2f} s (from didOpen)")
    print(f"novel edit, first findings: median {statistics.median(novel_edits):.2f} s")
    print(
        f"novel edit, full check once the writer pauses: {exact:.2f} s "
        f"(first findings {quick_then:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
