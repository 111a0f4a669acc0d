"""How much the manuscript-wide rules (C, T001, T002) add to a run, on War and Peace (on demand).

    python benchmarks/manuscript_speed.py [--runs 5] [--novel PATH]

Times `ficlint --format json NOVEL` with every default rule (A) and with the manuscript-wide
rules left out (B), alternately, and prints the medians and A − B. The target is A − B ≤ 1.0 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOVEL = ROOT.parent / "shared" / "corpus" / "tolstoy-war-and-peace.txt"


def _time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--novel", default=str(NOVEL))
    args = parser.parse_args()
    base = [sys.executable, "-m", "ficlint", "--grammar", "off", "--format", "json", args.novel]
    with_all, without = [], []
    _time(base)  # warm the file cache
    for _ in range(args.runs):
        with_all.append(_time(base))
        without.append(_time([*base, "--ignore", "C,T001,T002"]))
    a, b = statistics.median(with_all), statistics.median(without)
    print(f"all rules {a:.2f} s, without manuscript-wide rules {b:.2f} s, they add {a - b:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
