"""A grammar engine on a corpus novel: the first run ever (it also writes the word lists,
ficlint.wordstore), a cold run (no results kept), a warm one (the same file
again: the run cache), and one after a paragraph is edited (the grammar cache: only that
paragraph goes to the engine), with each run's time and peak memory (on demand).

    python benchmarks/grammar_cache.py [--novel PATH] [--engine harper|languagetool]

The target: the warm run under 10% of the cold one. With `--engine languagetool` the server
is the contract fixture from tests/ (not LanguageTool: its times say nothing about
LanguageTool's speed), and the figure that matters is the number of requests and characters
each run sends: the warm run must send none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOVEL = ROOT.parent / "shared" / "corpus" / "austen-pride-and-prejudice.txt"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--novel", default=str(NOVEL))
    parser.add_argument("--engine", choices=("harper", "languagetool"), default="harper")
    args = parser.parse_args()
    server = None
    if args.engine == "languagetool":
        sys.path.insert(0, str(ROOT / "tests"))
        from lt_contract_server import ContractServer

        server = ContractServer().__enter__()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "FICLINT_CACHE_DIR": cache}
        env.pop("FICLINT_RUN_CACHE", None)
        if server is not None:
            env["FICLINT_LT_SERVER"] = server.url
        novel = Path(cache) / Path(args.novel).name
        text = Path(args.novel).read_text(encoding="utf-8")
        novel.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "ficlint", "--grammar", args.engine]
        command += ["--format", "json", str(novel)]
        runs = {}
        for name in ("first run ever", "cold", "warm", "one paragraph edited"):
            if name == "cold":
                _forget_results(Path(cache), keep=(novel.name, "words"))
            if name == "one paragraph edited":
                at = text.index("\n\n", len(text) // 2)
                novel.write_text(text[:at] + " It was late." + text[at:], encoding="utf-8")
            before = len(server.requests) if server else 0
            runs[name] = _timed(command, env)
            if server is not None:
                texts = server.texts[before:]
                runs[name] += (f"{len(texts)} requests, {sum(map(len, texts)):,} characters",)
    if server is not None:
        server.__exit__(None, None, None)
    for name, (seconds, peak, *sent) in runs.items():
        print(f"{args.engine}, {name}: {seconds:.2f} s, {peak / 1024:.0f} MB peak", *sent)
    return 0


def _forget_results(cache: Path, keep: tuple[str, ...]) -> None:
    """Empty the cache folder but for the word lists the first run wrote (ficlint.wordstore:
    installed data, written once) and the novel: a cold run is one with no results kept."""
    for entry in cache.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _timed(command: list[str], env: dict) -> tuple[float, int]:
    """Seconds and peak resident memory (KB, Linux) of one run of `command`."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
