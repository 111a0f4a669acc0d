"""A manuscript file as read from disk: bytes, encoding, newlines, line index, prose paragraphs.

Rules never see raw lines. They see `Paragraph`s: the prose of one paragraph (or heading) with
Markdown markup taken out and line breaks turned into spaces, and a map from every character
back to its exact place in the source, so findings and fixes point at the writer's own bytes.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from ficlint.errors import InputError
from ficlint.markdown import parse_markdown

# Re-exported: a Document is read into these, and most modules know them from here.
from ficlint.paragraph import PLACEHOLDER, Comment, Paragraph  # noqa: F401

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
TEXT_SUFFIXES = (".txt", ".text")
PROSE_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
# The largest file read: five War and Peaces. Memory grows with the text, so a bound on the
# input is a bound on memory; what is larger was not written as a manuscript.
MAX_FILE_BYTES = 16 * 2**20

# The one definition of a line break, shared by every layer (document, Markdown, fixes, reports,
# the language server): LF, CRLF and a lone CR, as CommonMark and the LSP count them. A CR that
# one layer counted and another did not once put safe fixes on the wrong words.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# A run of non-blank lines: one plain-text paragraph (one-line drafts and hard-wrapped books alike).
_TEXT_BLOCK = re.compile(r"[^\S\r\n]*\S[^\r\n]*(?:(?:\r\n|\r|\n)[^\S\r\n]*\S[^\r\n]*)*")


def line_starts(text: str) -> array:
    """Offset of the first character of every line of `text`, 4 bytes each where 4 do (a
    list holds an int object for each: 37 bytes a line)."""
    starts = array("I" if len(text) < 2**32 else "Q", (0,))
    starts.extend(m.end() for m in LINE_BREAK.finditer(text))
    return starts


def detect_kind(path: str) -> str:
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def decode(raw: bytes) -> tuple[str, str, bool, str | None]:
    """Return (text, encoding, has_bom, warning) or raise InputError."""
    if not raw:
        return "", "utf-8", False, None  # a chapter not yet written: nothing to report
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "utf-8", True, None
        except UnicodeDecodeError as exc:
            raise InputError(
                f"has a UTF-8 byte-order mark but is not valid UTF-8 ({exc.reason} at byte {exc.start + 3})"
            ) from None
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(enc), enc, True, None
            except UnicodeDecodeError:
                raise InputError(
                    f"has a {enc.upper()} byte-order mark but is not valid {enc.upper()}"
                ) from None
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
    if b"\x00" in raw[:65536]:
        raise InputError("binary file, not text (it contains NUL bytes)")
    try:
        return raw.decode("utf-8"), "utf-8", False, None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_SEQUENCE.search(raw):
        # Valid multi-byte UTF-8 (a curly quote, an accent) beside a few bad bytes: a UTF-8
        # file with damage, not another encoding. Read it as UTF-8 and say where.
        line = raw.count(b"\n", 0, first_bad) + 1
        bad = len(_BAD_UTF8.findall(raw.decode("utf-8", "replace")))
        return (
            raw.decode("utf-8", "replace"),
            "utf-8",
            False,
            f"not valid UTF-8: byte 0x{raw[first_bad]:02X} at line {line}"
            + (f" and {bad - 1} more" if bad > 1 else "")
            + " (shown as \ufffd); checked as UTF-8, and --fix leaves the file alone until "
            "the bytes are mended",
        )
    return _legacy(raw)


# A multi-byte UTF-8 character: a lead byte and its continuation bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_BAD_UTF8 = re.compile("\ufffd+")


def _utf16_without_bom(raw: bytes) -> tuple[str, str, bool, str | None] | None:
    """UTF-16 saved without a byte-order mark: English text in it has a NUL in every other
    byte (the high byte of each ASCII letter), on one side only."""
    sample = raw[:65536]
    if len(sample) < 4 or len(raw) % 2:
        return None
    halves = (
        sample[0::2].count(0) / (len(sample) // 2),
        sample[1::2].count(0) / (len(sample) // 2),
    )
    for enc, zeros, other in (
        ("utf-16-le", halves[1], halves[0]),
        ("utf-16-be", halves[0], halves[1]),
    ):
        if zeros > 0.5 and other < 0.02:
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                return None
            if _looks_binary(text):
                return None
            return (
                text,
                enc,
                False,
                f"no byte-order mark; read as {enc.upper()} (save it as UTF-8 to be sure)",
            )
    return None


def _legacy(raw: bytes) -> tuple[str, str, bool, str]:
    """A file in a one-byte encoding. Windows-1252 (Latin-1 with curly quotes) is what English
    manuscripts not in UTF-8 are written in, so it is preferred whenever it reads the bytes;
    otherwise charset-normalizer guesses. Either way the notice names the encoding."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(text):
        return (
            text,
            "cp1252",
            False,
            "not UTF-8; read as cp1252, Windows Western (save it as UTF-8 to be sure)",
        )
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise InputError(
            "not a text file, or in an encoding ficlint cannot tell (save it as UTF-8)"
        )
    text = str(best)
    if _looks_binary(text):
        raise InputError("binary file, not text")
    return (
        text,
        best.encoding,
        False,
        f"not UTF-8; read as {best.encoding}, a guess (save it as UTF-8 to be sure)",
    )


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(sample) > 0.01


