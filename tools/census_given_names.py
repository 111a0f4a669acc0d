"""Derive rules/given-names.yaml, common English given names, so that a name a draft uses only
once is still known as a name (“You can’t stay Lena, it’s late”).

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python tools/census_given_names.py names-0.3.0/names PATH/TO/english-wordnet \\
        > rules/given-names.yaml

The source is the `names` package on PyPI (MIT licence), which ships the 1990 US Census
frequency lists of first names (dist.female.first, dist.male.first; US government work,
public domain). A name is kept when
1. at least MIN_PERCENT of the people of its sex in the Census sample bear it (about the
   2,400 most common names), and
2. it is not also an ordinary English word: Open English WordNet (CC BY 4.0) has no lowercase
   lemma of that spelling that is a verb, an adjective, an adverb or a noun of two senses or
   more (Will, Grace, Mark, Rose are left out; the manuscript still teaches them as names).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

MIN_PERCENT = 0.005


def _load(path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def census(folder: Path) -> set[str]:
    names = set()
    for file in ("dist.female.first", "dist.male.first"):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            name, percent, _cumulative, _rank = line.split()
            if float(percent) >= MIN_PERCENT:
                names.add(name.capitalize())
    return names


def english_words(oewn: Path) -> set[str]:
    words = set()
    for entries_file in sorted((oewn / "src" / "yaml").glob("entries-*.yaml")):
        for lemma, entry in _load(entries_file).items():
            lemma = str(lemma)
            if not lemma.islower():
                continue
            nouns = len(entry.get("n", {}).get("sense", []))
            if nouns >= 2 or any(pos in entry for pos in ("v", "a", "s", "r")):
                words.add(lemma)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("census", type=Path, help="the names package's folder (dist.*.first)")
    parser.add_argument("oewn", type=Path, help="a checkout of globalwordnet/english-wordnet")
    args = parser.parse_args()
    words = english_words(args.oewn)
    names = sorted(name for name in census(args.census) if name.lower() not in words)
    sys.stdout.write(
        "# Common English given names, for telling a name spoken to from a word when the\n"
        "# manuscript uses the name only once.\n"
        "#\n"
        "# Derived by tools/census_given_names.py (read its docstring for the criteria) from\n"
        "# the 1990 US Census first-name lists (public domain) as shipped by the `names` package\n"
        "# 0.3.0 on PyPI (MIT licence, Trey Hunner), leaving out names that are also English\n"
        "# words in Open English WordNet (CC BY 4.0). Do not edit by hand; rerun the tool.\n"
        f"# {len(names)} names.\n"
        "given-names:\n"
    )
    for name in names:
        sys.stdout.write(f"  - {name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
