"""TIMEX3 resolution of single expressions against a reference date (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from mppclaims.extract.timex import Point, Reference, Tense, interpret, stated_fields, words

PAST, PRESENT, FUTURE, NONE = Tense.PAST, Tense.PRESENT, Tense.FUTURE, Tense.NONE

# (expression, publication date, tense of the governing verb, expected value)
RESOLVED = [
    # weekdays: past -> on or before the publication date, future -> on or after
    ("on Friday", "2019-04-12", PAST, "2019-04-12"),  # a Friday article's "on Friday"
    ("Thursday", "2019-04-12", PAST, "2019-04-11"),
    ("Monday", "2019-04-12", PAST, "2019-04-08"),
    ("Saturday", "2019-04-12", PAST, "2019-04-06"),
    ("on Friday", "2019-04-12", FUTURE, "2019-04-12"),
    ("Monday", "2019-04-12", FUTURE, "2019-04-15"),
    ("Wednesday", "2019-04-12", FUTURE, "2019-04-17"),
    ("Tuesday", "2018-12-30", FUTURE, "2019-01-01"),  # across the year end
    ("Friday", "2019-01-02", PAST, "2018-12-28"),
    ("Monday", "2016-09-30", PRESENT, "2016-09-26"),  # "the impact of Monday's debate is"
    ("Sunday", "2016-09-22", NONE, "2016-09-25"),  # no verb: the nearest
    ("Monday", "2016-09-22", NONE, "2016-09-19"),
    ("last Thursday", "2019-04-12", NONE, "2019-04-11"),
    ("last Friday", "2019-04-12", PAST, "2019-04-05"),  # never the day itself
    ("next Monday", "2016-09-27", PRESENT, "2016-10-03"),
    ("next Tuesday", "2016-09-27", NONE, "2016-10-04"),
    ("this Friday", "2019-04-10", NONE, "2019-04-12"),
    # parts of the day resolve to their day
    ("Monday night", "2016-09-27", PAST, "2016-09-26"),
    ("Tuesday morning", "2016-09-20", PAST, "2016-09-20"),
    ("last night", "2016-09-27", PAST, "2016-09-26"),
    ("tonight", "2016-09-26", FUTURE, "2016-09-26"),
    ("this morning", "2020-03-02", PAST, "2020-03-02"),
    ("yesterday afternoon", "2020-03-01", PAST, "2020-02-29"),
    ("tomorrow", "2019-12-31", FUTURE, "2020-01-01"),
    ("Today", "2021-01-18", PAST, "2021-01-18"),
    # month-days and months: tense decides the year around the publication date
    ("January 19", "2021-01-18", FUTURE, "2021-01-19"),
    ("Jan. 20", "2016-09-27", FUTURE, "2017-01-20"),
    ("Jan. 20", "2016-09-27", PRESENT, "2017-01-20"),  # nearer ahead than behind
    ("Sept. 9", "2019-10-04", PAST, "2019-09-09"),
    ("Dec. 28", "2020-01-06", PAST, "2019-12-28"),
    ("Feb. 9", "2016-09-27", PAST, "2016-02-09"),
    ("the 4th of July", "2019-06-20", FUTURE, "2019-07-04"),
    ("December", "2021-01-18", PAST, "2020-12"),
    ("in December", "2021-01-18", NONE, "2020-12"),
    ("May", "2020-02-14", PAST, "2019-05"),  # "crossed in May" in a February article
    ("June", "2016-09-27", FUTURE, "2017-06"),  # "the term ends in June"
    ("in August", "2016-09-22", PAST, "2016-08"),
    ("in November", "2016-09-08", FUTURE, "2016-11"),
    ("last December", "2016-09-27", NONE, "2015-12"),
    ("next January", "2016-09-27", NONE, "2017-01"),
    ("late January", "2019-04-12", PAST, "2019-01"),
    ("early September", "2016-09-25", PAST, "2016-09"),
    ("the end of August", "2016-09-22", PAST, "2016-08"),
    # weeks, months, years relative to the publication date
    ("last week", "2016-09-20", PAST, "2016-W37"),
    ("this week", "2016-10-04", NONE, "2016-W40"),
    ("next week", "2016-10-04", FUTURE, "2016-W41"),
    ("last week", "2021-01-05", PAST, "2020-W53"),  # ISO weeks across the year end
    ("last month", "2016-09-16", PAST, "2016-08"),
    ("last month", "2020-01-10", PAST, "2019-12"),
    ("earlier this month", "2016-09-20", PAST, "2016-09"),
    ("later this year", "2016-09-20", FUTURE, "2016"),
    ("next year", "2016-09-22", FUTURE, "2017"),
    ("last year", "2016-09-16", PAST, "2015"),
    ("the end of the year", "2016-09-27", PRESENT, "2016"),
    ("all month", "2016-09-30", PAST, "2016-09"),
    ("last weekend", "2016-09-22", PAST, "2016-W37-WE"),
    ("this weekend", "2016-09-19", PAST, "2016-W37-WE"),
    # quarters and halves
    ("the third quarter", "2016-09-30", PAST, "2016-Q3"),
    ("the fourth quarter", "2017-02-10", PAST, "2016-Q4"),
    ("the first quarter", "2016-11-15", FUTURE, "2017-Q1"),
    ("last quarter", "2019-01-15", PAST, "2018-Q4"),
    ("this quarter", "2019-05-15", NONE, "2019-Q2"),
    ("the second quarter of 2018", "2019-05-15", PAST, "2018-Q2"),
    ("Q3 2019", "2016-09-30", NONE, "2019-Q3"),
    ("the fourth quarter of last year", "2019-03-01", PAST, "2018-Q4"),
    ("the first half of 2019", None, NONE, "2019-H1"),
    # seasons (a winter is named by the year of its December)
    ("last summer", "2016-09-30", PAST, "2016-SU"),
    ("last summer", "2016-07-15", PAST, "2015-SU"),
    ("this spring", "2016-01-10", FUTURE, "2016-SP"),
    ("this winter", "2016-01-10", PAST, "2015-WI"),
    ("next fall", "2016-09-30", FUTURE, "2017-FA"),
    ("in the fall", "2016-03-01", FUTURE, "2016-FA"),
    ("the summer of 2010", "2016-09-08", PAST, "2010-SU"),
    ("winter 2018", None, NONE, "2018-WI"),
    # US federal fiscal years run October to September
    ("last fiscal year", "2019-10-04", PAST, "2019"),
    ("last fiscal year", "2019-06-04", PAST, "2018"),
    ("this fiscal year", "2019-11-20", NONE, "2020"),
    ("next fiscal year", "2019-03-01", FUTURE, "2020"),
    ("Fiscal Year 2017", None, PAST, "2017"),
    ("FY2020", None, NONE, "2020"),
    ("fiscal 2021", None, NONE, "2021"),
    # offsets from the publication date
    ("two years ago", "2016-09-28", PAST, "2014"),
    ("more than 20 years ago", "2016-09-28", PAST, "1996"),
    ("three months ago", "2016-09-25", PAST, "2016-06"),
    ("10 days ago", "2016-03-05", PAST, "2016-02-24"),
    ("Seventy-four years ago", "2016-09-08", PAST, "1942"),
    ("just weeks ago", "2019-10-04", PAST, "PAST_REF"),
    ("in recent months", None, PAST, "PAST_REF"),
    ("the coming months", "2019-10-04", FUTURE, "FUTURE_REF"),
    ("these days", "2016-10-04", PRESENT, "PRESENT_REF"),
    # stated in full
    ("January 18, 2021", None, NONE, "2021-01-18"),
    ("On July 6, 2011", "2016-09-28", PAST, "2011-07-06"),
    ("Friday, April 12, 2019", None, NONE, "2019-04-12"),
    ("January 2019", None, NONE, "2019-01"),
    ("the year 2000", None, NONE, "2000"),
    ("since 1972", None, PAST, "1972"),
    ("2019-04-12", None, NONE, "2019-04-12"),
    ("11/16/2018", None, NONE, "2018-11-16"),
    ("the 1990s", None, NONE, "199"),
    ("the mid-1990s", None, NONE, "199"),
    ("the '80s", None, NONE, "198"),
    ("the 1980's", None, NONE, "198"),
    ("the 21st century", None, NONE, "20"),
    # holidays
    ("Christmas", "2016-09-30", NONE, "2016-12-25"),
    ("last Christmas", "2017-03-01", NONE, "2016-12-25"),
    ("Thanksgiving", "2016-09-30", FUTURE, "2016-11-24"),
    ("Labor Day", "2016-08-01", FUTURE, "2016-09-05"),
    ("Election Day", "2016-09-28", FUTURE, "2016-11-08"),
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
        ("seven months", "duration", "P7M"),
        ("two days", "duration", "P2D"),
        ("for 30 years", "duration", "P30Y"),
        ("at least five years", "duration", "P5Y"),
        ("as long as 18 years", "duration", "P18Y"),
        ("the past two weeks", "duration", "P2W"),
        ("the last week", "duration", "P1W"),
        ("over the last four years", "duration", "P4Y"),
        ("a year and a half", "duration", "P1.5Y"),
        ("for several years", "duration", "PXY"),
        ("for months", "duration", "PXM"),
        ("nearly two decades", "duration", "P2DE"),
        ("90 minutes", "duration", "PT90M"),
        ("every year", "set", "P1Y"),
        ("each day", "set", "P1D"),
        ("every three months", "set", "P3M"),
        ("every other week", "set", "P2W"),
        ("every 72 minutes", "set", "PT72M"),
        ("quarterly", "set", "P3M"),
        ("on a daily basis", "set", "P1D"),
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
        "5 p.m.",
        "8:07 PM GMT",
        "under 18",
        "24-year-old",
        "ages 16 to 24",
        "the age of 18",
        "30",
        "mid-30s",
        "2-1",
        "weekday",
        "day 1",
        "the early days",
        "a long time",
        "on a day",
    ],
)
def test_not_calendar_references(text: str) -> None:
    assert interpret(text, Reference(published=date(2019, 4, 12))) is None


@pytest.mark.parametrize(
    "text",
    ["Wednesday", "last month", "earlier this month", "Sept. 9", "June", "last fiscal year"],
)
def test_relative_expressions_stay_unresolved_without_a_publication_date(text: str) -> None:
    found = interpret(text, Reference(published=None, tense=PAST))
    assert found is not None
    assert (found.value, found.anchor) == (None, None)


@pytest.mark.parametrize(
    ("text", "mod"),
    [
        ("late January", "END"),
        ("early September", "START"),
        ("mid-2015", "MID"),
        ("the end of August", "END"),
        ("the beginning of next year", "START"),
        ("over a year ago", "BEFORE"),
        ("less than a year ago", "AFTER"),
        ("about two years ago", "APPROX"),
        ("Sept. 9", None),
    ],
)
def test_mod(text: str, mod: str | None) -> None:
    found = interpret(text, Reference(published=date(2016, 9, 28), tense=PAST))
    assert found is not None and found.value is not None
    assert found.mod == mod


def test_anchor_says_where_the_value_came_from() -> None:
    published = Reference(published=date(2019, 4, 12), tense=PAST)
    assert interpret("on Friday", published).anchor == "published"  # type: ignore[union-attr]
    assert interpret("January 2019", published).anchor == "absolute"  # type: ignore[union-attr]
    hinted = Reference(published=None, tense=PAST, year_hint=2019)
    june = interpret("in June", hinted)
    assert june is not None and (june.value, june.anchor) == ("2019-06", "context")


def test_a_stated_year_nearby_does_not_override_last_or_next() -> None:
    ref = Reference(published=date(2016, 9, 27), tense=PAST, year_hint=2010)
    assert interpret("last December", ref).value == "2015-12"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "previous", "value"),
    [
        ("two years later", Point(2007), "2009"),
        ("a month later", Point(2011, 12), "2012-01"),
        ("a year earlier", Point(2012, 6), "2011"),
        ("the next day", Point(2020, 2, 28), "2020-02-29"),
        ("the following week", Point(2016, 12, 29), "2017-W01"),
        ("that year", Point(1984), "1984"),
    ],
)
def test_context_relative_expressions_follow_the_previous_date(
    text: str, previous: Point, value: str
) -> None:
    found = interpret(text, Reference(published=date(2016, 9, 28), previous=previous))
    assert found is not None
    assert (found.value, found.anchor) == (value, "context")


def test_later_without_an_earlier_date_is_unresolved() -> None:
    found = interpret("months later", Reference(published=date(2016, 9, 28)))
    assert found is not None and found.value is None


@pytest.mark.parametrize(
    ("text", "partner", "value"),
    [
        ("22", Point(2016, 9, 19), "2016-09-22"),  # "Sept. 19 to 22"
        ("7, 2019", Point(2019, 1), "2019-01-07"),  # "Jan. 5-7, 2019"
        ("19", Point(2018), "2019"),  # "2018-19"
        ("January", Point(2019, 3), "2019-01"),  # "January to March 2019"
    ],
)
def test_the_other_end_of_a_range(text: str, partner: Point, value: str) -> None:
    found = interpret(text, Reference(published=date(2016, 9, 25), partner=partner))
    assert found is not None and found.value == value


def test_words_and_stated_fields() -> None:
    assert words("Sept. 9") == ["sept", "9"]
    assert words("last week’s") == ["last", "week"]
    assert words("mid-September") == ["mid", "september"]
    assert stated_fields("Jan. 5-7, 2019") == Point(2019, 1)
    assert stated_fields("Sept. 19 to 22") is None
