"""Does a change keep ficlint's output? Saves the JSON report of every novel in
../shared/corpus/, of the novels together as one manuscript, and of every real draft
(benchmarks/realdrafts, fetched), with grammar off and with the default engine, then compares
two such saves byte for byte.

    python benchmarks/same_output.py save /tmp/before        # on the old code
    python benchmarks/same_output.py save /tmp/after         # on the new code
    python benchmarks/same_output.py compare /tmp/before /tmp/after

Runs use --no-cache and a fresh FICLINT_CACHE_DIR, so nothing of an earlier run is reused.
Takes about two minutes with the default engine, ten seconds with `--grammar off` alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "realdrafts"))
from fetch import draft_dir, load_manifest  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus"
TEXTS = HERE / "realdrafts" / "texts"


def cases() -> list[tuple[str, Path, list[str]]]:
    """(name, folder to run in, paths) for every novel, the novels together as one manuscript
    of eight documents, and every fetched draft."""
    novels = sorted(CORPUS.glob("*.txt"))
    out = [(novel.stem, CORPUS, [novel.name]) for novel in novels]
    if novels:
        out.append(("corpus-together", CORPUS, [novel.name for novel in novels]))
    for draft in load_manifest():
        root = draft_dir(TEXTS, draft["repo"])
        if root.is_dir():
            out.append((root.name, root, list(draft["paths"])))
    return out


def save(folder: Path, ficlint: str, grammars: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "FICLINT_CACHE_DIR": cache, "FICLINT_RUN_CACHE": "off"}
        for name, root, paths in cases():
            for grammar in grammars:
                cmd = [ficlint, "--format", "json", "--no-cache", "--grammar", grammar, *paths]
                done = subprocess.run(cmd, cwd=root, capture_output=True, env=env)
                (folder / f"{name}.{grammar}.json").write_bytes(done.stdout)
                print(f"{name} --grammar {grammar}: exit {done.returncode}", flush=True)


def compare(before: Path, after: Path) -> int:
    changed = 0
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    for name in names:
        a, b = before / name, after / name
        if not (a.exists() and b.exists()) or a.read_bytes() != b.read_bytes():
            changed += 1
            print(f"differs: {name}")
    print(f"{len(names) - changed} of {len(names)} reports byte-identical")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    saving = sub.add_parser("save")
    saving.add_argument("folder", type=Path)
    saving.add_argument("--ficlint", default=shutil.which("ficlint") or "ficlint")
    saving.add_argument("--grammar", action="append", help="off, auto, ... (default both)")
    comparing = sub.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.folder, args.ficlint, args.grammar or ["off", "auto"])
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
