"""The time a claim holds for: TimeML values as intervals of days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mppclaims.ledger import claim_when, interval
from mppclaims.records import DateMod

from .builders import claim, mention

D = date


@pytest.mark.parametrize(
    ("value", "mod", "expected"),
    [
        ("2019-04-12", None, (D(2019, 4, 12), D(2019, 4, 12))),
        ("2019-04-12TNI", None, (D(2019, 4, 12), D(2019, 4, 12))),
        ("2019-04", None, (D(2019, 4, 1), D(2019, 4, 30))),
        ("2020-02", None, (D(2020, 2, 1), D(2020, 2, 29))),
        ("2019-W15", None, (D(2019, 4, 8), D(2019, 4, 14))),
        ("2019-W15-WE", None, (D(2019, 4, 13), D(2019, 4, 14))),
        ("2019-Q2", None, (D(2019, 4, 1), D(2019, 6, 30))),
        ("2019-H2", None, (D(2019, 7, 1), D(2019, 12, 31))),
        ("2019-SU", None, (D(2019, 6, 1), D(2019, 8, 31))),
        ("2019-WI", None, (D(2019, 12, 1), D(2020, 2, 29))),
        ("2019", None, (D(2019, 1, 1), D(2019, 12, 31))),
        ("199", None, (D(1990, 1, 1), D(1999, 12, 31))),
        ("20", None, (D(2000, 1, 1), D(2099, 12, 31))),
        ("2019-01", "END", (D(2019, 1, 22), D(2019, 1, 31))),
        ("2019-01", "START", (D(2019, 1, 1), D(2019, 1, 10))),
        ("2019", "MID", (D(2019, 5, 2), D(2019, 9, 1))),
        ("2019", "APPROX", (D(2019, 1, 1), D(2019, 12, 31))),
        ("2019", "BEFORE", None),
        ("2019-05", "AFTER", None),
        ("PAST_REF", None, None),
        ("P7M", None, None),
        ("XXXX-WXX-5", None, None),
        ("2019-13", None, None),
        ("2019-W54", None, None),
        (None, None, None),
    ],
)
def test_a_value_names_the_days_of_its_precision(
    value: str | None, mod: DateMod | None, expected: tuple[date, date] | None
) -> None:
    assert interval(value, mod) == expected


@settings(deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_every_coarser_value_holds_the_day(day: date) -> None:
    values = [
        day.isoformat(),
        day.strftime("%Y-%m"),
        f"{day.isocalendar().year}-W{day.isocalendar().week:02d}",
        f"{day.year}-Q{(day.month - 1) // 3 + 1}",
        f"{day.year}-H{1 if day.month <= 6 else 2}",
        str(day.year),
        str(day.year)[:3],
    ]
    for value in values:
        span = interval(value)
        assert span is not None and span[0] <= day <= span[1], value


@settings(deadline=None)
@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from(["month", "year", "quarter"]),
)
def test_the_thirds_cover_the_interval_without_overlap(day: date, precision: str) -> None:
    value = {
        "month": day.strftime("%Y-%m"),
        "year": str(day.year),
        "quarter": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
    }[precision]
    whole = interval(value)
    start, mid, end = (interval(value, mod) for mod in ("START", "MID", "END"))
    assert whole and start and mid and end
    assert start[0] == whole[0] and end[1] == whole[1]
    assert (mid[0] - start[1]).days == 1 and (end[0] - mid[1]).days == 1


PUBLISHED = D(2019, 4, 12)


def test_a_claim_holds_for_its_time_ref() -> None:
    figure = claim("1,323", 1323, [], start=50, time_ref="in late January")
    dates = [mention("late January", "2019-01", start=20, mod="END")]
    when = claim_when(figure, dates, PUBLISHED)
    assert (when.basis, when.value, when.mod) == ("time_ref", "2019-01", "END")
    assert (when.start, when.end) == (D(2019, 1, 22), D(2019, 1, 31))
    assert when.text == "in late January"


def test_the_nearest_matching_date_resolves_the_time_ref() -> None:
    figure = claim("93", 93, [], start=100, time_ref="on Friday")
    dates = [mention("Friday", "2019-04-05", start=10), mention("Friday", "2019-04-12", start=90)]
    assert claim_when(figure, dates, PUBLISHED).start == D(2019, 4, 12)


def test_without_a_time_ref_the_publication_date_counts() -> None:
    when = claim_when(claim("93", 93, []), [], PUBLISHED)
    assert (when.basis, when.start, when.end) == ("published", PUBLISHED, PUBLISHED)


def test_a_count_since_a_date_holds_on_the_publication_date() -> None:
    figure = claim("1,323", 1323, [], start=40, time_ref="since late January")
    when = claim_when(figure, [mention("late January", "2019-01", mod="END")], PUBLISHED)
    assert (when.basis, when.start) == ("published", PUBLISHED)


@pytest.mark.parametrize("value", ["P7M", None, "XXXX-WXX-5"])
def test_a_time_ref_without_an_interval_gives_way_to_the_publication_date(
    value: str | None,
) -> None:
    figure = claim("12", 12, [], start=30, time_ref="for seven months")
    when = claim_when(figure, [mention("seven months", value)], PUBLISHED)
    assert (when.basis, when.start) == ("published", PUBLISHED)


def test_a_vague_reference_leaves_the_claim_undated() -> None:
    figure = claim("12", 12, [], start=30, time_ref="in recent years")
    when = claim_when(figure, [mention("recent years", "PAST_REF")], PUBLISHED)
    assert (when.basis, when.value, when.start) == (None, "PAST_REF", None)


def test_no_time_ref_and_no_publication_date_is_undated() -> None:
    when = claim_when(claim("93", 93, [], time_ref="As of last Thursday"), [], None)
    assert (when.basis, when.start, when.text) == (None, None, "As of last Thursday")
