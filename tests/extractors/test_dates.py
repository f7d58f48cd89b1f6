"""Dates found in a parse: spans, filters, tense of the governing verb, context, ranges."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from mppclaims.context import ArticleContext
from mppclaims.extractors.dates import extract_dates, governing
from mppclaims.extractors.timex import Tense
from mppclaims.records import Boilerplate, DateMention


def _dates(nlp: Language, text: str, published: date | None = None) -> list[DateMention]:
    found = extract_dates(ArticleContext(nlp(text), published=published))
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    return found


def _values(nlp: Language, text: str, published: date | None = None) -> dict[str, str | None]:
    return {d.text: d.value for d in _dates(nlp, text, published)}


FRIDAY = date(2022, 3, 11)
TUESDAY = date(2022, 6, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council voted on Friday to raise fares.", {"on Friday": "2022-03-11"}),
        ("The council will vote on Monday on the fare increase.", {"on Monday": "2022-03-14"}),
        ("The council voted Monday to raise fares.", {"Monday": "2022-03-07"}),
        ("The hearing is scheduled for Wednesday in Boston.", {"for Wednesday": "2022-03-16"}),
        ("The new tariff is due to take effect on Tuesday.", {"on Tuesday": "2022-03-15"}),
        ("Analysts said the bank could report by Thursday.", {"by Thursday": "2022-03-17"}),
        ("The mayor has said since Monday that the plan works.", {"since Monday": "2022-03-07"}),
        ("Tenants have until Tuesday to reply.", {"until Tuesday": "2022-03-15"}),
        ("The ban did not lapse until Tuesday.", {"until Tuesday": "2022-03-08"}),
    ],
)
def test_weekday_follows_the_tense_of_its_verb(
    nlp: Language, text: str, expected: dict[str, str]
) -> None:
    assert _values(nlp, text, FRIDAY) == expected


def test_month_year_follows_the_tense(nlp: Language) -> None:
    text = (
        "Rents climbed in November, the bureau said. "
        "The new limits take effect in February and expire in July."
    )
    assert _values(nlp, text, date(2024, 1, 3)) == {
        "in November": "2023-11",
        "in February": "2024-02",
        "in July": "2024-07",
    }


def test_a_month_in_the_past_tense_is_the_previous_one(nlp: Language) -> None:
    values = _values(nlp, "Sales peaked in April, the retailer said.", date(2023, 3, 10))
    assert values == {"in April": "2022-04"}


def test_relative_units(nlp: Language) -> None:
    text = (
        "The insurer posted a loss last week and closed two offices last month. "
        "It plans to hire again next year, and earlier this month it sold a depot."
    )
    assert _values(nlp, text, TUESDAY) == {
        "last week": "2022-W23",
        "last month": "2022-05",
        "next year": "2023",
        "earlier this month": "2022-06",
    }


def test_parts_of_the_day_resolve_to_the_day(nlp: Language) -> None:
    text = "The two rivals met Monday night, and the governor spoke again Tuesday morning."
    values = _values(nlp, text, TUESDAY)
    assert values["Monday night"] == "2022-06-13"
    assert any(key.startswith("Tuesday") and value == "2022-06-14" for key, value in values.items())


def test_without_a_publication_date_relative_values_are_null(nlp: Language) -> None:
    text = "The union filed a grievance on Thursday. The contract began in March 2021."
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text)}
    assert found["on Thursday"] == (None, None)
    assert found["in March 2021"] == ("2021-03", "absolute")


def test_a_stated_year_fills_a_bare_month_in_the_same_paragraph(nlp: Language) -> None:
    text = (
        "The pilot started in March 2021. It grew in August, the ministry said.\n\n"
        "It was cut back in April, the auditors said."
    )
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text)}
    assert found["in August"] == ("2021-08", "context")
    assert found["in April"] == (None, None)  # another paragraph, no publication date


def test_a_stated_year_fills_a_bare_month_in_the_same_sentence(nlp: Language) -> None:
    text = "The clinic opened in February 2017 and doubled its staff in October."
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text, date(2023, 10, 5))}
    assert found["in October"] == ("2017-10", "context")


def test_the_publication_date_outweighs_a_year_stated_in_another_sentence(nlp: Language) -> None:
    text = "Exports fell in 2019, the ministry found. It published the figures in a May bulletin."
    values = _values(nlp, text, date(2023, 10, 5))
    assert values["May"] == "2023-05"


def test_years_later_follows_the_date_before_it(nlp: Language) -> None:
    text = "In 2011, the city leased the stadium. The club bought it outright four years later."
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text, date(2023, 10, 5))}
    assert found["four years later"] == ("2015", "context")


def test_ranges_are_split_into_their_ends(nlp: Language) -> None:
    text = "Voters were surveyed from Oct. 3 to 6. Output fell from 2009 to 2012."
    values = _values(nlp, text, date(2023, 10, 10))
    assert values["Oct. 3"] == "2023-10-03"
    assert values["6"] == "2023-10-06"
    assert values["2009"] == "2009"
    assert values["2012"] == "2012"


@pytest.mark.parametrize(
    "text",
    [
        "Polls close at 7 p.m. local time.",
        "The scheme covers 350 teenagers under 19.",
        "The agency has a 30-day limit on appeals.",
        "The panel voted 3-2 to approve the merger.",
        "Maria Lopez, 41, and her 19-year-old son were there.",
        "The square is full of Christmas lights from Ohio.",
        "Less than a quarter of members voted.",
    ],
)
def test_not_dates(nlp: Language, text: str) -> None:
    assert _dates(nlp, text, FRIDAY) == []


def test_a_weekday_inside_a_quoted_title_is_not_a_date(nlp: Language) -> None:
    text = "During this weekend's episode of “Capitol Report Sunday,” he praised the bill."
    assert [d.text for d in _dates(nlp, text, FRIDAY)] == ["this weekend"]


def test_today_inside_a_name_is_not_a_date(nlp: Language) -> None:
    text = "A Channel Four TODAY survey found the same result."
    assert [d.text for d in _dates(nlp, text, FRIDAY)] == []


def test_durations_sets_and_vague_references(nlp: Language) -> None:
    text = (
        "Arrests have fallen for nine months. Inspections happen every six months. "
        "The firm has trimmed costs in recent weeks and may add staff in the coming weeks."
    )
    found = {d.text: (d.type, d.value) for d in _dates(nlp, text, FRIDAY)}
    assert found["for nine months"] == ("duration", "P9M")
    assert found["every six months"] == ("set", "P6M")
    assert found["in recent weeks"] == ("date", "PAST_REF")
    assert found["in the coming weeks"] == ("date", "FUTURE_REF")


def test_an_ordinal_quarter_is_a_date_and_a_counted_span_a_measure(nlp: Language) -> None:
    text = "The insurer reported second-quarter profits. She served two six-year terms."
    found = {d.text: d.value for d in _dates(nlp, text, date(2023, 8, 20))}
    assert found == {"second-quarter": "2023-Q2"}


def test_a_year_completes_the_entity_before_it(nlp: Language) -> None:
    text = "The bakery opened in the spring of 2015 and closed five years later."
    found = {d.text: d.value for d in _dates(nlp, text, TUESDAY)}
    assert found == {"in the spring of 2015": "2015-SP", "five years later": "2020"}


def test_durations_are_kept_but_adjectives_of_length_are_not(nlp: Language) -> None:
    text = "The firm may have underpaid rent for as long as 12 years after a yearslong dispute."
    found = {d.text: d.value for d in _dates(nlp, text, FRIDAY)}
    assert list(found.values()) == ["P12Y"]
    assert "yearslong" not in " ".join(found)


def test_mod_and_offsets(nlp: Language) -> None:
    text = "Construction began in late March. The town approved the plan over a decade ago."
    found = {d.text: (d.value, d.mod) for d in _dates(nlp, text, TUESDAY)}
    assert found["in late March"] == ("2022-03", "END")
    assert found["over a decade ago"] == ("2012", "BEFORE")


def test_trailing_names_and_possessives_are_cut(nlp: Language) -> None:
    text = "Last week Ramirez spoke to reporters. Last week's meeting ran late."
    texts = [d.text for d in _dates(nlp, text, TUESDAY)]
    assert texts.count("Last week") == 2


def test_an_open_weekday_takes_the_day_a_firmer_mention_gives(nlp: Language) -> None:
    text = (
        "Will the mayor attend the hearing tomorrow? "
        "Her letter about Monday's hearing was polite, aides said."
    )
    values = _values(nlp, text, date(2022, 6, 12))  # a Sunday
    assert values["tomorrow"] == "2022-06-13"
    assert values["Monday"] == "2022-06-13"


def test_nothing_inside_boilerplate(nlp: Language) -> None:
    text = "Photo taken on Friday. The board met on Thursday."
    caption = Boilerplate(text="Photo taken on Friday.", start=0, end=22, reason="caption")
    ctx = ArticleContext(nlp(text), published=FRIDAY, boilerplate=(caption,))
    assert [d.text for d in extract_dates(ctx)] == ["on Thursday"]


def test_governing_tense(nlp: Language) -> None:
    doc = nlp("Traders expect the bank to win Monday's auction, which was moved from Tuesday.")
    monday, tuesday = (doc[t.i : t.i + 1] for t in doc if t.text in ("Monday", "Tuesday"))
    assert governing(monday).tense is Tense.FUTURE
    assert not governing(monday).firm
    assert governing(tuesday).tense is Tense.PAST
