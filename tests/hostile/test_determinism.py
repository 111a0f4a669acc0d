"""The same manuscript gives the same report, byte for byte, in every run. Python orders a
set of strings differently in each process (PYTHONHASHSEED): where a rule picked from a set,
the answer changed from run to run. A word one letter from two names (Anni: Anna, Anne) was
reported as a typo of Anna in one run and of Anne in the next, with a fix to match."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_process

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = ("1", "2", "3", "4")


def _reports(args: list[str], cwd: Path, grammar: str) -> list[str]:
    reports = []
    for seed in SEEDS if grammar == "off" else SEEDS[:2]:  # Harper takes seconds a run
        result = run_process(
            ["--format", "json", "--no-cache", *args],
            cwd=cwd,
            env={"PYTHONHASHSEED": seed, "FICLINT_GRAMMAR": grammar},
        )
        assert result.exit_code in (0, 1), result.stderr
        reports.append(result.stdout)
    return reports


def test_a_typo_one_letter_from_two_names_is_judged_the_same_every_run(tmp_path) -> None:
    lines = [
        f"On day {i} the letter came for Anna, and that evening Anne read it aloud."
        for i in range(25)
    ]
    (tmp_path / "ch1.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "ch2.md").write_text("At noon Anni waved from the bridge.\n", encoding="utf-8")
    (tmp_path / "ficlint.toml").write_text("", encoding="utf-8")
    first, *others = _reports(["ch1.md", "ch2.md"], tmp_path, "off")
    assert '"C005"' in first
    assert all(other == first for other in others)


@pytest.mark.parametrize("grammar", ["off", "harper"])
def test_the_fixture_manuscript_reports_the_same_every_run(grammar) -> None:
    first, *others = _reports(["."], FIXTURES / "manuscript", grammar)
    assert all(other == first for other in others)
