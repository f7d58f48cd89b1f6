"""Numeric claims that need the parse: direction on the right figure, names with numbers, long
digit runs, ranges that are two levels, and figures too large for a value.

Sentences are written from general news usage. Each case lists every claim, in order, as
(text, value, fields); `fields` names only the attributes the case is about.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

import mppclaims
from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.extractors.numbers import extract_numbers
from mppclaims.records import ArticleRecord, NumericClaim

Expected = list[tuple[str, float | None, dict[str, Any]]]

DIRECTIONS: list[tuple[str, Expected]] = [
    (
        "Shares of the retailer rose 4% to $52 on Tuesday.",
        [("4%", 4, {"direction": "up"}), ("$52", 52, {"direction": None})],
    ),
    (
        "The index fell 45 points, or 0.6%, to 7,500.",
        [
            ("45 points", 45, {"direction": "down"}),
            ("0.6%", 0.6, {"direction": "down"}),
            ("7,500", 7500, {"direction": None}),
        ],
    ),
    (
        "Bank shares closed down 31p at 450p.",
        [("31p", 31, {"direction": "down"}), ("450p", 450, {"direction": None})],
    ),
    ("The index was up 12 at midday.", [("12", 12, {"direction": "up"})]),
    (
        "Unemployment fell from 14 to 9 percent.",
        [("14", 14, {"direction": None}), ("9 percent", 9, {"direction": None})],
    ),
    (
        "Fares will rise from 5 to 10 per cent next year.",
        [("5", 5, {"direction": None}), ("10 per cent", 10, {"direction": None})],
    ),
    ("Estimates vary from 5 to 10 per cent.", [("from 5 to 10 per cent", 5, {"value_max": 10})]),
    (
        "The company posted a loss of 17 cents a share.",
        [("17 cents a share", 17, {"direction": None})],
    ),
    ("The firm reported a $916 million loss.", [("$916 million", 916e6, {"direction": None})]),
    ("The recession caused a loss of 4,000 jobs.", [("4,000", 4000, {"direction": "down"})]),
    ("The stock was -2.6% at the close.", [("-2.6%", -2.6, {"direction": "down"})]),
    ("The index ended +2.4% on the week.", [("+2.4%", 2.4, {"direction": "up"})]),
    ("The low was -12C overnight.", [("-12C", -12, {"direction": None})]),
    ("Oil prices slipped 0.4 per cent.", [("0.4 per cent", 0.4, {"direction": "down"})]),
    (
        "Sales increased by 5% to 10 million units.",
        [("5%", 5, {"direction": "up"}), ("10 million", 1e7, {})],
    ),
    ("The pound edged up 0.2% against the euro.", [("0.2%", 0.2, {"direction": "up"})]),
    ("Exports grew fourfold.", [("fourfold", 4, {"direction": "up"})]),
    (
        "Turnout was 67.3%, up 1.2 percentage points.",
        [("67.3%", 67.3, {"direction": None}), ("1.2 percentage points", 1.2, {"direction": "up"})],
    ),
    (
        "The bank raised rates by a quarter of a percentage point.",
        [("a quarter of a percentage point", 0.25, {"direction": "up"})],
    ),
    ("The charity raised $5 million last year.", [("$5 million", 5e6, {"direction": None})]),
    ("Emissions are 32 percent below 2005 levels.", [("32 percent", 32, {"direction": "down"})]),
    (
        "The budget includes $3 trillion in tax cuts.",
        [("$3 trillion", 3e12, {"direction": "down"})],
    ),
    ("Most of the apples sold here are grown in 12 states.", [("12", 12, {"direction": None})]),
    (
        "Prices rose between 5 and 10 per cent.",
        [("between 5 and 10 per cent", 5, {"direction": "up"})],
    ),
    (
        "The population grew by 1.1 million to 67.6 million.",
        [
            ("1.1 million", 1.1e6, {"direction": "up"}),
            ("67.6 million", 67.6e6, {"direction": None}),
        ],
    ),
    ("The quake struck 10km below the surface.", [("10km", 10, {"direction": None})]),
    ("Inflation fell below 5% in May.", [("below 5%", 5, {"direction": None, "bound": "lt"})]),
    ("Shares fell more than 10% on Monday.", [("more than 10%", 10, {"direction": "down"})]),
    (
        "The margin of error is plus or minus 4 percentage points.",
        [("plus or minus 4 percentage points", 4, {"direction": None})],
    ),
]

NAMES_AND_COUNTS: list[tuple[str, Expected]] = [
    ("The CAC 40 rose 1.2% on Friday.", [("1.2%", 1.2, {"direction": "up"})]),
    ("Windows 10 runs on 500 million devices.", [("500 million", 5e8, {})]),
    ("Apollo 11 landed on the moon.", []),
    ("Fortune 500 companies hired 3,000 graduates.", [("3,000", 3000, {})]),
    ("The factory employs 24000 workers.", [("24000", 24_000, {"kind": "count"})]),
    ("Her badge number is 48213.", []),
    ("The promise is one year old.", [("one year", 1, {"unit": "year"})]),
    ("One day the river rose.", []),
]

CASES = [*DIRECTIONS, *NAMES_AND_COUNTS]


def _claims(nlp: Language, text: str) -> list[NumericClaim]:
    ctx = ArticleContext(nlp(text))
    fill_context(ctx, until="sources")  # the source resolver the figures ask
    ctx.dates, ctx.quotes = [], []
    return extract_numbers(ctx)


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence(nlp: Language, sentence: str, expected: Expected) -> None:
    claims = _claims(nlp, sentence)
    assert [c.text for c in claims] == [text for text, _, _ in expected]
    for claim, (_, value, fields) in zip(claims, expected, strict=True):
        assert claim.value == pytest.approx(value)
        assert sentence[claim.start : claim.end] == claim.text
        for name, want in fields.items():
            got = getattr(claim, name)
            assert got == (pytest.approx(want) if isinstance(want, float) else want), name


def test_a_figure_beyond_a_float_has_no_value(nlp: Language) -> None:
    text = "The simulation ran 1e400 steps and counted 1" + "0" * 400 + " grains."
    claims = _claims(nlp, text)
    assert [c.value for c in claims] == [None, None]
    assert all(c.text in text for c in claims)


def test_an_article_record_accepts_its_own_output() -> None:
    """A record with a value too large for a float round-trips through its own JSON."""
    text = "Officials counted 1e400 grains of sand and 42 volunteers."
    record = mppclaims.extract(text)
    assert record.error is None
    assert [c.value for c in record.numeric_claims] == [None, 42]
    again = ArticleRecord.model_validate_json(record.model_dump_json())
    assert again == record


def test_a_claim_never_holds_infinity() -> None:
    claim = NumericClaim(text="1e400", start=0, end=5, value=float("inf"), value_max=float("nan"))
    assert claim.value is None and claim.value_max is None
