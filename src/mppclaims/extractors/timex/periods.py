"""Periods: relative weeks, months, quarters and years, halves, fiscal years, year ends, and the
periods named after the one the text is about ("the latest quarter", "the year-earlier period")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ...records import DateAnchor
from .arithmetic import (
    Candidate,
    add_months,
    fiscal_year,
    latest_period,
    month_last_day,
    period_timex,
    period_topic,
    resolve_shifted,
    shift_years,
    timex_day,
    timex_month,
    timex_year,
    unresolved,
    week_value,
)
from .spans import context_shift, duration
from .values import Point, Reference, Tense, Timex
from .words import State, lexicon, match, number_of, spoken_years, strip_prefixes, words


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
        return period_timex(f"{year:04d}-Q{(month - 1) // 3 + 1}", anchor)
    if unit == "Y":
        return timex_year(ref.year + k, anchor)
    if unit == "DE":
        decade = ref.year // 10 + k
        return Timex("date", f"{decade:03d}", None, anchor, Point(decade * 10))
    if unit == "CE":
        century = ref.year // 100 + k
        return Timex("date", f"{century:02d}", None, anchor, Point(century * 100))
    return None


def _spoken_of(unit: str, st: State, ended: bool) -> Timex | None:
    """The period of `unit` the text spoke of last: "the latest quarter" after "third-quarter
    results" is that quarter (`ended`: one over by the publication date), "the full year" the
    year of the period spoken of."""
    recent, ref = st.ref.recent, st.ref.published
    if unit == "Q":
        over = [v for v in recent if not ended or ref is None or _quarter_end(v) < ref]
        value = latest_period(tuple(over), "Q")
        return period_timex(value, "context") if value else None
    if unit == "Y" and recent and recent[-1][:4].isdigit() and len(recent[-1]) > 4:
        return timex_year(int(recent[-1][:4]), "context")
    return None


def _quarter_end(value: str) -> date:
    """The last day of a quarter value ("1989-Q3" -> 1989-09-30); other values: far ahead."""
    if len(value) != 7 or value[5] != "Q" or not value[:4].isdigit():
        return date.max
    return month_last_day(int(value[:4]), int(value[6]) * 3)


def relative_unit(s: str, st: State) -> Timex | None:
    """ "last week", "this month", "earlier this year", "next year", "last fiscal year", "the
    year" (with a position: "the end of the year"), "all month", "year-end", "the quarter"."""
    m = match(r"(?:({dirs}) )?(fiscal )?(week|month|quarter|year|decade|century)( end)?", s)
    if not m:
        return None
    direction, fiscal, word, end = m[1], bool(m[2]), m[3], bool(m[4])
    lex = lexicon()
    use, shift = lex.direction_uses.get(direction or "", ""), lex.directions.get(direction or "", 0)
    if use == "context" or (use == "the context" and st.the):
        return context_shift(shift, word, st)
    if use == "the span" and st.the and not end:
        return duration(1, lex.units[word])
    if direction is None and not (st.the or fiscal or end):
        return None
    unit = lex.units[word]
    spoken = None
    if use == "topic" or (direction is None and unit == "Q"):
        spoken = _spoken_of(unit, st, shift < 0)  # "the quarter" in a story about one quarter
    ref = st.ref.published
    if spoken is None and ref is None:
        return unresolved()
    if spoken is not None:
        found: Timex | None = spoken
    elif fiscal and word == "year" and ref is not None:
        found = timex_year(fiscal_year(ref) + shift, "published")
    else:
        assert ref is not None
        found = _shifted(unit, shift, ref, "published")
    return replace(found, mod="END") if found is not None and end else found


def quarter(s: str, st: State) -> Timex | None:
    """ "the third quarter", "Q2 2019", "the fourth quarter of last year", "this year's third
    quarter", "the first half", "the fiscal first quarter"."""
    m = match(
        r"(?:an? )?(?:({dirs}) year )?(?:fiscal )?({ordinal}|\d(?:st|nd|rd|th)) (?:fiscal )?"
        r"(quarter|half)"
        r"(?: of (?:{year}|({dirs}|the) year))?",
        s,
    )
    if m:
        number, kind = number_of(m[2]), "Q" if m[3] == "quarter" else "H"
        relative, year = m[1] or m[5], m[4]
    else:
        m = match(r"q ?([1-4])(?: (?:of )?{year})?", s)
        if not m:
            return None
        number, kind, relative, year = int(m[1]), "Q", None, m[2]
    if number is None or not 1 <= number <= (4 if kind == "Q" else 2):
        return None
    return _in_year_part(kind, number, year, relative, st)


