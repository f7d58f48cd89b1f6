"""Expressions of a calendar point or period: dates, months, days, weekdays, seasons, holidays."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ...records import DateAnchor
from .arithmetic import (
    Candidate,
    add_months,
    month_last_day,
    resolve_in_year,
    safe_date,
    timex_day,
    timex_month,
    timex_year,
    unresolved,
    week_value,
)
from .values import Point, Tense, Timex
from .words import State, lexicon, match, number_of


def absolute(s: str, st: State) -> Timex | None:
    """Dates whose text gives the year: full dates, month-years, years, decades, centuries."""
    lex = lexicon()
    m = match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        return timex_day(d, "absolute") if d else None
    m = match(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", s)
    if m:
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        d = safe_date(year, int(m[1]), int(m[2]))
        return timex_day(d, "absolute") if d else None
    m = match(r"(?:{wd} )?({mon}) ({day}) {year}", s) or match(
        r"(?:{wd} )?(?:the )?({day}) (?:of )?({mon}) {year}", s
    )
    if m:
        first, second = m[1], m[2]
        month, day = (first, second) if first in lex.months else (second, first)
        number = number_of(day)
        d = safe_date(int(m[3]), lex.months[month], number) if number else None
        return timex_day(d, "absolute") if d else None
    m = match(r"({mon}) (?:of )?{year}", s)
    if m:
        return timex_month(int(m[2]), lex.months[m[1]], "absolute")
    m = match(
        r"(?:(?:calendar|fiscal|financial|school|academic|fy|election) )?(?:year )?{year}"
        r"(?: (?:fiscal|calendar|school) year)?",
        s,
    )
    if m:
        return timex_year(int(m[1]), "absolute")
    m = match(r"fy ?(\d{2})", s)
    if m:
        return timex_year(2000 + int(m[1]), "absolute")
    m = match(r"(\d{3})0s", s)
    if m and 100 <= int(m[1]) <= 219:
        return Timex("date", m[1], None, "absolute", Point(int(m[1]) * 10))
    m = match(r"'(\d)0s", s)
    # the latest such decade begun by the publication date ("the twenties" in 1998); "in
    # his sixties" is an age
    if m and not st.owner:
        now = st.ref.published.year if st.ref.published else 2029
        decade = now // 100 * 10 + int(m[1])
        decade -= 10 if decade * 10 > now else 0
        return Timex("date", str(decade), None, "absolute", Point(decade * 10))
    m = match(r"(\d{1,2})(?:st|nd|rd|th) century|({ordinal}) century", s)
    if m:
        number = int(m[1]) if m[1] else lexicon().ordinals[m[2]]
        return Timex("date", f"{number - 1:02d}", None, "absolute", Point((number - 1) * 100))
    return None


def month_day(s: str, st: State) -> Timex | None:
    """ "Sept. 9", "the 4th of July", "June", "last December" (no year stated)."""
    lex = lexicon()
    m = match(r"(?:(?:{dirs} )?({wd}) )?({mon}) ({day})", s) or match(
        r"(?:(?:{dirs} )?({wd}) )?({day}) (?:of )?({mon})", s
    )
    if m:
        month_word, day_word = (m[2], m[3]) if m[2] in lex.months else (m[3], m[2])
        month, day = lex.months[month_word], number_of(day_word)
        if day is None or not 1 <= day <= 31:
            return None
        named = lex.weekdays[m[1]] if m[1] else None

        def build_day(year: int) -> Candidate | None:
            d = safe_date(year, month, day)
            return (d, d, timex_day(d, "absolute")) if d else None

        def on_weekday(year: int) -> Candidate | None:
            found = build_day(year)
            return found if found and found[0].isoweekday() == named else None

        # "Saturday, April 25": the year in which that day is a Saturday, if one is near
        ref = st.ref
        if named is not None and ref.published and ref.year_hint is None and ref.partner is None:
            near = ref.published.year
            if any(on_weekday(y) for y in (near - 1, near, near + 1)):
                return resolve_in_year(on_weekday, st, None)
        return resolve_in_year(build_day, st, None)
    m = match(r"({mon}) (?:of )?({dirs}) year", s)
    if m and st.ref.published is not None:  # "June last year", "May of next year"
        year = st.ref.published.year + lexicon().directions[m[2]]
        return timex_month(year, lexicon().months[m[1]], "published")
    m = match(r"(?:({dirs}) )?({mon})", s)
    if m:
        month = lex.months[m[2]]

        def build_month(year: int) -> Candidate:
            first = date(year, month, 1)
            return (first, month_last_day(year, month), timex_month(year, month, "absolute"))

        return resolve_in_year(build_month, st, m[1])
    return None


def bare_day(s: str, st: State) -> Timex | None:
    """The second end of a range, "6" in "Oct. 3 to 6" or "22" in "2021-22"."""
    partner = st.ref.partner
    m = match(r"(\d{1,2})(?:st|nd|rd|th)?(?: {year})?", s)
    if not m or partner is None:
        return None
    number, anchor = int(m[1]), st.ref.partner_anchor
    if m[2] is None and partner.month is None and partner.day is None:
        year = partner.year // 100 * 100 + number
        return timex_year(year, anchor) if year > partner.year else None
    if partner.month is None:
        return None
    d = safe_date(int(m[2] or partner.year), partner.month, number)
    return timex_day(d, anchor) if d else None


_PUBLISHED: DateAnchor = "published"


def weekday(s: str, st: State) -> Timex | None:
    """ "Friday", "last Thursday", "next Monday", "Monday night" (a part of day is the day)."""
    m = match(r"(?:({dirs}) )?({wd})(?: (?:{parts}))?", s)
    if not m:
        return None
    lex = lexicon()
    ref, anchor = st.ref.published, _PUBLISHED
    use = lex.direction_uses.get(m[1] or "", "")
    base = st.ref.previous
    if (use == "context" or (use == "the context" and st.the)) and base and base.day:
        # "the previous Friday": the one before the day the text speaks of
        ref, anchor = date(base.year, base.month or 1, base.day), "context"
    if ref is None:
        return unresolved()
    wanted = lex.weekdays[m[2]]
    back = (ref.isoweekday() - wanted) % 7
    before = ref - timedelta(days=back)  # the most recent such day, on or before
    after = before + timedelta(days=7) if back else before  # the next one, on or after
    shift, tense = lex.directions.get(m[1] or ""), st.ref.tense
    if shift is not None and shift < 0:
        chosen = before if back else ref - timedelta(days=7)
    elif shift is not None and shift > 0:
        chosen = after if back else ref + timedelta(days=7)
    elif tense in (Tense.PAST, Tense.PRESENT):
        chosen = before
    elif tense is Tense.FUTURE or shift == 0:
        chosen = after
    else:
        chosen = before if back <= 3 else after
    return timex_day(chosen, anchor)


def relative_day(s: str, st: State) -> Timex | None:
    """ "today", "yesterday afternoon", "tonight", "last night", "this morning"."""
    m = match(r"({reldays})(?: (?:{parts}))?", s)
    shift = lexicon().relative_days[m[1]] if m else None
    m = match(r"({dirs}) ({parts})", s)
    if m:  # "last night" is the night before; "this morning" today
        shift = -1 if lexicon().directions[m[1]] < 0 and lexicon().parts[m[2]] == "NI" else 0
    if shift is None:
        return None
    ref = st.ref.published
    return timex_day(ref + timedelta(days=shift), "published") if ref else unresolved()


def weekend(s: str, st: State) -> Timex | None:
    """ "this weekend", "last weekend", "over the weekend" (ISO week of the Saturday)."""
    m = match(r"(?:({dirs}) )?weekend", s)
    if not m:
        return None
    ref = st.ref.published
    if ref is None:
        return unresolved()
    shift, weekend = lexicon().directions.get(m[1] or "", 0), ref.isoweekday() >= 6
    if shift < 0:
        k = -1
    elif shift > 0:
        k = 1 if weekend else 0  # the first weekend after the reference
    elif st.ref.tense is Tense.PAST:
        k = 0 if weekend else -1  # "told them this weekend" in a Monday article
    else:
        k = 0
    monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=k)
    return Timex("date", week_value(monday) + "-WE", None, "published", None)


def season(s: str, st: State) -> Timex | None:
    """ "last summer", "this spring", "in the fall", "summer 2019", "the winter of 2018"."""
    lex = lexicon()
    m = match(r"{year} ({season})", s)
    if m:
        return Timex("date", f"{m[1]}-{lex.seasons[m[2]]}", None, "absolute", Point(int(m[1])))
    m = match(r"(?:({dirs}) )?({season})(?: (?:of )?{year})?", s)
    if not m:
        return None
    code = lex.seasons[m[2]]
    if m[3]:
        return Timex("date", f"{m[3]}-{code}", None, "absolute", Point(int(m[3])))
    start = lex.season_start[code]

    def build(year: int) -> Candidate:
        first = date(year, start, 1)
        end_year, end_month = add_months(year, start, 2)
        value = Timex("date", f"{year:04d}-{code}", None, "absolute", Point(year))
        return first, month_last_day(end_year, end_month), value

    return resolve_in_year(build, st, m[1])


def holiday(s: str, st: State) -> Timex | None:
    """ "Christmas", "last Thanksgiving", "Election Day 2016"."""
    lex = lexicon()
    m = match(r"(?:({dirs}) )?({holiday})(?: (?:of )?{year})?", s)
    if not m:
        return None
    rule = lex.holidays[m[2]]

    def on(year: int) -> date | None:
        fixed = re.fullmatch(r"(\d+)-(\d+)", rule)
        if fixed:
            return safe_date(year, int(fixed[1]), int(fixed[2]))
        parts = rule.split()
        month, nth, weekday = int(parts[0]), int(parts[1]), lexicon().weekdays[parts[2]]
        extra = int(parts[3]) if len(parts) > 3 else 0
        days = [
            date(year, month, d)
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).isoweekday() == weekday
        ]
        return days[nth - 1 if nth > 0 else nth] + timedelta(days=extra)

    if m[3]:
        d = on(int(m[3]))
        return timex_day(d, "absolute") if d else None

    def build(year: int) -> Candidate | None:
        d = on(year)
        return (d, d, timex_day(d, "absolute")) if d else None

    return resolve_in_year(build, st, m[1])
