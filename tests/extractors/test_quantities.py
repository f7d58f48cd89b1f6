"""The figure grammar on plain text (no model): every way news writes a figure.

Each case is a sentence written from general news usage and the quantities the text reader
must find in it, in order, as (text, value, fields); `fields` names only what the case is
about. The parse checks (years, names, direction) are tested in test_figures.py.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from mppclaims import lexicons
from mppclaims.extractors.quantities import Quantity, find_quantities
from mppclaims.extractors.quantities.units import unit_name

Expected = list[tuple[str, float, dict[str, Any]]]

CURRENCIES: list[tuple[str, Expected]] = [
    ("The fund raised USD25m from investors.", [("USD25m", 25e6, {"unit": "USD"})]),
    ("The bond pays EUR 3.2bn at maturity.", [("EUR 3.2bn", 3.2e9, {"currency": "EUR"})]),
    ("Lunch at the stall costs RM12.40.", [("RM12.40", 12.4, {"unit": "MYR", "kind": "money"})]),
    ("The mine was sold for US$85 million.", [("US$85 million", 85e6, {"unit": "USD"})]),
    ("The club spent €5bn on players.", [("€5bn", 5e9, {"unit": "EUR"})]),
    ("A loaf now costs 85p.", [("85p", 85, {"unit": "pence", "kind": "money"})]),
    ("Canadian tickets cost C$2.50.", [("C$2.50", 2.5, {"unit": "CAD"})]),
    ("Day labourers earn Rs 500.", [("Rs 500", 500, {"unit": "INR"})]),
    ("The tram fare rose to HK$3.", [("HK$3", 3, {"unit": "HKD"})]),
    ("Entry costs 10 euros for adults.", [("10 euros", 10, {"unit": "EUR"})]),
    ("A bowl of noodles costs 8 yuan.", [("8 yuan", 8, {"unit": "CNY"})]),
    ("The deal was worth 125 million Swiss francs.", [("125 million Swiss francs", 125e6, {})]),
    ("The ticket was priced at 115.5USD.", [("115.5USD", 115.5, {"unit": "USD"})]),
    ("Sales reached 120 MEUR last year.", [("120 MEUR", 120e6, {"unit": "EUR"})]),
    ("They paid 75 USD million for the site.", [("75 USD million", 75e6, {"unit": "USD"})]),
    ("The loan of 12,34,567 rupees was approved.", [("12,34,567 rupees", 1_234_567, {})]),
    ("Coffee costs 3 dollars and 50 cents.", [("3 dollars and 50 cents", 3.5, {"unit": "USD"})]),
    ("A coffee was 4€ at the station.", [("4€", 4, {"unit": "EUR"})]),
    ("The shares pay 37 cents each.", [("37 cents", 37, {"unit": "cent"})]),
]

UNITS: list[tuple[str, Expected]] = [
    ("The phone ships with 512GB of storage.", [("512GB", 512, {"unit": "gigabyte"})]),
    ("The pump draws 3kW at full speed.", [("3kW", 3, {"unit": "kilowatt", "kind": "measure"})]),
    ("Each pill holds 250mg of the drug.", [("250mg", 250, {"unit": "milligram"})]),
    ("Overnight, 2.5mm of rain fell.", [("2.5mm", 2.5, {"unit": "millimeter"})]),
    ("The fighter weighed in at 180lbs.", [("180lbs", 180, {"unit": "pound"})]),
    ("It reached 30 deg celsius in Madrid.", [("30 deg celsius", 30, {"unit": "degree Celsius"})]),
    ("Athens hit 41C on Monday.", [("41C", 41, {"unit": "degree Celsius"})]),
    ("The house has 3,000 sq ft of floor space.", [("3,000 sq ft", 3000, {"unit": "square foot"})]),
    ("Gusts reached 70 mph on the coast.", [("70 mph", 70, {"unit": "mile per hour"})]),
    ("The train runs at 300 km/h.", [("300 km/h", 300, {"unit": "kilometer per hour"})]),
    ("The limit is 0.5 mg/l of lead.", [("0.5 mg/l", 0.5, {"unit": "milligram per liter"})]),
    ("Mortgage rates hit 6 per cent.", [("6 per cent", 6, {"unit": "percent", "kind": "percent"})]),
    ("The bridge is 1.2km long.", [("1.2km", 1.2, {"unit": "kilometer"})]),
    ("The new tower is 310m tall.", [("310m", 310, {"unit": "meter"})]),
    ("She won the 100m final.", [("100m", 100, {"unit": "meter"})]),
    ("The plant stores 40 MWh of power.", [("40 MWh", 40, {"unit": "megawatt-hour"})]),
    ("Brazil exported 3,000 tonnes of beef.", [("3,000 tonnes", 3000, {"unit": "ton"})]),
    ("The engine makes 300hp.", [("300hp", 300, {"unit": "horsepower"})]),
    ("Rates rose by half a percentage point.", [("half a percentage point", 0.5, {})]),
]

SIGNS: list[tuple[str, Expected]] = [
    ("The low tonight is minus 3 degrees.", [("minus 3 degrees", -3, {"sign": "-"})]),
    ("The stock ended the day -2.6%.", [("-2.6%", -2.6, {"sign": "-", "unit": "percent"})]),
    ("The index closed +2.4% higher.", [("+2.4%", 2.4, {"sign": "+"})]),
    ("Moscow shivered at -12C.", [("-12C", -12, {"unit": "degree Celsius"})]),
    ("The margin of error is plus or minus 3 points.", [("plus or minus 3 points", 3, {})]),
    ("The F-35 flew over 40 towns.", [("over 40", 40, {"sign": None, "bound": "gt"})]),
]

FRACTIONS: list[tuple[str, Expected]] = [
    ("The track is a 1/4 mile oval.", [("1/4 mile", 0.25, {"unit": "mile"})]),
    ("About 3/4 of the seats were filled.", [("About 3/4", 0.75, {"unit": "fraction"})]),
    ("The yield fell to .05 per cent.", [(".05 per cent", 0.05, {"unit": "percent"})]),
    ("One out of five homes flooded.", [("One out of five", 1, {"unit": "out of 5"})]),
    ("Two-thirds of voters agreed.", [("Two-thirds", 2 / 3, {"unit": "fraction"})]),
    ("The bond pays 7 3/4 % a year.", [("7 3/4 % a year", 7.75, {})]),
    ("The recipe needs 1½ cups of flour.", [("1½ cups", 1.5, {"unit": "cup"})]),
    ("The 9/11 memorial opened.", []),
    ("The shop is open 24/7.", []),
]

SCALES: list[tuple[str, Expected]] = [
    ("The app now has 12m users.", [("12m", 12e6, {"kind": "count"})]),
    ("The clip drew 7.1M views.", [("7.1M", 7.1e6, {})]),
    ("The job pays 65k.", [("65k", 65_000, {})]),
    ("The group holds $2bn in cash.", [("$2bn", 2e9, {"unit": "USD"})]),
    ("Debt rose to 1.2tn yen.", [("1.2tn yen", 1.2e12, {"unit": "JPY"})]),
    ("The film earned 3 crore rupees.", [("3 crore rupees", 3e7, {"unit": "INR"})]),
    ("They spent half a million dollars.", [("half a million dollars", 5e5, {})]),
    ("It costs a quarter million dollars.", [("a quarter million dollars", 2.5e5, {})]),
    ("The stadium holds 5 m people.", [("5", 5, {})]),
]

DIGITS: list[tuple[str, Expected]] = [
    ("The plant employs 24000 workers.", [("24000", 24_000, {"long_digits": True})]),
    ("Each dose holds 1.5e6 cells.", [("1.5e6", 1.5e6, {})]),
    ("The chip runs 10^9 operations a second.", [("10^9", 1e9, {})]),
    ("The star is 3 x 10^6 km away.", [("3 x 10^6 km", 3e6, {"unit": "kilometer"})]),
    ("The march drew 10\u00a0000 people.", [("10\u00a0000", 10_000, {"long_digits": False})]),
    ("Call 555-867-5309 now.", []),
    ("The account is 1111-2222-3333.", []),
]

RANGES: list[tuple[str, Expected]] = [
    ("The bill will cost $12 to $15 billion.", [("$12 to $15 billion", 12e9, {"value_max": 15e9})]),
    ("The chain plans 5-10 stores.", [("5-10", 5, {"value_max": 10, "kind": "range"})]),
    ("Between 5 and 10 people were hurt.", [("Between 5 and 10", 5, {"value_max": 10})]),
    ("Fees range from 5 to 10 per cent.", [("from 5 to 10 per cent", 5, {"unit": "percent"})]),
    ("Forecasts put it at $5.2-5.6 billion.", [("$5.2-5.6 billion", 5.2e9, {"value_max": 5.6e9})]),
    ("He is about 40 - 50 years old.", [("about 40 - 50 years", 40, {"approx": True})]),
    ("The budget is £12bn-£15bn.", [("£12bn-£15bn", 12e9, {"value_max": 15e9, "unit": "GBP"})]),
    ("The wall is eight to 10 feet tall.", [("eight to 10 feet", 8, {"value_max": 10})]),
    (
        "Support fell from 58 percent to 55 percent.",
        [("58 percent", 58, {}), ("55 percent", 55, {})],
    ),
    ("It grew by 5% to 10 million units.", [("5%", 5, {}), ("10 million", 1e7, {})]),
    ("It grew by 5 to 10 stores.", [("5", 5, {"value_max": None}), ("10", 10, {})]),
]

WORDS: list[tuple[str, Expected]] = [
    ("Exports rose fourfold.", [("fourfold", 4, {"unit": "times", "multiplier": True})]),
    ("A dozen boats sank.", [("A dozen", 12, {})]),
    ("A score of villagers fled.", [("A score", 20, {})]),
    ("Twenty five people signed.", [("Twenty five", 25, {})]),
    ("Half an hour later the fire was out.", [("Half an hour", 0.5, {"unit": "hour"})]),
    ("It was a third of a mile away.", [("a third of a mile", 1 / 3, {"unit": "mile"})]),
]

NAMES_AND_LABELS: list[tuple[str, Expected]] = [
    ("Airbus delivered A320 jets.", []),
    ("The G7 met in Rome.", []),
    ("The carrier launched 4G service.", []),
    ("The plan: 1) cut taxes; 2) hire teachers.", []),
    ("The ticket code is scp2-173.", []),
    ("It happened at 10 a.m. on Sept. 9.", []),
    ("Prices peaked on dec. 12, analysts said.", []),
]

CONVERSIONS: list[tuple[str, Expected]] = [
    (
        "He walked about 5 miles (8 km) to school.",
        [("about 5 miles", 5, {"approx": True}), ("8 km", 8, {"approx": True})],
    ),
    ("Prices averaged 64 cents a dozen.", [("averaged 64 cents a dozen", 64, {"approx": True})]),
    ("Turnout was barely 40%.", [("barely 40%", 40, {"approx": True})]),
    ("Growth was just over 2 percent.", [("just over 2 percent", 2, {"bound": "gt"})]),
]

CASES = [
    *CURRENCIES,
    *UNITS,
    *SIGNS,
    *FRACTIONS,
    *SCALES,
    *DIGITS,
    *RANGES,
    *WORDS,
    *NAMES_AND_LABELS,
    *CONVERSIONS,
]


def _check(sentence: str, found: list[Quantity], expected: Expected) -> None:
    assert [sentence[q.start : q.end] for q in found] == [text for text, _, _ in expected]
    for q, (_, value, fields) in zip(found, expected, strict=True):
        assert q.value == pytest.approx(value)
        for name, want in fields.items():
            got = getattr(q, name)
            assert got == (pytest.approx(want) if isinstance(want, float) else want), name


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence(sentence: str, expected: Expected) -> None:
    _check(sentence, find_quantities(sentence), expected)


@pytest.mark.parametrize("text", ["1e400 stars", "9" * 400 + " grains", "10^999 atoms"])
def test_a_figure_beyond_a_float_is_infinite_here_never_an_error(text: str) -> None:
    (q,) = find_quantities(text)
    assert math.isinf(q.value)


def test_unit_lexicons_agree() -> None:
    """No unit is both a word (any case) and a symbol (case kept), and every unit of time is
    named as common/time_units names it."""
    words = lexicons.keys("numbers/units")
    symbols = {e.split("=")[0].strip() for e in lexicons.entries("numbers/unit_symbols")}
    assert not {s.lower() for s in symbols} & words  # a word matches every case already
    times = lexicons.keys("common/time_units")
    for word in ("hrs", "mins", "yrs", "secs", "weeks", "fortnights"):
        assert unit_name(word) in times


def test_currency_lexicons_name_iso_codes() -> None:
    codes = [e.split()[0] for e in lexicons.entries("numbers/currency_codes")]
    assert all(len(c) == 3 and c.isupper() for c in codes)
    for table in ("numbers/currency_symbols", "numbers/currency_names"):
        assert all(len(v) == 3 and v.isupper() for v in lexicons.mapping(table).values())
