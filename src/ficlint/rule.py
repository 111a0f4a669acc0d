"""A rule: its code, name, documentation and checks, the base class every rule module
subclasses, and the table that `register` fills (ficlint.registry selects from it)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity

if TYPE_CHECKING:
    from ficlint.document import Paragraph
    from ficlint.manuscript import Manuscript

FAMILIES = {
    "Q": "quotation marks",
    "D": "dialogue",
    "C": "consistency",
    "T": "typography",
    "R": "repetition",
    "G": "grammar engines",
    "X": "ficlint itself",
}

_SECTION = re.compile(r"^(What it flags|Why|Wrong|Right|Options|Known limits):?\s*$", re.M)


class Rule:
    """Base class: subclasses set the class attributes and implement one of the checks.

    The class docstring is the rule's documentation, in the sections
    *What it flags*, *Why*, *Wrong*, *Right* (one example per line in the last two).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    # The grades of fix its findings carry: one, or several when the finding decides (a sure
    # case is safe, a likely one unsafe). `ficlint rules` shows them; a test checks every rule
    # yields exactly these on its cases.
    fixable: ClassVar[Applicability | tuple[Applicability, ...] | None] = None
    # "paragraph" rules see one paragraph at a time; "manuscript" rules see every document.
    scope: ClassVar[str] = "paragraph"
    # A manuscript rule that can check one document at a time, given the manuscript's facts
    # (Manuscript.window): one that counts from tallies (Fact.add) and reads the text it is
    # given (ms.body(), ms.find_word) only to find where to report. A run over a large
    # manuscript whose rules all can reads its files so.
    one_document_at_a_time: ClassVar[bool] = False
    # A rule whose findings are one choice made many times (straight apostrophes in a curly
    # book): the text report shows a few and counts the rest, as one thing to act on.
    style_choice: ClassVar[bool] = False

    @classmethod
    def windowed(cls) -> bool:
        """Whether the rule can check one document at a time (every paragraph rule can)."""
        return cls.scope == "paragraph" or cls.one_document_at_a_time

    @classmethod
    def fix_grades(cls) -> tuple[Applicability, ...]:
        if cls.fixable is None:
            return ()
        return cls.fixable if isinstance(cls.fixable, tuple) else (cls.fixable,)

    @classmethod
    def fix_label(cls) -> str:
        """`safe`, `unsafe`, `safe/unsafe`, or `-` for a rule that never offers a fix."""
        return "/".join(g.value for g in cls.fix_grades()) or "-"

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[0], self.code[0])

    def check_paragraph(self, para: Paragraph, ms: Manuscript) -> Iterator[Diagnostic]:
        return iter(())

    def check_manuscript(self, ms: Manuscript) -> Iterator[Diagnostic]:
        return iter(())

    def report(
        self,
        para: Paragraph,
        start: int,
        end: int,
        message: str,
        replacement: str | None = None,
        *,
        safe: bool = True,
        edits: Iterable[tuple[int, int, str]] | None = None,
    ) -> Diagnostic:
        """A finding on the prose span [start, end) of `para`, with an optional fix."""
        src_start, src_end = para.span(start, end)
        fix = None
        if edits is not None:
            edits = list(edits)
            if not all(para.contiguous(s, e) for s, e, _ in edits):
                edits = None  # markup inside the span: the writer fixes it by hand
        elif replacement is not None and not para.contiguous(start, end):
            replacement = None
        if edits is not None:
            fix = Fix(
                tuple(Edit(*para.span(s, e), r) for s, e, r in edits),
                Applicability.SAFE if safe else Applicability.UNSAFE,
            )
        elif replacement is not None:
            fix = Fix.replace(src_start, src_end, replacement, safe)
        return Diagnostic(
            para.document, src_start, src_end, self.code, self.name, message, self.severity, fix
        )

    @classmethod
    def docs(cls) -> dict[str, str]:
        text = inspect.cleandoc(cls.__doc__ or "")
        parts = _SECTION.split(text)
        out = {"summary": parts[0].strip()}
        for head, body in zip(parts[1::2], parts[2::2], strict=False):
            out[head] = body.strip()
        return out

    @classmethod
    def examples(cls, section: str) -> list[str]:
        body = cls.docs().get(section, "")
        return [line.strip() for line in body.splitlines() if line.strip()]


REGISTERED: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in REGISTERED:
        raise RuntimeError(f"duplicate rule code {cls.code}")
    REGISTERED[cls.code] = cls
    return cls


def rule_for_code(code: str) -> type[Rule] | None:
    """The registered rule with this exact code, or None (a grammar engine's code): a dict
    lookup, for per-finding use."""
    return REGISTERED.get(code)
