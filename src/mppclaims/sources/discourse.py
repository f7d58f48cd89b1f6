"""Discourse: the data document an article goes on reporting, sentence by sentence.

A poll, a study, an analysis or a tax return named as a source stays the source of the
figures that follow it without a source of their own:
- in the rest of its paragraph (another speaker's words there do not end it);
- in the paragraphs after it when it was named for what it found, without a figure ("New
  research found the site rated one party higher.") and the figures follow: each paragraph
  that opens with figures and no other source goes on with it, until a sentence without a
  figure or with a source of its own changes the topic;
- a number phrase that answered ("Another 19 percent said ...") is the respondents of the
  document being reported, or of the last one named in the paragraphs before.
Figures with no source of their own outside such a stretch are the writer's: none.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .figures import FigureReader, Reading
    from .mentions import Speaker

# How many paragraphs back the respondents of a poll look for it.
_RESPONDENTS_REACH = 3


def attribute(reader: FigureReader, spans: Sequence[tuple[int, int]]) -> list[Speaker | None]:
    """The source of each figure at characters [start, end), in the order given."""
    ctx = reader.ctx
    readings = [reader.read(start, end) for start, end in spans]
    result: list[Speaker | None] = [r.speaker if r.status == "own" else None for r in readings]
    by_sentence: dict[int, list[int]] = {}
    for n, (start, _) in enumerate(spans):
        token = ctx.token_at(start)
        if token is not None:
            by_sentence.setdefault(reader.sentence_of(token.i), []).append(n)
    walk = _Walk(reader, readings, result)
    for k in range(len(reader.sentences)):
        walk.sentence(k, by_sentence.get(k, []))
    return result


class _Walk:
    """The document in force while the sentences are read in order."""

    def __init__(
        self, reader: FigureReader, readings: list[Reading], result: list[Speaker | None]
    ) -> None:
        self.reader = reader
        self.readings = readings
        self.result = result
        self.paragraph_starts = [lo for lo, _ in reader.ctx.paragraphs]
        self.current: Speaker | None = None
        self.origin = True  # still in the paragraph that named the document
        self.waiting = False  # named for a finding without figures: they are to follow
        self.last_named: tuple[Speaker, int] | None = None
        self.paragraph = -1

    def _paragraph_of(self, k: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, self.reader.sentences[k].start_char) - 1

    def sentence(self, k: int, figures: list[int]) -> None:
        reader, readings = self.reader, self.readings
        open_figures = [n for n in figures if readings[n].status == "open"]
        unsourced = [n for n in figures if readings[n].status != "own"]
        paragraph = self._paragraph_of(k)
        if paragraph != self.paragraph and self.current is not None:
            goes_on = self.waiting if self.origin else True
            if goes_on and unsourced and not reader.other_source(k):
                self.origin = False
            else:
                self.current = None
        self.paragraph = paragraph
        named = reader.named_documents(k)
        if named:
            self.current = named[-1]
            self.origin = True
            self.waiting = not any(readings[n].status == "own" for n in figures)
            self.last_named = (self.current, paragraph)
            self._respondents(figures)
            return
        if self.current is not None and not self.origin and (not figures or reader.other_source(k)):
            self.current = None  # the carried paragraph turns to something else
        if self.current is not None:
            for n in open_figures:
                self.result[n] = self.current
            if unsourced:
                self.waiting = False
        self._respondents(figures)

    def _respondents(self, figures: list[int]) -> None:
        """Number phrases that answered: the document being reported, or a recent one."""
        document = self.current
        if document is None and self.last_named is not None:
            named, where = self.last_named
            if self.paragraph - where <= _RESPONDENTS_REACH:
                document = named
        for n in figures:
            if self.readings[n].status == "respondents":
                self.result[n] = document
