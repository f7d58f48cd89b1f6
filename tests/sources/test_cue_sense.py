"""A verb of speech is a cue only when what follows is what was said; and each cue's source is
somebody or a document. The sentences are written for these tests from common news usage."""

from __future__ import annotations

import pytest
from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.records import Quote


def _quotes(nlp: Language, text: str) -> list[Quote]:
    ctx = ArticleContext(nlp(text))
    fill_context(ctx)
    return ctx.quotes


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The state asked an appeals court to deny the request.", id="a-petition"),
        pytest.param(
            "Before she announced her bid for governor, Ruiz ran a bakery.",
            id="announced-an-ordinary-object-in-a-clause-of-time",
        ),
        pytest.param("The factory added 400 jobs last year.", id="add-of-an-amount"),
        pytest.param(
            "Her approval rating declined from 58 percent to 55 percent.",
            id="decline-of-an-amount",
        ),
        pytest.param("The new coach hails from a small town in Ohio.", id="hail-from-an-origin"),
        pytest.param(
            "It is worth noting that the bridge was built in 1932.", id="the-writers-aside"
        ),
        pytest.param(
            "That steep drop suggests the program has lost its appeal.",
            id="an-inference-pointed-back",
        ),
        pytest.param("It is fair to say that the bridge is old.", id="fair-to-say"),
        pytest.param("The senator showed no interest in the plan.", id="show-of-a-person"),
        pytest.param("The Harbor Group, founded in 1990, has 40 members.", id="a-participle"),
        pytest.param(
            "The union threatened to make the minister testify in public.",
            id="testify-made-to-is-no-trailing-cue",
        ),
    ],
)
def test_a_verb_of_speech_in_another_sense_is_no_cue(nlp: Language, text: str) -> None:
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The mayor added that the road would reopen.", "The mayor", id="added-that"),
        pytest.param(
            "The judge asked whether the agency had kept any records.",
            "The judge",
            id="asked-whether",
        ),
        pytest.param(
            "A new survey shows that most renters cannot save.", "A new survey", id="a-survey-shows"
        ),
        pytest.param(
            "Her tax returns, released in May, which showed she paid little, drew criticism.",
            "Her tax returns",
            id="which-after-a-date-is-the-document",
        ),
        pytest.param(
            "Ana Ruiz noted that attendance already lags the goal and asked whether the team "
            "could recover.",
            "Ana Ruiz",
            id="asked-coordinated-inside-what-she-noted",
        ),
        pytest.param(
            "Voters, a campaign aide said, “are tired of promises.”",
            "a campaign aide",
            id="the-aside-speaks-not-the-quotes-subject",
        ),
        pytest.param(
            "The companies have hidden their profits, in many cases reporting different "
            "numbers to different agencies.",
            "The companies",
            id="a-participle-on-a-prepositional-phrase-is-the-subjects",
        ),
        pytest.param(
            "Younger voters are more likely to say that the mayor represents them.",
            "Younger voters",
            id="likely-to-say",
        ),
        pytest.param(
            "The union renewed its threat to strike in May.", "The union", id="a-threat-to-do"
        ),
        pytest.param(
            "The Ruiz campaign is trying to contrast her plan with what they call the "
            "governor's “reckless” budget.",
            "The Ruiz campaign",
            id="they-of-a-body",
        ),
        pytest.param(
            "A reporter can be heard asking the senator whether the plan is legal.",
            "A reporter",
            id="a-person-by-what-they-do",
        ),
        pytest.param(
            "A Harbor College poll released last week showed the mayor with a narrow lead.",
            "A Harbor College poll",
            id="a-poll-shows-an-object",
        ),
        pytest.param(
            "“Turnout will decide it,” Jo Li, the analyst who runs the site, tweeted on Monday.",
            "Jo Li",
            id="a-verb-after-a-name-and-its-aside",
        ),
    ],
)
def test_the_source_of_a_cue(nlp: Language, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker == speaker for q in quotes), [
        (q.text, q.speaker) for q in quotes
    ]


def test_what_the_object_is_asked_to_do_is_not_the_askers_words(nlp: Language) -> None:
    quotes = _quotes(nlp, "Lawmakers urged the board to reject the merger by Friday.")
    assert [q.cue for q in quotes] == ["urged"]  # the urging is theirs, the rejecting is not


def test_a_possessive_source_mention_keeps_its_mark(nlp: Language) -> None:
    text = "Carla Diaz spoke first. Diaz's claim that the audit was rigged drew no support."
    (quote,) = _quotes(nlp, text)
    assert quote.speaker == "Carla Diaz"
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == "Diaz's"


@pytest.mark.parametrize(
    ("text", "said", "speaker"),
    [
        pytest.param(
            "The deal does not cover pensions, as union leaders have said.",
            "The deal does not cover pensions",
            "union leaders",
            id="as-they-have-said",
        ),
        pytest.param(
            "As many tax experts have pointed out, the senator is free to release his returns.",
            "the senator is free to release his returns",
            "many tax experts",
            id="as-experts-pointed-out",
        ),
        pytest.param(
            "The state faces a deficit, as a Treasury report put it.",
            "The state faces a deficit",
            "a Treasury report",
            id="as-a-report-put-it",
        ),
    ],
)
def test_as_x_said_attributes_the_clause_it_hangs_on(
    nlp: Language, text: str, said: str, speaker: str
) -> None:
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [(said, speaker)]


def test_a_verb_of_speech_with_a_quotation_in_a_clause_of_time_is_a_cue(nlp: Language) -> None:
    text = "The split was complete when Ruiz called the plan “a disaster.”"
    quotes = _quotes(nlp, text)
    assert quotes and all(q.speaker == "Ruiz" and q.cue == "called" for q in quotes), [
        (q.text, q.speaker, q.cue) for q in quotes
    ]


def test_as_with_an_ordinary_object_attributes_nothing(nlp: Language) -> None:
    quotes = _quotes(nlp, "As he welcomed the guests, the host opened the doors.")
    assert all("opened" not in q.text for q in quotes), [(q.text, q.speaker) for q in quotes]


@pytest.mark.parametrize(
    ("text", "said", "speaker"),
    [
        pytest.param(
            "The mayor spoke about the legacy of the strike and the workers it left behind.",
            "the legacy of the strike and the workers it left behind",
            "The mayor",
            id="spoke-about-a-topic",
        ),
        pytest.param(
            "The senator talked of leaving politics.", "leaving politics", "The senator", id="of"
        ),
    ],
)
def test_the_topic_of_a_verb_of_speech_is_what_was_said(
    nlp: Language, text: str, said: str, speaker: str
) -> None:
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [(said, speaker)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("She spoke on Monday at the town hall.", id="a-date"),
        pytest.param("The mayor talked about the museum.", id="a-bare-heading"),
        pytest.param("Speaking of taxes, the council voted to delay the budget.", id="an-aside"),
    ],
)
def test_no_topic_no_quote(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


def test_a_charge_in_a_clause_of_time_is_speech(nlp: Language) -> None:
    text = "When Ana Ruiz accused Tom Park of being too cozy with banks, the crowd cheered."
    quotes = _quotes(nlp, text)
    assert [(q.cue, q.speaker) for q in quotes] == [("accused", "Ana Ruiz")]


def test_a_cue_in_brackets_reports_only_what_the_brackets_hold(nlp: Language) -> None:
    text = (
        "Both candidates face questions about their health, particularly after video surfaced "
        "showing an ailing senator stumbling to a car last weekend (her office later "
        "disclosed that she has the flu)."
    )
    assert [(q.text, q.cue) for q in _quotes(nlp, text)] == [("she has the flu", "disclosed")]
