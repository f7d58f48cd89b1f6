"""Expressions of a calendar point or period: dates, months, days, weekdays, seasons, holidays."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ...records import DateAnchor
from .arithmetic import (
    Candidate,
    add_months,
    fiscal_year,
    month_last_day,
    resolve_in_year,
    safe_date,
    timex_day,
    timex_month,
    timex_year,
    unresolved,
    week_value,
)
from .spans import context_shift, duration
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
    if m:
        decade = (200 if int(m[1]) <= 2 else 190) + int(m[1])
        return Timex("date", str(decade), None, "absolute", Point(decade * 10))
    m = match(r"(\d{1,2})(?:st|nd|rd|th) century|({ordinal}) century", s)
    if m:
        number = int(m[1]) if m[1] else lexicon().ordinals[m[2]]
        return Timex("date", f"{number - 1:02d}", None, "absolute", Point((number - 1) * 100))
    return None


def month_day(s: str, st: State) -> Timex | None:
    """ "Sept. 9", "the 4th of July", "June", "last December" (no year stated)."""
    lex = lexicon()
    m = match(r"(?:{wd} )?({mon}) ({day})", s) or match(r"(?:{wd} )?({day}) (?:of )?({mon})", s)
    if m:
        month_word, day_word = (m[1], m[2]) if m[1] in lex.months else (m[2], m[1])
        month, day = lex.months[month_word], number_of(day_word)
        if day is None or not 1 <= day <= 31:
            return None

        def build_day(year: int) -> Candidate | None:
            d = safe_date(year, month, day)
            return (d, d, timex_day(d, "absolute")) if d else None

        return resolve_in_year(build_day, st, None)
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


def weekday(s: str, st: State) -> Timex | None:
    """ "Friday", "last Thursday", "next Monday", "Monday night" (a part of day is the day)."""
    m = match(r"(?:({dirs}) )?({wd})(?: (?:{parts}))?", s)
    if not m:
        return None
    ref = st.ref.published
    if ref is None:
        return unresolved()
    wanted = lexicon().weekdays[m[2]]
    back = (ref.isoweekday() - wanted) % 7
    before = ref - timedelta(days=back)  # the most recent such day, on or before
    after = before + timedelta(days=7) if back else before  # the next one, on or after
    direction, tense = m[1], st.ref.tense
    if direction in ("last", "past", "this past", "previous"):
        chosen = before if back else ref - timedelta(days=7)
    elif direction in ("next", "coming", "this coming", "upcoming"):
        chosen = after if back else ref + timedelta(days=7)
    elif tense in (Tense.PAST, Tense.PRESENT):
        chosen = before
    elif tense is Tense.FUTURE or direction == "this":
        chosen = after
    else:
        chosen = before if back <= 3 else after
    return timex_day(chosen, "published")


def relative_day(s: str, st: State) -> Timex | None:
    """ "today", "yesterday afternoon", "tonight", "last night", "this morning"."""
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    offsets |= {"day before yesterday": -2, "day after tomorrow": 2}
    m = match(
        r"(today|tonight|yesterday|tomorrow|day before yesterday|day after tomorrow)"
        r"(?: (?:{parts}))?",
        s,
    )
    shift = offsets[m[1]] if m else None
    m = match(r"(last|this) (?:{parts})", s)
    if m:
        shift = -1 if m[1] == "last" and s.endswith("night") else 0
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
    direction, weekend = m[1] or "", ref.isoweekday() >= 6
    if direction in ("last", "past", "this past", "previous"):
        k = -1
    elif direction == "next":
        k = 1
    elif direction in ("coming", "upcoming", "this coming"):
        k = 1 if weekend else 0
    elif direction in ("", "this") and st.ref.tense is Tense.PAST:
        k = 0 if weekend else -1  # "told them this weekend" in a Monday article
    else:
        k = 0
    monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=k)
    return Timex("date", week_value(monday) + "-WE", None, "published", None)


_SHIFT = {
    "this": 0,
    "current": 0,
    "earlier this": 0,
    "later this": 0,
    "all": 0,
    "last": -1,
    "past": -1,
    "this past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "upcoming": 1,
    "this coming": 1,
}


def _shifted(unit: str, k: int, ref: date, anchor: DateAnchor) -> Timex | None:
    """The period `k` units from the one containing `ref`, at the unit's precision."""
    if unit == "D":
        return timex_day(ref + timedelta(days=k), anchor)
    if unit in ("W", "2W"):
        monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=k)
        return Timex("date", week_value(monday), None, anchor, Point(monday.year, monday.month))
    if unit == "M":
        year, month = add_months(ref.year, ref.month, k)
        return timex_month(year, month, anchor)
    if unit == "Q":
        year, month = add_months(ref.year, ref.month, 3 * k)
        value = f"{year:04d}-Q{(month - 1) // 3 + 1}"
        return Timex("date", value, None, anchor, Point(year))
    if unit == "Y":
        return timex_year(ref.year + k, anchor)
    if unit == "DE":
        decade = ref.year // 10 + k
        return Timex("date", f"{decade:03d}", None, anchor, Point(decade * 10))
    if unit == "CE":
        century = ref.year // 100 + k
        return Timex("date", f"{century:02d}", None, anchor, Point(century * 100))
    return None


