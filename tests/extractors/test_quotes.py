"""Quotes: direct, partial and indirect speech in news layouts.

The sentences are written for these tests from common news usage.
"""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.records import Boilerplate, Quote

# -- extraction with the model ---------------------------------------------------------------


def _quotes(nlp: Language, text: str, boilerplate: tuple[Boilerplate, ...] = ()) -> list[Quote]:
    ctx = ArticleContext(nlp(text), boilerplate=boilerplate)
    fill_context(ctx)
    return ctx.quotes


def _found(quotes: list[Quote]) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in quotes]


# (text, expected items as (kind, start of the quote's text, speaker))
LAYOUTS = [
    pytest.param(
        "Maria Alvarez runs the food bank. “We have never seen lines this long,” Alvarez said.",
        [("direct", "We have never seen lines this long", "Maria Alvarez")],
        id="direct-then-surname-said",
    ),
    pytest.param(
        "Mayor Tom Becker said: “The bridge will reopen in May.”",
        [("direct", "The bridge will reopen in May.", "Tom Becker")],
        id="cue-colon-quote",
    ),
    pytest.param(
        "Said Daniel Ortiz, the union’s president, “Our members will not accept this deal.”",
        [("direct", "Our members will not accept", "Daniel Ortiz")],
        id="inverted-said-first",
    ),
    pytest.param(
        "“We tried everything,” Laura Kim told reporters. “Nothing worked.”",
        [
            ("direct", "We tried everything", "Laura Kim"),
            ("direct", "Nothing worked.", "Laura Kim"),
        ],
        id="interrupted-by-its-cue",
    ),
    pytest.param(
        "“The first thing we did was count the votes,” said Ruth Adams.\n\n“Then we called the "
        "governor.”",
        [
            ("direct", "The first thing we did", "Ruth Adams"),
            ("direct", "Then we called the governor.", "Ruth Adams"),
        ],
        id="quote-paragraph-after-an-attributed-one",
    ),
    pytest.param(
        "“This is only the beginning,” said Paul Green. “We will keep fighting until the plant "
        "closes.\n\n“And we will win,” he added.",
        [
            ("direct", "This is only the beginning", "Paul Green"),
            ("direct", "We will keep fighting until the plant closes.", "Paul Green"),
            ("direct", "And we will win", "Paul Green"),
        ],
        id="unbalanced-mark-and-paragraph-spanning-quote",
    ),
    pytest.param(
        "Council member Rita Okafor called the budget “a reckless gamble with people’s savings.”",
        [("partial", "a reckless gamble", "Rita Okafor")],
        id="partial-fragment",
    ),
    pytest.param(
        "The company said profits rose 5 percent in the third quarter.",
        [("indirect", "profits rose 5 percent in the third quarter", "The company")],
        id="indirect-said",
    ),
    pytest.param(
        "The company said that profits rose 5 percent in the third quarter.",
        [("indirect", "profits rose 5 percent", "The company")],
        id="indirect-said-that",
    ),
    pytest.param(
        "Profits rose 5 percent in the third quarter, the company said.",
        [("indirect", "Profits rose 5 percent in the third quarter", "the company")],
        id="indirect-cue-after",
    ),
    pytest.param(
        "Unemployment fell to 4 percent last month, according to the Labor Department.",
        [("indirect", "Unemployment fell to 4 percent last month", "Labor Department")],
        id="according-to",
    ),
    pytest.param(
        "Hospital officials told Reuters that 40 patients had been evacuated.",
        [("indirect", "40 patients had been evacuated", "Hospital officials")],
        id="told-an-outlet",
    ),
    pytest.param(
        "The union argued that the new schedule violates the contract.",
        [("indirect", "the new schedule violates the contract", "The union")],
        id="argued",
    ),
    pytest.param(
        "The ministry said in a statement that the border would stay closed.",
        [("indirect", "the border would stay closed", "The ministry")],
        id="said-in-a-statement-that",
    ),
    pytest.param(
        "The new rules, the minister said, will cut waiting times by half.",
        [("indirect", "The new rules", "the minister")],
        id="parenthetical-cue",
    ),
    pytest.param(
        "Jane Porter, a nurse, has worked nights for a decade. She said the ward needs more staff.",
        [("indirect", "the ward needs more staff", "Jane Porter")],
        id="pronoun-speaker",
    ),
    pytest.param(
        "Police Chief Mark Dunn spoke after the meeting. He told reporters the search was over.",
        [("indirect", "the search was over", "Mark Dunn")],
        id="he-told-reporters",
    ),
    pytest.param(
        "The audit found that 30 percent of the bridges need repairs.",
        [("indirect", "30 percent of the bridges need repairs", "The audit")],
        id="document-as-source",
    ),
    pytest.param(
        "The newspaper quoted Mayor Tom Hale as saying the budget was balanced.",
        [("indirect", "the budget was balanced", "Tom Hale")],
        id="quoted-someone-as-saying",
    ),
    pytest.param(
        "Gov. Ellen Park was quoted by the newspaper as saying the wall would be built.",
        [("indirect", "the wall would be built", "Ellen Park")],
        id="was-quoted-as-saying",
    ),
    pytest.param(
        "Mayor Tom Hale spoke on Monday. The mayor's claim that crime fell has been disputed.",
        [("indirect", "crime fell", "Tom Hale")],
        id="a-noun-of-speech-with-its-that-clause",
    ),
    pytest.param(
        "The vote went ahead despite repeated warnings from the union that the plan was illegal.",
        [("indirect", "the plan was illegal", "the union")],
        id="warnings-from-someone-that",
    ),
    pytest.param(
        "Democrats persisted in arguments that the panel is trying to second-guess the court.",
        [("indirect", "the panel is trying", "Democrats")],
        id="persisted-in-arguments-that",
    ),
    pytest.param(
        "The governor spoke on Friday.\n\nGov. Ellen Park added:\n\nThe plan is a disaster for "
        "families. It will raise prices.\n\nThe vote is set for Tuesday.",
        [("indirect", "The plan is a disaster for families. It will raise prices.", "Ellen Park")],
        id="unquoted-paragraph-after-cue-and-colon",
    ),
    pytest.param(
        "“I’m not worried about the vote.” ― Sarah Lopez",
        [("direct", "I’m not worried about the vote.", "Sarah Lopez")],
        id="dash-attribution",
    ),
    pytest.param(
        "“HOST: Are you running again?\n\n“GARCIA: I have not decided yet.",
        [("direct", "Are you running again?", "HOST"), ("direct", "I have not decided", "GARCIA")],
        id="transcript-labels",
    ),
    pytest.param(
        "Governor Lena Ortiz said on Tuesday that the state would appeal the ruling and added "
        "that it would ask for a stay.",
        [
            ("indirect", "the state would appeal the ruling", "Lena Ortiz"),
            ("indirect", "it would ask for a stay", "Lena Ortiz"),
        ],
        id="said-that-and-added-that",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_news_layouts(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = _found(_quotes(nlp, text))
    for kind, start, speaker in expected:
        assert any(k == kind and t.startswith(start) and s == speaker for k, t, s in found), (
            f"{(kind, start, speaker)} not in {found}"
        )


@pytest.mark.parametrize(
    ("text", "start", "speaker"),
    [
        pytest.param(
            "The clip shows Sen. Mark Reyes telling the crowd at the fair, “That is how it "
            "works,” when his rival accused him of dodging taxes.",
            "That is how it works",
            "Mark Reyes",
            id="the-cue-leading-up-to-the-quote-not-the-one-the-parse-hung-it-on",
        ),
        pytest.param(
            "The film ends with Sen. Mark Reyes at a rally last spring, “That is how it works,” "
            "after his rival accused him of dodging taxes.",
            "That is how it works",
            None,
            id="a-subordinate-clause-after-the-quote-is-no-cue",
        ),
        pytest.param(
            "Many residents see the new tower as “an eyesore.” The mayor disagreed with them on "
            "Monday.",
            "an eyesore",
            None,
            id="the-next-sentence-is-no-cue",
        ),
        pytest.param(
            "Japan branded the launch “a grave provocation.”",
            "a grave provocation",
            "Japan",
            id="branded",
        ),
        pytest.param(
            "Asked whether the team should take the blame, coach Dana Smith shot back: “That "
            "would be good.”",
            "That would be good",
            "Dana Smith",
            id="an-unnamed-asker-and-the-one-who-answers",
        ),
        pytest.param(
            "Governor Tom Reyes further summed up Senator Ana Ruiz as “terrible,” denounced her "
            "record as mayor and said she should not run.",
            "terrible",
            "Tom Reyes",
            id="the-first-of-a-series-of-verbs",
        ),
        pytest.param(
            "Mayor Lee Park was defensive when asked about a contractor who said he was never "
            "paid, saying, “Maybe he did a poor job.”",
            "Maybe he did a poor job",
            "Lee Park",
            id="a-participle-after-a-relative-that-reports-is-the-main-clauses",
        ),
        pytest.param(
            "Several former officials have said the same, including the former governor Maria "
            "Lopez -- “It is a disgrace to hide them” -- and Tom Park, a former adviser.",
            "It is a disgrace",
            "Maria Lopez",
            id="a-quotation-set-off-by-dashes-after-a-name",
        ),
    ],
)
def test_which_cue_a_quote_has(nlp: Language, text: str, start: str, speaker: str | None) -> None:
    quoted = [q for q in _quotes(nlp, text) if q.kind != "indirect" and q.text.startswith(start)]
    if speaker is None:
        assert quoted == []
    else:
        assert [q.speaker for q in quoted] == [speaker]


def test_an_aside_participle_is_no_cue_and_the_source_is_not_reported(nlp: Language) -> None:
    text = "Gov. Ellen Park, asked whether she would run again, said: “I have not decided.”"
    assert _found(_quotes(nlp, text)) == [("direct", "I have not decided.", "Ellen Park")]


@pytest.mark.parametrize(
    "text",
    [
        "The report that he wrote last year was never published.",
        "The claim that the vote was rigged has spread online.",
        "The report lists three reasons:\n\nCosts are rising. Staff are leaving.",
    ],
)
def test_no_source_no_quote(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “sanctuary city” rules take effect on Monday.",
        "The group’s motto, “Leave no one behind,” is printed on every van.",
        "Critics say the plan, which the city calls “Project Renew,” costs too much.",
        "It’s the States’ money, and the taxpayers’ patience is thin.",
    ],
)
def test_scare_quotes_names_and_apostrophes_are_no_quotes(nlp: Language, text: str) -> None:
    quoted = [q for q in _quotes(nlp, text) if q.kind != "indirect"]
    assert quoted == []


def test_nested_quote_stays_inside_its_outer_quote(nlp: Language) -> None:
    text = "“The sign said ‘Keep out,’ so we left,” said Omar Haddad."
    quotes = _quotes(nlp, text)
    assert _found(quotes) == [("direct", "The sign said ‘Keep out,’ so we left,", "Omar Haddad")]


def test_every_field_is_filled_and_points_into_the_text(nlp: Language) -> None:
    text = (
        "Ana Ruiz leads the tenants’ association. “Rents have doubled,” she said on Monday, "
        "adding that the city had ignored the group’s letters."
    )
    quotes = _quotes(nlp, text)
    assert quotes
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.text[0] not in "“”\"'‘’" and quote.text[-1] not in "“”\"'‘’"
        assert quote.speaker == "Ana Ruiz" and quote.speaker_label == "PERSON"
        assert quote.speaker_start is not None and quote.speaker_end is not None
        assert text[quote.speaker_start : quote.speaker_end] == "she"
        assert quote.cue in ("said", "adding")
        assert quote.text in quote.sentence
    assert {q.kind for q in quotes} == {"direct", "indirect"}


def test_indirect_speech_keeps_its_figures_and_its_source(nlp: Language) -> None:
    text = "Amnesty International said it has documented more than 300 cases of abuse."
    (quote,) = _quotes(nlp, text)
    assert quote.kind == "indirect" and "more than 300 cases" in quote.text
    assert quote.speaker == "Amnesty International" and quote.speaker_label == "ORG"


def test_nothing_is_taken_from_boilerplate(nlp: Language) -> None:
    text = "Editor’s pick: “This ad changed my life,” said Lena Fox.\n\nThe council met."
    end = text.index("\n")
    plate = Boilerplate(text=text[:end], start=0, end=end, reason="teaser")
    assert _quotes(nlp, text, (plate,)) == []
    assert _quotes(nlp, text) != []


def test_unbalanced_marks_never_raise(nlp: Language) -> None:
    text = "“One,” he said. ” Two “ three\n\n“ \n\n”Four” five “six.\n“"
    for quote in _quotes(nlp, text):
        assert text[quote.start : quote.end] == quote.text
        assert not re.search(r"\n", quote.text)


def test_a_coordinated_report_is_not_part_of_the_first_one(nlp: Language) -> None:
    text = (
        "The coach said that the team would rest its starters and warned that the season "
        "was far from over."
    )
    found = _found(_quotes(nlp, text))
    assert ("indirect", "the team would rest its starters", "The coach") in found
    assert ("indirect", "the season was far from over", "The coach") in found
