"""Speakers: who a cue's source is, resolved to the fullest name the article gives.

The sentences are written for these tests from common news usage.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.sources.antecedents import resolve
from mppclaims.sources.mentions import Speaker
from mppclaims.sources.subjects import source_token, subject_of


def _context(doc: Doc) -> ArticleContext:
    """The context of `doc` with its names: what the source functions read."""
    ctx = ArticleContext(doc)
    fill_context(ctx, until="names")
    return ctx


def _speaker_of(nlp: Language, text: str, cue: str, occurrence: int = 1) -> Speaker | None:
    """The resolved source of the `occurrence`-th token reading `cue`."""
    ctx = _context(nlp(text))
    token = [t for t in ctx.doc if t.text == cue][occurrence - 1]
    subject = source_token(ctx, token)
    return resolve(ctx, subject) if subject is not None else None


@pytest.mark.parametrize(
    ("text", "cue", "occurrence", "expected"),
    [
        pytest.param(
            "Ms. Ana Ruiz met Mr. Paul Stone on Monday. She said the talks went well.",
            "said",
            1,
            "Ana Ruiz",
            id="she-skips-a-nearer-man",
        ),
        pytest.param(
            "Ms. Ana Ruiz met Mr. Paul Stone on Monday. He said the talks went well.",
            "said",
            1,
            "Paul Stone",
            id="he-finds-the-man",
        ),
        pytest.param(
            "Sheriff Mark Dunn spoke after the search. He told reporters it was over.",
            "told",
            1,
            "Mark Dunn",
            id="he-told-reporters",
        ),
        pytest.param(
            "His ex-wife agreed, but argued that she should keep her privacy.",
            "argued",
            1,
            "His ex-wife",
            id="hyphenated-noun-kept-whole",
        ),
        pytest.param(
            "Mayor Ana Ruiz said on Tuesday that the city would hire 40 more teachers.",
            "said",
            1,
            "Ana Ruiz",
            id="a-titled-name-the-recogniser-missed",
        ),
        pytest.param(
            "Taxes would rise, according to a speech Sen. Mara Quist gave in Ohio.",
            "according",
            1,
            "Mara Quist",
            id="according-to-a-speech-someone-gave",
        ),
        pytest.param(
            "Taxes would rise, according to remarks by the treasurer on Friday.",
            "according",
            1,
            "the treasurer",
            id="according-to-remarks-by",
        ),
        pytest.param(
            "Taxes would rise, according to a report the agency released on Friday.",
            "according",
            1,
            "a report",
            id="according-to-a-document-keeps-the-document",
        ),
        pytest.param(
            "The group's co-founder said the money would go to schools.",
            "said",
            1,
            "The group's co-founder",
            id="hyphenated-role-kept-whole",
        ),
        pytest.param(
            "Mr. Obama spoke first. Michelle Obama spoke later. "
            "President Obama said the vote mattered.",
            "said",
            1,
            "Obama",
            id="a-titled-man-is-not-the-woman-of-the-same-surname",
        ),
        pytest.param(
            "Sen. Dana Reyes criticized Gov. Robin Park on Monday. “The plan is wrong. It has "
            "always been wrong,” he said.",
            "said",
            1,
            "Dana Reyes",
            id="he-after-a-quote-of-two-sentences-looks-before-the-quote",
        ),
        pytest.param(
            "Sen. Dana Reyes spoke to reporters on Monday. Gov. Robin Park, he said, is a strong "
            "leader.",
            "said",
            1,
            "Dana Reyes",
            id="he-in-an-aside-is-not-the-person-it-interrupts",
        ),
        pytest.param(
            "While Gov. Robin Park had the votes, the bill worried Sen. Dana Reyes. “The plan is "
            "wrong,” he said.",
            "said",
            1,
            "Dana Reyes",
            id="a-subordinate-clause-subject-is-no-main-actor",
        ),
        pytest.param(
            "Judge Maria Lopez issued the order. Lopez said the law was clear.",
            "said",
            1,
            "Maria Lopez",
            id="surname-to-full-name",
        ),
        pytest.param(
            "Greenpeace lawyer Anna Berg filed the appeal on Friday. "
            "The permit ignores the law, the Greenpeace lawyer said.",
            "said",
            1,
            "Anna Berg",
            id="description-to-the-person-introduced-with-it",
        ),
        pytest.param(
            "On Monday, Democratic nominee Sarah Miller spoke first and Republican nominee Tom "
            "Hale spoke next. The Democratic nominee said the plan would fail.",
            "said",
            1,
            "Sarah Miller",
            id="description-with-its-capitalised-adjective",
        ),
        pytest.param(
            "Republican nominee Tom Hale spoke on Monday. The Democratic nominee said the plan "
            "would fail.",
            "said",
            1,
            "The Democratic nominee",
            id="description-not-of-a-person-with-another-adjective",
        ),
        pytest.param(
            "The International Monetary Fund (IMF) cut its forecast. "
            "Growth will slow next year, the IMF said.",
            "said",
            1,
            "International Monetary Fund (IMF)",
            id="acronym-to-full-name",
        ),
        pytest.param(
            "Prices rose 3 percent, according to a report from the state auditor.",
            "according",
            1,
            "a report from the state auditor",
            id="according-to-a-document",
        ),
        pytest.param(
            "The host often mocked the contestants, according to show insiders.",
            "according",
            1,
            "insiders",
            id="according-to-a-noun-read-as-a-verb",
        ),
        pytest.param(
            "Prices rose, according to a statement from the transport ministry. "
            "Fares will follow, according to the statement.",
            "according",
            2,
            "a statement from the transport ministry",
            id="the-statement-is-the-fuller-one-before",
        ),
        pytest.param(
            "Five people were hurt, said a spokesman for the fire department, who said the "
            "blaze was under control.",
            "said",
            2,
            "a spokesman for the fire department",
            id="who-said",
        ),
        pytest.param(
            "A spokesman for the company, Tom Hale, said profits fell.",
            "said",
            1,
            "Tom Hale",
            id="a-description-with-the-name-set-off-by-commas",
        ),
        pytest.param(
            "One of the lawyers, Sarah Miller, said the ruling was wrong.",
            "said",
            1,
            "Sarah Miller",
            id="one-of-them-with-the-name-set-off-by-commas",
        ),
        pytest.param(
            "Supporters of the plan, including Mayor Tom Hale, say it will create jobs.",
            "say",
            1,
            "Supporters of the plan",
            id="an-example-is-no-name-of-the-group",
        ),
        pytest.param(
            "The senator spoke after a meeting with officials who said the plan was final.",
            "said",
            1,
            "officials",
            id="who-after-a-noun-that-cannot-speak",
        ),
        pytest.param(
            "“One of the best judges in the state,” Rep. Carol Diaz said of her.",
            "said",
            1,
            "Carol Diaz",
            id="no-source-inside-the-quote",
        ),
        pytest.param(
            "The governor vetoed the bill on Tuesday, saying it would raise taxes.",
            "saying",
            1,
            "The governor",
            id="participle-takes-the-clause-subject",
        ),
        pytest.param(
            "The union, which represents 4,000 drivers, said the strike would go ahead.",
            "said",
            1,
            "The union",
            id="body-without-its-relative-clause",
        ),
    ],
)
def test_sources(nlp: Language, text: str, cue: str, occurrence: int, expected: str) -> None:
    speaker = _speaker_of(nlp, text, cue, occurrence)
    assert speaker is not None and speaker.name == expected


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        pytest.param(
            "Her pledges to cut taxes for workers notwithstanding, independent economists "
            "agree the plan helps the rich.",
            "agree",
            "independent economists",
            id="of-two-subjects-the-one-after-the-comma",
        ),
        pytest.param(
            "Sarah Cole, the head of the tenants' union, warned that rents would rise.",
            "warned",
            "Sarah Cole",
            id="an-apposition-is-no-second-subject",
        ),
        pytest.param(
            "The committee forced the company's chief executive to admit that the accounts "
            "were wrong.",
            "admit",
            "the company's chief executive",
            id="forced-to-admit-the-object-speaks",
        ),
        pytest.param(
            "Lawmakers pressured Mr. Tom Hale to concede that the program had failed.",
            "concede",
            "Tom Hale",
            id="pressured-to-concede-the-object-speaks",
        ),
        pytest.param(
            "The mayor asked the court to deny the request.",
            "deny",
            "The mayor",
            id="asked-to-deny-is-the-askers-request",
        ),
        pytest.param(
            "The union urged the governor to reject the bill.",
            "reject",
            "The union",
            id="urged-to-reject-is-the-urgers-request",
        ),
        pytest.param(
            "The campaign ad uses footage of Senator Ray Moss asking why taxes are so high.",
            "asking",
            "Ray Moss",
            id="footage-of-someone-saying",
        ),
        pytest.param(
            "Parents sent a letter to the board of directors urging them to reconsider.",
            "urging",
            "Parents",
            id="a-recipient-is-no-speaker",
        ),
    ],
)
def test_who_a_clause_is_said_of(nlp: Language, text: str, cue: str, expected: str) -> None:
    speaker = _speaker_of(nlp, text, cue)
    assert speaker is not None and speaker.name == expected


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        pytest.param(
            "Mayor Tom Hale gave a speech on Friday calling for calm.",
            "calling",
            "Tom Hale",
            id="gave-a-speech-calling-for",
        ),
        pytest.param(
            "The senator made a comment that described the bill as a disaster.",
            "described",
            "The senator",
            id="made-a-comment-that-described",
        ),
        pytest.param(
            "Gov. Ellen Park unleashed a series of tweets criticizing the ruling.",
            "criticizing",
            "Ellen Park",
            id="a-series-of-tweets-criticizing",
        ),
        pytest.param(
            "Gov. Ellen Park spoke at a news conference announcing the new rules.",
            "announcing",
            "Ellen Park",
            id="at-a-news-conference-announcing",
        ),
        pytest.param(
            "Ms. Ana Ruiz spoke first. Her remarks suggesting a delay angered the council.",
            "suggesting",
            "Ana Ruiz",
            id="her-remarks-suggesting",
        ),
        pytest.param(
            "Many voters believed the polls that showed the race was close.",
            "showed",
            "the polls",
            id="believed-polls-the-polls-speak",
        ),
        pytest.param(
            "The agency cited a study showing that prices rose.",
            "showing",
            "a study",
            id="cited-a-study-the-study-speaks",
        ),
    ],
)
def test_who_is_behind_a_remark_or_a_document(
    nlp: Language, text: str, cue: str, expected: str
) -> None:
    speaker = _speaker_of(nlp, text, cue)
    assert speaker is not None and speaker.name == expected


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        pytest.param(
            "The city council met on Monday. The election is set for November. It said the "
            "vote would be fair.",
            "said",
            "The city council",
            id="it-is-no-event",
        ),
        pytest.param(
            "Union leaders met the mayor. Taxpayers will pay for the deal. They said the "
            "contract was fair.",
            "said",
            "Union leaders",
            id="they-are-no-payers",
        ),
        pytest.param(
            "Lawyers for the families filed suit. Many cases have dragged on for years, they said.",
            "said",
            "Lawyers for the families",
            id="they-are-not-in-what-they-report",
        ),
        pytest.param(
            "The protesters marched to City Hall, where police officers blocked the doors. They "
            "said they wanted to see the mayor.",
            "said",
            "The protesters",
            id="they-prefers-a-main-clause-subject",
        ),
        pytest.param(
            "The ministry said it was opposed to the test and warned that talks would stop.",
            "warned",
            "The ministry",
            id="it-in-the-report-is-the-reporter",
        ),
    ],
)
def test_it_and_they(nlp: Language, text: str, cue: str, expected: str) -> None:
    speaker = _speaker_of(nlp, text, cue)
    assert speaker is not None and speaker.name == expected


def test_pronoun_speaker_points_at_the_pronoun_and_is_labelled_a_person(nlp: Language) -> None:
    text = "Ms. Ana Ruiz runs the clinic. She said it will stay open."
    speaker = _speaker_of(nlp, text, "said")
    assert speaker is not None
    assert text[speaker.start : speaker.end] == "She" and speaker.label == "PERSON"


def test_a_pronoun_without_antecedent_names_nobody(nlp: Language) -> None:
    assert _speaker_of(nlp, "He said the talks went well.", "said") is None


def test_we_and_i_are_the_quoted_speaker_not_a_source(nlp: Language) -> None:
    assert _speaker_of(nlp, "Mr. Paul Stone left. We said the talks went well.", "said") is None


def test_a_heading_label_is_no_subject(nlp: Language) -> None:
    ctx = _context(nlp("The Latest: Mayor Tom Becker urges calm."))
    urges = next(t for t in ctx.doc if t.text == "urges")
    subject = source_token(ctx, urges)
    assert subject is None or subject.text != "Latest"


def test_a_dash_the_parse_made_a_subject_is_no_subject(nlp: Language) -> None:
    """ "... made public ― Trump boasted": the small parser sometimes gives the verb two
    subjects, the dash and the name; the dash names nobody."""
    words = ["Results", "were", "public", "―", "Oduya", "boasted", "."]
    heads = [1, 1, 1, 5, 5, 1, 1]
    deps = ["nsubj", "ROOT", "acomp", "nsubj", "nsubj", "ccomp", "punct"]
    pos = ["NOUN", "AUX", "ADJ", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    subject = subject_of(_context(doc), doc[5])
    assert subject is not None and subject.text == "Oduya"
