"""`ficlint --fix` on every corpus novel, copied to a temporary folder (issue 7).

For each novel: run `ficlint --fix --format json` on the copy, then `ficlint --format json` on
the result, and compare the words before and after. Prints, per novel, the fixes applied per
rule, the safe-fixable findings left after the fix (must be 0), the words whose letters
changed other than in case (must be 0), words lost or added (only a doubled word may go), and
whether a second `--fix` changed anything (must not).

    python benchmarks/fix_corpus.py [--corpus ../shared/corpus] [--unsafe-fixes]
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W\d_]+")


def ficlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ficlint", "--grammar", "off", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def word_changes(before: str, after: str) -> tuple[int, int, list[str]]:
    """(words changed only in case, doubled words removed, every other change)."""
    a, b = WORD.findall(before), WORD.findall(after)
    case_only, doubled, other = 0, 0, []
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            case_only += sum(1 for x, y in zip(a[i1:i2], b[j1:j2], strict=True) if x != y)
        elif tag == "delete" and all(
            a[i].lower() == a[i - 1].lower() for i in range(i1, i2) if i > 0
        ):
            doubled += i2 - i1
        else:
            other.append(f"{tag}: {' '.join(a[i1:i2])!r} -> {' '.join(b[j1:j2])!r}")
    return case_only, doubled, other


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    novels = sorted(corpus.glob("*.txt"))
    if not novels:
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    extra = ["--unsafe-fixes"] if args.unsafe_fixes else []
    bad = 0
    print(
        f"{'novel':40} {'secs':>6} {'fixed':>6} {'left':>5} {'case':>5} {'dbl':>4} {'other':>5}"
        "  2nd  fixes per rule"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for novel in novels:
            copy = Path(tmp) / novel.name
            shutil.copyfile(novel, copy)
            before = novel.read_text(encoding="utf-8")
            started = time.perf_counter()
            fixed = ficlint("--fix", "--format", "json", *extra, str(copy))
            secs = time.perf_counter() - started
            if fixed.returncode not in (0, 1) or fixed.stderr:
                print(f"{novel.name}: --fix exited {fixed.returncode}: {fixed.stderr.strip()}")
                bad += 1
                continue
            summary = json.loads(fixed.stdout)["summary"]
            after_bytes = copy.read_bytes()
            after = after_bytes.decode("utf-8")
            check = json.loads(ficlint("--format", "json", *extra, str(copy)).stdout)
            left = sum(
                1
                for d in check["diagnostics"]
                if d["fix"] and (args.unsafe_fixes or d["fix"]["applicability"] == "safe")
            )
            again = ficlint("--fix", *extra, str(copy))
            second = "same" if copy.read_bytes() == after_bytes else "CHANGED"
            digest = hashlib.sha256(after_bytes).hexdigest()[:8]
            case_only, doubled, other = word_changes(before, after)
            rules = " ".join(f"{k}:{v}" for k, v in summary["fixed_by_rule"].items())
            print(
                f"{novel.name:40} {secs:6.2f} {summary['fixed']:6} {left:5} {case_only:5} "
                f"{doubled:4} {len(other):5}  {second:4} {rules}  [{digest}]"
            )
            for change in other[:10]:
                print(f"    {change}")
            if left or other or second != "same" or again.returncode not in (0, 1):
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
