"""Dates: calendar references resolved to TimeML values against the publication date.

Candidates are spaCy's DATE and TIME entities, repaired (trailing names and possessives cut,
"Tuesday" + "morning" joined, "March 7-9" + ", 2021" joined, ranges split into their ends),
plus what a token scan finds that the model missed (years after temporal prepositions, "a month
prior", weekdays, month-days). Each is resolved by `timex.interpret` with what only the parse
knows: the tense of the governing verb, the year of an explicit date nearby, the date mentioned
last, the other end of a range. Ages, clock times alone, measures ("a 30-day limit"), holiday
names used as modifiers ("Christmas lights") and weekdays inside names are not dates; a weekday
the grammar leaves open takes the day a firmer mention of it establishes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...records import DateMention
from ..timex import Timex, interpret, stated_fields
from .anchoring import (
    Context,
    Found,
    has_weekday,
    nearer_if_far,
    open_weekday,
    reference,
    settle_weekdays,
    split_range,
    with_preposition,
)
from .candidates import candidates
from .filters import is_fraction, is_measure, is_modifier_holiday, is_name
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
        if ctx.in_boilerplate(whole.start_char, whole.end_char):
            continue
        if is_measure(doc, start, end) or is_modifier_holiday(whole) or is_fraction(whole):
            continue
        if is_name(whole):
            continue
        clause = governing(whole)
        parts = split_range(doc, start, end)
        stated = stated_fields(whole.text) if len(parts) > 1 else None
        partner: Timex | None = (
            Timex("date", None, anchor="absolute", point=stated) if stated else None
        )
        for index, (part_start, part_end) in enumerate(parts):
            if len(parts) == 1:
                part_start = with_preposition(doc[part_start:part_end])
            span = doc[part_start:part_end]
            ref = reference(span, ctx, context, clause.tense, partner if index or stated else None)
            timex = interpret(span.text, ref)
            if not clause.firm and not has_weekday(span):
                timex = nearer_if_far(span, ref, timex)
            if timex is None:
                continue
            if index == 0 and len(parts) > 1 and timex.point is not None and not stated:
                partner = timex
            found.append(Found(span, timex, open_weekday(span, ref, clause.firm)))
            if timex.point is not None and timex.value is not None:
                if timex.anchor == "absolute":
                    verb = clause_verb(span)
                    where = verb.i if verb is not None else None
                    context.stated.append((span.start_char, timex.point.year, where))
                context.mentioned(timex)
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
