"""Derive rules/address-terms.yaml, the titles and kin words a speaker may call someone by
(“Yes, sir”, “Good night, Mom”, “I want an answer, Captain”), from Open English WordNet
(OEWN, CC BY 4.0): run it on a checkout of github.com/globalwordnet/english-wordnet.

    python tools/oewn_address_terms.py PATH/TO/english-wordnet > rules/address-terms.yaml

A one-word lemma (letters and an inner apostrophe, lowercased, not an abbreviation in
capitals) of src/yaml/noun.person.yaml is kept when its
synset is
1. glossed as a term, form, title or polite name of address or respect (sir, madam, Father),
2. or within two steps under one of the nearest kin (KIN: parent, grandparent, sibling,
   aunt, uncle, cousin, son, daughter, spouse; two steps reach mother, then mom and mum),
3. or under a rank or title people are called by, as many steps down as RANKS says
   (military officer: every rank; aristocrat, sovereign: one step; doctor: itself only, not
   its specialists).
Terms of case 1 that OEWN writes in lowercase (sir, fellow) and whose every noun sense is a
person (not shit, cub) also address someone in lowercase (“Yes sir”).
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

import yaml

KIN = ("parent", "grandparent", "sibling", "aunt", "uncle", "cousin", "son", "daughter", "spouse")
KIN_DEPTH = 2
RANKS = {"military officer": 9, "aristocrat": 1, "sovereign": 1, "doctor": 0}
ADDRESS_GLOSS = re.compile(
    r"\b(?:term|form|title|name)s? (?:of|for|used to) (?:address|respect|courtesy)"
    r"|\bpolite name\b|\bused (?:as|in) (?:a )?(?:title|form of address|address)"
    r"|\btitle (?:used|given)\b|\bused (?:by \w+ )?to address\b"
)


def _load(path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def derive(src: Path) -> tuple[list[str], list[str]]:
    """Every term (lowercased), and the terms of address that OEWN writes in lowercase (sir,
    fellow), which address someone even when a draft writes them so (“Yes sir”)."""
    synsets = _load(src / "noun.person.yaml")
    children = collections.defaultdict(list)
    for sid, synset in synsets.items():
        for parent in synset.get("hypernym", []):
            children[parent].append(sid)
    depth_of = {name: KIN_DEPTH for name in KIN} | RANKS
    chosen: set[str] = set()
    stack = [
        (sid, depth_of[syn["members"][0]])
        for sid, syn in synsets.items()
        if syn["members"][0] in depth_of
    ]
    while stack:
        sid, depth = stack.pop()
        if sid not in chosen:
            chosen.add(sid)
            if depth > 0:
                stack.extend((child, depth - 1) for child in children[sid])
    glossed = {
        sid
        for sid, synset in synsets.items()
        if ADDRESS_GLOSS.search(" ".join(synset.get("definition", [])))
    }
    chosen |= glossed
    words: set[str] = set()
    lowercase: set[str] = set()
    for sid in chosen:
        for member in synsets[sid]["members"]:
            # One word; not an abbreviation in capitals (MD, PO); ma'am in both apostrophes.
            if re.fullmatch(r"[A-Za-z]+(?:'[a-z]+)?", member) and not member[1:].isupper():
                forms = {member, member.replace("'", "’")}
                words.update(form.lower() for form in forms)
                if sid in glossed and member.islower():
                    lowercase.update(forms)
    # In lowercase, a word that also names a thing is that thing too often (“No shit”).
    people = set(synsets)
    for entries_file in sorted(src.glob("entries-*.yaml")):
        for lemma, entry in _load(entries_file).items():
            if str(lemma) in lowercase and any(
                sense["synset"] not in people for sense in entry.get("n", {}).get("sense", [])
            ):
                lowercase.discard(str(lemma))
                lowercase.discard(str(lemma).replace("'", "’"))
    return sorted(words), sorted(lowercase)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oewn", type=Path, help="a checkout of globalwordnet/english-wordnet")
    args = parser.parse_args()
    src = args.oewn / "src" / "yaml"
    if not (src / "noun.person.yaml").is_file():
        print(f"{src}: no noun.person.yaml here", file=sys.stderr)
        return 2
    terms, lowercase = derive(src)
    sys.stdout.write(
        "# Titles and kin words used to address someone (“Yes, sir”, “Good night, Mom”).\n"
        "# address-terms: every one, lowercased; they address someone when capitalised.\n"
        "# lowercase-address-terms: the terms of address OEWN writes in lowercase (sir,\n"
        "# fellow), which address someone however a draft writes them (“Yes sir”).\n"
        "#\n"
        "# Derived by tools/oewn_address_terms.py (read its docstring for the criteria) from\n"
        "# Open English WordNet, src/yaml/noun.person.yaml, of\n"
        "# https://github.com/globalwordnet/english-wordnet.\n"
        "# Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Attribution:\n"
        "# Open English WordNet, by the Open English Wordnet team, derived from Princeton\n"
        "# WordNet 3.0, Copyright 2006 by Princeton University (WordNet licence). Do not edit by\n"
        "# hand; rerun the tool.\n"
        f"# {len(terms)} terms, {len(lowercase)} of them also in lowercase.\n"
    )
    for key, words in (("address-terms", terms), ("lowercase-address-terms", lowercase)):
        sys.stdout.write(f"{key}:\n")
        for word in words:
            sys.stdout.write(f"  - {word}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
