"""Entities and their canonical names."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.extractors.entities import (
    EntityIndex,
    Mention,
    mention_gender,
    normalise_name,
)
from mppclaims.records import Entity


def _entities(doc: Doc) -> list[Entity]:
    ctx = ArticleContext(doc)
    fill_context(ctx, until="entities")
    return ctx.entities


def _index(*mentions: tuple[str, str]) -> EntityIndex:
    found, offset = [], 0
    for name, label in mentions:
        found.append(Mention(offset, offset + len(name), label, normalise_name(name, label)))
        offset += len(name) + 10
    return EntityIndex(found)


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ([("Richard Seeborg", "PERSON"), ("Seeborg", "PERSON")], "Richard Seeborg"),
        ([("Judge Richard Seeborg", "PERSON"), ("Seeborg", "PERSON")], "Richard Seeborg"),
        (
            [("American Civil Liberties Union", "ORG"), ("ACLU", "ORG")],
            "American Civil Liberties Union",
        ),
        ([("the U.N.", "ORG"), ("United Nations", "ORG")], "United Nations"),
        (
            [("Department of Homeland Security", "ORG"), ("Homeland Security", "ORG")],
            "Department of Homeland Security",
        ),
        (
            [("Department of Justice", "ORG"), ("Justice Department", "ORG")],
            "Department of Justice",
        ),
        ([("New Mexico", "GPE"), ("Mexico", "GPE")], "Mexico"),
        (
            [("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")],
            "Hillary Clinton",
        ),
        ([("Wells Fargo’s", "ORG")], "Wells Fargo"),
        ([("Mayor Ana Ruiz", "PERSON"), ("Ruiz", "PERSON")], "Ana Ruiz"),
        ([("Larry King", "PERSON"), ("King", "PERSON")], "Larry King"),  # a title as surname
        ([("Gov. Jim Justice", "PERSON"), ("Justice", "PERSON")], "Jim Justice"),
    ],
)
def test_canonical_is_the_fullest_name_of_the_same_referent(
    mentions: list[tuple[str, str]], expected: str
) -> None:
    index = _index(*mentions)  # the last mention is the one resolved
    assert index.canonical(index.mentions[-1].start) == expected


def test_acronym_in_parentheses_links_to_the_name_before_it(nlp: Language) -> None:
    text = "Officers of U.S. Customs and Border Protection (CBP) stopped them. CBP said so."
    doc = nlp(text)
    entities = _entities(doc)
    cbp = [e for e in entities if e.text == "CBP"]
    assert cbp and all(e.canonical == "U.S. Customs and Border Protection" for e in cbp)


def test_entities_skip_boilerplate_and_numbers(nlp: Language) -> None:
    text = "Jane Roe of Acme Corp said 5 people came on Monday. Photo by John Doe/Getty"
    doc = nlp(text)
    labels = {e.label for e in _entities(doc)}
    assert labels <= {"PERSON", "ORG"} and "PERSON" in labels


def test_the_best_attested_spelling_wins_over_a_one_off_longer_span() -> None:
    index = _index(
        ("Hillary Clinton", "PERSON"),
        ("Hillary Clinton", "PERSON"),
        ("Bill Clinton", "PERSON"),
        ("Crooked Hillary Clinton", "PERSON"),
        ("Clinton", "PERSON"),
    )
    assert index.canonical(index.mentions[-1].start) == "Hillary Clinton"
    assert index.canonical(index.mentions[2].start) == "Bill Clinton"


def test_headline_spans_are_not_full_names_of_body_mentions() -> None:
    headline = Mention(0, 40, "ORG", "Washington Post Hit Piece Exploits Donors")
    body = Mention(60, 79, "ORG", "Washington Post")
    index = EntityIndex([headline, body], headline_end=41)
    assert index.canonical(60) == "Washington Post"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Officials of the Environmental Protection Agency (EPA) met.", True),
        ("WASHINGTON (AP) — Officials met.", False),
    ],
)
def test_parenthesised_acronym_must_spell_the_name(nlp: Language, text: str, linked: bool) -> None:
    doc = nlp(text)
    entities = _entities(doc)
    acronyms = [e for e in entities if e.text.isupper() and len(e.text) <= 3]
    assert acronyms
    assert all((e.canonical != e.text) == linked for e in acronyms)


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Mr. Haddad said", "Haddad", "male"),
        ("said Mrs. Okafor", "Okafor", "female"),
        ("Ms. Lena Ortiz", "Ms. Lena Ortiz", "female"),
        ("when Mary Beth Tinker", "Mary Beth Tinker", "female"),
        ("Sen. Robert Menendez", "Robert Menendez", "male"),
        ("President Haddad", "Haddad", None),
        ("Sen. Haddad", "Haddad", None),
        ("Haddad", "Haddad", None),
        ("by Quillon Varga", "Quillon Varga", None),  # a given name we do not know
    ],
)
def test_a_title_or_given_name_tells_a_mentions_gender(
    text: str, name: str, gender: str | None
) -> None:
    start = text.index(name)
    assert mention_gender(text, start, start + len(name)) == gender


def _gendered(*mentions: tuple[str, str | None]) -> EntityIndex:
    found, offset = [], 0
    for name, gender in mentions:
        found.append(Mention(offset, offset + len(name), "PERSON", name, gender))
        offset += len(name) + 10
    return EntityIndex(found)


def test_a_surname_does_not_take_the_full_name_of_someone_of_the_other_gender() -> None:
    index = _gendered(("Obama", None), ("Michelle Obama", "female"), ("Obama", "male"))
    first, _, titled = index.mentions
    assert index.canonical(titled.start) == "Obama"  # "Mr. Obama" is not Michelle Obama
    assert index.canonical(first.start) == "Obama"  # nor is "President Obama", as Mr. Obama


def test_untitled_surnames_stay_open_when_titled_ones_disagree() -> None:
    index = _gendered(
        ("Hillary Clinton", "female"),
        ("Bill Clinton", "male"),
        ("Clinton", "female"),
        ("Clinton", "male"),
        ("Clinton", None),
    )
    mrs, mr, bare = index.mentions[2:]
    assert index.canonical(mrs.start) == "Hillary Clinton"
    assert index.canonical(mr.start) == "Bill Clinton"
    assert index.canonical(bare.start) == "Bill Clinton"  # the nearest one before it


def test_an_entity_never_takes_in_the_line_break_after_it(nlp: Language) -> None:
    text = "Court Blocks Rule\n\nThe ruling went against Acme Holdings.\n\nIt was brief."
    doc = nlp(text)
    headline = Span(doc, 0, 4, label="ORG")  # "Court Blocks Rule\n\n", as the model may tag it
    doc.ents = [headline, *(e for e in doc.ents if e.start >= 4)]
    assert doc[3].is_space
    entities = _entities(doc)
    assert entities[0].text == "Court Blocks Rule" and entities[0].label == "ORG"
    assert all(e.text == e.text.strip() and e.text == text[e.start : e.end] for e in entities)
