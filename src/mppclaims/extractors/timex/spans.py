"""Expressions that count or shift time: offsets ("two years ago"), durations, sets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ...records import DateAnchor, DateMod
from .arithmetic import (
    add_months,
    period_timex,
    period_topic,
    shift_years,
    timex_day,
    timex_month,
    timex_year,
    unresolved,
    week_value,
)
from .values import Point, Timex
from .words import State, lexicon, match, number_of


def _count_unit(count: str | None, half: bool = False) -> int | float | None:
    """The number in "two years", "a year and a half"; None for "several", "few", none."""
    if count is None:
        return None
    number = number_of(count)
    if number is None:
        return None
    return number + 0.5 if half else number


def _number(n: int | float) -> str:
    """ "3", "1.5", "99999999999" (never an exponent)."""
    return str(n) if isinstance(n, int) else f"{n:f}".rstrip("0").rstrip(".")


def duration(n: int | float | None, unit: str) -> Timex:
    """TIMEX3 duration: P2D, P7M, P1.5Y, PT72M; X for an unstated number."""
    factor = {"2W": 2, "Q": 3}.get(unit, 1)
    code = {"MIN": "M", "2W": "W", "Q": "M"}.get(unit, unit)
    amount = "X" if n is None else _number(n * factor)
    prefix = "PT" if unit in ("H", "MIN") else "P"
    return Timex("duration", f"{prefix}{amount}{code}")


def offset(s: str, st: State) -> Timex | None:
    """ "three years ago", "over a decade ago", "only days ago", "four years later", "a month
    prior"; "a year earlier" after "third-quarter profit" is that quarter a year before."""
    m = match(
        r"(?:({count}) )?(?:(and a half) )?({unit})(?: (and a half))? ({offsets})",
        s,
    )
    if not m:
        return None
    lex = lexicon()
    n = _count_unit(m[1], bool(m[2] or m[4]))
    unit, (sign, from_context), ref = lex.units[m[3]], lex.offsets[m[5]], st.ref.published
    topic = period_topic(st.ref.recent)
    if unit == "Y" and isinstance(n, int) and topic is not None:
        return replace(period_timex(shift_years(topic, sign * n), "context"), compares=True)
    if not from_context:
        if unit in ("H", "MIN"):
            return timex_day(ref, "published") if ref else unresolved()
        if n is None or isinstance(n, float):
            return Timex("date", "FUTURE_REF" if sign > 0 else "PAST_REF")
        if ref is None:
            return unresolved()
        found = _shift_by(unit, sign * n, Point(ref.year, ref.month, ref.day))
        mods: dict[str | None, DateMod] = {"approx": "APPROX"}
        mods |= {"more": "AFTER", "less": "BEFORE"} if sign > 0 else {}
        mods |= {} if sign > 0 else {"more": "BEFORE", "less": "AFTER"}
        return replace(found, mod=mods.get(st.approx), anchor="published") if found else None
    base = st.ref.previous
    anchor: DateAnchor = "context"
    if base is None and sign < 0 and ref is not None:
        base, anchor = Point(ref.year, ref.month, ref.day), "published"
    if base is None or n is None or isinstance(n, float):
        return unresolved()
    found = _shift_by(unit, sign * n, base)
    approx: DateMod | None = "APPROX" if st.approx == "approx" else None
    return replace(found, anchor=anchor, mod=approx) if found else None


def _shift_by(unit: str, k: int, base: Point) -> Timex | None:
    """`base` moved by `k` units, at the unit's precision (None if `base` is too coarse)."""
    if unit in ("Y", "DE", "CE"):
        years = k * {"Y": 1, "DE": 10, "CE": 100}[unit]
        return timex_year(base.year + years, None)
    if base.month is None:
        return None
    if unit in ("M", "Q"):
        year, month = add_months(base.year, base.month, k * (3 if unit == "Q" else 1))
        return timex_month(year, month, None)
    if base.day is None:
        return None
    d = date(base.year, base.month, base.day)
    if unit in ("W", "2W"):
        d += timedelta(weeks=k * (2 if unit == "2W" else 1))
        return Timex("date", week_value(d), None, None, Point(d.year, d.month, d.day))
    if unit == "D":
        return timex_day(d + timedelta(days=k), None)
    return None


