"""The date each figure holds for (`time_ref`), with its offsets and TimeML value.

The sentences are written for these tests from common news usage.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.records import NumericClaim

PUBLISHED = date(2024, 3, 15)


def _claim(nlp: Language, text: str, figure: str) -> NumericClaim:
    ctx = ArticleContext(nlp(text), published=PUBLISHED)
    fill_context(ctx)
    claim = next(c for c in ctx.numbers if figure in c.text)
    if claim.time_ref is None:
        assert (claim.time_ref_start, claim.time_ref_end, claim.time_ref_value) == (None,) * 3
    else:
        assert claim.time_ref_start is not None and claim.time_ref_end is not None
        assert text[claim.time_ref_start : claim.time_ref_end] == claim.time_ref
        dates = {(d.start, d.end): d.value for d in ctx.dates}
        held = [
            v for (a, b), v in dates.items() if a < claim.time_ref_end and claim.time_ref_start < b
        ]
        assert claim.time_ref_value in held  # the value of the date item it was read from
    return claim


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        pytest.param(
            "Since late January, 1,200 families have applied for aid.",
            "1,200",
            "Since late January",
            id="its-own-clause",
        ),
        pytest.param(
            "Since the program began in 2021, 900 families have applied.",
            "900",
            "in 2021",
            id="a-clause-of-time-dates-the-clause-it-opens",
        ),
        pytest.param(
            "The mayor said Monday that 40 roads were still closed.",
            "40",
            None,
            id="not-when-it-was-said",
        ),
        pytest.param(
            "Support stands at 64 percent, up from 56 percent in December.",
            "64 percent",
            None,
            id="not-the-date-of-the-figure-it-is-compared-with",
        ),
        pytest.param(
            "Support stands at 64 percent, up from 56 percent in December.",
            "56 percent",
            "in December",
            id="the-compared-figure-keeps-its-date",
        ),
        pytest.param(
            "The 2023 Civic costs about $26,000 at most dealers.",
            "$26,000",
            None,
            id="a-date-in-a-name-is-no-time",
        ),
        pytest.param(
            "About 30 trains run each day on the line.",
            "30",
            None,
            id="a-frequency-is-no-time",
        ),
        pytest.param(
            "The rules changed on May 2, when the board voted 7-2 to end the program.",
            "7-2",
            "on May 2",
            id="a-clause-describing-the-date",
        ),
        pytest.param(
            "Last week the council praised the company, which is growing fast ― 300 workers "
            "were hired.",
            "300",
            None,
            id="not-a-clause-beside-the-figures",
        ),
        pytest.param(
            "By comparison, the 2021 budget deficit was $38 million.",
            "$38 million",
            "2021",
            id="the-year-of-what-is-counted",
        ),
    ],
)
def test_time_ref(nlp: Language, text: str, figure: str, expected: str | None) -> None:
    assert _claim(nlp, text, figure).time_ref == expected


def test_a_sentence_that_continues_the_one_before_keeps_its_date(nlp: Language) -> None:
    text = (
        "Since early February, 1,500 people have been evacuated from the valley. Of those, "
        "400 were children."
    )
    claim = _claim(nlp, text, "400")
    assert claim.time_ref == "Since early February"
    assert claim.time_ref_value == "2024-02"
