"""The window of its sentence that an item carries, so output stays linear in the input.

A claim or quote copies its sentence for the reader. Text without sentence breaks (a results
table, a list of figures) makes one "sentence" of thousands of characters, and copying it
into every item there made output grow with the square of the input. An item carries its
whole sentence when that is at most `SENTENCE_WINDOW` characters, otherwise the part of it
around the item, cut at spaces; `sentence_start`/`sentence_end` always give the whole
sentence, so nothing is lost.
"""

from __future__ import annotations

SENTENCE_WINDOW = 400
# Characters of context kept either side of an item longer than the window (a long quote).
_LEAST_MARGIN = 60
# A cut moves inward to a space when one is this close, so words stay whole.
_WORD_REACH = 30


def stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of `text` without the whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_window(
    text: str, start: int, end: int, sentence_start: int, sentence_end: int
) -> tuple[str, int, int]:
    """The `sentence` of the item at [start, end) of `text` in the sentence at
    [sentence_start, sentence_end), and that sentence's offsets without its outer spaces."""
    first, last = stripped(text, sentence_start, sentence_end)
    if last - first <= SENTENCE_WINDOW:
        return text[first:last], first, last
    margin = max(_LEAST_MARGIN, (SENTENCE_WINDOW - (end - start)) // 2)
    left, right = max(first, start - margin), min(last, end + margin)
    spare = margin * 2 + (end - start) - (right - left)
    if left == first:
        right = min(last, right + spare)
    elif right == last:
        left = max(first, left - spare)
    if left > first:
        space = text.find(" ", left, min(start, left + _WORD_REACH))
        left = space + 1 if space >= 0 else left
    if right < last:
        space = text.rfind(" ", max(end, right - _WORD_REACH), right)
        right = space if space >= 0 else right
    left, right = stripped(text, left, right)
    return text[left:right], first, last
