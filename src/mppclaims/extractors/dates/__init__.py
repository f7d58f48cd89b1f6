"""Dates: calendar references resolved to TimeML values against the publication date.

Candidates are spaCy's DATE and TIME entities, repaired (trailing names and possessives cut,
"Tuesday" + "morning", "Friday" + "Oct. 13", "5 p.m." + "Nov. 9" and "March 7-9" + ", 2021"
joined, "this" + "year's" taken in, ranges split into their ends), plus what a token scan finds
that the model missed (years after temporal prepositions, "a month prior", weekdays,
month-days, reference words such as "now" and "the near future"). Each is resolved by
`timex.interpret` with what only the parse knows: the tense of the governing verb, the year of
an explicit date in the same clause, the date mentioned last, the periods spoken of before,
the other end of a range; a period named by the day that closes it ("the quarter ended Sept.
30") takes its value from that day. Ages, clock times alone, measures ("a 30-day limit"),
holiday names and frequency words used as modifiers ("Christmas lights", "a quarterly
dividend") and weekdays inside names are not dates; a weekday the grammar leaves open takes the
day a firmer mention of it establishes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ...records import DateMention
from ..timex import Reference, Timex, interpret, period_ending, stated_fields
from .anchoring import (
    Context,
    Found,
    has_weekday,
    nearer_if_far,
    open_weekday,
    reference,
    settle_weekdays,
    split_period,
    split_range,
    with_preposition,
)
from .candidates import candidates
from .filters import is_fraction, is_kind, is_measure, is_modifier_holiday, is_name
from .tense import Governing, clause_verb, governing

if TYPE_CHECKING:
    from ...context import ArticleContext

__all__ = ["Governing", "extract_dates", "governing"]


def extract_dates(ctx: ArticleContext) -> list[DateMention]:
    """Every calendar reference outside boilerplate, with its TIMEX3 type, value, mod and
    anchor, in document order."""
    doc = ctx.doc
    found: list[Found] = []
    context = Context(stated=[])
    for start, end in candidates(doc):
        whole = doc[start:end]
        if ctx.in_boilerplate(whole.start_char, whole.end_char) or _not_a_date(whole):
            continue
        clause = governing(whole)
        ending = split_period(doc, start, end)
        if ending is not None:
            _period_and_end(ctx, context, clause, *ending, found)
        else:
            _range_or_date(ctx, context, clause, whole, found)
    settle_weekdays(found)
    return [
        DateMention(
            text=f.span.text,
            start=f.span.start_char,
            end=f.span.end_char,
            type=f.timex.type,
            value=f.timex.value,
            mod=f.timex.mod,
            anchor=f.timex.anchor,
        )
        for f in found
    ]


def _not_a_date(span: Span) -> bool:
    doc, start, end = span.doc, span.start, span.end
    return (
        is_measure(doc, start, end)
        or is_modifier_holiday(span)
        or is_fraction(span)
        or is_name(span)
        or is_kind(span)
    )


def _resolve(
    span: Span, ctx: ArticleContext, context: Context, clause: Governing, partner: Timex | None
) -> tuple[Timex | None, Reference]:
    """The reading of `span` and what it was resolved against."""
    ref = reference(span, ctx, context, clause.tense, partner)
    timex = interpret(span.text, ref)
    if not clause.firm and not has_weekday(span):
        timex = nearer_if_far(span, ref, timex)
    return timex, ref


def _remember(context: Context, span: Span, timex: Timex) -> None:
    if timex.point is not None and timex.value is not None and timex.anchor == "absolute":
        verb = clause_verb(span)
        context.stated.append((span.start_char, timex.point.year, verb.i if verb else None))
    context.mentioned(timex)


def _range_or_date(
    ctx: ArticleContext, context: Context, clause: Governing, whole: Span, found: list[Found]
) -> None:
    """One date, or the two ends of a range ("Oct. 3 to 6": the second takes the first's
    month and year)."""
    doc = whole.doc
    parts, is_range = split_range(doc, whole.start, whole.end)
    stated = stated_fields(whole.text) if is_range else None
    partner: Timex | None = Timex("date", None, anchor="absolute", point=stated) if stated else None
    for index, (part_start, part_end) in enumerate(parts):
        if len(parts) == 1:
            part_start = with_preposition(doc[part_start:part_end])
        span = doc[part_start:part_end]
        if is_range:
            timex, ref = _resolve(span, ctx, context, clause, partner if index or stated else None)
        else:
            timex, ref = _resolve(span, ctx, context, governing(span) if index else clause, None)
        if timex is None:
            continue
        if index == 0 and is_range and timex.point is not None and not stated:
            partner = timex
        found.append(Found(span, timex, open_weekday(span, ref, clause.firm)))
        _remember(context, span, timex)


def _period_and_end(
    ctx: ArticleContext,
    context: Context,
    clause: Governing,
    period: Span,
    end: Span,
    found: list[Found],
) -> None:
    """ "the quarter ended Sept. 30": the day, and the period it closes (the period is what
    the text goes on to speak of, not the day)."""
    day, _ = _resolve(end, ctx, context, clause, None)
    period = period.doc[with_preposition(period) : period.end]
    named = period_ending(period.text, day) if day is not None else None
    timex = named or _resolve(period, ctx, context, clause, None)[0]
    if timex is not None:
        found.append(Found(period, timex))
        _remember(context, period, timex)
    if day is not None:
        found.append(Found(end, day))
        _remember(context, end, replace(day, compares=True))
