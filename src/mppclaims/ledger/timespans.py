"""The time a claim holds for: TimeML values read as intervals of days.

A value names the days it covers at its own precision: "2019-04-12" one day, "2019-W15" a
week, "2019-W15-WE" its weekend, "2019-04" a month, "2019-Q2" a quarter, "2019-H1" a half,
"2019-SU" a meteorological season (winter is named by the year of its December), "2019" a
year, "201" a decade, "20" a century. A modifier narrows it to its first, middle or last
third ("late January" is January 21-31). Durations, sets, vague references (PAST_REF) and
BEFORE/AFTER ("over a year ago") name no interval.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..records import DateMention, DateMod, NumericClaim, When

Interval = tuple[date, date]

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEARS = re.compile(r"^(\d{2,4})$")
_PARTS = {
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
}
# Prepositions after which a figure holds at the time of writing, not at the date named:
# "since late January, 1,323 have been returned" is a count as of the publication date.
_SINCE = re.compile(r"^\s*(?:ever\s+)?since\b", re.I)


def interval(value: str | None, mod: DateMod | None = None) -> Interval | None:
    """The first and last day that a TIMEX3 `value` names, or None when it names none."""
    if not value:
        return None
    span = _plain_interval(value)
    if span is None or mod in ("BEFORE", "AFTER"):
        return None
    if mod in ("START", "MID", "END"):
        return _third(span, ("START", "MID", "END").index(mod))
    return span


def _plain_interval(value: str) -> Interval | None:
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day, day
        if match := _MONTH.match(value):
            return _months(int(match[1]), int(match[2]), int(match[2]))
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            if match[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if match := _PART.match(value):
            year, part = int(match[1]), match[2]
            if part == "WI":
                return date(year, 12, 1), _months(year + 1, 2, 2)[1]
            first, last = _PARTS[part]
            return _months(year, first, last)
        if match := _YEARS.match(value):
            digits = match[1]
            size = 10 ** (4 - len(digits))  # a year, a decade, a century
            first_year = int(digits) * size
            return date(max(first_year, 1), 1, 1), date(first_year + size - 1, 12, 31)
    except ValueError:  # a month 13, a week 54: no such days
        return None
    return None


def _months(year: int, first: int, last: int) -> Interval:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _third(span: Interval, which: int) -> Interval:
    """The first, middle or last third of an interval (whole days)."""
    start, end = span
    days = (end - start).days + 1
    cuts = [0, days // 3, days - days // 3, days]
    return start + timedelta(days=cuts[which]), start + timedelta(days=cuts[which + 1] - 1)


def claim_when(claim: NumericClaim, dates: Sequence[DateMention], published: date | None) -> When:
    """The time `claim` holds for: its time_ref's interval, else the publication date.

    The time_ref is resolved to the date mention of the record whose text it ends with,
    the nearest to the claim. A vague reference (PAST_REF) leaves the claim undated rather
    than dating it by its article; a figure counted "since" a date holds on the publication
    date; a time_ref that names no interval (a duration, a set) gives way to the
    publication date.
    """
    if claim.time_ref:
        mention = _mention_of(claim, dates)
        value = mention.value if mention else None
        mod = mention.mod if mention else None
        span = interval(value, mod)
        if value and value.endswith("_REF"):
            return When(basis=None, text=claim.time_ref, value=value, mod=mod)
        if span is not None and not _SINCE.match(claim.time_ref):
            start, end = span
            return When(
                basis="time_ref", text=claim.time_ref, value=value, mod=mod, start=start, end=end
            )
    if published is not None:
        return When(basis="published", text=claim.time_ref, start=published, end=published)
    return When(basis=None, text=claim.time_ref)


def _mention_of(claim: NumericClaim, dates: Sequence[DateMention]) -> DateMention | None:
    time_ref = claim.time_ref or ""
    matching = [d for d in dates if d.text and time_ref.endswith(d.text)]
    if not matching:
        return None
    return min(matching, key=lambda d: min(abs(d.start - claim.end), abs(claim.start - d.end)))
