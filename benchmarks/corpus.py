"""Findings per 10,000 words and wall time per novel of ../shared/corpus/ (run on demand).

    python benchmarks/corpus.py [--select Q] [--corpus ../shared/corpus] [--grammar harper]
                                [--skip tolstoy]

Prints one row per novel: words, seconds, findings per rule, findings per 10,000 words.
With --grammar, `--select G --grammar harper` measures the grammar engine's false alarms
(Harper takes about 4 s per 100,000 words on a cold cache; it uses the user's cache).
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--select", default="Q")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--grammar", default="off")
    parser.add_argument("--skip", action="append", default=[], help="novels whose name has this")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    novels = [p for p in sorted(corpus.glob("*.txt")) if not any(s in p.name for s in args.skip)]
    if not novels:
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    print(f"{'novel':42} {'words':>8} {'secs':>6} {'per 10k':>8}  findings per rule")
    for novel in novels:
        words = len(novel.read_text(encoding="utf-8").split())
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "ficlint",
                "--select",
                args.select,
                "--grammar",
                args.grammar,
                "--format",
                "json",
                str(novel),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        secs = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            print(f"{novel.name:42} failed: {proc.stderr.strip()}")
            continue
        diags = json.loads(proc.stdout)["diagnostics"]
        per_rule = collections.Counter(d["code"] for d in diags)
        rate = len(diags) / words * 10_000
        rules = " ".join(f"{c}:{n}" for c, n in sorted(per_rule.items()))
        print(f"{novel.name:42} {words:>8} {secs:>6.2f} {rate:>8.2f}  {rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
