"""The speakers view: quotes and figures per source, names joined across articles."""

from __future__ import annotations

from datetime import date

from mppclaims.ledger import build_ledger, speaker_sources
from mppclaims.records import ArticleRecord

from .builders import article, claim, entity, quote


def _names(records: list[ArticleRecord], **options: object) -> list[tuple[str, list[str]]]:
    return [(s.name, s.names) for s in speaker_sources(records, **options)]  # type: ignore[arg-type]


def test_an_acronym_joins_the_name_it_spells() -> None:
    records = [
        article("a", quotes=[quote("We are ready.", "DHS")]),
        article(
            "b",
            quotes=[quote("Crossings fell.", "Department of Homeland Security")],
            entities=[entity("Department of Homeland Security", "ORG")],
        ),
        article("c", quotes=[quote("No comment.", "the Department of Homeland Security")]),
    ]
    [(name, names)] = _names(records)
    assert name == "Department of Homeland Security"
    assert set(names) == {
        "DHS",
        "Department of Homeland Security",
        "the Department of Homeland Security",
    }


def test_a_surname_joins_the_one_full_name_and_titles_and_initials_are_ignored() -> None:
    records = [
        article(
            "a",
            quotes=[quote("We will win.", "Maria J. Lopez", speaker_label="PERSON")],
            entities=[entity("Maria J. Lopez", "PERSON")],
        ),
        article("b", quotes=[quote("Taxes will fall.", "Lopez")]),
        article("c", quotes=[quote("Not true.", "Sen. Maria Lopez")]),
    ]
    [source] = speaker_sources(records)
    assert source.name == "Maria J. Lopez"
    assert source.articles == 3 and len(source.quotes) == 3


def test_a_shared_surname_joins_only_a_clearly_dominant_person() -> None:
    def person(article_id: str, name: str, quotes: int) -> ArticleRecord:
        said = [
            quote(f"Remark {n}.", name, start=20 * n, speaker_label="PERSON") for n in range(quotes)
        ]
        return article(article_id, quotes=said, entities=[entity(name, "PERSON")])

    balanced = [person("a", "Ann Moss", 2), person("b", "Tom Moss", 2), person("c", "Moss", 1)]
    assert ["Moss"] in [names for _, names in _names(balanced, min_articles=1)]
    dominant = [person("a", "Ann Moss", 6), person("b", "Tom Moss", 1), person("c", "Moss", 1)]
    assert ("Ann Moss", ["Ann Moss", "Moss"]) in _names(dominant, min_articles=1)


def test_descriptions_are_joined_only_within_their_article() -> None:
    records = [
        article("a", quotes=[quote("It is late.", "the report"), quote("Yes.", "the report", 20)]),
        article("b", quotes=[quote("It is early.", "the report")]),
        article("c", quotes=[quote("Calm down.", "Police")]),
        article("d", quotes=[quote("Stay home.", "Police")]),
    ]
    assert speaker_sources(records) == []
    sources = speaker_sources(records, min_articles=1)
    assert sorted((s.name, len(s.quotes)) for s in sources) == [
        ("Police", 1),
        ("Police", 1),
        ("the report", 1),
        ("the report", 2),
    ]


def test_figures_come_with_their_article_and_time() -> None:
    records = [
        article(
            "a",
            date(2019, 4, 12),
            claims=[claim("93", 93, ["people"], attribution="Jeh Johnson")],
            entities=[entity("Jeh Johnson", "PERSON")],
        ),
        article("b", quotes=[quote("We are ready.", "Johnson", speaker_label="PERSON")]),
    ]
    [source] = speaker_sources(records)
    assert [c.article for c in source.claims] == ["a"]
    assert source.claims[0].when.start == date(2019, 4, 12)
    assert [q.article for q in source.quotes] == ["b"]


def test_about_keeps_the_matching_items_and_their_sources() -> None:
    records = [
        article(
            "a", quotes=[quote("Taxes will rise.", "Ann Moss"), quote("Hello.", "Ann Moss", 30)]
        ),
        article("b", quotes=[quote("The tax plan fails.", "Ann Moss")]),
        article("c", quotes=[quote("Rain is coming.", "Tom Reed")]),
        article("d", quotes=[quote("Sun, then rain.", "Tom Reed")]),
    ]
    [source] = speaker_sources(records, about="tax")
    assert source.name == "Ann Moss"
    assert [q.text for q in source.quotes] == ["Taxes will rise.", "The tax plan fails."]


def test_the_ledger_of_speakers_leaves_out_the_groups() -> None:
    records = [article("a", quotes=[quote("Yes.", "Ann Moss")]), article("b")]
    ledger = build_ledger(records, by="speakers", min_articles=1)
    assert ledger.view == "speakers" and ledger.groups is None
    assert ledger.sources is not None and ledger.sources[0].name == "Ann Moss"
