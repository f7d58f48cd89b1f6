"""Line breaks: every way a text breaks a line, treated alike by all paragraph logic.

"\\n", "\\r\\n" and "\\r" alone (old Mac files, some web exports), NEL (U+0085, EBCDIC
conversions), the Unicode line and paragraph separators (U+2028, U+2029), and the vertical
tab and form feed. Paragraphs, "same line" tests and the sentence starts the pipeline marks
read them from here; the text is never normalised, so offsets stay exact.
"""

from __future__ import annotations

import re

BREAK_CHARS = "\n\r\x0b\x0c\x85\u2028\u2029"
# one break: "\r\n" counts once
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
# the non-empty lines of a text
LINE = re.compile(r"[^\n\r\x0b\x0c\x85\u2028\u2029]+")
# a paragraph separator ends a paragraph the way a blank line does
_PARAGRAPH_SEPARATOR = "\u2029"


def has_break(text: str) -> bool:
    """Whether `text` holds a line break of any kind."""
    return any(ch in BREAK_CHARS for ch in text)


def count_breaks(text: str) -> int:
    """How many lines `text` ends ("\\r\\n" is one; U+2029 counts as a blank line, two)."""
    return len(_BREAK.findall(text)) + text.count(_PARAGRAPH_SEPARATOR)


def next_break(text: str, start: int) -> int:
    """The offset of the first line break at or after `start`; the text's length if none."""
    match = _BREAK.search(text, start)
    return match.start() if match else len(text)
