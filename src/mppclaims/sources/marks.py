"""Quotation marks: the stretches of text inside them, found without spaCy.

A scanner of curly and straight, double and single marks that decides by context whether a
mark opens or closes (an apostrophe in "it’s" or "States’" is no mark) and never raises on
unbalanced marks; and an index that tells whether an offset lies inside a quoted stretch.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..lines import LINE

# Two apostrophes or backticks stand for a double mark in some wire copy (''...'', ``...'').
_MARKS = re.compile(r"''|``|[\"“”„‟«»'‘’‹›]")
DOUBLE_MARKS = frozenset(['"', "“", "”", "„", "‟", "«", "»", "''", "``"])
_TOGGLES = frozenset(['"', "''"])
_DOUBLE_OPENERS = frozenset(["“", "„", "‟", "«", "``"])
_SINGLE_CLOSERS = frozenset("’'›")
_BEFORE_OPENING = frozenset("([{—–―-/:;") | DOUBLE_MARKS | frozenset("‘‹")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–―-…*") | DOUBLE_MARKS | frozenset("’›'")


@dataclass(frozen=True)
class Stretch:
    """Text inside one pair of quotation marks (the marks excluded).

    `close` is None when the paragraph ends before a closing mark; `continues` marks a
    paragraph that opens with a mark and goes on with the previous paragraph's unclosed quote.
    """

    start: int
    end: int
    open: int
    close: int | None
    paragraph: tuple[int, int]
    continues: bool = False
    close_end: int | None = None


def _opening_like(text: str, pos: int, end: int, lo: int, hi: int) -> bool:
    before = text[pos - 1] if pos > lo else " "
    after = text[end] if end < hi else " "
    return (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()


def _closing_like(text: str, pos: int, end: int, lo: int, hi: int) -> bool:
    before = text[pos - 1] if pos > lo else " "
    after = text[end] if end < hi else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)


def _scan(text: str, lo: int, hi: int, refused: frozenset[int]) -> tuple[list[Stretch], int | None]:
    """Top-level quoted stretches of one paragraph [lo, hi).

    Returns the stretches and the offset of a single mark that never closed (an apostrophe
    taken for an opening mark), so that the caller can scan again without it.
    """
    found: list[Stretch] = []
    opened: int | None = None
    content = 0  # where the open stretch's words start
    double = False
    nested = 0
    for match in _MARKS.finditer(text, lo, hi):
        pos, end = match.span()
        mark = match.group()
        is_double = mark in DOUBLE_MARKS
        if opened is None:
            if pos in refused:
                continue
            if is_double:
                if _opening_like(text, pos, end, lo, hi) or (
                    mark in _DOUBLE_OPENERS and not _closing_like(text, pos, end, lo, hi)
                ):
                    opened, content, double, nested = pos, end, True, 0
            elif _opening_like(text, pos, end, lo, hi) and end < hi and text[end].isalpha():
                opened, content, double = pos, end, False
        elif double:
            if mark in _DOUBLE_OPENERS and _opening_like(text, pos, end, lo, hi):
                nested += 1  # “... what he calls “hell” than ...”: a pair inside the quote
            elif is_double and (mark in _TOGGLES or _closing_like(text, pos, end, lo, hi)):
                if nested:
                    nested -= 1
                    continue
                found.append(Stretch(content, pos, opened, pos, (lo, hi), close_end=end))
                opened = None
        elif not is_double and mark in _SINGLE_CLOSERS and _closing_like(text, pos, end, lo, hi):
            after = text[end] if end < hi else " "
            if not (text[pos - 1].isalpha() and after.isalpha()):
                found.append(Stretch(content, pos, opened, pos, (lo, hi), close_end=end))
                opened = None
    if opened is not None:
        if not double:
            return found, opened
        found.append(Stretch(content, hi, opened, None, (lo, hi)))
    return found, None


def _trimmed(stretch: Stretch, text: str) -> Stretch | None:
    start, end = stretch.start, stretch.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return replace(stretch, start=start, end=end)


def find_stretches(text: str) -> list[Stretch]:
    """Every top-level quoted stretch of `text`; never raises on unbalanced marks.

    Curly or straight double marks open and close by their context (an apostrophe in
    "it’s" or "States’" is no mark); single marks count only outside double ones and
    when they close in the same paragraph. An unclosed double mark runs to the end of its
    paragraph. Marks nested inside a stretch stay part of it.
    """
    stretches: list[Stretch] = []
    previous_unclosed = False
    for paragraph in LINE.finditer(text):
        lo, hi = paragraph.start(), paragraph.end()
        refused: frozenset[int] = frozenset()
        while True:
            found, unclosed_single = _scan(text, lo, hi, refused)
            if unclosed_single is None:
                break
            refused = refused | {unclosed_single}
        first_char = lo + len(paragraph.group()) - len(paragraph.group().lstrip())
        kept = [s for s in (_trimmed(s, text) for s in found) if s is not None]
        if kept and previous_unclosed and kept[0].open == first_char:
            kept[0] = replace(kept[0], continues=True)
        if paragraph.group().strip():
            previous_unclosed = bool(kept) and kept[-1].close is None
        stretches.extend(kept)
    return stretches


class QuotedIndex:
    """Which character offsets lie inside quoted stretches (binary search over stretches)."""

    def __init__(self, stretches: list[Stretch]) -> None:
        self._stretches = stretches
        self._opens = [s.open for s in stretches]

    def containing(self, offset: int) -> Stretch | None:
        i = bisect.bisect_right(self._opens, offset) - 1
        if i < 0:
            return None
        stretch = self._stretches[i]
        return stretch if offset < stretch.end else None

    def __call__(self, offset: int) -> bool:
        return self.containing(offset) is not None
