"""Score ficlint against the hand annotations of real drafts.

Runs ficlint over each draft of manifest.toml (a repository's files as one manuscript
run), then compares its findings with annotations.tsv:

- recall per kind: of the annotated errors, how many a compatible finding hit;
- precision inside the read passages (passages.tsv): of the findings there, how many hit
  an annotation of a compatible kind (matched), how many hit an annotated error but under
  an incompatible code (other-kind), and how many hit nothing (false alarms). Reported for
  the dialogue and quotation rules (D, Q), the other house rules (C, R, T, ...), the
  grammar engine (G) and all together.

A finding matches an annotation when it starts on the annotated line and its columns
overlap the annotated span, allowing SLACK columns either side, and its code is
compatible with the kind (KIND_CODES below; a code that this scorer does not know yet
counts for a kind whose family letters include its first letter, so rules added later
are scored without editing this file).

    python benchmarks/realdrafts/fetch.py
    python benchmarks/realdrafts/score.py                    # --grammar off
    python benchmarks/realdrafts/score.py --grammar harper --json
    python benchmarks/realdrafts/score.py --ficlint /path/to/old/ficlint
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from fetch import draft_dir, load_manifest  # noqa: E402

SLACK = 2

# Codes ficlint shipped when this set was made; any other code is "new" and is matched
# through the family letters of a kind (the second element of KIND_CODES).
KNOWN_CODES = {
    *(f"C00{i}" for i in range(1, 6)),
    *(f"D0{i:02d}" for i in range(1, 11)),
    *(f"Q00{i}" for i in range(1, 7)),
    "R001",
    "R002",
    "T001",
    "T002",
    "T003",
    "X001",
}

# kind -> (code prefixes that count, family letters whose new codes count).
# "G" is any grammar-engine finding (G:harper:..., G:languagetool:...).
KIND_CODES: dict[str, tuple[tuple[str, ...], str]] = {
    "tag-period": (("D001",), "D"),
    "tag-capital": (("D001", "D002"), "D"),
    "tag-missing-comma": (("D003",), "D"),
    "comma-after-qe": (("D010",), "D"),
    "lead-in-comma": (("D004",), "D"),
    "quote-run-on": (("D005", "D004"), "D"),
    "beat-comma": (("D006",), "D"),
    "beat-no-stop": (("D003", "D006"), "D"),
    "lowercase-after-period": (("D001", "D002", "D007"), "D"),
    "split-tag-case": (("D007",), "D"),
    "new-sentence-after-tag": (("D004", "D005", "D007"), "D"),
    "address-comma": (("D008",), "D"),
    "interjection-comma": (("D009",), "D"),
    "punct-outside": (("D010",), "D"),
    "speaker-paragraph": ((), "D"),
    "space-inside-quote": (("T003", "Q004"), "DQT"),
    "unclosed-quote": (("Q004",), "Q"),
    "quote-style": (("Q001", "Q004", "Q006"), "Q"),
    "apostrophe": (("Q002", "Q003"), "Q"),
    "punctuation": (("G",), "DT"),
    "missing-space": (("T003", "G"), "T"),
    "double-space": (("T003",), "T"),
    "space-before-punct": (("T003", "G"), "T"),
    "ellipsis": (("T001",), "T"),
    "dash": (("T002",), "T"),
    "doubled-word": (("R001", "G"), "R"),
    "capitalization": (("G", "C004", "D002", "D007"), "DG"),
    "spelling": (("G", "C005"), "C"),
    "grammar": (("G",), ""),
    "consistency": (("C",), "C"),
    "other": (("",), ""),
}

# The kinds the dialogue (D) and quotation-mark (Q) rules exist to catch, for the totals.
FAMILY_KINDS = {
    "dialogue kinds": {
        "tag-period",
        "tag-capital",
        "tag-missing-comma",
        "comma-after-qe",
        "lead-in-comma",
        "quote-run-on",
        "beat-comma",
        "beat-no-stop",
        "lowercase-after-period",
        "split-tag-case",
        "new-sentence-after-tag",
        "address-comma",
        "interjection-comma",
        "punct-outside",
        "speaker-paragraph",
        "space-inside-quote",
    },
    "quotation kinds": {"unclosed-quote", "quote-style", "apostrophe"},
}

# Families for the precision table: D and Q are the rules this set exists to measure.
GROUPS = {
    "D+Q": lambda code: code[:1] in ("D", "Q"),
    "other rules": lambda code: code[:1] not in ("D", "Q", "G"),
    "G": lambda code: code.startswith("G"),
    "all": lambda code: True,
}


@dataclass(frozen=True)
class Annotation:
    file: str
    line: int
    start: int  # 1-based, inclusive
    end: int  # 1-based, inclusive
    kind: str


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    start: int  # 1-based, inclusive
    end: int  # 1-based, exclusive (ficlint's JSON)
    code: str


def compatible(kind: str, code: str) -> bool:
    prefixes, families = KIND_CODES[kind]
    if any(code.startswith(p) for p in prefixes):
        return True
    return code not in KNOWN_CODES and not code.startswith("G") and code[:1] in families


def overlaps(finding: Finding, ann: Annotation) -> bool:
    if finding.line != ann.line or finding.file != ann.file:
        return False
    last = max(finding.start, finding.end - 1)
    return finding.start <= ann.end + SLACK and last >= ann.start - SLACK


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "file":
                continue
            rows.append(row)
    return rows


def load_annotations(path: Path = HERE / "annotations.tsv") -> list[Annotation]:
    anns = [Annotation(r[0], int(r[1]), int(r[2]), int(r[3]), r[4]) for r in read_tsv(path)]
    unknown = {a.kind for a in anns} - KIND_CODES.keys()
    if unknown:
        raise SystemExit(f"annotations.tsv: unknown kinds {sorted(unknown)}")
    return anns


def load_passages(path: Path = HERE / "passages.tsv") -> list[tuple[str, int, int]]:
    return [(r[0], int(r[1]), int(r[2])) for r in read_tsv(path)]


def in_passage(file: str, line: int, passages: list[tuple[str, int, int]]) -> bool:
    return any(file == f and first <= line <= last for f, first, last in passages)


def run_ficlint(exe: list[str], texts: Path, grammar: str) -> list[Finding]:
    findings: list[Finding] = []
    for draft in load_manifest():
        root = draft_dir(texts, draft["repo"])
        missing = [p for p in draft["paths"] if not (root / p).is_file()]
        if missing:
            raise SystemExit(f"{draft['repo']}: {len(missing)} files missing; run fetch.py first")
        cmd = [*exe, "--format", "json", "--grammar", grammar, *draft["paths"]]
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError as err:
            raise SystemExit(
                f"{draft['repo']}: ficlint gave no JSON (exit {done.returncode}):\n{done.stderr}"
            ) from err
        prefix = root.relative_to(texts).as_posix()
        for d in report["diagnostics"]:
            findings.append(
                Finding(f"{prefix}/{d['path']}", d["line"], d["column"], d["end_column"], d["code"])
            )
    return findings


def score(
    anns: list[Annotation], findings: list[Finding], passages: list[tuple[str, int, int]]
) -> dict:
    by_line: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        by_line[(f.file, f.line)].append(f)
    ann_by_line: dict[tuple[str, int], list[Annotation]] = defaultdict(list)
    for a in anns:
        ann_by_line[(a.file, a.line)].append(a)

    per_kind: dict[str, Counter] = defaultdict(Counter)
    missed: list[Annotation] = []
    for a in anns:
        hits = [f for f in by_line[(a.file, a.line)] if overlaps(f, a)]
        found = any(compatible(a.kind, f.code) for f in hits)
        per_kind[a.kind]["annotated"] += 1
        per_kind[a.kind]["found"] += found
        per_kind[a.kind]["other-kind"] += bool(hits) and not found
        if not found:
            missed.append(a)

    groups: dict[str, Counter] = {g: Counter() for g in GROUPS}
    per_code: dict[str, Counter] = defaultdict(Counter)
    unmatched: list[Finding] = []
    for f in findings:
        if not in_passage(f.file, f.line, passages):
            continue
        near = [a for a in ann_by_line[(f.file, f.line)] if overlaps(f, a)]
        outcome = (
            "matched"
            if any(compatible(a.kind, f.code) for a in near)
            else ("other-kind" if near else "false")
        )
        key = f.code if not f.code.startswith("G") else "G:" + f.code.split(":")[1]
        per_code[key][outcome] += 1
        for g, member in GROUPS.items():
            if member(f.code):
                groups[g]["findings"] += 1
                groups[g][outcome] += 1
        if outcome == "false":
            unmatched.append(f)
    return {
        "per_kind": {k: dict(v) for k, v in sorted(per_kind.items())},
        "precision": {g: dict(c) for g, c in groups.items()},
        "per_code": {k: dict(v) for k, v in sorted(per_code.items())},
        "missed": missed,
        "false_alarms": unmatched,
        "findings_total": len(findings),
    }


def ratio(num: int, den: int) -> str:
    return f"{num / den:6.1%}" if den else "     -"


def print_table(
    result: dict, anns: list[Annotation], passages: list[tuple[str, int, int]], label: str
) -> None:
    print(f"ficlint: {label}")
    lines_read = sum(last - first + 1 for _, first, last in passages)
    print(f"annotations: {len(anns)} in {len(passages)} passages ({lines_read} source lines read)")
    print(f"findings over all drafts: {result['findings_total']}")
    print()
    print("Recall per kind (found = a compatible finding overlaps the annotated span)")
    print(f"{'kind':24} {'annot':>6} {'found':>6} {'recall':>7} {'other-code':>10}")
    totals = {name: Counter() for name in ("ALL kinds", *FAMILY_KINDS)}
    for kind, c in result["per_kind"].items():
        print(
            f"{kind:24} {c['annotated']:6} {c['found']:6} {ratio(c['found'], c['annotated']):>7} {c.get('other-kind', 0):10}"
        )
        totals["ALL kinds"].update(c)
        for name, kinds in FAMILY_KINDS.items():
            if kind in kinds:
                totals[name].update(c)
    for name, c in totals.items():
        print(f"{name:24} {c['annotated']:6} {c['found']:6} {ratio(c['found'], c['annotated']):>7}")
    print()
    print("Precision inside the read passages")
    print(
        f"{'group':12} {'findings':>8} {'matched':>8} {'other-kind':>10} {'false':>6} {'precision':>9} {'lenient':>8}"
    )
    for group, c in result["precision"].items():
        n = c.get("findings", 0)
        m, o, f = c.get("matched", 0), c.get("other-kind", 0), c.get("false", 0)
        print(f"{group:12} {n:8} {m:8} {o:10} {f:6} {ratio(m, n):>9} {ratio(m + o, n):>8}")
    print(
        "(precision = matched / findings; lenient also counts a finding on an annotated error under another code)"
    )
    print()
    print("Per code inside the passages")
    print(f"{'code':20} {'matched':>8} {'other-kind':>10} {'false':>6}")
    for code, c in result["per_code"].items():
        print(
            f"{code:20} {c.get('matched', 0):8} {c.get('other-kind', 0):10} {c.get('false', 0):6}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--ficlint", help="ficlint executable to score (default: the one on PATH / beside python)"
    )
    parser.add_argument(
        "--grammar", default="off", choices=["off", "harper", "languagetool", "auto"]
    )
    parser.add_argument("--texts", type=Path, default=HERE / "texts")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--list",
        action="store_true",
        help="also list missed annotations and false alarms (positions)",
    )
    args = parser.parse_args(argv)

    if args.ficlint:
        # ficlint runs inside each draft's folder, so a relative path must be made absolute
        exe = [str(Path(args.ficlint).resolve()) if "/" in args.ficlint else args.ficlint]
    elif shutil.which("ficlint"):
        exe = [shutil.which("ficlint")]
    else:
        exe = [sys.executable, "-m", "ficlint"]
    anns = load_annotations()
    passages = load_passages()
    result = score(anns, run_ficlint(exe, args.texts, args.grammar), passages)
    label = f"{' '.join(exe)} --grammar {args.grammar}"
    if args.json:
        out = dict(result, missed=[a.__dict__ for a in result["missed"]])
        out["false_alarms"] = [f.__dict__ for f in result["false_alarms"]]
        out["ficlint"] = label
        print(json.dumps(out, indent=2))
        return 0
    print_table(result, anns, passages, label)
    if args.list:
        print("\nMissed annotations")
        for a in result["missed"]:
            print(f"  {a.file}:{a.line}:{a.start}-{a.end} {a.kind}")
        print("\nFalse alarms in passages")
        for f in result["false_alarms"]:
            print(f"  {f.file}:{f.line}:{f.start}-{f.end} {f.code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
