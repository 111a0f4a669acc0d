"""Findings and fixes as data: character spans in a document, edits graded safe or unsafe."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ficlint.document import Document


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace source characters [start, end) of a document with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, text: str, safe: bool = True) -> Fix:
        return cls((Edit(start, end, text),), Applicability.SAFE if safe else Applicability.UNSAFE)


@dataclass
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
    notes: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return self.document.display_path

    def sort_key(self) -> tuple:
        return (self.document.display_path, self.start, self.code)
