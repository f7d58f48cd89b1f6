"""ArticleContext: one article's facts, its parsed state, and the slots the pipeline fills.

Every extractor is `extract_x(ctx) -> list[Item]`. It reads the parse and the article's facts
from the context (the Doc, token offsets, paragraphs, quoted stretches, boilerplate, the
publication date) and the results of earlier steps from its slots, which `mppclaims.api`
fills in a fixed order: names (who is who), entities, dates, sources (who says what),
quotes, numbers. A slot read before its step ran raises `SlotError`, so a missing step is a
clear error rather than an empty result.
"""

from __future__ import annotations

import bisect
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .intervals import Intervals
from .lines import LINE, has_break
from .sources.marks import QuotedIndex, Stretch, find_stretches

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .records import Boilerplate, DateMention, Entity, NumericClaim, Quote
    from .sources.mentions import Mentions
    from .sources.resolver import Sources

T = TypeVar("T")


class SlotError(RuntimeError):
    """A slot of the context was read before the pipeline step that fills it ran."""


class Slot(Generic[T]):
    """A result of a pipeline step, set once and read by the steps after it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, ctx: None, owner: type) -> Slot[T]: ...
    @overload
    def __get__(self, ctx: ArticleContext, owner: type) -> T: ...
    def __get__(self, ctx: ArticleContext | None, owner: type) -> Slot[T] | T:
        if ctx is None:
            return self
        try:
            value: T = ctx._slots[self.name]
        except KeyError:
            raise SlotError(
                f"ArticleContext.{self.name} is not filled yet: the pipeline step that fills "
                f"it must run first (see mppclaims.api.analyse)"
            ) from None
        return value

    def __set__(self, ctx: ArticleContext, value: T) -> None:
        ctx._slots[self.name] = value


class ArticleContext:
    """What every extractor may know about one article: its Doc, facts and earlier results.

    The Doc's text is the article's text, so every offset read from it points into the
    source. Nothing here edits the text.
    """

    names: Slot[Mentions] = Slot()
    entities: Slot[list[Entity]] = Slot()
    dates: Slot[list[DateMention]] = Slot()
    sources: Slot[Sources] = Slot()
    quotes: Slot[list[Quote]] = Slot()
    numbers: Slot[list[NumericClaim]] = Slot()

    def __init__(
        self,
        doc: Doc,
        *,
        published: date | None = None,
        boilerplate: tuple[Boilerplate, ...] = (),
    ) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.published = published
        self.boilerplate = tuple(boilerplate)
        self._slots: dict[str, Any] = {}

    def filled(self, slot: str) -> bool:
        """Whether the pipeline step that fills `slot` has run."""
        return slot in self._slots

    # -- boilerplate ---------------------------------------------------------------------

    @cached_property
    def _covered(self) -> Intervals:
        return Intervals((b.start, b.end) for b in self.boilerplate)

    def in_boilerplate(self, start: int, end: int) -> bool:
        """Whether the span [start, end) overlaps a boilerplate passage (a web page has
        thousands of marked tags, hence `Intervals`)."""
        return self._covered.overlaps(start, end)

    # -- tokens --------------------------------------------------------------------------

    @cached_property
    def token_starts(self) -> list[int]:
        """The character offset of every token, in order (read once from the Doc's array)."""
        starts: list[int] = self.doc.to_array("IDX").tolist()
        return starts

    def token_at(self, offset: int) -> Token | None:
        """The token containing character `offset`."""
        i = bisect.bisect_right(self.token_starts, offset) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if offset < token.idx + len(token.text) else None

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [a, b) of the tokens overlapping characters [start, end)."""
        doc = self.doc
        a = max(bisect.bisect_right(self.token_starts, start) - 1, 0)
        if a < len(doc) and doc[a].idx + len(doc[a].text) <= start:
            a += 1
        b = bisect.bisect_left(self.token_starts, end)
        return a, max(a, b)

    def same_line(self, i: int, j: int) -> bool:
        """Whether tokens `i` and `j` stand in the same paragraph."""
        lo, hi = min(i, j), max(i, j)
        return not has_break(self.text[self.doc[lo].idx : self.doc[hi].idx])

    def clip_to_line(self, a: int, b: int, anchor: int) -> tuple[int, int]:
        """Tokens [a, b) cut to the paragraph holding token `anchor`."""
        while a < anchor and not self.same_line(a, anchor):
            a += 1
        while b - 1 > anchor and not self.same_line(anchor, b - 1):
            b -= 1
        return a, b

    def sentence_chars(self, a: int, b: int) -> tuple[int, int]:
        """The character offsets of the sentences holding tokens [a, b)."""
        if a >= b or a >= len(self.doc):
            return 0, 0
        return self.doc[a].sent.start_char, self.doc[b - 1].sent.end_char

    @cached_property
    def nouns_by_lemma(self) -> dict[int, list[int]]:
        """The positions of the common nouns of the Doc, by lemma id, in order."""
        noun = self.doc.vocab.strings["NOUN"]  # a symbol: its fixed id
        found: dict[int, list[int]] = {}
        for i, (lemma, pos) in enumerate(self.doc.to_array(["LEMMA", "POS"]).tolist()):
            if pos == noun:
                found.setdefault(lemma, []).append(i)
        return found

    # -- paragraphs and quotation marks --------------------------------------------------

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """The character spans of the non-empty lines outside boilerplate."""
        return [
            (m.start(), m.end())
            for m in LINE.finditer(self.text)
            if not self.in_boilerplate(m.start(), m.end())
        ]

    @cached_property
    def stretches(self) -> list[Stretch]:
        """The quoted stretches outside boilerplate, in text order."""
        return [s for s in find_stretches(self.text) if not self.in_boilerplate(s.start, s.end)]

    @cached_property
    def quoted(self) -> QuotedIndex:
        """Which character offsets lie inside a quoted stretch."""
        return QuotedIndex(self.stretches)