def _in_year_part(kind: str, number: int, year: str | None, rel: str | None, st: State) -> Timex:
    """A quarter or half of a stated, relative or underspecified year. A quarter's results
    are reported in the quarter after it, so "will report third-quarter results" in October
    is the third quarter just ended."""
    ref = st.ref.published
    months = 3 if kind == "Q" else 6
    if year:
        return period_timex(f"{year}-{kind}{number}", "absolute")
    if ref is None:
        return unresolved()
    if rel is not None:
        y = ref.year + lexicon().directions.get(rel, 0)
        return period_timex(f"{y:04d}-{kind}{number}", "published")

    def build(y: int) -> Candidate:
        first = date(y, (number - 1) * months + 1, 1)
        last = month_last_day(y, number * months)
        return first, last, period_timex(f"{y:04d}-{kind}{number}", "absolute")

    unhinted = st.ref.year_hint is None and st.ref.partner is None
    if kind == "Q" and st.ref.tense is Tense.FUTURE and unhinted:
        reported = ref - timedelta(days=92)
        years = (ref.year - 1, ref.year, ref.year + 1)
        ahead = [c for c in map(build, years) if c[1] >= reported]
        return replace(min(ahead, key=lambda c: c[0])[2], anchor="published")
    return resolve_shifted(build, st, None)


_NOUNS = "quarter|half|period|results?"


def compared_period(s: str, st: State) -> Timex | None:
    """Periods named after the one the text is about: "year-earlier" and "the year-ago
    quarter" (that period a year before), "the quarter a year ago", "the 1988 third quarter",
    "the 1988 period", "the latest period", "that quarter"."""
    m = match(
        r"(?:(?:comparable|same) )?year (?:earlier|ago)(?: ({ordinal}))?(?: fiscal)?"
        rf"(?: ({_NOUNS}))?",
        s,
    ) or match(rf"({_NOUNS}) an? year (?:earlier|ago)", s)
    if m:
        ordinal = m[1] if m.re.groups > 1 else None
        noun = m[2] if m.re.groups > 1 else m[1]
        return _year_before(ordinal, noun, st)
    m = match(rf"{{year}}(?: ({{ordinal}}))?(?: fiscal)? ({_NOUNS})", s)
    if m:
        return _in_named_year(int(m[1]), m[2], m[3], st)
    m = match(r"(?:({dirs}|that|same|comparable) )?(period|quarter)", s)
    if m and (m[1] or st.the) and (m[2] == "period" or m[1] in ("that", "same", "comparable")):
        value = latest_period(st.ref.recent, "Q" if m[2] == "quarter" else None)
        if value is not None:
            return period_timex(value, "context")
        ref, shift = st.ref.published, lexicon().directions.get(m[1] or "", 0)
        if ref is not None and shift < 0:  # "the latest period": the last quarter over
            return _shifted("Q", -1, ref, "published")
        return unresolved()
    return None


def _year_before(ordinal: str | None, noun: str | None, st: State) -> Timex:
    """The period spoken of, a year before; a stated quarter of the year before."""
    ref = st.ref.published
    topic = period_topic(st.ref.recent)
    if noun == "quarter":
        topic = latest_period(st.ref.recent, "Q")
    if ordinal is not None:
        number = number_of(ordinal)
        base = int(topic[:4]) if topic else ref.year if ref else None
        if base is None or number is None or not 1 <= number <= 4:
            return unresolved()
        value = f"{base - 1:04d}-Q{number}"
        return replace(period_timex(value, "context" if topic else "published"), compares=True)
    if topic is not None:
        return replace(period_timex(shift_years(topic, -1), "context"), compares=True)
    if noun in ("quarter", "half") and ref is not None:
        unit = "Q" if noun == "quarter" else "H"
        current = f"{ref.year - 1:04d}-{unit}{(ref.month - 1) // (3 if unit == 'Q' else 6) + 1}"
        return period_timex(current, "published")
    return timex_year(ref.year - 1, "published") if ref else unresolved()


def _in_named_year(year: int, ordinal: str | None, noun: str, st: State) -> Timex:
    """ "the 1988 third quarter"; "the 1988 quarter": the quarter spoken of, in 1988."""
    if ordinal is not None:
        number = number_of(ordinal)
        if number is None or not 1 <= number <= 4 or noun != "quarter":
            return unresolved()
        return period_timex(f"{year:04d}-Q{number}", "absolute")
    topic = latest_period(st.ref.recent, "Q" if noun == "quarter" else None)
    if topic is not None:
        return period_timex(f"{year:04d}{topic[4:]}", "context")
    return timex_year(year, "absolute")


def period_ending(text: str, end: Timex) -> Timex | None:
    """A period named by the day it ends: "the quarter ended Sept. 30" is the quarter holding
    that day, "the fourth quarter ended Aug. 26" the company's fourth quarter of that year,
    "the year ended March 31" the year named by its end. None: not such a period ("the six
    months ended Aug. 12" is a duration)."""
    point = end.point
    if point is None or point.month is None or end.value is None:
        return None
    ws = strip_prefixes(spoken_years(words(text)), State(Reference()))
    m = match(r"(?:fiscal )?(?:({ordinal}) )?(?:fiscal )?(quarter|year)", " ".join(ws))
    if not m:
        return None
    if m[2] == "year":
        return timex_year(point.year, "context")
    number = number_of(m[1]) if m[1] else (point.month - 1) // 3 + 1
    if number is None or not 1 <= number <= 4:
        return None
    return period_timex(f"{point.year:04d}-Q{number}", "context")
