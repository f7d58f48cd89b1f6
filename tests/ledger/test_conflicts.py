"""Conflicts: overlapping times, values that qualifiers and rounding cannot reconcile."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from mppclaims.ledger import find_conflicts, value_range
from mppclaims.records import LedgerClaim, When

DAY = date(2019, 4, 12)


def ledger_claim(
    text: str,
    value: float,
    article: str = "a",
    when: tuple[date, date] | None = (DAY, DAY),
    **fields: Any,
) -> LedgerClaim:
    start, end = when or (None, None)
    return LedgerClaim(
        text=text,
        start=0,
        end=len(text),
        value=value,
        article=article,
        when=When(basis="time_ref" if when else None, start=start, end=end),
        **fields,
    )


@pytest.mark.parametrize(
    ("text", "value", "fields", "expected"),
    [
        ("1,323", 1323, {}, (1322.5, 1323.5)),
        ("59,000", 59000, {}, (58500, 59500)),
        ("about 59,000", 59000, {"approx": True}, (53100, 64900)),
        ("1.2 million", 1_200_000, {}, (1_150_000, 1_250_000)),
        ("2 million", 2_000_000, {}, (1_500_000, 2_500_000)),
        ("40 percent", 40, {"unit": "percent", "kind": "percent"}, (39.5, 40.5)),
        ("47.1 percent", 47.1, {"unit": "percent", "kind": "percent"}, (47.05, 47.15)),
        ("more than 800", 800, {"bound": "gt"}, (799.5, math.inf)),
        ("fewer than 50", 50, {"bound": "lt"}, (-math.inf, 50.5)),
        ("thousands", 1000, {"vague": True, "approx": True, "bound": "gte"}, (900, math.inf)),
        ("Eleven", 11, {}, (10.5, 11.5)),
        ("between 18 and 25", 18, {"value_max": 25}, (17.5, 25.5)),
        ("fell 12 percent", 12, {"direction": "down", "unit": "percent"}, (-12.5, -11.5)),
    ],
)
def test_value_range_allows_rounding_and_qualifiers(
    text: str, value: float, fields: dict[str, Any], expected: tuple[float, float]
) -> None:
    low, high = value_range(ledger_claim(text, value, **fields))
    assert low == pytest.approx(expected[0]) and high == pytest.approx(expected[1])


def test_about_59000_and_59400_do_not_conflict() -> None:
    claims = [
        ledger_claim("about 59,000", 59000, "a", approx=True),
        ledger_claim("59,400", 59400, "b"),
    ]
    assert find_conflicts(claims) == []


def test_different_figures_for_the_same_day_conflict_with_a_reason() -> None:
    claims = [ledger_claim("1,323", 1323, "a"), ledger_claim("93", 93, "b")]
    [conflict] = find_conflicts(claims)
    assert (conflict.first, conflict.second) == (0, 1)
    assert "“1,323” (a) allows 1,322.5 to 1,323.5" in conflict.reason
    assert "“93” (b) allows 92.5 to 93.5" in conflict.reason
    assert "2019-04-12" in conflict.reason


def test_different_times_are_a_trend_not_a_conflict() -> None:
    claims = [
        ledger_claim("93", 93, "a", when=(date(2019, 2, 1), date(2019, 2, 1))),
        ledger_claim("1,323", 1323, "b", when=(date(2019, 4, 1), date(2019, 4, 12))),
    ]
    assert find_conflicts(claims) == []


def test_overlapping_intervals_are_compared() -> None:
    claims = [
        ledger_claim("93", 93, "a", when=(date(2019, 4, 1), date(2019, 4, 30))),
        ledger_claim("1,323", 1323, "b", when=(date(2019, 4, 12), date(2019, 4, 12))),
    ]
    assert len(find_conflicts(claims)) == 1


def test_an_undated_claim_is_never_in_conflict() -> None:
    claims = [ledger_claim("93", 93, "a", when=None), ledger_claim("1,323", 1323, "b")]
    assert find_conflicts(claims) == []


def test_claims_of_one_article_are_not_compared() -> None:
    claims = [ledger_claim("93", 93, "a"), ledger_claim("13", 13, "a")]
    assert find_conflicts(claims) == []


def test_a_bound_reconciles_a_larger_figure() -> None:
    claims = [
        ledger_claim("more than $915 million", 915e6, "a", bound="gt", unit="USD", kind="money"),
        ledger_claim("$916 million", 916e6, "b", unit="USD", kind="money"),
    ]
    assert find_conflicts(claims) == []


def test_a_bound_conflicts_with_a_figure_beyond_it() -> None:
    claims = [
        ledger_claim("fewer than 50", 50, "a", bound="lt"),
        ledger_claim("300", 300, "b"),
    ]
    [conflict] = find_conflicts(claims)
    assert "allows at most 50.5" in conflict.reason


def test_opposite_changes_conflict() -> None:
    claims = [
        ledger_claim("rose 3 percent", 3, "a", direction="up", unit="percent"),
        ledger_claim("fell 3 percent", 3, "b", direction="down", unit="percent"),
    ]
    assert len(find_conflicts(claims)) == 1
