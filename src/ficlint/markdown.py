"""Markdown prose ranges with markdown-it-py: the text of paragraphs and headings (in lists and
block quotes too), with code, HTML, front matter, link targets and emphasis markers left out,
and every prose character mapped back to its exact source offset."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ficlint.paragraph import PLACEHOLDER, Comment, Paragraph

MAX_NESTING = 100

_MARKUP_PAIRS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    # Block quotes and lists as deep as a writer could mean (markdown-it stops at 20, and
    # dropped the prose below silently); deeper would exhaust Python's recursion.
    md.options["maxNesting"] = MAX_NESTING
    # Keep escapes and entities as tokens of their own: their source is longer than their text.
    md.disable("text_join")
    return md


def parse_markdown(
    text: str, line_starts: Sequence[int], per_line: bool = False
) -> tuple[list[Paragraph], list[Comment], str | None]:
    """The prose paragraphs, the HTML comments, and a warning when some prose was nested too
    deep to be read. With `per_line`, each line of a paragraph is a paragraph of its own: the
    file writes one paragraph per line with no blank line between, as an editor that shows a
    single line break (Obsidian's default) lets a writer do, and CommonMark's one paragraph
    of the whole chapter would let its quotations swallow each other."""
    tokens = _parser().parse(text)
    deepest = max((tok.level for tok in tokens), default=0)
    warning = None
    if deepest >= MAX_NESTING - 1:
        line = next(tok.map[0] + 1 for tok in tokens if tok.level >= MAX_NESTING - 1 and tok.map)
        warning = (
            f"block quotes or lists nested more than {MAX_NESTING - 1} deep from line {line} "
            "on are not checked"
        )
    paragraphs: list[Paragraph] = []
    comments: list[Comment] = []
    for i, tok in enumerate(tokens):
        if tok.type == "html_block" and tok.map:
            start = line_starts[tok.map[0]]
            _collect_comments(
                text, start, _line_start(line_starts, tok.map[1], len(text)), comments
            )
        elif (
            tok.type == "inline"
            and tok.map
            and i
            and tokens[i - 1].type in ("paragraph_open", "heading_open")
        ):
            kind = "heading" if tokens[i - 1].type == "heading_open" else "paragraph"
            mapper = _InlineMapper(text, line_starts, tok)
            paragraphs += mapper.paragraphs(kind, comments, per_line and kind == "paragraph")
    return paragraphs, comments, warning


def _line_start(line_starts: Sequence[int], line: int, default: int) -> int:
    return line_starts[line] if line < len(line_starts) else default


def _collect_comments(text: str, start: int, end: int, out: list[Comment]) -> None:
    pos = text.find("<!--", start, end)
    while pos >= 0:
        close = text.find("-->", pos + 4)
        if close < 0:
            return
        out.append(Comment(pos, close + 3, text[pos + 4 : close]))
        pos = text.find("<!--", close + 3, end)


class _InlineMapper:
    """Walks an inline token's children with a cursor in its content, keeping prose pieces."""

    def __init__(self, text: str, line_starts: Sequence[int], tok) -> None:
        self.text = text
        self.tok = tok
        self.content = tok.content
        # Where each content line sits in the source: markdown-it strips block markers
        # (`> `, list indentation) and surrounding spaces, but each content line is still a
        # substring of its source line.
        self.line_offsets: list[int] = []  # content offset where each content line starts
        self.line_src: list[int] = []  # source offset of that content line
        first = tok.map[0]
        pos = 0
        for k, cline in enumerate(self.content.split("\n")):
            ln = first + k
            if ln < len(line_starts):
                lstart = line_starts[ln]
                lend = line_starts[ln + 1] if ln + 1 < len(line_starts) else len(text)
                found = text.find(cline, lstart, lend) if cline else -1
                if found < 0 and cline.strip():
                    # markdown-it expands tabs in indentation: place the words themselves.
                    words = cline.lstrip()
                    lead = len(cline) - len(words)
                    at = text.find(words, lstart, lend)
                    if at >= 0:
                        self.line_offsets.append(pos)
                        self.line_src.append(max(lstart, at - lead))
                        self.line_offsets.append(pos + lead)
                        self.line_src.append(at)
                        pos += len(cline) + 1
                        continue
                src = found if found >= 0 else lstart
            else:
                src = len(text)
            self.line_offsets.append(pos)
            self.line_src.append(src)
            pos += len(cline) + 1

    def to_source(self, c: int) -> int:
        from bisect import bisect_right

        k = bisect_right(self.line_offsets, c) - 1
        return self.line_src[k] + (c - self.line_offsets[k])

    def paragraphs(self, kind: str, comments: list[Comment], per_line: bool) -> list[Paragraph]:
        """The inline token's prose as a paragraph; with `per_line`, a paragraph for each of
        its lines (an emphasis open across a line break is cut there and opens again)."""
        content = self.content
        out: list[Paragraph] = []
        pieces: list[str] = []
        seg_text: list[int] = []
        seg_src: list[int] = []
        # Prose characters whose source is longer (an entity, an escape, inline code): the
        # source offset just past them, so findings and fixes cover the whole markup.
        wide: dict[int, int] = {}
        length = 0
        cursor = 0
        italics: list[tuple[int, int]] = []
        opened: list[int] = []  # prose offsets where an emphasis opened, innermost last

        def end_paragraph() -> None:
            nonlocal pieces, seg_text, seg_src, wide, length, italics
            if pieces:
                italics += ((at, length) for at in opened if at < length)
                text = "".join(pieces)
                out.append(
                    Paragraph(text, kind, 0, seg_text, seg_src, wide=wide, italics=tuple(italics))
                )
            pieces, seg_text, seg_src, wide, italics = [], [], [], {}, []
            length = 0
            opened[:] = [0] * len(opened)

        def emit(piece: str, at: int, source_end: int | None = None) -> None:
            nonlocal length
            if not piece:
                return
            seg_text.append(length)
            seg_src.append(self.to_source(at))
            if source_end is not None:
                wide[length + len(piece) - 1] = self.to_source(source_end - 1) + 1
            pieces.append(piece)
            length += len(piece)

        def find(needle: str, start: int) -> int:
            idx = content.find(needle, start)
            return idx if idx >= 0 else start

        children = self.tok.children or []
        skip_until_close = False
        for child in children:
            t = child.type
            if skip_until_close:
                if t == "link_close":
                    skip_until_close = False
                continue
            if t == "text":
                idx = find(child.content, cursor)
                emit(child.content, idx)
                cursor = idx + len(child.content)
            elif t in ("softbreak", "hardbreak"):
                idx = content.find("\n", cursor)
                if idx < 0:
                    continue
                if per_line:
                    end_paragraph()
                else:
                    emit(" ", idx)
                cursor = idx + 1
            elif t == "text_special":
                idx = find(child.markup, cursor)
                emit(child.content, idx, idx + len(child.markup))
                cursor = idx + len(child.markup)
            elif t == "code_inline":
                idx = find(child.markup, cursor)
                close = content.find(child.markup, idx + len(child.markup))
                cursor = close + len(child.markup) if close >= 0 else idx + len(child.markup)
                emit(PLACEHOLDER, idx, cursor)
            elif t in _MARKUP_PAIRS:
                idx = find(child.markup, cursor)
                cursor = idx + len(child.markup)
                if t == "em_open":
                    opened.append(length)
                elif t == "em_close" and opened:
                    italics.append((opened.pop(), length))
            elif t == "link_open":
                if child.markup == "autolink":
                    idx = find("<", cursor)
                    close = content.find(">", idx)
                    cursor = close + 1 if close >= 0 else idx + 1
                    emit(PLACEHOLDER, idx, cursor)
                    skip_until_close = True
                elif child.markup != "linkify":
                    cursor = find("[", cursor) + 1
            elif t == "link_close":
                if child.markup not in ("autolink", "linkify"):
                    cursor = self._skip_link_target(find("]", cursor))
            elif t == "image":
                idx = find("![", cursor)
                cursor = self._skip_link_target(content.find("]", idx + 2) if idx >= 0 else cursor)
            elif t == "html_inline":
                idx = find(child.content, cursor)
                src = self.to_source(idx)
                if child.content.startswith("<!--"):
                    comments.append(Comment(src, src + len(child.content), child.content[4:-3]))
                cursor = idx + len(child.content)
        end_paragraph()
        return out

    def _skip_link_target(self, bracket: int) -> int:
        """Given the offset of a link text's closing `]`, return the offset after its target."""
        content = self.content
        if bracket < 0 or bracket >= len(content):
            return max(bracket, 0)
        pos = bracket + 1
        if pos < len(content) and content[pos] == "(":
            depth = 0
            while pos < len(content):
                ch = content[pos]
                if ch == "\\":
                    pos += 2
                    continue
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        return pos + 1
                pos += 1
            return bracket + 1
        if pos < len(content) and content[pos] == "[":
            close = content.find("]", pos)
            return close + 1 if close >= 0 else pos
        return pos
