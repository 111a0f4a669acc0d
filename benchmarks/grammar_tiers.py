"""Per-rule precision of the grammar engine (Harper), for the default tier.

    python benchmarks/grammar_tiers.py collect     # run ficlint with every Harper rule on
                                                   # the real drafts and ../shared/corpus
    python benchmarks/grammar_tiers.py show RULE   # findings with their text, to judge them
    python benchmarks/grammar_tiers.py             # the per-rule table

`collect` runs `ficlint --grammar harper --select G` with `grammar-rules = "all"` on each
draft of benchmarks/realdrafts (all its files as one manuscript, as score.py does) and on
each novel of the corpus, and writes the findings (positions and codes, never the text) to
FINDINGS. Judgements are in benchmarks/realdrafts/grammar-judgements.tsv: file, line,
column, code and `right` or `wrong`, read as a copy editor would; a finding of a draft with
no judgement is not counted in the precision. In the corpus (published, edited novels)
nearly every finding is a false alarm: the table gives findings per 10,000 words there.

A rule is in the default tier (ficlint.grammar.harper.DEFAULT_TIER) when at least 90% of
its findings on the drafts were judged right and it makes at most 0.2 findings per 10,000
words on the corpus (DisjointPrefixes, right on the drafts, makes 0.9 there).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DRAFTS = HERE / "realdrafts"
CORPUS = REPO.parent / "shared" / "corpus"
FINDINGS = DRAFTS / "texts" / "grammar-findings.json"  # gitignored with the texts
JUDGEMENTS = DRAFTS / "grammar-judgements.tsv"
WORD = re.compile(r"[A-Za-z’']+")
# Kinds of Harper lint that are advice on style, and repeated words (R001's): in no tier, so
# they are not judged (see ficlint.grammar.harper._NAGS).
STYLE_KINDS = {"Enhancement", "Style", "Redundancy", "Regionalism", "Repetition"}


def _ficlint(root: Path, paths: list[str], exe: str) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as config:
        config.write('grammar-rules = "all"\n')
    cmd = [exe, "--format", "json", "--grammar", "harper", "--select", "G"]
    cmd += ["--config", config.name, *paths]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    Path(config.name).unlink()
    try:
        return json.loads(done.stdout)["diagnostics"]
    except (json.JSONDecodeError, KeyError):
        raise SystemExit(f"{root}: no JSON (exit {done.returncode}):\n{done.stderr}") from None


def _words(paths: list[Path]) -> int:
    return sum(len(WORD.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in paths)


def collect(exe: str, only: str | None = None) -> None:
    """Run ficlint and write FINDINGS; with `only`, redo that group and keep the other."""
    sys.path.insert(0, str(DRAFTS))
    from fetch import draft_dir, load_manifest

    texts = DRAFTS / "texts"
    out: dict = {"drafts": {}, "corpus": {}}
    if only and FINDINGS.exists():
        out = json.loads(FINDINGS.read_text(encoding="utf-8"))
        out[only] = {}
    for draft in load_manifest() if only in (None, "drafts") else ():
        root = draft_dir(texts, draft["repo"])
        prefix = root.relative_to(texts).as_posix()
        found = _ficlint(root, draft["paths"], exe)
        out["drafts"][prefix] = {
            "words": _words([root / p for p in draft["paths"]]),
            "findings": [
                [f"{prefix}/{d['path']}", d["line"], d["column"], d["end_column"], d["code"]]
                for d in found
            ],
        }
        print(f"{prefix}: {len(found)}", file=sys.stderr)
    for book in sorted(CORPUS.glob("*.txt")) if only in (None, "corpus") else ():
        found = _ficlint(CORPUS, [book.name], exe)
        out["corpus"][book.name] = {
            "words": _words([book]),
            "findings": [
                [d["path"], d["line"], d["column"], d["end_column"], d["code"]] for d in found
            ],
        }
        print(f"{book.name}: {len(found)}", file=sys.stderr)
    FINDINGS.write_text(json.dumps(out), encoding="utf-8")


def rule_of(code: str) -> str:
    return code.split(":")[-1]


def load_judgements() -> dict[tuple, str]:
    judged = {}
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("file\t"):
            continue
        file, row, col, code, verdict = line.split("\t")[:5]
        judged[(file, int(row), int(col), rule_of(code))] = verdict
    return judged


def show(rule: str, where: str) -> None:
    """Each finding of RULE with its line, to judge it (printed, never stored)."""
    data = json.loads(FINDINGS.read_text(encoding="utf-8"))
    judged = load_judgements() if JUDGEMENTS.exists() else {}
    for group, base in (("drafts", DRAFTS / "texts"), ("corpus", CORPUS)):
        if where not in ("all", group):
            continue
        for entry in data[group].values():
            for file, line, col, end, code in entry["findings"]:
                if rule_of(code) != rule and rule != "ALL":
                    continue
                text = (base / file).read_text(encoding="utf-8").splitlines()[line - 1]
                mark = judged.get((file, line, col, rule_of(code)), "?")
                snippet = text[max(0, col - 70) : col - 1] + "[[" + text[col - 1 : end - 1]
                print(
                    f"{mark}\t{file}\t{line}\t{col}\t{code}\t{snippet}]]{text[end - 1 : end + 50]}"
                )


def table() -> None:
    data = json.loads(FINDINGS.read_text(encoding="utf-8"))
    judged = load_judgements()
    drafts: Counter = Counter()
    right: Counter = Counter()
    read: Counter = Counter()
    kinds: dict[str, str] = {}
    for entry in data["drafts"].values():
        for file, line, col, _end, code in entry["findings"]:
            rule = rule_of(code)
            kinds[rule] = code.split(":")[2]
            drafts[rule] += 1
            verdict = judged.get((file, line, col, rule))
            if verdict is not None:
                read[rule] += 1
                right[rule] += verdict == "right"
    corpus: Counter = Counter()
    corpus_words = sum(e["words"] for e in data["corpus"].values())
    draft_words = sum(e["words"] for e in data["drafts"].values())
    for entry in data["corpus"].values():
        for *_, code in entry["findings"]:
            kinds.setdefault(rule_of(code), code.split(":")[2])
            corpus[rule_of(code)] += 1
    from ficlint.grammar.harper import DEFAULT_TIER, ERRORS_CALLED_STYLE

    print(f"drafts: {draft_words:,} words; corpus: {corpus_words:,} words")
    print(
        "| rule | kind | drafts: findings | judged | right | precision | corpus per 10k words | tier |"
    )
    print("|---|---|---|---|---|---|---|---|")
    by_kind = defaultdict(list)
    for rule in sorted(set(drafts) | set(corpus), key=lambda r: (-drafts[r], -corpus[r], r)):
        by_kind[kinds[rule]].append(rule)
        precision = f"{right[rule] / read[rule]:.0%}" if read[rule] else "—"
        per10k = f"{corpus[rule] * 10_000 / corpus_words:.2f}"
        tier = "default" if rule in DEFAULT_TIER else "off"
        if kinds[rule] in STYLE_KINDS and rule not in ERRORS_CALLED_STYLE:
            precision = "style (not judged)"
        print(
            f"| {rule} | {kinds[rule]} | {drafts[rule]} | {read[rule]} | {right[rule]} "
            f"| {precision} | {per10k} | {tier} |"
        )
    for label, rules in (
        ("default tier", DEFAULT_TIER),
        ("default tier without SpellCheck", DEFAULT_TIER - {"SpellCheck"}),
    ):
        judged = sum(read[r] for r in rules)
        good = sum(right[r] for r in rules)
        rate = sum(corpus[r] for r in rules) * 10_000 / corpus_words
        if judged:
            print(
                f"\n{label}: {good}/{judged} judged right on the drafts ({good / judged:.0%}); "
                f"{rate:.2f} findings per 10k words on the corpus"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="table", choices=("collect", "show", "table"))
    parser.add_argument("rule", nargs="?", default="ALL")
    parser.add_argument("--where", default="drafts", choices=("drafts", "corpus", "all"))
    parser.add_argument("--ficlint", default="ficlint", help="the ficlint to run (collect)")
    parser.add_argument("--only", choices=("drafts", "corpus"), help="collect one group again")
    args = parser.parse_args(argv)
    if args.command == "collect":
        collect(args.ficlint, args.only)
    elif args.command == "show":
        show(args.rule, args.where)
    else:
        table()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
