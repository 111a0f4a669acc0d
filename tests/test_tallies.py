"""A tally (Fact.add) is a manuscript-wide fact made one document at a time and added up, so
that the facts of a manuscript can be made while its files are read one by one. Whichever
way it is made, a tally must be what it is of the whole manuscript read at once: the word
counts, the quotation marks counted, the names spoken to."""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlint.checks
import ficlint.grammar.habits  # noqa: F401
from conftest import invoke
from ficlint import manuscript
from ficlint.config import Settings
from ficlint.document import Document
from ficlint.manuscript import Manuscript

CHAPTERS = sorted((Path(__file__).parent / "fixtures" / "manuscript").glob("ch*"))
EXTRA = (
    '“Hey Vashti!” said Nell. ‘Is that you, Orrin?’ " Bonjour " and " Salut ".\n\n'
    'Orrin’s coat; the Joneses\' dog. "Orrin," she said. “ Oui ” said Vashti.\n'
)

TALLIES = sorted(
    (fact for fact in manuscript._DECLARED.values() if fact.add is not None),
    key=lambda fact: fact.name,
)


def _documents() -> list[Document]:
    docs = [Document.read(path, path.name) for path in CHAPTERS]
    return [*docs, Document(EXTRA, "extra.md"), Document("", "empty.md")]


def test_the_manuscript_has_tallies_to_check() -> None:
    assert {"word-counts", "mid-sentence-capitals", "mark-counts", "spoken-to"} <= {
        fact.name for fact in TALLIES
    }


@pytest.mark.parametrize("fact", TALLIES, ids=lambda fact: fact.name)
def test_a_tally_added_up_document_by_document_is_the_whole_manuscripts(fact) -> None:
    docs = _documents()
    assert len(docs) >= 3
    whole = Manuscript(docs, Settings()).fact(fact)  # (sets the documents' order)
    added = Manuscript.counted(docs, Settings()).fact(fact)
    assert added == whole
    assert list(getattr(added, "items", lambda: [])()) == list(
        getattr(whole, "items", lambda: [])()
    )  # in the same order: ties are broken by first use


def test_a_name_written_whole_in_one_chapter_is_one_speaker_in_another(tmp_path) -> None:
    (tmp_path / "ch2.md").write_text(
        "“Where were you?” Rosa asked. “I am here,” Milo said.\n", encoding="utf-8"
    )
    (tmp_path / "ch1.md").write_text("Nell met Orrin.\n", encoding="utf-8")
    files = [str(tmp_path / "ch1.md"), str(tmp_path / "ch2.md"), "--grammar", "off"]
    assert invoke([*files, "--format", "json", "--no-cache"]).codes == ["D013"]
    # One character, Rosa Milo: the names-together tally of chapter one counts in chapter two.
    (tmp_path / "ch1.md").write_text("Rosa Milo came in.\n", encoding="utf-8")
    assert invoke([*files, "--format", "json", "--no-cache"]).codes == []
