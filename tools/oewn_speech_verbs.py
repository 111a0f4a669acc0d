"""Derive rules/communication-verbs.yaml, the verbs that can head a speech tag, from Open
English WordNet (OEWN, CC BY 4.0): run it on a checkout of github.com/globalwordnet/english-wordnet.

    python tools/oewn_speech_verbs.py PATH/TO/english-wordnet > rules/communication-verbs.yaml

A lemma is kept when all of these hold:
1. it is one lowercase word of three letters or more (no phrasal verbs, no hyphens);
2. its first-listed verb sense (OEWN orders a lemma's senses by how often they were tagged in
   running text) is in the lexicographer file verb.communication;
3. that sense is not communication without the voice or outside a conversation: gestures,
   signs and signals, writing, telecommunication, pointing, meaning and implying, recording,
   naming, scheduling, posting, pledging (the subtrees in NON_VOCAL);
4. at least a third of its verb senses are such communication senses, so that a verb that is
   mostly something else (deal, face, direct, bar, project) is left out.
OEWN lists some British spellings and not others; each -ize lemma kept also brings its -ise
spelling. The verbs of rules/speech.yaml's speech-or-action list (scoffed, nodded) stay beats:
the lexicon loader leaves them out.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
from pathlib import Path

import yaml

# Subtrees of verb.communication that are not a voice speaking (synset id: its gloss).
NON_VOCAL = {
    "00995046-v": "communicate or express by writing",
    "00994073-v": "show, express or direct through movement (gesticulate, nod, wave)",
    "01041202-v": "communicate silently and non-verbally by signals or signs",
    "00792365-v": "communicate over long distances, as via the telephone",
    "00925764-v": "indicate a place, direction, person, or thing (point)",
    "00933814-v": "denote or connote (mean, signify)",
    "00957180-v": "mean or intend to express or convey",
    "00932561-v": "suggest as a logically necessary consequence (imply)",
    "00750288-v": "impose something unpleasant (inflict)",
    "00745330-v": "be in or establish communication with (reach)",
    "01002259-v": "make a record of; set down in permanent form",
    "01032165-v": "assign a name or title to (designate)",
    "00920843-v": "establish after a calculation, investigation (ascertain)",
    "00790800-v": "investigate scientifically",
    "00796643-v": "make a schedule",
    "00779033-v": "cast a spell over someone (hex)",
    "01033289-v": "cause to be directed or transmitted to another place (mail, post)",
    "00880167-v": "refer for judgment or consideration (submit)",
    "00887802-v": "give as a guarantee (pledge)",
    "00888984-v": "give entirely to a specific person, activity, or cause",
    "00753893-v": "be in command of",
    "00886738-v": "bind by an obligation",
    "00949109-v": "decide upon or fix definitely (specify)",
    "00984546-v": "change the form of a word (inflect)",
    "00802592-v": "bar from attention or consideration (brush aside)",
    "01047931-v": "make a loud noise, as of wind, water, or vehicles",
}
MIN_SHARE = 1 / 3


def _load(path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def derive(src: Path) -> list[str]:
    synsets = _load(src / "verb.communication.yaml")
    children = collections.defaultdict(list)
    for sid, synset in synsets.items():
        for parent in synset.get("hypernym", []):
            children[parent].append(sid)
    excluded: set[str] = set()
    stack = list(NON_VOCAL)
    while stack:
        sid = stack.pop()
        if sid not in excluded:
            excluded.add(sid)
            stack.extend(children[sid])
    vocal = set(synsets) - excluded
    kept: set[str] = set()
    for entries_file in sorted(src.glob("entries-*.yaml")):
        for lemma, entry in _load(entries_file).items():
            lemma = str(lemma)
            if not re.fullmatch(r"[a-z]{3,}", lemma) or "v" not in entry:
                continue
            senses = [sense["synset"] for sense in entry["v"]["sense"]]
            share = sum(s in vocal for s in senses) / len(senses)
            if senses[0] in vocal and share >= MIN_SHARE:
                kept.add(lemma)
    kept |= {lemma[:-3] + "ise" for lemma in kept if lemma.endswith("ize")}
    return sorted(kept)


def _commit(repo: Path) -> str:
    if (repo / "COMMIT").is_file():  # an exported tree (git archive) records it here
        return (repo / "COMMIT").read_text().strip()
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oewn", type=Path, help="a checkout of globalwordnet/english-wordnet")
    args = parser.parse_args()
    src = args.oewn / "src" / "yaml"
    if not (src / "verb.communication.yaml").is_file():
        print(f"{src}: no verb.communication.yaml here", file=sys.stderr)
        return 2
    lemmas = derive(src)
    out = sys.stdout
    out.write(
        "# Verbs of speaking: base forms (lemmas) that can head a speech tag (“she summarized”,\n"
        "# “suggested the pilot”). Inflected forms are matched through lemminflect.\n"
        "#\n"
        "# Derived by tools/oewn_speech_verbs.py (read its docstring for the criteria) from\n"
        "# Open English WordNet, src/yaml/verb.communication.yaml and entries-*.yaml,\n"
        f"# commit {_commit(args.oewn)} of https://github.com/globalwordnet/english-wordnet.\n"
        "# Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Attribution:\n"
        "# Open English WordNet, by the Open English Wordnet team, derived from Princeton\n"
        "# WordNet 3.0, Copyright 2006 by Princeton University (WordNet licence). Do not edit by\n"
        "# hand; rerun the tool.\n"
        f"# {len(lemmas)} lemmas.\n"
        "communication-verbs:\n"
    )
    for lemma in lemmas:
        out.write(f"  - {lemma}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