class Document:
    """One file of the manuscript."""

    def __init__(
        self,
        text: str,
        display_path: str,
        *,
        kind: str | None = None,
        encoding: str = "utf-8",
        bom: bool = False,
        raw: bytes | None = None,
        path: Path | None = None,
        warnings: tuple[str, ...] = (),
        lines_are_paragraphs: bool | None = None,
    ) -> None:
        self.text = text
        self.display_path = display_path
        self.kind = kind or detect_kind(display_path)
        self.encoding = encoding
        self.bom = bom
        self.raw = raw
        self.path = path
        self.warnings = warnings
        self.order = 0  # position in the manuscript (set by the engine), for "first in …"
        self._line_starts = line_starts(text)
        # Whether each line is a paragraph (see lines_are_paragraphs), in plain text and in
        # Markdown alike; None, read from the text. A part of a text checked again
        # (ficlint.recheck) is read as its whole text is.
        self._lines_are_paragraphs = lines_are_paragraphs

    @property
    def line_index(self) -> array:
        """Offset of the first character of each line (see line_starts)."""
        return self._line_starts

    @classmethod
    def from_bytes(
        cls, raw: bytes, display_path: str, *, kind: str | None = None, path: Path | None = None
    ) -> Document:
        text, encoding, bom, warning = decode(raw)
        return cls(
            text,
            display_path,
            kind=kind,
            encoding=encoding,
            bom=bom,
            raw=raw,
            path=path,
            warnings=(warning,) if warning else (),
        )

    @classmethod
    def read(cls, path: Path, display_path: str) -> Document:
        try:
            # Opened without blocking: opening a FIFO waits for a writer that never comes.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                status = os.fstat(fd)
                if not stat.S_ISREG(status.st_mode):
                    raise InputError("not a regular file (a FIFO, socket or device); not read")
                # A file past the cap is not read at all; any other, one byte past its size,
                # and on to the cap if it has grown since: a file that grows while it is read
                # is caught too. Not read(cap + 1) for every file: a 16 MB buffer made and
                # shrunk per file left 4 KB each behind (10,000 chapters: 42 MB).
                size = status.st_size
                raw = b"" if size > MAX_FILE_BYTES else handle.read(size + 1)
                if len(raw) > size:
                    raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
        except FileNotFoundError:
            raise InputError("no such file") from None
        except IsADirectoryError:
            raise InputError("is a directory") from None
        except PermissionError:
            raise InputError("permission denied") from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
        if len(raw) > MAX_FILE_BYTES or size > MAX_FILE_BYTES:
            raise InputError(
                f"larger than {MAX_FILE_BYTES // 2**20} MB, which no chapter or novel is "
                "(War and Peace is 3 MB); not read (split it into chapters)"
            )
        return cls.from_bytes(raw, display_path, path=path)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a source offset."""
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self._line_starts[line - 1] + column - 1

    @cached_property
    def astral_offsets(self) -> list[int]:
        """Offsets of the characters outside the Basic Multilingual Plane (emoji, some CJK),
        which take two UTF-16 code units: SARIF columns count them twice."""
        return [m.start() for m in _ASTRAL.finditer(self.text)]

    def line_span(self, line: int) -> tuple[int, int]:
        """Source offsets of `line` (1-based), its line break left out. Constant time: a
        report on a line as long as a novel reads only around each finding."""
        start = self._line_starts[line - 1]
        if line >= len(self._line_starts):
            return start, len(self.text)
        end = self._line_starts[line]
        end -= 2 if self.text.startswith("\r\n", end - 2) and end - 2 >= start else 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def reads_a_paragraph_a_line(self) -> bool:
        """Whether each line is a paragraph (see lines_are_paragraphs): as given, or read
        from the text (its line starts spare it a pass over a hard-wrapped novel)."""
        if self._lines_are_paragraphs is None:
            self._lines_are_paragraphs = lines_are_paragraphs(self.text, self._line_starts)
        return self._lines_are_paragraphs

    @cached_property
    def _parsed(self) -> tuple[list[Paragraph], list[Comment]]:
        if self.kind == "markdown":
            per_line = self.reads_a_paragraph_a_line()
            paragraphs, comments, warning = parse_markdown(self.text, self._line_starts, per_line)
            if warning and warning not in self.warnings:  # parsed again: forget_paragraphs
                self.warnings = (*self.warnings, warning)
        else:
            blanked, comments = _text_directives(self.text)
            paragraphs = _text_paragraphs(blanked, self._line_starts, self._lines_are_paragraphs)
        for i, para in enumerate(paragraphs):
            para.index = i
            para.document = self
        return paragraphs, comments

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self._parsed[0]

    @property
    def comments(self) -> list[Comment]:
        return self._parsed[1]

    def forget_paragraphs(self) -> None:
        """Let go of the paragraphs and what the checks kept with them (their quotation
        marks' parse): a check of one document at a time does once the document is checked.
        They are made again if asked for (a report's fingerprints)."""
        self.__dict__.pop("_parsed", None)


# Suppression directives in a plain-text manuscript: a line of its own starting with
# `# ficlint:`, or the Markdown comment `<!-- ficlint: … -->` (which writers copy from Markdown)
# anywhere on a line. Only ficlint's own: any other `<!--` or `#` in plain text is prose.
_TEXT_DIRECTIVE = re.compile(
    r"<!--\s*(ficlint\s*:[^\r\n]*?)-->|^[^\S\r\n]*#[^\S\r\n]*(ficlint\s*:[^\r\n]*)", re.M | re.I
)


def _text_directives(text: str) -> tuple[str, list[Comment]]:
    """The text with its suppression directives blanked out (spaces, so every offset holds and
    no rule or grammar engine reads them as prose), and the directives as comments."""
    comments: list[Comment] = []
    pieces: list[str] = []
    cursor = 0
    for m in _TEXT_DIRECTIVE.finditer(text):
        comments.append(Comment(m.start(), m.end(), m.group(1) or m.group(2)))
        pieces += [text[cursor : m.start()], " " * (m.end() - m.start())]
        cursor = m.end()
    if not comments:
        return text, comments
    pieces.append(text[cursor:])
    return "".join(pieces), comments


def lines_are_paragraphs(
    text: str, starts: Sequence[int] | None = None, blocks: list[str] | None = None
) -> bool:
    """Whether a plain text (its lines starting at `starts`, line_starts; its runs of
    non-blank lines `blocks`, when already found) writes a paragraph on each line, with no
    blank line between (see _one_paragraph_per_line)."""
    if not _has_a_long_line(text, starts):
        return False
    if blocks is None:
        blocks = [m.group() for m in _TEXT_BLOCK.finditer(text)]
    return _one_paragraph_per_line(blocks)


def _text_paragraphs(
    text: str, starts: Sequence[int] | None = None, per_line: bool | None = None
) -> list[Paragraph]:
    """The paragraphs of a plain text whose lines start at `starts` (line_starts); a paragraph
    a line when `per_line` (None: as lines_are_paragraphs reads the text)."""
    blocks = [(m.group(), m.start()) for m in _TEXT_BLOCK.finditer(text)]
    if per_line is None:
        per_line = lines_are_paragraphs(text, starts, [b for b, _ in blocks])
    if not per_line:
        pieces = blocks
        if any(max(b.count("\n"), b.count("\r")) >= _REFLOW_LINES for b, _ in blocks):
            pieces = [piece for block, start in blocks for piece in _reflowed(block, start)]
    else:
        pieces = [
            (line.group(), start + line.start())
            for block, start in blocks
            for line in _LINE.finditer(block)
        ]
    paragraphs = [_paragraph(piece, start) for piece, start in pieces]
    # A paragraph of one line, indented, is verse or a letter's address among paragraphs
    # that are not; where most such paragraphs are indented (a tab before each, as on a
    # typewriter), the indent is how the writer starts a paragraph, and the checks that
    # leave verse alone read it as prose.
    if any(p.indented for p in paragraphs):
        one_line = [p for p, (piece, _) in zip(paragraphs, pieces, strict=True) if _one_line(piece)]
        if sum(1 for p in one_line if p.indented) * 2 > len(one_line) >= 3:
            for para in one_line:
                para.indented = False
    return paragraphs


def _reflowed(block: str, start: int) -> list[tuple[str, int]]:
    """A hard-wrapped block longer than any paragraph (REFLOW_LINES lines: a file with no
    blank line between its paragraphs), cut into its paragraphs; any other block whole. A
    paragraph ends where a line ends a sentence well short of the block's width (four
    fifths of its longest lines: the 99th percentile) and the next line starts with a
    capital, an opening quotation mark or an indent. On the corpus novels with their blank
    lines taken out, that finds 72-81% of the paragraph ends and cuts 0.0-1.3% of the line
    breaks inside a paragraph (Alice's verse); read whole, such a file was one paragraph,
    and its quotations swallowed each other (Pride and Prejudice: 869 Q005)."""
    lines = list(_LINE.finditer(block))
    if len(lines) <= _REFLOW_LINES:
        return [(block, start)]
    lengths = sorted(len(line.group().rstrip()) for line in lines)
    short = 0.8 * lengths[len(lengths) * 99 // 100]
    out, first = [], 0
    for i, (line, after) in enumerate(pairwise(lines)):
        ending = line.group().rstrip()
        following = after.group()
        opening = following.lstrip()[:1]
        if (
            len(ending) < short
            and _ENDS_A_SENTENCE.search(ending)
            and (opening.isupper() or opening in ("“", "‘", '"', "'") or following[0] in " \t")
        ):
            out.append((block[lines[first].start() : line.end()], start + lines[first].start()))
            first = i + 1
    out.append((block[lines[first].start() :], start + lines[first].start()))
    return out


# Lines of a block longer than any paragraph of the corpus novels (War and Peace's longest
# has 63).
_REFLOW_LINES = 80
_ENDS_A_SENTENCE = re.compile(r"(?:[.!?…][”’\"')]*|[”\"])$")


def _one_line(block: str) -> bool:
    return "\n" not in block and "\r" not in block  # a block neither starts nor ends with one


def _has_a_long_line(text: str, starts: Sequence[int] | None) -> bool:
    """Whether a line is longer than _WRAP. The gaps between line starts (a line and its
    break) answer no for a hard-wrapped book without reading its text."""
    if starts is not None and starts:
        widest = max(len(text) - starts[-1], max((b - a for a, b in pairwise(starts)), default=0))
        if widest <= _WRAP:
            return False
        if widest > _WRAP + 2:
            return True  # a line and its break, which is at most two characters
    return max(map(len, LINE_BREAK.split(text))) > _WRAP


def _paragraph(block: str, offset: int) -> Paragraph:
    """The paragraph of a run of non-blank lines that starts at source offset `offset`."""
    stripped = block.lstrip()
    start = offset + len(block) - len(stripped)
    stripped = stripped.rstrip()
    # A line break becomes one space, as in any reading of the text: an LF or a lone CR
    # maps one to one, a CRLF is a space whose source is both characters (`wide`).
    prose = stripped.replace("\r\n", "\n").replace("\r", " ").replace("\n", " ")
    seg_text, seg_src, wide = [0], [start], {}
    if "\r\n" in stripped:
        # the prose loses one character per CRLF before this one
        for lost, m in enumerate(_CRLF.finditer(stripped)):
            space = m.start() - lost
            wide[space] = start + m.end()
            seg_text.append(space + 1)
            seg_src.append(start + m.end())
    indented = all(line[:1] in (" ", "\t") for line in LINE_BREAK.split(block))
    return Paragraph(prose, "paragraph", 0, seg_text, seg_src, indented=indented, wide=wide)


# A line of a block (blocks hold no blank line).
_LINE = re.compile(r"[^\r\n]+")
# Characters: a line longer than any hard wrap. A file with none is hard-wrapped, or has a
# line a block (see _one_paragraph_per_line), and most files stop there.
_WRAP = 100
# Two sentences on one line: a sentence's end, then a capital (marks between).
_TWO_SENTENCES = re.compile(r"[.!?…][”’\"')]*\s+[“‘\"'(]*[A-Z]")


def _one_paragraph_per_line(blocks: list[str]) -> bool:
    """Whether a plain-text file writes one paragraph per line and leaves no blank line
    between them (a word processor's plain-text export), so that each line of a block is a
    paragraph. Otherwise a block of lines is one paragraph, hard-wrapped (Gutenberg's books,
    a typewriter draft) or written one sentence per line, and a whole chapter with no blank
    line was one paragraph, whose open quotations swallowed each other (Pride and
    Prejudice: 869 Q005 findings instead of none).

    Read from the lines of the blocks that have several, all together: such lines are
    paragraphs when at least a quarter run past 100 characters (no hard wrap is that wide),
    a fifth hold two sentences or more (one sentence per line does not), and eight breaks
    in ten come where the next line's first word would have fit on the line (a wrap breaks
    only where it does not). Measured over the whole file, so that a scene of short replies
    goes with the rest: the corpus's eight novels, hard-wrapped, have no line past 100
    characters; written one paragraph per line they have 52-74% such lines, 42-76% with two
    sentences and 91-100% breaks that leave room; Pride and Prejudice one sentence per line
    has 36%, 0% and 80%. The break after a block's longest line is not counted: it leaves no
    room in any layout, and in a short file (two scenes of three and two lines) it decided
    alone. And half the file's lines at least must be in such blocks: where most paragraphs
    stand between blank lines, a run of lines is the writer's own."""
    several = [_lines(block) for block in blocks if not _one_line(block)]
    lines = [line for own in several for line in own]
    if len(lines) < len(blocks) - len(several):
        # Most paragraphs stand between blank lines, and a run of lines is the writer's
        # choice: a letter, a passage of verse, a speech told over lines (CommonMark's one
        # paragraph). A draft written a paragraph a line has blank lines between scenes at
        # most (half its lines or more in such runs; a draft with blank lines, 22% at most).
        return False
    if not lines or sum(1 for line in lines if len(line) > _WRAP) < 0.25 * len(lines):
        return False  # nothing to split, or hard-wrapped
    if sum(1 for line in lines if _TWO_SENTENCES.search(line)) < 0.2 * len(lines):
        return False
    breaks = roomy = 0
    for own in several:
        width = max(map(len, own))
        longest = next(i for i, line in enumerate(own) if len(line) == width)
        for i, (line, after) in enumerate(pairwise(own)):
            if i == longest:
                continue  # the longest line leaves no room in any layout: not counted
            breaks += 1
            roomy += len(line) + 1 + len(after.split()[0]) <= width
    return breaks > 0 and roomy >= 0.8 * breaks


def _lines(block: str) -> list[str]:
    return [line.strip() for line in LINE_BREAK.split(block)]


_CRLF = re.compile("\r\n")
