"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, checked against the official schema;
columns in UTF-16 code units, every rule described, fixes that apply cleanly."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

import ficlint
from conftest import apply_fixes
from ficlint.registry import all_rules

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# Two files, findings with safe fixes (D001, Q002), an unsafe one (T002) and an error (Q004),
# with characters outside the BMP before the findings on line 1.
CHAPTER = (
    "🐉 𝒜 “Hello.” she said, and it's late.\n"
    "\n"
    "“Don’t,” he said. “Won’t you?” She’s here — at last — Nell’s coat -- wet.\n"
)
SECOND = "It was the the end.\n\n“Oh no, she said.\n"


@pytest.fixture
def schema() -> jsonschema.Draft7Validator:
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not here: {SCHEMA}")
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _sarif(cli, *args: str) -> tuple[dict, int]:
    result = cli(*args, "--format", "sarif")
    assert result.stdout.endswith("}\n")
    return json.loads(result.stdout), result.exit_code


def _valid(schema: jsonschema.Draft7Validator, sarif: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema.iter_errors(sarif)]
    assert errors == []


def _utf16_index(text: str, line: int, column: int) -> int:
    """The string index of a 1-based line and UTF-16 column (independent of ficlint)."""
    lines = text.split("\n")
    prefix = sum(len(ln) + 1 for ln in lines[: line - 1])
    units, i = column - 1, 0
    row = lines[line - 1]
    while units > 0:
        units -= len(row[i].encode("utf-16-le")) // 2
        i += 1
    assert units == 0, "a column falls inside a surrogate pair"
    return prefix + i


def _region_text(text: str, region: dict) -> str:
    start = _utf16_index(text, region["startLine"], region["startColumn"])
    end = _utf16_index(text, region["endLine"], region["endColumn"])
    return text[start:end]


