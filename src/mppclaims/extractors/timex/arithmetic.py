"""Calendar arithmetic, TIMEX3 value spellings, and the choice among a date's readings."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ...records import DateAnchor, DateType
from .values import Point, Tense, Timex
from .words import State, lexicon


def _day_value(d: date) -> str:
    return d.isoformat()


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def month_last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def fiscal_year(d: date) -> int:
    """US federal fiscal year: October starts the next year's."""
    return d.year + (1 if d.month >= 10 else 0)


def timex_day(d: date, anchor: DateAnchor | None) -> Timex:
    return Timex("date", _day_value(d), None, anchor, Point(d.year, d.month, d.day))


def timex_month(year: int, month: int, anchor: DateAnchor | None) -> Timex:
    return Timex("date", _month_value(year, month), None, anchor, Point(year, month))


def timex_year(year: int, anchor: DateAnchor | None) -> Timex:
    """A year's reading; one before year 1 or after 9999 is beyond the calendar: no value."""
    if not 1 <= year <= 9999:
        return unresolved()
    return Timex("date", f"{year:04d}", None, anchor, Point(year))


def unresolved(kind: DateType = "date") -> Timex:
    return Timex(kind, None)


# A candidate reading of an underspecified expression: first day, last day, value.
Candidate = tuple[date, date, Timex]


def _choose(candidates: list[Candidate], ref: date, tense: Tense) -> Timex:
    """Pick the reading the tense asks for: past -> latest starting on or before the reference,
    future -> earliest ending on or after it, otherwise the nearest (earlier on a tie)."""
    if tense is Tense.PAST:
        past = [c for c in candidates if c[0] <= ref]
        if past:
            return max(past, key=lambda c: c[0])[2]
    if tense is Tense.FUTURE:
        future = [c for c in candidates if c[1] >= ref]
        if future:
            return min(future, key=lambda c: c[0])[2]

    def distance(c: Candidate) -> int:
        if c[0] <= ref <= c[1]:
            return 0
        return min(abs((c[0] - ref).days), abs((c[1] - ref).days))

    return min(candidates, key=lambda c: (distance(c), c[0]))[2]


def _directed(candidates: list[Candidate], ref: date, shift: int) -> Timex | None:
    """ "last X" (-1): latest ending before the reference; "next X" (1): earliest starting
    after it; "this X" (0): the one containing it, else the one in the reference's year."""
    if shift < 0:
        before = [c for c in candidates if c[1] < ref]
        return max(before, key=lambda c: c[0])[2] if before else None
    if shift > 0:
        after = [c for c in candidates if c[0] > ref]
        return min(after, key=lambda c: c[0])[2] if after else None
    containing = [c for c in candidates if c[0] <= ref <= c[1]]
    if containing:
        return containing[0][2]
    same_year = [c for c in candidates if c[0].year == ref.year]
    return same_year[0][2] if same_year else None


def resolve_in_year(
    build: Callable[[int], Candidate | None], st: State, direction: str | None
) -> Timex:
    shift = None if direction is None else lexicon().directions[direction]
    return resolve_shifted(build, st, shift)


def resolve_shifted(
    build: Callable[[int], Candidate | None], st: State, shift: int | None
) -> Timex:
    """A month, month-day, season or holiday without a year: the stated or nearby year, else
    the reading around the publication date that the tense or "last/next/this" picks."""
    ref = st.ref
    if ref.partner is not None and shift is None:
        made = build(ref.partner.year)
        return replace(made[2], anchor=ref.partner_anchor) if made else unresolved()
    if ref.year_hint is not None and shift is None:
        made = build(ref.year_hint)
        return replace(made[2], anchor="context") if made else unresolved()
    if ref.published is None:
        return unresolved()
    today = ref.published
    candidates = [c for y in (today.year - 1, today.year, today.year + 1) if (c := build(y))]
    if not candidates:
        return unresolved()
    if shift is not None:
        chosen = _directed(candidates, today, shift)
        return replace(chosen, anchor="published") if chosen else unresolved()
    tense = ref.tense if ref.tense is not Tense.PRESENT else Tense.NONE
    return replace(_choose(candidates, today, tense), anchor="published")


_PERIOD = re.compile(r"(\d{4})-([QH])([1-4])")


def latest_period(recent: tuple[str, ...], kind: str | None = None) -> str | None:
    """The latest quarter or half (of `kind`, "Q" or "H", when given) among `recent` values."""
    for value in reversed(recent):
        m = _PERIOD.fullmatch(value)
        if m and (kind is None or m[2] == kind):
            return value
    return None


def period_topic(recent: tuple[str, ...]) -> str | None:
    """The quarter or half the text is about: the last period it spoke of, if a quarter or
    half ("a year earlier" after "third-quarter profit" is that quarter a year before)."""
    return recent[-1] if recent and _PERIOD.fullmatch(recent[-1]) else None


def shift_years(value: str, years: int) -> str | None:
    """A quarter or half value `years` years later ("1989-Q3", -1 -> "1988-Q3")."""
    m = _PERIOD.fullmatch(value)
    if m is None or not 0 <= int(m[1]) + years <= 9999:
        return None
    return f"{int(m[1]) + years:04d}-{m[2]}{m[3]}"


def period_timex(value: str | None, anchor: DateAnchor | None) -> Timex:
    """The reading of a quarter or half value (None: unresolved)."""
    if value is None:
        return unresolved()
    return Timex("date", value, None, anchor, Point(int(value[:4])))
