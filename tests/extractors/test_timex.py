"""TIMEX3 resolution of single expressions against a reference date (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from mppclaims.extractors.timex import Point, Reference, Tense, interpret, stated_fields, words

PAST, PRESENT, FUTURE, NONE = Tense.PAST, Tense.PRESENT, Tense.FUTURE, Tense.NONE

# (expression, publication date, tense of the governing verb, expected value)
RESOLVED = [
    # weekdays: past -> on or before the publication date, future -> on or after
    ("on Friday", "2022-03-11", PAST, "2022-03-11"),  # a Friday article's "on Friday"
    ("Thursday", "2022-03-11", PAST, "2022-03-10"),
    ("Tuesday", "2022-03-11", PAST, "2022-03-08"),
    ("Saturday", "2022-03-11", PAST, "2022-03-05"),
    ("on Friday", "2022-03-11", FUTURE, "2022-03-11"),
    ("Monday", "2022-03-11", FUTURE, "2022-03-14"),
    ("Wednesday", "2022-03-11", FUTURE, "2022-03-16"),
    ("Tuesday", "2023-12-30", FUTURE, "2024-01-02"),  # across the year end
    ("Friday", "2024-01-03", PAST, "2023-12-29"),
    ("Monday", "2023-10-06", PRESENT, "2023-10-02"),  # "the effect of Monday's vote is"
    ("Sunday", "2023-10-05", NONE, "2023-10-08"),  # no verb: the nearest
    ("Monday", "2023-10-05", NONE, "2023-10-02"),
    ("last Thursday", "2022-03-11", NONE, "2022-03-10"),
    ("last Friday", "2022-03-11", PAST, "2022-03-04"),  # never the day itself
    ("next Monday", "2022-06-14", PRESENT, "2022-06-20"),
    ("next Tuesday", "2022-06-14", NONE, "2022-06-21"),
    ("this Friday", "2022-06-14", NONE, "2022-06-17"),
    # parts of the day resolve to their day
    ("Monday night", "2022-06-14", PAST, "2022-06-13"),
    ("Tuesday morning", "2022-06-14", PAST, "2022-06-14"),
    ("last night", "2022-06-14", PAST, "2022-06-13"),
    ("tonight", "2022-06-14", FUTURE, "2022-06-14"),
    ("this morning", "2024-03-01", PAST, "2024-03-01"),
    ("yesterday afternoon", "2024-03-01", PAST, "2024-02-29"),
    ("tomorrow", "2023-12-31", FUTURE, "2024-01-01"),
    ("Today", "2023-10-05", PAST, "2023-10-05"),
    # month-days and months: tense decides the year around the publication date
    ("March 1", "2022-02-27", FUTURE, "2022-03-01"),
    ("Jan. 15", "2022-10-20", FUTURE, "2023-01-15"),
    ("Jan. 15", "2022-10-20", PRESENT, "2023-01-15"),  # nearer ahead than behind
    ("Aug. 3", "2023-10-05", PAST, "2023-08-03"),
    ("Dec. 28", "2024-01-03", PAST, "2023-12-28"),
    ("April 2", "2023-10-05", PAST, "2023-04-02"),
    ("the 4th of July", "2023-06-20", FUTURE, "2023-07-04"),
    ("November", "2024-01-03", PAST, "2023-11"),
    ("in December", "2024-01-03", NONE, "2023-12"),
    ("April", "2023-03-10", PAST, "2022-04"),  # "peaked in April" in a March article
    ("June", "2022-10-20", FUTURE, "2023-06"),  # "the session closes in June"
    ("in August", "2023-10-05", PAST, "2023-08"),
    ("in November", "2023-10-05", FUTURE, "2023-11"),
    ("last December", "2023-10-05", NONE, "2022-12"),
    ("next January", "2023-10-05", NONE, "2024-01"),
    ("late March", "2022-06-14", PAST, "2022-03"),
    ("early October", "2023-10-20", PAST, "2023-10"),
    ("the end of July", "2023-08-15", PAST, "2023-07"),
    # weeks, months, years relative to the publication date
    ("last week", "2022-06-14", PAST, "2022-W23"),
    ("this week", "2023-10-05", NONE, "2023-W40"),
    ("next week", "2023-10-05", FUTURE, "2023-W41"),
    ("last week", "2021-01-05", PAST, "2020-W53"),  # ISO weeks across the year end
    ("last month", "2023-10-05", PAST, "2023-09"),
    ("last month", "2024-01-03", PAST, "2023-12"),
    ("earlier this month", "2022-06-14", PAST, "2022-06"),
    ("later this year", "2022-06-14", FUTURE, "2022"),
    ("next year", "2023-10-05", FUTURE, "2024"),
    ("last year", "2024-01-03", PAST, "2023"),
    ("the end of the year", "2022-06-14", PRESENT, "2022"),
    ("all month", "2022-06-14", PAST, "2022-06"),
    ("last weekend", "2023-10-05", PAST, "2023-W39-WE"),
    ("this weekend", "2023-10-02", PAST, "2023-W39-WE"),  # said on a Monday
    # quarters and halves
    ("the third quarter", "2023-09-29", PAST, "2023-Q3"),
    ("the fourth quarter", "2024-02-10", PAST, "2023-Q4"),
    ("the first quarter", "2022-11-15", FUTURE, "2023-Q1"),
    ("last quarter", "2024-01-15", PAST, "2023-Q4"),
    ("this quarter", "2023-05-15", NONE, "2023-Q2"),
    ("the second quarter of 2021", "2023-05-15", PAST, "2021-Q2"),
    ("Q3 2024", "2023-10-05", NONE, "2024-Q3"),
    ("the fourth quarter of last year", "2024-03-01", PAST, "2023-Q4"),
    ("the first half of 2022", None, NONE, "2022-H1"),
    # seasons (a winter is named by the year of its December)
    ("last summer", "2023-10-05", PAST, "2023-SU"),
    ("last summer", "2023-07-15", PAST, "2022-SU"),
    ("this spring", "2024-01-10", FUTURE, "2024-SP"),
    ("this winter", "2024-01-10", PAST, "2023-WI"),
    ("next fall", "2023-10-05", FUTURE, "2024-FA"),
    ("in the fall", "2023-03-01", FUTURE, "2023-FA"),
    ("the summer of 2012", "2023-10-05", PAST, "2012-SU"),
    ("winter 2021", None, NONE, "2021-WI"),
    # US federal fiscal years run October to September
    ("last fiscal year", "2023-10-05", PAST, "2023"),
    ("last fiscal year", "2023-06-05", PAST, "2022"),
    ("this fiscal year", "2022-11-20", NONE, "2023"),
    ("next fiscal year", "2024-03-01", FUTURE, "2025"),
    ("Fiscal Year 2019", None, PAST, "2019"),
    ("FY2024", None, NONE, "2024"),
    ("fiscal 2021", None, NONE, "2021"),
    # offsets from the publication date
    ("three years ago", "2023-10-05", PAST, "2020"),
    ("more than 15 years ago", "2023-10-05", PAST, "2008"),
    ("two months ago", "2023-10-05", PAST, "2023-08"),
    ("10 days ago", "2024-03-05", PAST, "2024-02-24"),
    ("Sixty-three years ago", "2023-10-05", PAST, "1960"),
    ("only days ago", "2023-10-05", PAST, "PAST_REF"),
    ("in recent weeks", None, PAST, "PAST_REF"),
    ("the coming weeks", "2023-10-05", FUTURE, "FUTURE_REF"),
    ("these days", "2023-10-05", PRESENT, "PRESENT_REF"),
    # stated in full
    ("March 14, 2022", None, NONE, "2022-03-14"),
    ("On May 9, 2013", "2023-10-05", PAST, "2013-05-09"),
    ("Tuesday, June 14, 2022", None, NONE, "2022-06-14"),
    ("October 2023", None, NONE, "2023-10"),
    ("the year 1999", None, NONE, "1999"),
    ("since 1998", None, PAST, "1998"),
    ("2022-06-14", None, NONE, "2022-06-14"),
    ("3/9/2021", None, NONE, "2021-03-09"),
    ("the 1990s", None, NONE, "199"),
    ("the mid-1990s", None, NONE, "199"),
    ("the '80s", None, NONE, "198"),
    ("the 1970's", None, NONE, "197"),
    ("the 21st century", None, NONE, "20"),
    # holidays
    ("Christmas", "2023-10-05", NONE, "2023-12-25"),
    ("last Christmas", "2024-03-01", NONE, "2023-12-25"),
    ("Thanksgiving", "2023-10-05", FUTURE, "2023-11-23"),
    ("Labor Day", "2023-08-01", FUTURE, "2023-09-04"),
    ("Election Day", "2022-10-20", FUTURE, "2022-11-08"),
]


@pytest.mark.parametrize(("text", "published", "tense", "value"), RESOLVED)
def test_value_against_the_publication_date(
    text: str, published: str | None, tense: Tense, value: str
) -> None:
    ref = Reference(published=date.fromisoformat(published) if published else None, tense=tense)
    found = interpret(text, ref)
    assert found is not None
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("nine months", "duration", "P9M"),
        ("three days", "duration", "P3D"),
        ("for 25 years", "duration", "P25Y"),
        ("at least six years", "duration", "P6Y"),
        ("as long as 12 years", "duration", "P12Y"),
        ("the past three weeks", "duration", "P3W"),
        ("the last week", "duration", "P1W"),
        ("over the last six years", "duration", "P6Y"),
        ("a year and a half", "duration", "P1.5Y"),
        ("for several years", "duration", "PXY"),
        ("for months", "duration", "PXM"),
        ("nearly three decades", "duration", "P3DE"),
        ("40 minutes", "duration", "PT40M"),
        ("every year", "set", "P1Y"),
        ("each day", "set", "P1D"),
        ("every six months", "set", "P6M"),
        ("every other week", "set", "P2W"),
        ("every 45 minutes", "set", "PT45M"),
        ("quarterly", "set", "P3M"),
        ("on a weekly basis", "set", "P1W"),
        ("every Friday", "set", "XXXX-WXX-5"),
        ("Mondays", "set", "XXXX-WXX-1"),
    ],
)
def test_durations_and_sets_need_no_reference(text: str, kind: str, value: str) -> None:
    found = interpret(text)
    assert found is not None
    assert (found.type, found.value, found.anchor) == (kind, value, None)


@pytest.mark.parametrize(
    "text",
    [
        "6:30 p.m.",
        "9:15 AM EST",
        "under 21",
        "35-year-old",
        "ages 12 to 17",
        "the age of 65",
        "42",
        "mid-40s",
        "5-4",
        "weekday",
        "day 3",
        "the early years",
        "a long time",
        "on a day",
    ],
)
def test_not_calendar_references(text: str) -> None:
    assert interpret(text, Reference(published=date(2022, 3, 11))) is None


@pytest.mark.parametrize(
    "text",
    ["Thursday", "last week", "later this month", "Nov. 14", "August", "next fiscal year"],
)
def test_relative_expressions_stay_unresolved_without_a_publication_date(text: str) -> None:
    found = interpret(text, Reference(published=None, tense=PAST))
    assert found is not None
    assert (found.value, found.anchor) == (None, None)


@pytest.mark.parametrize(
    ("text", "mod"),
    [
        ("late March", "END"),
        ("early October", "START"),
        ("mid-2017", "MID"),
        ("the end of May", "END"),
        ("the beginning of next year", "START"),
        ("over a decade ago", "BEFORE"),
        ("less than a month ago", "AFTER"),
        ("about three years ago", "APPROX"),
        ("Nov. 14", None),
    ],
)
def test_mod(text: str, mod: str | None) -> None:
    found = interpret(text, Reference(published=date(2023, 10, 5), tense=PAST))
    assert found is not None and found.value is not None
    assert found.mod == mod


def test_anchor_says_where_the_value_came_from() -> None:
    published = Reference(published=date(2022, 3, 11), tense=PAST)
    assert interpret("on Friday", published).anchor == "published"  # type: ignore[union-attr]
    assert interpret("October 2021", published).anchor == "absolute"  # type: ignore[union-attr]
    hinted = Reference(published=None, tense=PAST, year_hint=2021)
    april = interpret("in April", hinted)
    assert april is not None and (april.value, april.anchor) == ("2021-04", "context")


def test_a_stated_year_nearby_does_not_override_last_or_next() -> None:
    ref = Reference(published=date(2023, 10, 5), tense=PAST, year_hint=2014)
    assert interpret("last December", ref).value == "2022-12"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "previous", "value"),
    [
        ("four years later", Point(2011), "2015"),
        ("a month later", Point(2019, 12), "2020-01"),
        ("a year earlier", Point(2018, 6), "2017"),
        ("the next day", Point(2020, 2, 28), "2020-02-29"),
        ("the following week", Point(2022, 12, 29), "2023-W01"),
        ("that year", Point(1991), "1991"),
    ],
)
def test_context_relative_expressions_follow_the_previous_date(
    text: str, previous: Point, value: str
) -> None:
    found = interpret(text, Reference(published=date(2023, 10, 5), previous=previous))
    assert found is not None
    assert (found.value, found.anchor) == (value, "context")


def test_later_without_an_earlier_date_is_unresolved() -> None:
    found = interpret("weeks later", Reference(published=date(2023, 10, 5)))
    assert found is not None and found.value is None


@pytest.mark.parametrize(
    ("text", "partner", "value"),
    [
        ("6", Point(2023, 10, 3), "2023-10-06"),  # "Oct. 3 to 6"
        ("9, 2021", Point(2021, 3), "2021-03-09"),  # "March 7-9, 2021"
        ("22", Point(2021), "2022"),  # "2021-22"
        ("February", Point(2021, 5), "2021-02"),  # "February to May 2021"
    ],
)
def test_the_other_end_of_a_range(text: str, partner: Point, value: str) -> None:
    found = interpret(text, Reference(published=date(2023, 10, 5), partner=partner))
    assert found is not None and found.value == value


def test_words_and_stated_fields() -> None:
    assert words("Nov. 14") == ["nov", "14"]
    assert words("last week’s") == ["last", "week"]
    assert words("mid-October") == ["mid", "october"]
    assert stated_fields("March 7-9, 2021") == Point(2021, 3)
    assert stated_fields("Oct. 3 to 6") is None
