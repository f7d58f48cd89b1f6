"""Names resolved as a reader would: the story's actor for a shared surname or a distant
pronoun, one person per name, a headline's topic no speaker. The passages are written for
these tests from common news usage."""

from __future__ import annotations

from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.records import Quote


def _quotes(nlp: Language, text: str) -> list[Quote]:
    ctx = ArticleContext(nlp(text))
    fill_context(ctx)
    return ctx.quotes


def test_a_shared_surname_is_the_storys_actor(nlp: Language) -> None:
    text = (
        "Council race decided\n\n"
        "Maria Delgado won the council race on Tuesday. Maria Delgado thanked volunteers at "
        "a rally. Her husband, Luis Delgado, stood beside her.\n\n"
        "“We knocked on every door,” Delgado said."
    )
    (quote,) = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Maria Delgado"


def test_a_title_still_picks_the_namesake(nlp: Language) -> None:
    text = (
        "Council race decided\n\n"
        "Maria Delgado won the council race on Tuesday. Maria Delgado thanked volunteers. "
        "Her husband, Luis Delgado, stood beside her.\n\n"
        "“She earned it,” Mr. Delgado said."
    )
    (quote,) = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Luis Delgado"


def test_a_distant_pronoun_is_the_storys_actor(nlp: Language) -> None:
    text = (
        "State budget signed\n\n"
        "Governor Ellen Marsh signed the budget on Friday. Marsh called it a fair deal. Marsh "
        "also praised the legislature.\n\n"
        "Lawmakers from both parties attended, among them Senator Laura Reyes.\n\n"
        "The budget adds money for schools and roads.\n\n"
        "The state will hire 200 teachers.\n\n"
        "“This is a good day for every family,” she said."
    )
    (quote,) = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Ellen Marsh"


def test_a_headline_topic_is_no_speaker(nlp: Language) -> None:
    text = "Harbor Poll: Voters see little hope for the budget talks\n\nThe talks resume on Monday."
    assert all(q.speaker is None or "Poll" not in q.speaker for q in _quotes(nlp, text))


def test_a_name_suffix_after_a_comma_ends_the_name_before_it(nlp: Language) -> None:
    text = "Speech remembered\n\n“It was a great day,” Martin Luther King, Jr. said in 1963."
    (quote,) = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Martin Luther King"
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == "Martin Luther King, Jr."
