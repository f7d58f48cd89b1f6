"""Numeric claims: sentences written from general news usage, one expectation each.

Each case lists every claim the sentence must yield, in order, as (text, value, fields):
an empty list means the sentence states no checkable quantity (dates, times, codes, names,
ordinals, the pronoun "one"). `fields` names only the attributes the case is about.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.extractors.numbers import extract_numbers
from mppclaims.extractors.quantities import find_quantities, words_value
from mppclaims.records import Boilerplate, DateMention, DateType, NumericClaim, Quote

Expected = list[tuple[str, float, dict[str, Any]]]

NUMBER_WORDS: list[tuple[str, Expected]] = [
    ("Two dozen protesters gathered outside city hall.", [("Two dozen", 24, {})]),
    (
        "A third of the county's voters stayed home.",
        [("A third", 1 / 3, {"unit": "fraction", "kind": "ratio"})],
    ),
    ("The city has 1.2 million residents.", [("1.2 million", 1_200_000, {"kind": "count"})]),
    ("Half of the respondents said they had no savings.", [("Half", 0.5, {"unit": "fraction"})]),
    ("Forty-two people were rescued from the flooded apartments.", [("Forty-two", 42, {})]),
    (
        "The museum received one hundred twenty-five paintings.",
        [("one hundred twenty-five", 125, {})],
    ),
    (
        "Nearly two-thirds of the members approved the budget.",
        [("Nearly two-thirds", 2 / 3, {"approx": True})],
    ),
    ("The company laid off half a million workers.", [("half a million", 500_000, {})]),
    ("A dozen firefighters battled the blaze.", [("A dozen", 12, {})]),
    (
        "The project will take two and a half years.",
        [("two and a half years", 2.5, {"unit": "year", "kind": "measure"})],
    ),
    ("Eleven lawmakers signed the letter.", [("Eleven", 11, {"unit": None, "kind": "count"})]),
]

MONEY: list[tuple[str, Expected]] = [
    (
        "The state will spend $3.5 billion on roads.",
        [("$3.5 billion", 3.5e9, {"unit": "USD", "kind": "money"})],
    ),
    ("Tickets cost £2,000 each.", [("£2,000", 2000, {"unit": "GBP", "kind": "money"})]),
    ("The fine was €1.2m, regulators said.", [("€1.2m", 1.2e6, {"unit": "EUR"})]),
    ("The startup raised $38million in its latest round.", [("$38million", 38e6, {})]),
    (
        "Workers earn $15 an hour.",
        [("$15 an hour", 15, {"unit": "USD per hour", "kind": "rate"})],
    ),
    ("The bonds are worth 40 billion dollars.", [("40 billion dollars", 4e10, {"unit": "USD"})]),
    ("Gas prices reached $4.10 a gallon.", [("$4.10 a gallon", 4.1, {"unit": "USD per gallon"})]),
    ("The stock paid 37 cents in dividends.", [("37 cents", 37, {"unit": "cent"})]),
    (
        "The firm is a $400-million-a-year business.",
        [("$400-million-a-year", 4e8, {"unit": "USD per year"})],
    ),
]

PERCENTS: list[tuple[str, Expected]] = [
    ("Turnout was 61.5 percent.", [("61.5 percent", 61.5, {"unit": "percent"})]),
    ("Unemployment fell to 3.9% in March.", [("3.9%", 3.9, {"kind": "percent"})]),
    (
        "The candidate leads by 4 percentage points.",
        [("4 percentage points", 4, {"unit": "percentage point", "kind": "percent"})],
    ),
]

BOUNDS: list[tuple[str, Expected]] = [
    ("More than 300 homes were destroyed.", [("More than 300", 300, {"bound": "gt"})]),
    ("At least 12 people died in the crash.", [("At least 12", 12, {"bound": "gte"})]),
    ("Fewer than 50 students enrolled.", [("Fewer than 50", 50, {"bound": "lt"})]),
    ("The law allows fines of up to $10,000.", [("up to $10,000", 10_000, {"bound": "lte"})]),
    ("Children under 5 ride free.", [("under 5", 5, {"bound": "lt"})]),
    (
        "Donors who gave $1,000 or more were invited.",
        [("$1,000 or more", 1000, {"bound": "gte"})],
    ),
    (
        "The charity helped no fewer than 800 families.",
        [("no fewer than 800", 800, {"bound": "gte"})],
    ),
    (
        "Temperatures could reach as high as 105 degrees.",
        [("as high as 105 degrees", 105, {"bound": "lte", "unit": "degree"})],
    ),
]

APPROXIMATIONS: list[tuple[str, Expected]] = [
    ("About 40 people attended the vigil.", [("About 40", 40, {"approx": True})]),
    ("Roughly 7,500 ballots remain uncounted.", [("Roughly 7,500", 7500, {"approx": True})]),
    ("Some 2,000 troops will be deployed.", [("Some 2,000", 2000, {"approx": True})]),
    (
        "The storm left almost 90,000 customers without power.",
        [("almost 90,000", 90_000, {"approx": True, "bound": "eq"})],
    ),
    (
        "An estimated 1.5 million people watched the parade.",
        [("An estimated 1.5 million", 1.5e6, {"approx": True})],
    ),
    ("The shelter houses 60 or so dogs.", [("60 or so", 60, {"approx": True})]),
]

RANGES: list[tuple[str, Expected]] = [
    (
        "Between 18 and 25 percent of renters are behind on payments.",
        [("Between 18 and 25 percent", 18, {"value_max": 25, "unit": "percent", "kind": "range"})],
    ),
    (
        "Salaries range from $40,000 to $55,000 a year.",
        [("from $40,000 to $55,000 a year", 40_000, {"value_max": 55_000, "unit": "USD per year"})],
    ),
    (
        "The storm could bring 8- to 12-inch snowfall.",
        [("8- to 12-inch", 8, {"value_max": 12, "unit": "inch"})],
    ),
    (
        "Each session lasts 30-45 minutes.",
        [("30-45 minutes", 30, {"value_max": 45, "unit": "minute"})],
    ),
    (
        "Support slipped from 48 percent in June to 44 percent.",
        [("48 percent", 48, {"kind": "percent"}), ("44 percent", 44, {"kind": "percent"})],
    ),
]

CHANGES: list[tuple[str, Expected]] = [
    ("Sales rose 12 percent last quarter.", [("12 percent", 12, {"direction": "up"})]),
    (
        "The company reported a 15 percent drop in revenue.",
        [("15 percent", 15, {"direction": "down", "about": "drop in revenue"})],
    ),
    ("Enrollment fell by half over the decade.", [("half", 0.5, {"direction": "down"})]),
    (
        "The number of applications doubled.",
        [("doubled", 2, {"unit": "times", "direction": "up"})],
    ),
    ("The district cut 200 teaching jobs.", [("200", 200, {"direction": "down"})]),
    ("His approval gained 3 points after the speech.", [("3 points", 3, {"direction": "up"})]),
    ("The senator is doubling down on his claims.", []),
    ("Exports grew 4.2% year on year in May.", [("4.2%", 4.2, {"direction": "up"})]),
    ("Analysts had forecast a 3.1% rise.", [("3.1%", 3.1, {"direction": "up"})]),
    (
        "Officials expect a 20 percent decline next year.",
        [("20 percent", 20, {"direction": "down"})],
    ),
]

VOTES_AND_RATIOS: list[tuple[str, Expected]] = [
    ("The Senate voted 52-48 to confirm the nominee.", [("52-48", 52, {"kind": "vote"})]),
    ("The appeals court ruled 2-1 in favor of the city.", [("2-1", 2, {"kind": "vote"})]),
    ("The home team won 3-1 on Saturday.", [("3-1", 3, {"kind": "ratio"})]),
    (
        "The bill passed by a margin of 218 to 214.",
        [("218 to 214", 218, {"kind": "vote"})],
    ),
    (
        "One in five adults reported symptoms.",
        [("One in five", 1, {"unit": "out of 5", "kind": "ratio"})],
    ),
    ("Nine out of 10 dentists recommend it.", [("Nine out of 10", 9, {"unit": "out of 10"})]),
    ("She was one of 12 jurors.", [("12", 12, {"kind": "count"})]),
    (
        "The rate is 5 per 1,000 births.",
        [("5 per 1,000 births", 5, {"unit": "per 1,000 births", "kind": "rate"})],
    ),
    (
        "Men were three times as likely to be hospitalized.",
        [("three times", 3, {"unit": "times", "kind": "ratio"})],
    ),
    (
        "Two of the four officers were suspended.",
        [("Two", 2, {"kind": "count"}), ("four", 4, {"kind": "count"})],
    ),
]

MEASURES: list[tuple[str, Expected]] = [
    ("A 20-mile stretch of highway was closed.", [("20-mile", 20, {"unit": "mile"})]),
    ("The judge issued a 40-page opinion.", [("40-page", 40, {"unit": "page"})]),
    ("A 7-year-old boy was found safe.", [("7-year-old", 7, {"unit": "year"})]),
    ("The wall would be 30 feet tall.", [("30 feet", 30, {"unit": "foot", "kind": "measure"})]),
    ("The region received 6 inches of rain.", [("6 inches", 6, {"unit": "inch"})]),
    ("John Smith, 45, was arrested Friday.", [("45", 45, {"unit": "year"})]),
    (
        "About 100 migrants cross the border each day.",
        [("About 100", 100, {"unit": "per day", "kind": "rate"})],
    ),
]

VAGUE: list[tuple[str, Expected]] = [
    (
        "Thousands of residents lost power.",
        [("Thousands", 1000, {"vague": True, "approx": True, "bound": "gte"})],
    ),
    ("Dozens of flights were canceled.", [("Dozens", 12, {"vague": True})]),
    ("Tens of thousands of fans filled the stadium.", [("Tens of thousands", 10_000, {})]),
    ("The fire burned hundreds of acres.", [("hundreds of acres", 100, {"unit": "acre"})]),
    (
        "The war would cost hundreds of billions of dollars.",
        [("hundreds of billions of dollars", 1e11, {"unit": "USD", "vague": True})],
    ),
]

NOT_CLAIMS: list[tuple[str, Expected]] = [
    ("The hearing is set for Sept. 9 at 10 a.m.", []),
    ("The law took effect in 2019.", []),
    ("She was the first woman to lead the 5th Circuit.", []),
    ("Under Section 230, platforms are not liable.", []),
    ("Call 555-867-5309 for details.", []),
    ("The COVID-19 vaccine was approved.", []),
    ("No one was hurt.", []),
    ("One of the suspects fled.", []),
    ("The book describes the 1990s boom.", []),
    ("The 9/11 attacks changed air travel.", []),
    ("The meeting ran from 2 p.m. to 4 p.m. on Tuesday.", []),
    ("Title 42 was lifted in May.", []),
    ("She lives at 221 Baker Street.", []),
    ("On March 3, 2020, officials met.", []),
    ("The two leaders shook hands.", []),
    ("The second half of the season was better.", []),
    ("A third party candidate entered the race.", []),
    ("The 2020 election drew record turnout.", []),
    ("Fortune 500 companies reported earnings.", []),
    ("Day 1 of the trial began.", []),
    ("The poll ran from Oct. 3 to 6.", []),
    ("Registration closes 2024-10-07.", []),
    ("The '08 crash wiped out savings.", []),
    ("He drove a 7-Eleven truck.", []),
    ("The F-35 program is over budget.", []),
    ("She saved for years in her 401(k).", []),
    ("The accident at Three Mile Island frightened the region.", []),
    ("The flagship store is at 767 Fifth Avenue.", []),
]

SPANS_AND_LABELS: list[tuple[str, Expected]] = [
    (
        "The deal is worth $1.5bn over five years.",
        [("$1.5bn", 1.5e9, {}), ("five years", 5, {"bound": "eq", "unit": "year"})],
    ),
    ("The company was founded over 20 years ago.", [("over 20 years", 20, {"bound": "gt"})]),
    (
        "The measure passed the House 220-210 and the Senate 51-49.",
        [("220-210", 220, {"kind": "vote"}), ("51-49", 51, {"kind": "vote"})],
    ),
    ("The 30-second ad aired twice.", [("30-second", 30, {"unit": "second"}), ("twice", 2, {})]),
    ("The patient, 67, was treated for burns.", [("67", 67, {"unit": "year"})]),
    ("UK inflation hit 10.1pc in October.", [("10.1pc", 10.1, {"unit": "percent"})]),
    ("The 6-foot-2 guard signed a contract.", [("6-foot", 6, {"unit": "foot"})]),
    ("A $1,000-a-plate dinner was held.", [("$1,000-a-plate", 1000, {"unit": "USD per plate"})]),
]

CASES = [
    *NUMBER_WORDS,
    *MONEY,
    *PERCENTS,
    *BOUNDS,
    *APPROXIMATIONS,
    *RANGES,
    *CHANGES,
    *VOTES_AND_RATIOS,
    *MEASURES,
    *VAGUE,
    *NOT_CLAIMS,
    *SPANS_AND_LABELS,
]


def _claims(
    nlp: Language, text: str, boilerplate: tuple[Boilerplate, ...] = ()
) -> list[NumericClaim]:
    return _numbers(nlp, text, [], [], boilerplate)


def _numbers(
    nlp: Language,
    text: str,
    dates: list[DateMention],
    quotes: list[Quote],
    boilerplate: tuple[Boilerplate, ...] = (),
) -> list[NumericClaim]:
    """The numeric claims of `text`, given the dates and quotes found before them (the
    names and the source resolver are the pipeline's own)."""
    ctx = ArticleContext(nlp(text), boilerplate=boilerplate)
    fill_context(ctx, until="sources")
    ctx.dates, ctx.quotes = dates, quotes
    return extract_numbers(ctx)


def test_there_are_enough_sentences() -> None:
    assert len(CASES) >= 60


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


def test_context_fields(nlp: Language) -> None:
    text = "Since 2015, 1,300 Central American migrants have been returned to Mexico."
    (claim,) = _claims(nlp, text)
    assert claim.about == "Central American migrants"
    assert claim.predicate == "have been returned to Mexico"
    assert claim.sentence == text
    assert claim.attribution is None  # no quote gives a source: unsourced


def test_about_takes_the_of_phrase_of_a_share(nlp: Language) -> None:
    (claim,) = _claims(nlp, "Officials said 46 percent of likely voters backed the measure.")
    assert claim.about == "likely voters"


def test_nothing_inside_boilerplate(nlp: Language) -> None:
    text = "Sign up for 3 newsletters today.\n\nThe council hired 12 officers."
    boiler = Boilerplate(text=text[:32], start=0, end=32, reason="newsletter")
    claims = _claims(nlp, text, boilerplate=(boiler,))
    assert [c.text for c in claims] == ["12"]


def _quote(text: str, part: str, speaker: str | None) -> Quote:
    start = text.index(part)
    return Quote(text=part, start=start, end=start + len(part), kind="indirect", speaker=speaker)


def _date(text: str, part: str, value: str, kind: DateType = "date") -> DateMention:
    start = text.index(part)
    return DateMention(text=part, start=start, end=start + len(part), value=value, type=kind)


def _with(nlp: Language, text: str, dates: list[DateMention], quotes: list[Quote]) -> NumericClaim:
    claims = _numbers(nlp, text, dates, quotes)
    assert len(claims) == 1
    return claims[0]


def test_attribution_from_the_quote_that_holds_the_figure(nlp: Language) -> None:
    text = "“We have counted 120 complaints since late January,” Ana Ruiz said."
    quote = _direct(text, "We have counted 120 complaints since late January,", "Ana Ruiz")
    claim = _with(nlp, text, [], [quote])
    assert claim.attribution == "Ana Ruiz"
    assert (claim.attribution_start, claim.attribution_end) == (quote.speaker_start, 61)


def test_no_attribution_from_an_unrelated_quote_of_the_same_sentence(nlp: Language) -> None:
    text = "“We are overwhelmed,” Ana Ruiz said of the 300 calls received overnight."
    claim = _with(nlp, text, [], [_direct(text, "We are overwhelmed,", "Ana Ruiz")])
    assert claim.attribution is None


def _direct(text: str, part: str, speaker: str) -> Quote:
    start, at = text.index(part), text.index(speaker)
    return Quote(
        text=part,
        start=start,
        end=start + len(part),
        kind="direct",
        speaker=speaker,
        speaker_start=at,
        speaker_end=at + len(speaker),
    )


def test_time_ref_keeps_the_governing_preposition(nlp: Language) -> None:
    text = "Police have made 85 arrests since late January."
    claim = _with(nlp, text, [_date(text, "late January", "2024-01")], [])
    assert claim.time_ref == "since late January"


def test_time_ref_keeps_a_two_word_preposition(nlp: Language) -> None:
    text = "As of last Monday, 250 households had applied for aid."
    claim = _with(nlp, text, [_date(text, "last Monday", "2024-03-04")], [])
    assert claim.time_ref == "As of last Monday"


def test_time_ref_only_from_the_same_sentence(nlp: Language) -> None:
    text = "The office opened on Friday. It has 30 employees."
    claim = _with(nlp, text, [_date(text, "Friday", "2024-03-08")], [])
    assert claim.time_ref is None


def test_time_ref_prefers_a_calendar_date_to_a_duration(nlp: Language) -> None:
    text = "In 2023, the agency spent $4 million over six months."
    dates = [_date(text, "2023", "2023"), _date(text, "six months", "P6M", kind="duration")]
    claims = _numbers(nlp, text, dates, [])
    money = next(c for c in claims if c.unit == "USD")
    assert money.time_ref == "In 2023"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("one hundred twenty-five thousand", 125_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("Twenty-seven", 27),
        ("three and a half million", 3_500_000),
        ("nine hundred and ninety-nine", 999),
    ],
)
def test_words_value(phrase: str, value: float) -> None:
    assert words_value(phrase) == value


@pytest.mark.parametrize(
    "text",
    ["a ſixth of", "thouſands of", "٣٤ people", "$", "5-", "-5", "1,", "..5", "$1B$2m", "0-0-0"],
)
def test_odd_text_never_breaks_offsets(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start <= q.fig_start < q.fig_end <= len(text)
        assert q.start < q.end <= len(text)


def test_a_date_that_is_one_of_the_counts_dates_nothing(nlp: Language) -> None:
    text = "The shelter took in 40 children under 12."
    dates = [_date(text, "12", "2012")]  # a dates extractor misreading an age bound
    claims = _numbers(nlp, text, dates, [])
    assert [(c.text, c.time_ref) for c in claims] == [("40", None), ("under 12", None)]
