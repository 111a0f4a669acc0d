"""Findings and fixes as data: character spans in a document, edits graded safe or unsafe."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ficlint.document import Document


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # likely right, but read it: --fix --unsafe-fixes
    # A grammar engine's guess at the right word: only --apply-suggestions writes it, since a
    # misspelling mapped to the nearest dictionary word is often another word (chai -> chad).
    SUGGESTION = "suggestion"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters [start, end) of a document with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, text: str, safe: bool = True) -> Fix:
        return cls((Edit(start, end, text),), Applicability.SAFE if safe else Applicability.UNSAFE)

    def describe(self, text: str) -> str:
        """What the fix writes, in words, on the document's `text`: `replace ‘chai’ with
        ‘chad’`, `insert ‘,’`, `delete ‘the ’`; several edits are described one by one."""
        parts = []
        for e in sorted(self.edits, key=lambda e: (e.start, e.end))[:3]:
            old = text[e.start : e.end]
            if not old:
                parts.append(f"insert {_short(e.replacement)}")
            elif not e.replacement:
                parts.append(f"delete {_short(old)}")
            else:
                parts.append(f"replace {_short(old)} with {_short(e.replacement)}")
        more = len(self.edits) - len(parts)
        return ", ".join(parts) + (
            f" and {more} more edit{'s' if more != 1 else ''}" if more else ""
        )


def _short(words: str, limit: int = 40) -> str:
    """`words` in ‘’, cut to `limit`; bare when they hold a quotation mark or apostrophe
    themselves (replace ' with ’), which the quotes around them would only muddle."""
    words = " ".join(words.split()) if words.strip() else words
    words = words if len(words) <= limit else words[: limit - 1] + "…"
    return words if any(ch in "'\"‘’“”" for ch in words) else f"‘{words}’"


@dataclass(slots=True)
class Diagnostic:
    """One finding: source character offsets [start, end) in `document`."""

    document: Document
    start: int
    end: int
    code: str
    name: str
    message: str
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    source: str = "ficlint"
    # Extra text for the report (e.g. where the majority form lives); not part of the message.

    def __post_init__(self) -> None:
        # One copy of each message: a rule says the same thing of every straight quote in a
        # curly manuscript (the eight corpus novels together: 24,628 Q001 findings, 5 MB of
        # messages). An interned string goes when its last finding does.
        self.message = sys.intern(self.message)

    @property
    def path(self) -> str:
        return self.document.display_path

    def sort_key(self) -> tuple:
        return (self.document.display_path, self.start, self.code)
