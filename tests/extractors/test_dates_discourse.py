"""Dates in a parse that depend on more than their own words: reference words found in the
text, the period a story is about, periods closed by a day, the clause a year belongs to,
clock times with their day, and what is no date at all."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from mppclaims.context import ArticleContext
from mppclaims.extractors.dates import extract_dates
from mppclaims.records import DateMention


def _dates(nlp: Language, text: str, published: date | None) -> list[DateMention]:
    found = extract_dates(ArticleContext(nlp(text), published=published))
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    return found


def _values(nlp: Language, text: str, published: date | None) -> dict[str, str | None]:
    return {d.text: d.value for d in _dates(nlp, text, published)}


OCT_1989 = date(1989, 10, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The museum is now closed for repairs.", {"now": "PRESENT_REF"}),
        ("The airline currently flies to 40 cities.", {"currently": "PRESENT_REF"}),
        ("Prices have risen sharply in recent years.", {"in recent years": "PAST_REF"}),
        ("The council will decide in the near future.", {"in the near future": "FUTURE_REF"}),
        ("Rents were lower in the past, residents said.", {"in the past": "PAST_REF"}),
        ("At the time, the bridge was the longest in Asia.", {"At the time": "PAST_REF"}),
    ],
)
def test_reference_words_are_dates(nlp: Language, text: str, expected: dict[str, str]) -> None:
    assert _values(nlp, text, OCT_1989) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The union walked out soon after the vote.",
        "The present system costs too much, the auditors said.",
        "Nobody knew at the time of the fire where the keys were.",
        "The board declared a quarterly dividend of 12 cents.",
        "Shareholders will gather for the annual meeting in a hotel.",
    ],
)
def test_words_that_only_look_like_time_references(nlp: Language, text: str) -> None:
    assert _dates(nlp, text, OCT_1989) == []


def test_a_quarterly_payment_is_a_set(nlp: Language) -> None:
    found = _dates(nlp, "The coupon is paid quarterly, the bank said.", OCT_1989)
    assert [(d.type, d.value) for d in found] == [("set", "P3M")]


def test_a_comparison_takes_the_period_the_story_is_about(nlp: Language) -> None:
    text = (
        "The brewer reported a third-quarter loss of $4 million, compared with a profit of "
        "$2 million a year earlier. Revenue in the quarter rose 5% from the year-ago period."
    )
    values = _values(nlp, text, date(1989, 11, 2))
    assert values["third-quarter"] == "1989-Q3"
    assert values["a year earlier"] == "1988-Q3"
    assert values["in the quarter"] == "1989-Q3"
    assert values["the year-ago period"] == "1988-Q3"


def test_a_period_closed_by_a_day(nlp: Language) -> None:
    text = "For the quarter ended Sept. 30, the insurer earned $8 million."
    found = {d.text: d.value for d in _dates(nlp, text, date(1989, 11, 2))}
    assert found == {"For the quarter": "1989-Q3", "Sept. 30": "1989-09-30"}


def test_a_bare_month_day_ignores_a_year_in_another_clause(nlp: Language) -> None:
    text = (
        "Under a plan the board adopted in 2015 that set no limit, the company had bought "
        "2 million shares through Sept. 29."
    )
    values = _values(nlp, text, OCT_1989)
    assert values["through Sept. 29"] == "1989-09-29"


def test_a_deadline_in_a_past_clause_is_the_nearest_one(nlp: Language) -> None:
    text = "The regulator asked the bank to respond by Nov. 10, a spokesman said."
    assert _values(nlp, text, OCT_1989)["by Nov. 10"] == "1989-11-10"


def test_a_date_of_an_adjective_does_not_take_the_past_tense(nlp: Language) -> None:
    text = "The company declared a dividend of 10 cents a share, payable Dec. 1."
    assert _values(nlp, text, OCT_1989)["Dec. 1"] == "1989-12-01"


def test_a_date_joined_by_a_preposition_is_no_range(nlp: Language) -> None:
    text = "After a revision Friday to December's figures, the bureau kept its forecast."
    values = _values(nlp, text, date(1998, 2, 6))
    assert values["December"] == "1997-12"


def test_a_clock_time_with_its_day_is_a_time(nlp: Language) -> None:
    text = "Bids are due by 5 p.m. EST Nov. 9, the agency said."
    found = [(d.type, d.value) for d in _dates(nlp, text, date(1989, 11, 2))]
    assert found == [("time", "1989-11-09T17:00")]


def test_years_said_in_words(nlp: Language) -> None:
    text = "The plant closed in nineteen ninety-six and reopened in January nineteen ninety-nine."
    values = list(_values(nlp, text, date(2001, 5, 4)).values())
    assert values == ["1996", "1999-01"]


def test_types_keep_calendar_dates_apart(nlp: Language) -> None:
    text = (
        "The strike lasted three weeks. Inspectors visit every month. "
        "The mayor spoke on Tuesday and now plans a vote at 10 a.m. Friday."
    )
    types = {d.text: d.type for d in _dates(nlp, text, date(2023, 10, 5))}
    assert types["three weeks"] == "duration"
    assert types["every month"] == "set"
    assert types["on Tuesday"] == "date"
    assert types["now"] == "date"
    assert [t for t in types.values() if t == "time"] == ["time"]