def relative_unit(s: str, st: State) -> Timex | None:
    """ "last week", "this month", "earlier this year", "next year", "last fiscal year", "the
    year" (with a position: "the end of the year"), "all month"."""
    m = match(r"(?:({dirs}) )?(fiscal )?(week|month|year|quarter|decade|century)", s)
    if not m:
        return None
    direction, fiscal, word = m[1], bool(m[2]), m[3]
    if direction in ("following", "preceding", "prior") or (
        direction in ("previous", "next") and st.the
    ):
        return context_shift(1 if direction in ("following", "next") else -1, word, st)
    if direction in ("last", "past") and st.the:
        return duration(1, lexicon().units[word])
    if direction is None and not (st.the or fiscal):
        return None
    ref = st.ref.published
    if ref is None:
        return unresolved()
    k = _SHIFT.get(direction or "this", 0)
    if fiscal and word == "year":
        return timex_year(fiscal_year(ref) + k, "published")
    return _shifted(lexicon().units[word], k, ref, "published")


def quarter(s: str, st: State) -> Timex | None:
    """ "the third quarter", "Q2 2019", "the fourth quarter of last year", "first half of 2019"."""
    m = match(
        r"(?:fiscal )?({ordinal}|\d(?:st|nd|rd|th)) (?:fiscal )?quarter"
        r"(?: of (?:{year}|(this|last|next|the) year))?",
        s,
    ) or match(r"q ?([1-4])(?: (?:of )?{year})?", s)
    if not m:
        return None
    number = number_of(m[1])
    if number is None or not 1 <= number <= 4:
        return None
    relative = m[3] if m.re.groups >= 3 else None
    return _in_year_part("Q", number, m[2], relative, st)


def _in_year_part(kind: str, number: int, year: str | None, rel: str | None, st: State) -> Timex:
    """A quarter or half of a stated, relative or underspecified year."""
    ref = st.ref.published
    months = 3 if kind == "Q" else 6
    if year:
        return Timex("date", f"{year}-{kind}{number}", None, "absolute", Point(int(year)))
    if rel is not None or ref is None:
        if ref is None:
            return unresolved()
        y = ref.year + _SHIFT.get(rel if rel in _SHIFT else "this", 0)
        return Timex("date", f"{y:04d}-{kind}{number}", None, "published", Point(y))

    def build(y: int) -> Candidate:
        first = date(y, (number - 1) * months + 1, 1)
        last = month_last_day(y, number * months)
        return first, last, Timex("date", f"{y:04d}-{kind}{number}", None, "absolute", Point(y))

    return resolve_in_year(build, st, None)


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

    direction = m[1] if m[1] not in ("earlier this", "later this", "all") else "this"
    return resolve_in_year(build, st, direction)


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
