"""Reading around an offset without copying the text. `text[pos:].lstrip(chars)` copies the
rest of the paragraph, and a check that does it at every quotation is quadratic in a long
paragraph (ten thousand lines of dialogue set as one took minutes); these look at the
characters skipped and no others."""

from __future__ import annotations

import re

# The end of a sentence: . ! or ? with any closing quotes or brackets after it, then space.
# Where a piece of text may be cut (grammar.harper) and where the next sentence opens
# (dialogue) both read it.
SENTENCE_END = re.compile(r"[.!?][’”\"')\]]*\s+")


def skip_ahead(text: str, pos: int, chars: str) -> int:
    """The first offset at or after `pos` whose character is not in `chars` (len(text) if
    none): `text[skip_ahead(text, pos, chars):]` is `text[pos:].lstrip(chars)`."""
    end = len(text)
    while pos < end and text[pos] in chars:
        pos += 1
    return pos


def skip_back(text: str, pos: int, chars: str) -> int:
    """The offset just past the last character before `pos` not in `chars` (0 if none):
    `text[:skip_back(text, pos, chars)]` is `text[:pos].rstrip(chars)`."""
    while pos > 0 and text[pos - 1] in chars:
        pos -= 1
    return pos


def char_ahead(text: str, pos: int, chars: str) -> str:
    """The first character at or after `pos` not in `chars`, or "" at the end."""
    at = skip_ahead(text, pos, chars)
    return text[at] if at < len(text) else ""


def char_back(text: str, pos: int, chars: str) -> str:
    """The last character before `pos` not in `chars`, or "" at the start."""
    at = skip_back(text, pos, chars)
    return text[at - 1] if at > 0 else ""
