"""TimeML values of each class of expression: (expression, publication date, tense) -> value.

Pure: no model, no clock. Every relative value comes from the publication date given here,
never from today's date (a case without one stays unresolved).
"""

from __future__ import annotations

from datetime import date

import pytest

from mppclaims.extractors.timex import Point, Reference, Tense, interpret, period_ending

PAST, PRESENT, FUTURE, NONE = Tense.PAST, Tense.PRESENT, Tense.FUTURE, Tense.NONE


def _value(
    text: str, published: str | None, tense: Tense = NONE, recent: tuple[str, ...] = ()
) -> tuple[str, str | None] | None:
    day = date.fromisoformat(published) if published else None
    found = interpret(text, Reference(published=day, tense=tense, recent=recent))
    return None if found is None else (found.type, found.value)


# TimeML's reference values: the present, the past and the future without a date.
REFERENCES = [
    ("now", "PRESENT_REF"),
    ("right now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("current", "PRESENT_REF"),
    ("at present", "PRESENT_REF"),
    ("these days", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("more recently", "PAST_REF"),
    ("until recently", "PAST_REF"),
    ("recent", "PAST_REF"),
    ("in the past", "PAST_REF"),
    ("previously", "PAST_REF"),
    ("recent years", "PAST_REF"),
    ("past decades", "PAST_REF"),
    ("the past several quarters", "PAST_REF"),
    ("soon", "FUTURE_REF"),
    ("in the future", "FUTURE_REF"),
    ("the near future", "FUTURE_REF"),
    ("over the near term", "FUTURE_REF"),
    ("future quarters", "FUTURE_REF"),
    ("the coming months", "FUTURE_REF"),
    ("the next few weeks", "FUTURE_REF"),
    ("as soon as possible", "FUTURE_REF"),
]


@pytest.mark.parametrize(("text", "value"), REFERENCES)
@pytest.mark.parametrize("published", ["2023-10-05", None])
def test_reference_values(text: str, value: str, published: str | None) -> None:
    assert _value(text, published, PRESENT) == ("date", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("the past two years", "P2Y"), ("the last week", "P1W"), ("over the past three weeks", "P3W")],
)
def test_a_stated_count_is_a_duration_not_a_reference(text: str, value: str) -> None:
    assert _value(text, "2023-10-05") == ("duration", value)


# Quarters, halves, fiscal years, year ends.
PERIODS = [
    ("the third quarter", "1989-10-26", PAST, "1989-Q3"),
    ("the fourth quarter", "1989-10-26", PAST, "1989-Q4"),  # the quarter under way
    ("fourth-quarter", "1989-11-02", FUTURE, "1989-Q4"),
    ("a third-quarter", "1989-11-02", PAST, "1989-Q3"),
    # a quarter's results are reported in the quarter after it
    ("third-quarter", "1989-11-02", FUTURE, "1989-Q3"),
    ("the second quarter", "1989-11-02", FUTURE, "1990-Q2"),
    ("this year's third quarter", "1998-02-10", FUTURE, "1998-Q3"),
    ("next year's first quarter", "1998-02-10", FUTURE, "1999-Q1"),
    ("its fourth quarter", "1989-11-02", PAST, "1989-Q4"),
    ("the fiscal first quarter", "1989-10-26", PAST, "1989-Q1"),
    ("the 1988 third quarter", "1989-10-26", PAST, "1988-Q3"),
    ("the first half", "2023-10-05", PAST, "2023-H1"),
    ("the second half", "2023-03-05", FUTURE, "2023-H2"),
    ("the last half of 1989", "1990-03-01", PAST, "1989-H2"),
    ("the latest quarter", "1989-11-02", PAST, "1989-Q3"),
    ("the latest period", "1989-11-02", PAST, "1989-Q3"),
    ("the full year", "1989-11-02", FUTURE, "1989"),
    ("year-end", "1989-11-02", FUTURE, "1989"),
    ("by year's end", "2023-06-02", FUTURE, "2023"),
    ("fiscal 1998", None, NONE, "1998"),
    ("fiscal 1998", "1998-11-02", PAST, "1998"),
    ("the year-ago quarter", "1989-11-02", PAST, "1988-Q4"),
]


@pytest.mark.parametrize(("text", "published", "tense", "value"), PERIODS)
def test_periods(text: str, published: str | None, tense: Tense, value: str) -> None:
    assert _value(text, published, tense) == ("date", value)


# The period the text is about: "a year earlier" after "third-quarter profit" is the third
# quarter a year before, and comparisons do not change what the text is about.
SPOKEN_OF = [
    ("the quarter", ("1989-Q3",), "1989-Q3"),
    ("that quarter", ("1989-Q3", "1989-10-02"), "1989-Q3"),
    ("a year earlier", ("1989-Q3",), "1988-Q3"),
    ("a year ago", ("1989-Q3",), "1988-Q3"),
    ("year-earlier", ("1989-Q3",), "1988-Q3"),
    ("the year-ago period", ("1989-H1",), "1988-H1"),
    ("the quarter a year earlier", ("1989-Q2",), "1988-Q2"),
    ("the year-earlier third quarter", ("1989-Q3",), "1988-Q3"),
    ("the 1988 quarter", ("1989-Q3",), "1988-Q3"),
    ("the latest quarter", ("1989-Q3", "1989-Q4"), "1989-Q3"),  # Q4 is not over yet
    ("the full year", ("1989-Q3",), "1989"),
]


@pytest.mark.parametrize(("text", "recent", "value"), SPOKEN_OF)
def test_periods_the_text_speaks_of(text: str, recent: tuple[str, ...], value: str) -> None:
    assert _value(text, "1989-11-02", PAST, recent=recent) == ("date", value)


def test_a_year_earlier_after_a_month_counts_years_from_the_publication_date() -> None:
    # "In May ... a year prior": a month is no reporting period; the year before is a year
    assert _value("a year prior", "2016-09-26", PAST, recent=("2016-05",)) == ("date", "2015")


def test_a_comparison_does_not_become_what_the_text_is_about() -> None:
    found = interpret("a year earlier", Reference(published=date(1989, 11, 2), recent=("1989-Q3",)))
    assert found is not None and found.compares
    found = interpret("the third quarter", Reference(published=date(1989, 11, 2)))
    assert found is not None and not found.compares


@pytest.mark.parametrize(
    ("period", "end", "value"),
    [
        ("the quarter", "1989-09-30", "1989-Q3"),
        ("its fourth quarter", "1989-08-26", "1989-Q4"),
        ("the fiscal-first quarter", "1989-09-30", "1989-Q1"),
        ("the year", "1989-09-30", "1989"),
        ("the fiscal year", "1990-06-30", "1990"),
    ],
)
def test_a_period_named_by_the_day_that_closes_it(period: str, end: str, value: str) -> None:
    day = date.fromisoformat(end)
    closing = interpret(end)
    assert closing is not None and closing.point == Point(day.year, day.month, day.day)
    found = period_ending(period, closing)
    assert found is not None and found.value == value


def test_a_span_closed_by_a_day_that_is_no_named_period_is_left_to_the_reader() -> None:
    closing = interpret("1989-08-12")
    assert closing is not None
    assert period_ending("the six months", closing) is None


# Weeks, weekends and the week of a weekday.
WEEKS = [
    ("last week", "1998-01-08", PAST, "1998-W01"),
    ("this week", "1998-01-08", NONE, "1998-W02"),
    ("next week", "1998-01-08", FUTURE, "1998-W03"),
    ("last week", "2021-01-05", PAST, "2020-W53"),
    ("the weekend", "1989-10-30", PAST, "1989-W43-WE"),  # said on a Monday
    ("this coming weekend", "2023-10-03", FUTURE, "2023-W40-WE"),
    ("Friday", "1998-01-09", PAST, "1998-01-09"),  # the publication date's own weekday
    ("Friday", "1998-01-09", FUTURE, "1998-01-09"),
    ("Thursday", "1998-01-09", PAST, "1998-01-08"),
    ("Thursday", "1998-01-09", FUTURE, "1998-01-15"),
    ("Monday", "1998-01-09", NONE, "1998-01-12"),  # nearer ahead than behind
    ("Tuesday", "1998-01-09", NONE, "1998-01-06"),
    ("last Friday", "1998-01-09", PAST, "1998-01-02"),
    ("next Friday", "1998-01-09", FUTURE, "1998-01-16"),
    ("earlier Sunday", "1998-03-22", PAST, "1998-03-22"),
]


@pytest.mark.parametrize(("text", "published", "tense", "value"), WEEKS)
def test_weeks_and_weekdays(text: str, published: str, tense: Tense, value: str) -> None:
    assert _value(text, published, tense) == ("date", value)


def test_the_previous_weekday_counts_from_the_day_the_text_speaks_of() -> None:
    ref = Reference(published=date(1989, 10, 30), tense=PAST, previous=Point(1989, 10, 27))
    found = interpret("the previous Friday", ref)
    assert found is not None and (found.value, found.anchor) == ("1989-10-20", "context")


# Compositional and spelled-out expressions, decades, named days and holidays.
COMPOSED = [
    ("May of last year", "1998-02-10", PAST, "1997-05"),
    ("June last year", "1998-02-10", PAST, "1997-06"),
    ("January this year", "1998-02-19", PAST, "1998-01"),
    ("next April", "1998-02-10", FUTURE, "1998-04"),
    ("this coming Sunday, March eighth", "1998-03-02", FUTURE, "1998-03-08"),
    ("Saturday, April 25", "1998-04-24", PAST, "1998-04-25"),  # the year it is a Saturday
    ("Friday Oct. 13", "1989-10-27", PAST, "1989-10-13"),
    ("nineteen ninety-six", None, NONE, "1996"),
    ("the winter of nineteen ninety-four", None, NONE, "1994-WI"),
    ("January nineteen ninety-seven", None, NONE, "1997-01"),
    ("the year two thousand", None, NONE, "2000"),
    ("two thousand and three", None, NONE, "2003"),
    ("twenty twenty-one", None, NONE, "2021"),
    ("nineteen hundred", None, NONE, "1900"),
    ("the nineties", "1998-03-03", PAST, "199"),
    ("the mid-nineties", "1998-03-03", PAST, "199"),
    ("the twenties", "1998-03-03", PAST, "192"),  # the latest begun by the publication date
    ("the twenties", "2023-03-03", PAST, "202"),
    ("the 1990s", None, NONE, "199"),
    ("the '80s", "1998-03-03", PAST, "198"),
    ("nineteen-eighties", None, NONE, "198"),
    ("the next year or so", "1989-11-02", FUTURE, "1990"),
    ("sometime next year", "1989-11-02", FUTURE, "1990"),
    ("Christmas Day", "1998-12-01", FUTURE, "1998-12-25"),
    ("Christmas Eve", "1999-01-10", PAST, "1998-12-24"),
    ("New Year's Day", "1998-12-20", FUTURE, "1999-01-01"),
    ("Memorial Day", "2023-05-01", FUTURE, "2023-05-29"),
    ("last Thanksgiving", "2024-03-01", NONE, "2023-11-23"),
]


@pytest.mark.parametrize(("text", "published", "tense", "value"), COMPOSED)
def test_composed_and_spelled_out(
    text: str, published: str | None, tense: Tense, value: str
) -> None:
    assert _value(text, published, tense) == ("date", value)


@pytest.mark.parametrize("text", ["in his sixties", "their twenties", "twenty seven"])
def test_ages_and_counts_in_words_are_no_years(text: str) -> None:
    found = _value(text, "1998-03-03")
    assert found is None or found[1] not in ("196", "192", "2007")


# Types kept apart: a clock time with its day is a TIME; durations and sets are not dates.
TYPES = [
    ("5 p.m. EST Nov. 9", "1989-11-02", FUTURE, ("time", "1989-11-09T17:00")),
    ("Friday at 10:30 a.m.", "1989-11-02", FUTURE, ("time", "1989-11-03T10:30")),
    ("noon Tuesday", "1989-11-02", PAST, ("time", "1989-10-31T12:00")),
    ("midnight Friday", "1989-11-02", FUTURE, ("time", "1989-11-03T00:00")),
    ("10 p.m. Wednesday", None, PAST, ("time", None)),
    ("three years", "1998-01-08", NONE, ("duration", "P3Y")),
    ("the last twenty four hours", "1998-01-08", NONE, ("duration", "PT24H")),
    ("every week", "1998-01-08", NONE, ("set", "P1W")),
    ("each July", "1998-01-08", NONE, None),
    ("annually", None, NONE, ("set", "P1Y")),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), TYPES)
