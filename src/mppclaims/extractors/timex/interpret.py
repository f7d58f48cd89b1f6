"""Entry points: one expression's reading, the year and month it states, the word classes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .calendar import (
    absolute,
    bare_day,
    holiday,
    month_day,
    quarter,
    relative_day,
    relative_unit,
    season,
    weekday,
    weekend,
)
from .spans import anaphoric, duration_expr, offset, set_expr, vague
from .values import Point, Reference, Timex
from .words import PARTS, YEAR, State, lexicon, strip_prefixes, words

_CLOCK = re.compile(r"\b(?:am|pm|noon|midnight|oclock|o clock)\b|\d{1,2}:\d{2}")


_AGE = re.compile(r"\b(?:age|ages|aged|old)\b")


_PARSERS = (
    absolute,
    month_day,
    bare_day,
    weekday,
    relative_day,
    weekend,
    quarter,
    season,
    holiday,
    offset,
    anaphoric,
    relative_unit,
    vague,
    set_expr,
    duration_expr,
)


def interpret(text: str, ref: Reference | None = None) -> Timex | None:
    """The TIMEX3 reading of one date expression, or None when it is no calendar reference
    (clock times alone, ages, bare numbers, words like "weekday")."""
    st = State(ref or Reference())
    ws = words(text)
    if not ws or _AGE.search(" ".join(ws)):
        return None
    ws = strip_prefixes(ws, st)
    s = " ".join(ws)
    if not s or _CLOCK.search(s):
        return None
    for parse in _PARSERS:
        found = parse(s, st)
        if found is not None:
            return _finish(found, st)
    return None


def _finish(found: Timex, st: State) -> Timex | None:
    if st.half is not None:
        if found.point is None or found.value is None or not re.fullmatch(r"\d{4}", found.value):
            return found if found.value is None else None
        return replace(found, value=f"{found.value}-H{st.half}")
    mod = found.mod
    if found.type == "duration" and (st.position is not None or st.preposition in ("on", "at")):
        return None  # "the early days", "on a day rich in symbolism": no calendar reference
    if st.position is not None:
        mod = st.position
    elif st.approx == "approx" and found.type == "date" and mod is None:
        mod = "APPROX"
    return replace(found, mod=mod)


def stated_fields(text: str) -> Point | None:
    """The year and month an expression states itself (for the other end of a range)."""
    lex = lexicon()
    ws = words(text)
    year = next((int(w) for w in ws if re.fullmatch(YEAR, w)), None)
    month = next((lex.months[w] for w in ws if w in lex.months), None)
    if year is None:
        return None
    return Point(year, month)


@dataclass(frozen=True)
class Vocabulary:
    """Word classes (lower-case, no dots) for finding date expressions in a parse."""

    months: frozenset[str]
    weekdays: frozenset[str]
    seasons: frozenset[str]
    units: frozenset[str]
    counts: frozenset[str]
    holidays: frozenset[str]  # first words of holiday names
    parts: frozenset[str] = frozenset(PARTS.split("|"))
    relative_days: frozenset[str] = frozenset({"today", "yesterday", "tomorrow", "tonight"})
    directions: frozenset[str] = frozenset({"last", "next", "this", "past", "coming", "previous"})
    offsets: frozenset[str] = frozenset({"ago", "later", "earlier", "prior", "before", "after"})


@cache
def vocabulary() -> Vocabulary:
    """The word classes of the lexicons behind `interpret`."""
    lex = lexicon()
    return Vocabulary(
        months=frozenset(lex.months),
        weekdays=frozenset(lex.weekdays),
        seasons=frozenset(lex.seasons),
        units=frozenset(lex.units),
        counts=frozenset(k for k in lex.counts if " " not in k),
        holidays=frozenset(k.split()[0] for k in lex.holidays),
    )
