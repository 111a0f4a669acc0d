"""Derive rules/person-nouns.yaml, the nouns that name a person first (roommate, idiot,
editor), from Open English WordNet (OEWN, CC BY 4.0): run it on a checkout of
github.com/globalwordnet/english-wordnet.

    python tools/oewn_person_nouns.py PATH/TO/english-wordnet > rules/person-nouns.yaml

D008 reads a name after such a noun as standing in apposition (“my roommate Vashti”,
“that idiot Vashti”), and a name after any other noun as spoken to (“your help Vashti”).

A lemma of src/yaml/entries-*.yaml is kept when it is one lowercase word (letters, or two
parts joined by a hyphen) and its first noun sense, the most frequent one, is in the
lexicographer file noun.person (sense keys `%1:18:`). So “kid” and “editor” are kept, and
“case”, “party” and “help”, whose person senses come later, are not.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

PERSON = re.compile(r"%1:18:")
WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def _load(path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def derive(src: Path) -> list[str]:
    nouns: set[str] = set()
    for entries_file in sorted(src.glob("entries-*.yaml")):
        for lemma, entry in _load(entries_file).items():
            senses = entry.get("n", {}).get("sense", [])
            if senses and WORD.fullmatch(str(lemma)) and PERSON.search(senses[0]["id"]):
                nouns.add(str(lemma))
    return sorted(nouns)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oewn", type=Path, help="a checkout of globalwordnet/english-wordnet")
    parser.add_argument("--commit", default="", help="the checkout's commit, for the header")
    args = parser.parse_args()
    src = args.oewn / "src" / "yaml"
    if not (src / "entries-a.yaml").is_file():
        print(f"{src}: no entries-a.yaml here", file=sys.stderr)
        return 2
    nouns = derive(src)
    sys.stdout.write(
        "# Nouns that name a person first (roommate, idiot, editor): a name after one stands\n"
        "# in apposition (“my roommate Vashti”), not spoken to (D008).\n"
        "#\n"
        "# Derived by tools/oewn_person_nouns.py (read its docstring for the criteria) from\n"
        "# Open English WordNet, src/yaml/entries-*.yaml,\n"
        f"# {'commit ' + args.commit + ' of ' if args.commit else ''}"
        "https://github.com/globalwordnet/english-wordnet.\n"
        "# Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Attribution:\n"
        "# Open English WordNet, by the Open English Wordnet team, derived from Princeton\n"
        "# WordNet 3.0, Copyright 2006 by Princeton University (WordNet licence). Do not edit by\n"
        "# hand; rerun the tool.\n"
        f"# {len(nouns)} nouns.\n"
        "person-nouns:\n"
    )
    for noun in nouns:
        sys.stdout.write(f"  - {noun}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