def test_types(text: str, published: str | None, tense: Tense, expected: object) -> None:
    found = _value(text, published, tense)
    assert found == expected or (expected is None and (found is None or found[0] != "date"))


@pytest.mark.parametrize("text", ["6:30 p.m.", "9 p.m. E.T.", "at noon", "10:30 a.m. local time"])
def test_a_clock_time_alone_is_no_date(text: str) -> None:
    assert _value(text, "2023-10-05") is None


# Anchoring: without a publication date nothing relative is resolved (never against today).
@pytest.mark.parametrize(
    "text",
    ["tomorrow", "the third quarter", "last week", "Friday", "a year ago", "this year's"],
)
def test_no_publication_date_no_relative_value(text: str) -> None:
    found = interpret(text, Reference(published=None, tense=PAST))
    assert found is None or found.value is None


# Beyond the calendar: an item without a value, never an exception.
@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("tomorrow", "9999-12-31"),
        ("the day after tomorrow", "9999-12-30"),
        ("next week", "9999-12-31"),
        ("next year", "9999-12-31"),
        ("the next day", "9999-12-31"),
        ("yesterday", "0001-01-01"),
        ("last month", "0001-01-01"),
        ("99999999999 days ago", "2020-01-01"),
        ("99999999999 weeks from now", "2020-01-01"),
        ("99999 years ago", "2020-01-01"),
        ("30 centuries ago", "2020-01-01"),
        ("5000000 months later", "2020-01-01"),
        ("the next day", "9999-12-31"),
    ],
)
def test_dates_beyond_the_calendar_have_no_value(text: str, published: str) -> None:
    day = date.fromisoformat(published)
    ref = Reference(published=day, previous=Point(day.year, day.month, day.day))
    found = interpret(text, ref)
    assert found is not None and found.value is None