def context_shift(k: int, word: str, st: State) -> Timex:
    """ "the next day", "the following year", "the previous week": from the date mentioned
    last (from the publication date when none was)."""
    unit = lexicon().units[word]
    base = st.ref.previous
    anchor: DateAnchor = "context"
    if base is None and st.ref.published is not None:
        ref = st.ref.published
        base, anchor = Point(ref.year, ref.month, ref.day), "published"
    if base is None:
        return unresolved()
    found = _shift_by(unit, k, base)
    return replace(found, anchor=anchor) if found else unresolved()


def anaphoric(s: str, st: State) -> Timex | None:
    """ "that day", "the same year", "the day before", "the next day"."""
    m = match(r"(?:that|same) (day|week|month|year)", s)
    if m:
        return context_shift(0, m[1], st)
    m = match(r"day (before|after)", s) if st.the else None
    if m:
        return context_shift(-1 if m[1] == "before" else 1, "day", st)
    m = match(r"(next|following|previous|preceding|prior) (day|morning|night|evening)", s)
    if m:
        return context_shift(1 if m[1] in ("next", "following") else -1, "day", st)
    return None


def vague(s: str, st: State) -> Timex | None:
    """ "now", "recently", "the past", "the near future" (the references lexicon); "recent
    months", "past years", "the past several quarters" (PAST_REF); "the coming months",
    "future quarters", "the next few weeks" (FUTURE_REF)."""
    lex = lexicon()
    key = f"the {s}" if st.the else s
    said = f"{st.preposition} {key}" if st.preposition else key  # "at present"
    for phrase in (said, key):
        if phrase in lex.references:
            return Timex("date", lex.references[phrase])
    m = match(r"({dirs}|recent|future) (?:({count}) )?({unit})", s)
    if not m or not m[3].endswith("s") or (m[2] is not None and number_of(m[2]) is not None):
        return None
    lean = {"recent": -1, "future": 1}.get(m[1], lex.directions.get(m[1], 0))
    if lean == 0:
        return None
    return Timex("date", "PAST_REF" if lean < 0 else "FUTURE_REF")


def duration_expr(s: str, st: State) -> Timex | None:
    """ "seven months", "at least five years", "the past two weeks", "months", "several years"."""
    m = match(
        r"(?:(?:{dirs}|first|final) )?(?:({count}) )?(?:(and a half) )?({unit})"
        r"(?: (and a half))?(?: long)?",
        s,
    )
    if not m:
        return None
    word = m[3]
    if m[1] is None and not word.endswith("s") and word != "fortnight":
        return None
    return duration(_count_unit(m[1], bool(m[2] or m[4])), lexicon().units[word])


def set_expr(s: str, st: State) -> Timex | None:
    """ "every year", "each day", "every three months", "quarterly", "every Friday", "Mondays"."""
    lex = lexicon()
    m = match(r"(?:every|each|per) (?:(other) )?(?:({count}) )?({unit})", s)
    if m:
        n = 2 if m[1] else (number_of(m[2]) if m[2] else 1)
        value = duration(n, lex.units[m[3]]).value
        return Timex("set", value)
    m = match(r"(?:every|each) ({wd})", s)
    if m:
        return Timex("set", f"XXXX-WXX-{lex.weekdays[m[1]]}")
    m = match(r"(?:a )?({setword})(?: basis)?", s)
    if m:
        return Timex("set", lex.sets[m[1]])
    if s.endswith("s") and s[:-1] in lex.weekdays:
        return Timex("set", f"XXXX-WXX-{lex.weekdays[s[:-1]]}")
    return None
