"""ficlint's house rules against proselint on War and Peace, in the same run (on demand).

    python benchmarks/house_rules_speed.py [--runs 5] [--novel PATH] [--proselint PATH]

Times, alternately so that a drift in the machine's speed touches both alike:
  A  `ficlint --grammar off --no-cache --format json NOVEL`, with the run cache off
     (FICLINT_RUN_CACHE=off): every rule checks every paragraph, as on a first run;
  B  `proselint check NOVEL` (proselint 0.16: `pip install proselint==0.16.0`, in a
     virtual environment of its own, and pass its path with --proselint);
and then ficlint once more with its run cache on, warm (the same file again), as a writer's
second run is. Prints the medians and B / A, the issue's figure (target: at least 5).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOVEL = ROOT.parent / "shared" / "corpus" / "tolstoy-war-and-peace.txt"


def _time(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--novel", default=str(NOVEL))
    parser.add_argument("--proselint", default=shutil.which("proselint"))
    args = parser.parse_args()
    if not Path(args.novel).is_file():
        print(f"no novel at {args.novel}", file=sys.stderr)
        return 2
    if not args.proselint:
        print(
            "proselint not found: pip install proselint==0.16.0, then --proselint PATH",
            file=sys.stderr,
        )
        return 2
    # Timed as a user runs them: no bytecode left unwritten (this machine's environment sets
    # PYTHONDONTWRITEBYTECODE, which makes every run compile ficlint's modules again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cold_env = {**env, "FICLINT_RUN_CACHE": "off"}
    ficlint = [sys.executable, "-m", "ficlint", "--grammar", "off", "--format", "json"]
    cold = [*ficlint, "--no-cache", args.novel]
    proselint = [args.proselint, "check", args.novel]
    _time(cold, cold_env)  # the file in the page cache, the bytecode written
    _time(proselint, env)
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(_time(cold, cold_env))
        theirs.append(_time(proselint, env))
    _time([*ficlint, args.novel], env)  # fills the run cache
    warm = statistics.median(_time([*ficlint, args.novel], env) for _ in range(args.runs))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"ficlint house rules, first run: {a:.2f} s (median of {args.runs})")
    print(f"proselint check:                {b:.2f} s")
    print(f"proselint / ficlint:            {b / a:.2f}x (target: at least 5x)")
    print(f"ficlint again, run cache warm:  {warm:.2f} s ({b / warm:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
