"""What a date is resolved against: ranges split into their ends, the preposition kept, the
year of a nearby date, the date mentioned last, and weekdays settled by firmer mentions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..timex import Point, Reference, Tense, Timex, interpret, vocabulary
from .candidates import CONNECTORS, plain
from .tense import clause_verb, joined

if TYPE_CHECKING:
    from ...context import ArticleContext

# Prepositions kept in front of a date ("on Friday", "until Friday", "since 1998").
_PREPOSITIONS = frozenset(
    {"on", "in", "at", "by", "since", "until", "till", "through", "throughout", "during"}
    | {"before", "after", "for", "within", "over"}
)
_RANGE_OPENERS = frozenset({"from", "between"})


def split_period(doc: Doc, start: int, end: int) -> tuple[Span, Span] | None:
    """ "the quarter ended Sept. 30" -> ("the quarter", "Sept. 30"), "the first nine months of
    1997" -> ("the first nine months", "1997"): a period and the date that closes or holds it;
    None for other spans."""
    for i in range(start + 1, end - 1):
        token = doc[i]
        if token.lemma_ == "end" and token.tag_ in ("VBN", "VBG", "VBD") and token.lower_ != "end":
            return doc[start:i], doc[i + 1 : end]
        if token.lower_ == "of":
            left, right = interpret(doc[start:i].text), interpret(doc[i + 1 : end].text)
            closed = right is not None and right.type == "date" and right.anchor == "absolute"
            if left is not None and left.type == "duration" and closed:
                return doc[start:i], doc[i + 1 : end]
    return None


def _spelled_compound(doc: Doc, i: int) -> bool:
    """A hyphen inside a number said in words ("ninety-six"), not between two dates."""
    before, after = doc[i - 1], doc[i + 1]
    return doc[i].text == "-" and all(t.like_num and t.is_alpha for t in (before, after))


def split_range(doc: Doc, start: int, end: int) -> tuple[list[tuple[int, int]], bool]:
    """ "Oct. 3 to 6" -> (["Oct. 3", "6"], True); a span without a connector stays whole.
    Two dates joined by a word that is no range connector here ("a revision Friday to
    December's figures": "December" belongs to "figures") are split but are no range (False).
    A unit word is never a range end ("the year-earlier quarter")."""
    if doc[start].lower_ in _RANGE_OPENERS and end - start > 1:
        start += 1
    for i in range(start + 1, end - 1):
        if doc[i].lower_ not in CONNECTORS or _spelled_compound(doc, i):
            continue
        if plain(doc[i - 1]) in vocabulary().units:
            continue
        right = doc[i + 1 : end]
        if interpret(doc[start:i].text) is not None and (
            right[0].like_num or interpret(right.text) is not None
        ):
            joined = start <= right.root.head.i < end
            return [(start, i), (i + 1, end)], joined
    return [(start, end)], False


def with_preposition(span: Span) -> int:
    """Where the expression starts when the temporal preposition governing it is included:
    "on Friday", "as of Friday", "over a year ago" (not "In" of "In today's ruling")."""
    doc, start = span.doc, span.start
    if start == 0:
        return start
    before = doc[start - 1]
    if (before.lower_ not in _PREPOSITIONS and before.lower_ != "of") or before.dep_ == "prt":
        return start
    governs = span.root.head.i == before.i or span.start <= before.head.i < span.end
    if not governs:
        return start
    if before.lower_ == "of":
        return start - 2 if start >= 2 and doc[start - 2].lower_ == "as" else start
    return start - 1


_RECENT = 8  # mentions remembered for "the quarter", "a year earlier"


@dataclass
class Context:
    """What earlier mentions tell later ones."""

    stated: list[tuple[int, int, int | None]]  # (char offset, year, clause verb) of dates
    # whose text states the year
    previous: Point | None = None
    recent: tuple[str, ...] = ()  # values of the calendar dates mentioned, latest last

    def mentioned(self, timex: Timex) -> None:
        """Remember a resolved mention for the ones after it."""
        if timex.point is None or timex.value is None or timex.compares:
            return
        self.previous = timex.point
        self.recent = (*self.recent[-(_RECENT - 1) :], timex.value)

    def year_near(self, start: int, since: int, verb: Token | None = None) -> int | None:
        """The year stated last between `since` and `start` (char offsets); with `verb`,
        only one stated in the same clause or a clause joined to it."""
        for offset, year, other in reversed(self.stated):
            if not since <= offset < start:
                continue
            if verb is None or (other is not None and joined(verb, verb.doc[other])):
                return year
        return None


def reference(
    span: Span, ctx: ArticleContext, context: Context, tense: Tense, partner: Timex | None
) -> Reference:
    """What `span` is resolved against. A stated year nearby fills in a bare month: within
    the paragraph when the article has no publication date; with one, only a year stated in
    the same clause or one coordinated with it ("opened in February 2017 and doubled its staff
    in October"): the publication date outweighs a year stated in another clause."""
    sentence_start = span.sent.start_char
    paragraph_start = ctx.text.rfind("\n", 0, span.start_char) + 1
    hint = None
    if ctx.published is None:
        hint = context.year_near(span.start_char, min(sentence_start, paragraph_start))
    elif tense in (Tense.PAST, Tense.NONE):
        verb = clause_verb(span)
        if verb is not None:
            hint = context.year_near(span.start_char, sentence_start, verb)
    return Reference(
        published=ctx.published,
        tense=tense,
        year_hint=hint,
        previous=context.previous,
        partner=partner.point if partner is not None else None,
        partner_anchor=(partner.anchor or "absolute") if partner is not None else "absolute",
        recent=context.recent,
    )


@dataclass
class Found:
    """A resolved mention, and its readings in both directions when the grammar left a
    weekday open (no firm tense, no "last"/"next")."""

    span: Span
    timex: Timex
    alternatives: tuple[str | None, str | None] | None = None


_FAR, _NEAR = 270, 92  # days


def nearer_if_far(span: Span, ref: Reference, timex: Timex | None) -> Timex | None:
    """A tense borrowed from a clause about something else ("payable Dec. 1" in "declared a
    dividend") does not push a date most of a year away when the nearest reading is close."""
    if timex is None or ref.published is None or ref.tense is Tense.NONE:
        return timex
    nearest = interpret(span.text, replace(ref, tense=Tense.NONE))
    if nearest is None or nearest.value == timex.value:
        return timex
    far, near = _days_from(timex, ref.published), _days_from(nearest, ref.published)
    return (
        nearest if far is not None and near is not None and far > _FAR and near < _NEAR else timex
    )


def _days_from(timex: Timex, published: date) -> int | None:
    point = timex.point
    if point is None:
        return None
    return abs((date(point.year, point.month or 1, point.day or 1) - published).days)


def has_weekday(span: Span) -> bool:
    """Whether a weekday is named ("Monday's vote", "Friday Oct. 13")."""
    return any(plain(t) in vocabulary().weekdays for t in span)


def open_weekday(span: Span, ref: Reference, firm: bool) -> tuple[str | None, str | None] | None:
    vocab = vocabulary()
    keys = {plain(t) for t in span}
    if firm or ref.published is None or not keys & vocab.weekdays:
        return None
    if keys & (vocab.directions | vocab.months):
        return None
    past = interpret(span.text, replace(ref, tense=Tense.PAST))
    future = interpret(span.text, replace(ref, tense=Tense.FUTURE))
    if past is None or future is None or past.value == future.value:
        return None
    return past.value, future.value


def settle_weekdays(found: list[Found]) -> None:
    """A weekday the grammar leaves open takes the reading that a firmer mention of the
    same day establishes ("tomorrow" ... "Monday's hearing" in a Sunday article).
    Only weekdays and "today"/"tomorrow"/... count: a month-day in the same week is often
    another day of the same name ("surveyed Oct. 3-6" vs "Monday's vote")."""
    vocab = vocabulary()
    known = {
        f.timex.value
        for f in found
        if f.alternatives is None
        and f.timex.value
        and len(f.timex.value) == 10
        and {plain(t) for t in f.span} & (vocab.weekdays | vocab.relative_days)
    }
    for f in found:
        if f.alternatives is None:
            continue
        hits = [value for value in f.alternatives if value in known]
        if len(hits) == 1 and hits[0] != f.timex.value:
            f.timex = replace(f.timex, value=hits[0])
