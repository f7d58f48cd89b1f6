"""Entry points: one expression's reading, the year and month it states, the word classes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from .calendar import (
    absolute,
    bare_day,
    holiday,
    month_day,
    relative_day,
    season,
    weekday,
    weekend,
)
from .periods import compared_period, quarter, relative_unit
from .spans import anaphoric, duration_expr, offset, set_expr, vague
from .values import Point, Reference, Timex
from .words import YEAR, State, lexicon, spoken_years, strip_prefixes, words

_CLOCK = re.compile(r"\b(?:am|pm|noon|midnight|oclock|o clock)\b|\d{1,2}:\d{2}")


_BEYOND = re.compile(r"-|\d{5}|0000")


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
    compared_period,
    offset,
    anaphoric,
    relative_unit,
    vague,
    set_expr,
    duration_expr,
)


# A clock time as written ("5 p.m.", "10:30 a.m.", "noon") and a time zone after it.
_CLOCK_TIME = re.compile(
    r"\b(?:(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\b\.?|(noon|midnight)\b)"
    r"(?:\s*\(?\b(?:[ecmp][sd]?t|gmt|utc|e\.t\.|local time)\b\)?)?",
    re.IGNORECASE,
)


def interpret(text: str, ref: Reference | None = None) -> Timex | None:
    """The TIMEX3 reading of one date expression, or None when it is no calendar reference
    (clock times alone, ages, bare numbers, words like "weekday"). A clock time with a day
    ("5 p.m. EST Nov. 9") is a TIME: "1989-11-09T17:00"."""
    clock = _CLOCK_TIME.search(text)
    if clock is not None:
        return _timed(text, clock, ref)
    return _interpret(text, ref)


def _timed(text: str, clock: re.Match[str], ref: Reference | None) -> Timex | None:
    """A day with a clock time: the day's reading with the time of day, typed "time"."""
    rest = (text[: clock.start()] + " " + text[clock.end() :]).strip(" ,")
    rest = re.sub(r"^(?:at|on)\s+|\s+(?:at|on)$", "", rest, flags=re.IGNORECASE)
    day = _interpret(rest, ref) if rest else None
    if day is None or day.type != "date":
        return None  # a clock time alone is no date
    if day.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
        return replace(day, type="time", value=None)
    hour, minute = _hour_minute(clock)
    if hour is None:
        return replace(day, type="time", value=None)
    return replace(day, type="time", value=f"{day.value}T{hour:02d}:{minute:02d}")


def _hour_minute(clock: re.Match[str]) -> tuple[int | None, int]:
    if clock[4]:
        return (12 if clock[4].lower() == "noon" else 0), 0
    hour, minute = int(clock[1]), int(clock[2] or 0)
    if not (1 <= hour <= 12 and minute < 60):
        return None, 0
    return hour % 12 + (12 if clock[3].lower() == "p" else 0), minute


def _interpret(text: str, ref: Reference | None) -> Timex | None:
    st = State(ref or Reference())
    ws = spoken_years(words(text))
    if not ws or _AGE.search(" ".join(ws)):
        return None
    ws = strip_prefixes(ws, st)
    s = " ".join(ws)
    if not s or _CLOCK.search(s):
        return None
    for parse in _PARSERS:
        try:
            found = parse(s, st)
        except (OverflowError, ValueError):  # beyond the calendar: "99999999999 days ago"
            return Timex("date", None)
        if found is not None:
            return _finish(found, st)
    return None


def _finish(found: Timex, st: State) -> Timex | None:
    if found.value is not None and _BEYOND.match(found.value):  # before year 1, after 9999
        found = replace(found, value=None, point=None)
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
    holiday_names: frozenset[str]  # "fourth of july"
    sets: frozenset[str]  # "daily", "annual"
    parts: frozenset[str]
    relative_days: frozenset[str]
    directions: frozenset[str]
    offsets: frozenset[str]
    references: tuple[tuple[str, ...], ...]  # "the near future" as words, longest first


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
        holiday_names=frozenset(lex.holidays),
        sets=frozenset(lex.sets),
        parts=_single(lex.parts),
        relative_days=_single(lex.relative_days),
        directions=_single(lex.directions),
        offsets=_single(lex.offsets),
        references=tuple(sorted((tuple(k.split()) for k in lex.references), key=len)[::-1]),
    )


def _single(phrases: Iterable[str]) -> frozenset[str]:
    """The one-word entries of a word class (the parse is scanned a word at a time)."""
    return frozenset(p for p in phrases if " " not in p)