def _apply(text: str, results: list[dict], applicability: tuple[str, ...] = ("safe",)) -> str:
    edits = []
    for result in results:
        for fix in result.get("fixes", []):
            if fix["properties"]["applicability"] not in applicability:
                continue
            [change] = fix["artifactChanges"]
            for rep in change["replacements"]:
                region = rep["deletedRegion"]
                start = _utf16_index(text, region["startLine"], region["startColumn"])
                end = _utf16_index(text, region["endLine"], region["endColumn"])
                edits.append((start, end, rep["insertedContent"]["text"]))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _uri(result: dict) -> str:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_two_chapters_make_one_valid_run_with_every_finding(cli, folder, schema) -> None:
    (folder / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    (folder / "ch2.txt").write_text(SECOND, encoding="utf-8")
    sarif, status = _sarif(cli, "ch1.md", "ch2.txt")
    _valid(schema, sarif)
    assert status == 1
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    [run] = sarif["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("ficlint", ficlint.__version__)
    assert driver["informationUri"] == "https://github.com/ficlint/ficlint"
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["invocations"] == [{"executionSuccessful": True}]
    # The same findings as --format json, in the same order, each pointing at its rule.
    findings = cli("ch1.md", "ch2.txt", "--format", "json").diagnostics
    results = run["results"]
    assert [(r["ruleId"], _uri(r)) for r in results] == [(d["code"], d["path"]) for d in findings]
    assert {_uri(r) for r in results} == {"ch1.md", "ch2.txt"}
    assert [r["message"]["text"] for r in results] == [d["message"] for d in findings]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["Q004"] == "error" and levels["R001"] == "warning"


def test_columns_count_utf16_code_units_after_emoji(cli, folder, schema) -> None:
    (folder / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    sarif, _ = _sarif(cli, "ch1.md")
    _valid(schema, sarif)
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    line = CHAPTER.split("\n")[0]
    # 🐉 and 𝒜 are two UTF-16 units each: the period is code point 11 but UTF-16 column 13.
    d001 = results["D001"]["locations"][0]["physicalLocation"]["region"]
    assert (d001["startLine"], d001["startColumn"]) == (1, 13)
    assert d001["startColumn"] == len(line[: line.index(".”")].encode("utf-16-le")) // 2 + 1
    q002 = results["Q002"]["locations"][0]["physicalLocation"]["region"]
    assert (q002["startColumn"], q002["endColumn"]) == (32, 33)
    for rule in ("D001", "Q002"):
        region = results[rule]["locations"][0]["physicalLocation"]["region"]
        assert _region_text(CHAPTER, region) == region["snippet"]["text"]
    assert _region_text(CHAPTER, q002) == "'"


def test_fixes_apply_to_the_file_as_ficlint_fix_does(cli, folder, schema) -> None:
    (folder / "ch1.md").write_text(CHAPTER, encoding="utf-8")
    sarif, _ = _sarif(cli, "ch1.md")
    _valid(schema, sarif)
    results = sarif["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    [d001_fix] = by_rule["D001"]["fixes"]
    assert d001_fix["description"]["text"].startswith("Safe fix")
    [change] = d001_fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "ch1.md", "uriBaseId": "%SRCROOT%"}
    [rep] = change["replacements"]
    assert _region_text(CHAPTER, rep["deletedRegion"]) == "."
    assert rep["insertedContent"]["text"] == ","
    assert by_rule["T002"]["fixes"][0]["description"]["text"].startswith("Unsafe fix")
    assert all("fixes" not in r for r in results if r["ruleId"] == "Q004")
    # Applying the safe fixes by their UTF-16 regions gives what `--fix` writes, and what the
    # code-point positions of --format json give.
    fixed = _apply(CHAPTER, results)
    assert fixed != CHAPTER and "it’s late" in fixed and "Hello,” she said" in fixed
    json_diags = cli("ch1.md", "--format", "json").diagnostics
    assert fixed == apply_fixes(CHAPTER, json_diags)
    shutil.copy(folder / "ch1.md", folder / "copy.md")
    cli("copy.md", "--fix")
    assert (folder / "copy.md").read_text(encoding="utf-8") == fixed
    # The unsafe T002 fix (on line 3, after curly quotes) turns the spaced `--` into ` — `.
    [t002_fix] = by_rule["T002"]["fixes"]
    [rep] = t002_fix["artifactChanges"][0]["replacements"]
    assert _region_text(CHAPTER, rep["deletedRegion"]) == " -- "
    assert rep["insertedContent"]["text"] == " — "
    everything = _apply(CHAPTER, results, ("safe", "unsafe"))
    assert everything == apply_fixes(CHAPTER, json_diags, unsafe=True)
    assert "at last — Nell’s coat — wet" in everything


def test_every_registered_rule_is_described_even_without_findings(cli, folder, schema) -> None:
    (folder / "clean.md").write_text("Nothing wrong here.\n", encoding="utf-8")
    sarif, status = _sarif(cli, "clean.md")
    _valid(schema, sarif)
    assert status == 0
    [run] = sarif["runs"]
    assert run["results"] == []
    rules = run["tool"]["driver"]["rules"]
    registered = all_rules()
    assert [r["id"] for r in rules] == [rule.code for rule in registered]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(rules, registered, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity.value]
        docs = rule.docs()
        for text in (descriptor["help"]["text"], descriptor["help"]["markdown"]):
            assert docs["Why"] in text
            for example in rule.examples("Wrong") + rule.examples("Right"):
                assert example in text
        assert re.sub(r"\s+", " ", docs["What it flags"]) in descriptor["fullDescription"]["text"]
    q004 = next(r for r in rules if r["id"] == "Q004")
    assert q004["defaultConfiguration"]["level"] == "error"


def test_paths_are_relative_percent_encoded_uris(cli, folder, schema) -> None:
    (folder / "Part One").mkdir()
    (folder / "Part One" / "ch 1 – Zoë.md").write_text("It was the the end.\n", encoding="utf-8")
    sarif, _ = _sarif(cli, "./Part One")
    _valid(schema, sarif)
    [run] = sarif["runs"]
    [result] = run["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {
        "uri": "Part%20One/ch%201%20%E2%80%93%20Zo%C3%AB.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert unquote(location["uri"]) == "Part One/ch 1 – Zoë.md"
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file://") and root.endswith("/")
    assert Path(unquote(urlsplit(root).path)).resolve() == folder.resolve()


def test_fingerprints_survive_lines_added_above(cli, folder, schema) -> None:
    (folder / "ch.md").write_text(SECOND, encoding="utf-8")
    before, _ = _sarif(cli, "ch.md")
    (folder / "ch.md").write_text(
        "# One\n\nA new opening paragraph.\n\n" + SECOND, encoding="utf-8"
    )
    after, _ = _sarif(cli, "ch.md")
    _valid(schema, after)

    def prints(sarif: dict) -> dict[str, tuple[int, dict]]:
        return {
            r["ruleId"]: (
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["partialFingerprints"],
            )
            for r in sarif["runs"][0]["results"]
        }

    old, new = prints(before), prints(after)
    assert old.keys() == new.keys() == {"R001", "Q004"}
    for rule in old:
        assert new[rule][0] == old[rule][0] + 4  # moved down four lines ...
        assert new[rule][1] == old[rule][1]  # ... and still the same finding


def test_identical_findings_get_different_fingerprints(cli, folder, schema) -> None:
    (folder / "ch.md").write_text("The the cat.\n\nThe the cat.\n", encoding="utf-8")
    sarif, _ = _sarif(cli, "ch.md")
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["R001", "R001"]
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]


def test_a_finding_has_one_fingerprint_in_sarif_and_in_the_baseline(cli, folder) -> None:
    """A code-scanning alert and a baseline entry name a finding alike (ficlint.fingerprint):
    SARIF adds only which of several identical findings it is."""
    (folder / "ch.md").write_text(SECOND, encoding="utf-8")
    sarif, _ = _sarif(cli, "ch.md")
    assert cli("ch.md", "--baseline", "base.json", "--update-baseline").exit_code == 0
    recorded = json.loads((folder / "base.json").read_text(encoding="utf-8"))["findings"]
    shared = {
        r["partialFingerprints"]["ficlintFinding/v2"].rsplit(":", 1)[0]
        for r in sarif["runs"][0]["results"]
    }
    assert len(recorded) == 2 and {entry["fingerprint"] for entry in recorded} == shared


def test_grammar_codes_get_a_rule_entry(cli, folder, schema) -> None:
    pytest.importorskip("language_tool_python")
    from lt_contract_server import ContractServer

    with ContractServer() as server:
        (folder / "ficlint.toml").write_text(
            f'[grammar]\nengine = "languagetool"\nserver = "{server.url}"\n', encoding="utf-8"
        )
        (folder / "ch.md").write_text("It was a awful night, a awful one.\n", encoding="utf-8")
        sarif, _ = _sarif(cli, "ch.md")
    _valid(schema, sarif)
    [run] = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    code = "G:languagetool:EN_A_VS_AN"
    results = [r for r in run["results"] if r["ruleId"] == code]
    assert len(results) == 2
    assert {r["ruleIndex"] for r in results} == {len(all_rules())}
    entry = rules[len(all_rules())]
    assert entry["id"] == code and entry["shortDescription"]["text"]
    assert [r["id"] for r in rules[len(all_rules()) :]] == [code]  # one entry per code
