"""Dates found in a parse: spans, filters, tense of the governing verb, context, ranges."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from mppclaims.article import ArticleContext
from mppclaims.extract.dates import extract_dates
from mppclaims.extract.timex import Tense
from mppclaims.records import Boilerplate, DateMention


def _dates(nlp: Language, text: str, published: date | None = None) -> list[DateMention]:
    found = extract_dates(nlp(text), ArticleContext(text=text, published=published))
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    return found


def _values(nlp: Language, text: str, published: date | None = None) -> dict[str, str | None]:
    return {d.text: d.value for d in _dates(nlp, text, published)}


FRIDAY = date(2019, 4, 12)
TUESDAY = date(2016, 9, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council voted on Friday to raise fares.", {"on Friday": "2019-04-12"}),
        ("The council will vote on Monday on the fare increase.", {"on Monday": "2019-04-15"}),
        ("The council voted Monday to raise fares.", {"Monday": "2019-04-08"}),
        ("The hearing is scheduled for Wednesday in Boston.", {"for Wednesday": "2019-04-17"}),
        ("The rule is set to take effect on Tuesday.", {"on Tuesday": "2019-04-16"}),
        ("Lawyers said the judge could rule by Thursday.", {"by Thursday": "2019-04-18"}),
        ("The mayor has said since Monday that the plan works.", {"since Monday": "2019-04-08"}),
        ("Lawmakers have until Tuesday to act.", {"until Tuesday": "2019-04-16"}),
        ("The order did not take effect until Tuesday.", {"until Tuesday": "2019-04-09"}),
    ],
)
def test_weekday_follows_the_tense_of_its_verb(
    nlp: Language, text: str, expected: dict[str, str]
) -> None:
    assert _values(nlp, text, FRIDAY) == expected


def test_month_year_follows_the_tense(nlp: Language) -> None:
    text = (
        "Prices rose in December, the agency said. "
        "The new rules take effect in January and expire in June."
    )
    assert _values(nlp, text, date(2021, 1, 18)) == {
        "in December": "2020-12",
        "in January": "2021-01",
        "in June": "2021-06",
    }


def test_a_month_in_the_past_tense_is_the_previous_one(nlp: Language) -> None:
    values = _values(nlp, "Crossings peaked in May, officials said.", date(2020, 2, 14))
    assert values == {"in May": "2019-05"}


def test_relative_units(nlp: Language) -> None:
    text = (
        "The company reported a loss last week and cut jobs last month. "
        "It expects to hire again next year, and earlier this month it sold a plant."
    )
    assert _values(nlp, text, TUESDAY) == {
        "last week": "2016-W38",
        "last month": "2016-08",
        "next year": "2017",
        "earlier this month": "2016-09",
    }


def test_parts_of_the_day_resolve_to_the_day(nlp: Language) -> None:
    text = "The candidates met Monday night, and the senator spoke again Tuesday morning."
    values = _values(nlp, text, TUESDAY)
    assert values["Monday night"] == "2016-09-26"
    assert any(key.startswith("Tuesday") and value == "2016-09-27" for key, value in values.items())


def test_without_a_publication_date_relative_values_are_null(nlp: Language) -> None:
    text = "The group filed a motion on Wednesday. The policy began in January 2019."
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text)}
    assert found["on Wednesday"] == (None, None)
    assert found["in January 2019"] == ("2019-01", "absolute")


def test_a_stated_year_fills_a_bare_month_in_the_same_paragraph(nlp: Language) -> None:
    text = (
        "The program began in January 2019. It expanded in June, officials said.\n\n"
        "It shrank in May, the report said."
    )
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text)}
    assert found["in June"] == ("2019-06", "context")
    assert found["in May"] == (None, None)  # another paragraph, no publication date


def test_a_stated_year_fills_a_bare_month_in_the_same_sentence(nlp: Language) -> None:
    text = "The program began in January 2015 and expanded in June."
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text, date(2021, 1, 18))}
    assert found["in June"] == ("2015-06", "context")


def test_the_publication_date_outweighs_a_year_stated_in_another_sentence(nlp: Language) -> None:
    text = "Taxes rose in 2013, the agency found. The agency said so in a June report."
    values = _values(nlp, text, date(2016, 10, 4))
    assert values["June"] == "2016-06"


def test_two_years_later_follows_the_date_before_it(nlp: Language) -> None:
    text = (
        "In 2007, the two countries signed a pilot deal. Congress cut its funding two years later."
    )
    found = {d.text: (d.value, d.anchor) for d in _dates(nlp, text, date(2016, 9, 28))}
    assert found["two years later"] == ("2009", "context")


def test_ranges_are_split_into_their_ends(nlp: Language) -> None:
    text = "The poll was conducted from Sept. 19 to 22. Layoffs ran from 2011 to 2016."
    values = _values(nlp, text, date(2016, 9, 25))
    assert values["Sept. 19"] == "2016-09-19"
    assert values["22"] == "2016-09-22"
    assert values["2011"] == "2011"
    assert values["2016"] == "2016"


@pytest.mark.parametrize(
    "text",
    [
        "The deadline is 5 p.m. local time.",
        "The order covers 428 children under 18.",
        "The court-mandated 20-day limit applies to children.",
        "The judges ruled 2-1 against the policy.",
        "Jane Roe, 30, and her 24-year-old brother were there.",
        "The city sells Christmas trees from Oregon.",
        "A USA TODAY analysis found the same.",
        "Less than a quarter of donors gave more.",
    ],
)
def test_not_dates(nlp: Language, text: str) -> None:
    assert _dates(nlp, text, FRIDAY) == []


def test_a_weekday_inside_a_name_is_not_a_date(nlp: Language) -> None:
    text = "On this weekend's broadcast of “Fox News Sunday,” she defended the plan."
    assert [d.text for d in _dates(nlp, text, FRIDAY)] == ["this weekend"]


def test_durations_sets_and_vague_references(nlp: Language) -> None:
    text = (
        "Flows have gone down for seven months. Bonuses were paid every three months. "
        "The agency has cut staff in recent months and may hire in the coming months."
    )
    found = {d.text: (d.type, d.value) for d in _dates(nlp, text, FRIDAY)}
    assert found["for seven months"] == ("duration", "P7M")
    assert found["every three months"] == ("set", "P3M")
    assert found["in recent months"] == ("date", "PAST_REF")
    assert found["in the coming months"] == ("date", "FUTURE_REF")


def test_an_ordinal_quarter_is_a_date_and_a_counted_span_a_measure(nlp: Language) -> None:
    text = "The company reported third-quarter earnings. He served two four-year terms."
    found = {d.text: d.value for d in _dates(nlp, text, date(2016, 10, 20))}
    assert found == {"third-quarter": "2016-Q3"}


def test_a_year_completes_the_entity_before_it(nlp: Language) -> None:
    text = "The store opened in the fall of 2014 and closed three years later."
    found = {d.text: d.value for d in _dates(nlp, text, TUESDAY)}
    assert found == {"in the fall of 2014": "2014-FA", "three years later": "2017"}


def test_durations_are_kept_but_adjectives_of_length_are_not(nlp: Language) -> None:
    text = "He may have avoided taxes for as long as 18 years after a monthslong audit."
    found = {d.text: d.value for d in _dates(nlp, text, FRIDAY)}
    assert list(found.values()) == ["P18Y"]
    assert "monthslong" not in " ".join(found)


def test_mod_and_offsets(nlp: Language) -> None:
    text = "The policy began in late January. The court ruled over a year ago."
    found = {d.text: (d.value, d.mod) for d in _dates(nlp, text, FRIDAY)}
    assert found["in late January"] == ("2019-01", "END")
    assert found["over a year ago"] == ("2018", "BEFORE")


def test_trailing_names_and_possessives_are_cut(nlp: Language) -> None:
    text = "Last week Johnson appeared on television. Last week's hearing ran long."
    texts = [d.text for d in _dates(nlp, text, date(2016, 9, 20))]
    assert texts.count("Last week") == 2


def test_an_open_weekday_takes_the_day_a_firmer_mention_gives(nlp: Language) -> None:
    text = (
        "Will the guest be at the debate tomorrow night? "
        "The invitation to Monday night's debate was only a joke, he said."
    )
    values = _values(nlp, text, date(2016, 9, 25))  # a Sunday
    assert values["tomorrow night"] == "2016-09-26"
    assert values["Monday night"] == "2016-09-26"


def test_nothing_inside_boilerplate(nlp: Language) -> None:
    text = "Photo taken on Friday. The council voted on Thursday."
    caption = Boilerplate(text="Photo taken on Friday.", start=0, end=22, reason="caption")
    ctx = ArticleContext(text=text, published=FRIDAY, boilerplate=(caption,))
    assert [d.text for d in extract_dates(nlp(text), ctx)] == ["on Thursday"]


def test_governing_tense(nlp: Language) -> None:
    from mppclaims.extract.dates import governing

    doc = nlp("Voters expect her to win Monday's debate, which was moved from Tuesday.")
    monday, tuesday = (doc[t.i : t.i + 1] for t in doc if t.text in ("Monday", "Tuesday"))
    assert governing(monday).tense is Tense.FUTURE
    assert not governing(monday).firm
    assert governing(tuesday).tense is Tense.PAST
