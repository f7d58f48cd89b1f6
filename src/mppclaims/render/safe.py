"""Text made safe to show people: control characters visible, whitespace on one line.

Article text and file names come from anyone. Written raw to a terminal, an escape
sequence in them can clear the screen, retitle the window or hide a link (OSC 8), and a
carriage return can overwrite what was printed before. Everything mppclaims writes for
people (tables, the summary, Markdown, stderr messages) goes through `one_line` or
`visible`; the data formats (JSON, CSV) keep the text exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 and C1 control characters but tab and line feed, and the bidirectional embeddings,
# overrides and isolates, which reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Whitespace, line breaks (CR, NEL, U+2028) included; not the separators \x1c-\x1f, which
# Python counts as whitespace but a reader would not see.
_WHITESPACE = re.compile(r"[^\S\x1c-\x1f]+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (ESC as the four characters
    `\\x1b`), so that nothing in it acts on the terminal. Line feeds and tabs stay."""
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """`visible(text)` on one line: runs of whitespace (line breaks too) as one space, trimmed."""
    return visible(_WHITESPACE.sub(" ", text)).strip(" ")


def one_line_marked(
    pieces: Iterable[tuple[str, bool]],
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join `(text, marked)` pieces as `one_line` would the whole, and where the marked
    pieces ended up: the offsets of each marked piece in the result (empty ones left out).
    """
    out = ""
    marks: list[tuple[int, int]] = []
    for text, marked in pieces:
        shown = visible(_WHITESPACE.sub(" ", text))
        if out.endswith(" ") or not out:
            shown = shown.lstrip(" ")
        start = len(out)
        out += shown
        if marked and shown.strip():
            end = len(out.rstrip(" "))
            marks.append((start, end))
    trimmed = out.rstrip(" ")
    return trimmed, tuple((start, min(end, len(trimmed))) for start, end in marks)
