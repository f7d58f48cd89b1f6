"""Who each figure comes from: its sentence first, then the document the article goes on
reporting. The passages are written for these tests from common news usage."""

from __future__ import annotations

import pytest
from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.records import NumericClaim


def _claims(nlp: Language, text: str) -> dict[str, NumericClaim]:
    ctx = ArticleContext(nlp(text))
    fill_context(ctx)
    return {c.text: c for c in ctx.numbers}


def _source(nlp: Language, text: str, figure: str) -> str | None:
    claims = _claims(nlp, text)
    claim = next(c for written, c in claims.items() if figure in written)
    if claim.attribution is not None:  # the mention it was read from lies in the text
        assert claim.attribution_start is not None and claim.attribution_end is not None
        assert 0 <= claim.attribution_start < claim.attribution_end <= len(text)
    else:
        assert claim.attribution_start is None and claim.attribution_end is None
    return claim.attribution


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        pytest.param(
            "The city spent $4 million on new buses last year.",
            "$4 million",
            None,
            id="the-writers-own-figure",
        ),
        pytest.param(
            "Mayor Ana Ruiz said the repairs would cost $12 million.",
            "$12 million",
            "Ana Ruiz",
            id="x-said",
        ),
        pytest.param(
            "Unemployment fell to 3.9 percent in May, according to the Labor Department.",
            "3.9 percent",
            "Labor Department",
            id="according-to",
        ),
        pytest.param(
            "The plan, the governor said at a briefing, will cost about $800 million.",
            "$800 million",
            "the governor",
            id="parenthetical-cue",
        ),
        pytest.param(
            "The county estimated the storm damage at $40 million.",
            "$40 million",
            "The county",
            id="estimated-at",
        ),
        pytest.param(
            "“We lost 300 homes in one night,” Fire Chief Dana Cole said.",
            "300",
            "Dana Cole",
            id="inside-the-quote",
        ),
        pytest.param(
            "“It was chaos,” Fire Chief Dana Cole said of the 300 homes lost that night.",
            "300",
            None,
            id="an-unrelated-quote-is-no-source",
        ),
        pytest.param(
            "Although the program costs $2 billion a year, a new study found it saves lives.",
            "$2 billion",
            None,
            id="not-what-the-study-found",
        ),
        pytest.param(
            "A 40-page report released by the agency shows that fraud is rising.",
            "40-page",
            None,
            id="a-source-is-never-its-own-figure",
        ),
        pytest.param(
            "Critics blamed the contractor for the delays, which were long ― 1,200 flights "
            "were cancelled.",
            "1,200",
            None,
            id="the-writers-aside-in-an-object",
        ),
        pytest.param(
            "Before she announced her $50 million bid for the stadium, Lee spoke to fans.",
            "$50 million",
            None,
            id="announced-an-ordinary-object",
        ),
        pytest.param(
            "The Greenfield Policy Institute reviewed the bill. Families would save $2,000 a "
            "year, the group said.",
            "$2,000",
            "Greenfield Policy Institute",
            id="the-group-is-the-named-body",
        ),
        pytest.param(
            "The governor criticized Mr. Hale's proposal to cut 5,000 state jobs.",
            "5,000",
            "Hale",
            id="a-proposal-is-its-owners",
        ),
    ],
)
def test_source_of_a_figure(nlp: Language, text: str, figure: str, expected: str | None) -> None:
    got = _source(nlp, text, figure)
    if expected is None:
        assert got is None
    else:
        assert got is not None and expected in got


POLL = (
    "Voters are split on the stadium, according to a new Marist poll.\n\n"
    "Some 45 percent back the plan, while 41 percent oppose it. Another 14 percent said "
    "they were unsure.\n\n"
    "The mayor has spent $3 million promoting the project since March.\n"
)


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("45 percent", "Marist poll"),  # the next paragraph goes on reporting it
        ("41 percent", "Marist poll"),
        ("14 percent", "Marist poll"),  # respondents are no source: the poll is
        ("$3 million", None),  # another topic: the writer's own figure
    ],
)
def test_a_poll_stays_the_source_while_the_article_reports_it(
    nlp: Language, figure: str, expected: str | None
) -> None:
    got = _source(nlp, POLL, figure)
    assert got == expected or (expected is not None and got is not None and expected in got)


STUDY = (
    "In 2022, research by the Harbor Institute found that rents rose fastest near transit.\n\n"
    "Rents within a mile of a station climbed 18 percent, compared with 9 percent elsewhere.\n"
    "In the suburbs the gap was 4 percent.\n\n"
    "The council meets again on Tuesday. It has 11 members.\n"
)


@pytest.mark.parametrize(
    ("figure", "expected"),
    [("18 percent", "Harbor"), ("9 percent", "Harbor"), ("4 percent", "Harbor"), ("11", None)],
)
def test_a_finding_announced_without_figures_sources_those_that_follow(
    nlp: Language, figure: str, expected: str | None
) -> None:
    got = _source(nlp, STUDY, figure)
    assert got == expected or (expected is not None and got is not None and expected in got)


def test_in_this_poll_is_the_fuller_poll_named_before(nlp: Language) -> None:
    text = (
        "The Daily Ledger tracking poll showed the race tightening this week. In this "
        "poll, Ruiz gained 2 points."
    )
    assert _source(nlp, text, "2 points") == "The Daily Ledger tracking poll"
