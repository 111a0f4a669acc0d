"""Recall on errors planted into the corpus novels with ../shared/tools/inject.py (on demand).

    python benchmarks/inject_recall.py [--per-kind 20] [--seeds 1 2 3] [--kinds tag-period ...]

For each novel and seed: plant errors, run ficlint --format json on the corrupted copy, and
count the planted rows that a finding of the right family overlaps (score.py's rule).
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FAMILY = {
    "tag-period": "D",
    "tag-capital": "D",
    "tag-missing-comma": "D",
    "straight-in-curly": "Q",
    "doubled-word": "R",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=["tag-period", "tag-capital", "tag-missing-comma", "straight-in-curly"],
    )
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    novels = sorted((SHARED / "corpus").glob("*.txt"))
    if not novels:
        print("no corpus", file=sys.stderr)
        return 2
    total = collections.Counter()
    hit = collections.Counter()
    for novel in novels:
        n_hit = collections.Counter()
        n_total = collections.Counter()
        for seed in args.seeds:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp)
                subprocess.run(
                    [
                        sys.executable,
                        str(SHARED / "tools" / "inject.py"),
                        str(novel),
                        str(out),
                        "--per-kind",
                        str(args.per_kind),
                        "--seed",
                        str(seed),
                    ],
                    check=True,
                    capture_output=True,
                )
                corrupted = out / novel.name
                proc = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "ficlint",
                        "--grammar",
                        "off",
                        "--format",
                        "json",
                        str(corrupted),
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                diags = json.loads(proc.stdout)["diagnostics"]
                lines = corrupted.read_text(encoding="utf-8").split("\n")
                key = (out / f"{novel.stem}.key.tsv").read_text(encoding="utf-8").splitlines()[1:]
                for row in key:
                    kind, _, line, needle, _ = row.split("\t")
                    if kind not in args.kinds:
                        continue
                    line = int(line)
                    c0 = lines[line - 1].find(needle)
                    s, e = c0 + 1, c0 + 1 + len(needle)
                    found = any(
                        d["code"].startswith(FAMILY[kind])
                        and d["line"] <= line <= d["end_line"]
                        and (d["column"] if d["line"] == line else 1) < e
                        and s < (d["end_column"] if d["end_line"] == line else 10**9)
                        for d in diags
                    )
                    n_total[kind] += 1
                    n_hit[kind] += found
                    if not found and args.show_misses:
                        print(f"  miss {novel.name}:{line} {kind}: {lines[line - 1].strip()[:110]}")
        total.update(n_total)
        hit.update(n_hit)
        cells = "  ".join(f"{k} {n_hit[k]}/{n_total[k]}" for k in args.kinds if n_total[k])
        print(f"{novel.name:42} {sum(n_hit.values())}/{sum(n_total.values())}  {cells}")
    overall = sum(hit.values()) / max(1, sum(total.values()))
    print(
        "all: "
        + "  ".join(f"{k} {hit[k]}/{total[k]}" for k in args.kinds)
        + f"  recall {overall:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
