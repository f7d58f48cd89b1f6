"""The date a figure holds for (`time_ref`): the date expression of its sentence tied to it.

Read from the dates found before the figures (`ctx.dates`) and the parse: a date of the
figure's sentence that does not overlap it, calendar dates before durations, then the
nearest, with its governing preposition ("since late January", "As of last Thursday").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..intervals import SpanIndex
    from ..records import DateMention


@dataclass(frozen=True)
class TimeRef:
    """The words of a figure's date, with their offsets and the date's TimeML value."""

    text: str
    start: int
    end: int
    value: str | None


def _is_preposition(token: Token) -> bool:
    return token.dep_ == "prep" or token.pos_ == "ADP"


def _root(span: Span) -> Token:
    """The token of `span` whose head lies outside it (the last one if several)."""
    roots = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    content = [t for t in roots if not t.is_punct]
    return (content or roots or [span[-1]])[-1]


def time_ref(
    doc: Doc, text: str, start: int, end: int, sent: Span, dates: SpanIndex[DateMention]
) -> TimeRef | None:
    """The date expression of the sentence that the figure at [start, end) is tied to.

    A date of the same sentence that does not overlap the figure; calendar dates before
    durations, then the nearest. Its governing preposition is added ("since late January",
    "As of last Thursday").
    """
    candidates = [
        d
        for d in dates.overlapping(sent.start_char, sent.end_char)
        if sent.start_char <= d.start
        and d.end <= sent.end_char
        and not (d.start < end and start < d.end)
        and d.type != "time"
    ]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda d: (d.type != "date", min(abs(d.start - end), abs(start - d.end))),
    )
    span = doc.char_span(best.start, best.end, alignment_mode="expand")
    begin = best.start
    if span is not None and len(span) > 0:
        head = _root(span).head
        if _is_preposition(head) and head.i == span.start - 1:
            begin = head.idx
            outer = head.head
            if _is_preposition(outer) and outer.i == head.i - 1:
                begin = outer.idx
    return TimeRef(text[begin : best.end], begin, best.end, best.value)
