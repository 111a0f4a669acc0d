"""A grammar engine on a corpus novel: a cold run (empty cache) against a warm one (on demand).

    python benchmarks/grammar_cache.py [--novel PATH] [--engine harper|languagetool]

The target: the warm run under 10% of the cold one. With `--engine languagetool` the server
is the contract fixture from tests/ (not LanguageTool: its times say nothing about
LanguageTool's speed), and the figure that matters is the number of requests and characters
each run sends: the warm run must send none.
"""

from __future__ import annotations

import argparse
import os
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
        if server is not None:
            env["FICLINT_LT_SERVER"] = server.url
        command = [sys.executable, "-m", "ficlint", "--grammar", args.engine]
        command += ["--format", "json", args.novel]
        times, sent = [], []
        for _ in range(2):
            before = len(server.requests) if server else 0
            start = time.perf_counter()
            subprocess.run(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            times.append(time.perf_counter() - start)
            if server is not None:
                texts = server.texts[before:]
                sent.append(f"{len(texts)} requests, {sum(map(len, texts)):,} characters")
    if server is not None:
        server.__exit__(None, None, None)
    cold, warm = times
    print(f"{args.engine}: cold {cold:.2f} s, warm {warm:.2f} s, warm/cold {warm / cold:.1%}")
    if sent:
        print(f"sent: cold {sent[0]}; warm {sent[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
