"""Peak memory (RSS) and time of `ficlint` on inputs no writer makes but a test run can:
every corpus novel at once, and three times over in 24 files (23 MB: read one file at a
time), a 100 MB file, a 20 MB single line, 10,000 small files, a 20,000-letter word, 70 KB
of `A`, brackets nested 50,000 deep. With `--grammar off` and with Harper (the default),
where it finishes within --timeout. Target: peak RSS at most 3x the input's size plus a
fixed base.

    python benchmarks/hostile_memory.py [--grammar off,harper] [--cases NAME,...] [--timeout S]

Each case runs `python -m ficlint --no-cache --format json -q` in a child process; its peak
RSS comes from resource.getrusage(RUSAGE_CHILDREN) in a fresh wrapper process (Linux).
Inputs are generated in a temporary folder from ../shared/corpus (the project's corpus)."""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

_WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "try:\n"
    "    p = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]))\n"
    "    status = p.returncode\n"
    "except subprocess.TimeoutExpired:\n"
    "    status = 'timeout'\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
    "print(json.dumps([status, peak, time.monotonic() - t]))\n"
)


def _novels() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def build(case: str, folder: Path) -> tuple[list[str], int]:
    """Write the case's input under `folder`; return (paths to pass, input bytes)."""
    random.seed(1)
    if case == "corpus":
        paths = [str(p) for p in _novels()]
        return paths, sum(p.stat().st_size for p in _novels())
    if case == "corpus-x3":  # 24 files, over 16 MB: checked one file at a time
        sub = folder / "x3"
        sub.mkdir()
        size = 0
        for i in range(3):
            for novel in _novels():
                body = novel.read_bytes()
                (sub / f"copy{i}-{novel.name}").write_bytes(body)
                size += len(body)
        return [str(sub)], size
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in _novels())
    if case == "100mb":
        data = (text * (100_000_000 // len(text) + 1))[:100_000_000]
    elif case == "20mb-line":
        line = " ".join(text.split())
        data = (line * (20_000_000 // len(line) + 1))[:20_000_000] + "\n"
    elif case == "10k-files":
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        sub = folder / "many"
        sub.mkdir()
        size = 0
        for i in range(10_000):
            body = paragraphs[i % len(paragraphs)] + "\n"
            (sub / f"ch{i:05d}.md").write_text(body, encoding="utf-8")
            size += len(body.encode("utf-8"))
        return [str(sub)], size
    elif case == "token-20k":
        data = "He said " + "".join(random.choice(string.ascii_lowercase) for _ in range(20_000))
        data += ".\n"
    elif case == "70kb-A":
        data = "A" * 70_000 + "\n"
    elif case == "brackets-50k":
        data = "Nell ran. " + "( " * 50_000 + ") " * 50_000 + "\n"
    else:
        raise SystemExit(f"unknown case {case}")
    path = folder / f"{case}.txt"
    path.write_text(data, encoding="utf-8")
    return [str(path)], path.stat().st_size


CASES = (
    "corpus",
    "corpus-x3",
    "100mb",
    "20mb-line",
    "10k-files",
    "token-20k",
    "70kb-A",
    "brackets-50k",
)


def measure(paths: list[str], grammar: str, cwd: Path, timeout: float) -> tuple:
    args = [sys.executable, "-m", "ficlint", "--no-cache", "--format", "json", "-q"]
    args += ["--grammar", grammar, *paths]
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(timeout), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grammar", default="off,harper")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    base_mb = None
    print(f"{'case':<14}{'grammar':<9}{'input MB':>9}{'peak MB':>9}{'x input':>9}{'s':>8}  exit")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "ficlint.toml").write_text("", encoding="utf-8")
        (folder / "empty.txt").write_text("Nell waited.\n", encoding="utf-8")
        for grammar in args.grammar.split(","):
            _, base, _ = measure(["empty.txt"], grammar, folder, args.timeout)
            base_mb = base / 1e6
            print(f"{'(base)':<14}{grammar:<9}{0:>9.1f}{base_mb:>9.0f}{'':>9}{'':>8}")
            for case in args.cases.split(","):
                paths, size = build(case, folder)
                status, peak, seconds = measure(paths, grammar, folder, args.timeout)
                ratio = (peak / 1e6 - base_mb) / (size / 1e6) if size else 0.0
                print(
                    f"{case:<14}{grammar:<9}{size / 1e6:>9.1f}{peak / 1e6:>9.0f}"
                    f"{ratio:>9.1f}{seconds:>8.1f}  {status}",
                    flush=True,
                )
                for path in paths:
                    p = Path(path)
                    if p.is_file() and p.parent == folder:
                        p.unlink()
                    elif p.is_dir():
                        for child in p.iterdir():
                            child.unlink()
                        p.rmdir()


if __name__ == "__main__":
    main()
