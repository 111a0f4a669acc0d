"""Grammar with Harper on a corpus novel: a cold run (empty cache) against a warm one (on demand).

    python benchmarks/grammar_cache.py [--novel PATH]

The target: the warm run under 10% of the cold one.
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "FICLINT_CACHE_DIR": cache}
        command = [
            sys.executable,
            "-m",
            "ficlint",
            "--grammar",
            "harper",
            "--format",
            "json",
            args.novel,
        ]
        times = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            times.append(time.perf_counter() - start)
    cold, warm = times
    print(f"cold {cold:.2f} s, warm {warm:.2f} s, warm/cold {warm / cold:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
