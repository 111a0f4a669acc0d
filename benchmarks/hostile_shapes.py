"""Time and peak memory of `ficlint --grammar off` on one paragraph of a repeated shape, at
n and 2n repetitions: linear work doubles, quadratic work quadruples. The shapes are the
ones tests/hostile/test_shapes.py guards at a smaller size.

    python benchmarks/hostile_shapes.py [--n 20000] [--formats text,sarif,baseline]

Each run is a child process (`python -m ficlint`); peak RSS from RUSAGE_CHILDREN, read in a
fresh wrapper process per run (Linux)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHAPES = {
    "nested quotations": lambda n: "“" * n + "x" + "”" * n,
    "quotations never closed": lambda n: "“a " * n,
    "dialogue as one paragraph": lambda n: "“Go,” she said. " * n,
    "straight quotes never closed": lambda n: '"a ' * n,
    "single quotes never closed": lambda n: "‘a " * n,
    "elisions": lambda n: "'a " * n,
    "brackets nested": lambda n: "[" * n + "x" + "]" * n,
    "links on one line": lambda n: "[a](b) " * n,
    "emphasis never closed": lambda n: "*a " * n,
    "a doubled name on one line": lambda n: "Marcus Marcus. " * n,
}

_WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
    "print(json.dumps([p.returncode, peak, time.monotonic() - t]))\n"
)


def measure(path: Path, fmt: str) -> tuple[float, int]:
    args = [sys.executable, "-m", "ficlint", str(path), "--grammar", "off", "-q", "--no-cache"]
    if fmt == "baseline":
        args += ["--baseline", str(path.with_suffix(".json")), "--update-baseline"]
    else:
        args += ["--format", fmt, "--color", "never"]
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True, text=True)
    status, peak, seconds = json.loads(out.stdout)
    if status not in (0, 1):
        raise SystemExit(f"{path.name} {fmt}: exit {status}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--formats", default="text")
    opts = parser.parse_args()
    print(f"| shape | format | n={opts.n} | n={2 * opts.n} | ratio | peak RSS at 2n |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, shape in SHAPES.items():
            for fmt in opts.formats.split(","):
                times = []
                for n in (opts.n, 2 * opts.n):
                    path = Path(tmp) / f"shape-{n}.md"
                    path.write_text(shape(n) + "\n", encoding="utf-8")
                    times.append(measure(path, fmt))
                (t1, _), (t2, peak) = times
                print(
                    f"| {name} | {fmt} | {t1:.2f} s | {t2:.2f} s | {t2 / t1:.1f} "
                    f"| {peak / 2**20:.0f} MB |"
                )


if __name__ == "__main__":
    main()
