"""Grouping keys of numeric claims: sentences written from general news usage.

Each case names a figure of the sentence, words its key must hold and words it must not
(what is counted, what happens to it and where belong in it; the source, dates, the figure
itself and the verbs of speech do not).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

import mppclaims
from mppclaims.extractors.claim_keys import claim_key

Case = tuple[str, str, set[str], set[str]]

CASES: list[Case] = [
    (
        "Officials said 400 refugees were flown back to Greece last week.",
        "400",
        {"refugee", "fly", "Greece"},
        {"say", "official", "week", "400"},
    ),
    (
        "The agency deported 2,500 workers to Honduras and Guatemala in May.",
        "2,500",
        {"deport", "worker", "Honduras", "Guatemala"},
        {"May", "agency"},
    ),
    (
        "The city hired 120 new teachers, including 30 bilingual teachers.",
        "30",
        {"teacher", "bilingual"},
        {"hire", "include"},
    ),
    (
        "Unemployment was 4.2 percent in March, according to the Labor Department.",
        "4.2 percent",
        {"unemployment"},
        {"percent", "accord", "Labor Department", "March"},
    ),
    (
        "The victim, Carlos Mendes, a 34-year-old teacher, was taken to a hospital.",
        "34-year-old",
        {"Mendes", "teacher"},
        {"year", "old"},
    ),
    (
        "Governor Tom Hale won 54 percent of the vote.",
        "54 percent",
        {"Hale", "vote", "win"},
        {"Tom Hale", "hale", "Governor"},
    ),
    (
        "The company sold 3 million phones in 2019, the report said.",
        "3 million",
        {"phone", "sell"},
        {"2019", "report", "say", "million"},
    ),
    (
        "The storm killed 14 people and destroyed 300 homes in Florida.",
        "14",
        {"kill", "people"},
        {"destroy", "home"},
    ),
    (
        "As of Friday, 850 people had been screened and released to shelters in Texas.",
        "850",
        {"people", "screen", "release", "Texas"},
        {"Friday"},
    ),
    (
        "In the latest poll, Mayor Karen Bass leads Rick Caruso by 48 percent to 45 percent.",
        "48 percent",
        {"Bass", "lead"},
        {"Caruso"},
    ),
    (
        "In the latest poll, Mayor Karen Bass leads Rick Caruso by 48 percent to 45 percent.",
        "45 percent",
        {"Caruso", "lead"},
        {"Bass"},
    ),
    (
        "Ford sold 40,000 trucks in May, up from 35,000 in April.",
        "40,000",
        {"Ford", "sell", "truck"},
        {"May"},
    ),
]


@pytest.fixture(scope="module")
def keys(nlp: Language) -> dict[str, dict[str, list[str]]]:
    """Each case sentence -> its claims' keys by figure, through the whole pipeline."""
    found = {}
    for sentence, *_ in CASES:
        record = mppclaims.extract(sentence, nlp=nlp)
        found[sentence] = {claim.text: claim.key for claim in record.numeric_claims}
    return found


@pytest.mark.parametrize(("sentence", "figure", "present", "absent"), CASES)
def test_key_holds_what_is_counted_and_not_the_rest(
    keys: dict[str, dict[str, list[str]]],
    sentence: str,
    figure: str,
    present: set[str],
    absent: set[str],
) -> None:
    key = keys[sentence][figure]
    assert present <= set(key), key
    assert not absent & set(key), key


def test_keys_are_sorted_without_duplicates(keys: dict[str, dict[str, list[str]]]) -> None:
    for by_figure in keys.values():
        for key in by_figure.values():
            assert key == sorted(set(key))


def test_the_same_event_gives_the_same_key_in_other_words(nlp: Language) -> None:
    first = mppclaims.extract("About 1,200 migrants were sent back to Mexico.", nlp=nlp)
    text = "Officials said 3,000 migrants have been sent back to Mexico since March."
    second = mppclaims.extract(text, nlp=nlp)
    assert (
        first.numeric_claims[0].key
        == second.numeric_claims[0].key
        == [
            "Mexico",
            "migrant",
            "send",
        ]
    )


def test_names_are_canonical_through_the_entity_index(nlp: Language) -> None:
    text = (
        "The Federal Emergency Management Agency (FEMA) opened new offices on Monday. "
        "FEMA sent 900 trailers to Louisiana."
    )
    record = mppclaims.extract(text, nlp=nlp)
    assert record.numeric_claims[0].key == [
        "Federal Emergency Management Agency",
        "Louisiana",
        "send",
        "trailer",
    ]


def test_a_person_is_keyed_by_surname(nlp: Language) -> None:
    record = mppclaims.extract("Senator Maria Lopez won 61 percent of the vote.", nlp=nlp)
    assert "Lopez" in record.numeric_claims[0].key


def test_key_without_an_entity_index_reads_names_as_written(nlp: Language) -> None:
    doc = nlp("The agency deported 2,500 workers to Honduras.")
    figure = doc[3:4]
    assert claim_key(figure, figure[0]) == ["Honduras", "deport", "worker"]


def test_a_figure_with_nothing_around_it_has_an_empty_key(nlp: Language) -> None:
    record = mppclaims.extract("The final score was 12.", nlp=nlp)
    assert [claim.key for claim in record.numeric_claims] == [["final", "score"]]
    record = mppclaims.extract("It was 12.", nlp=nlp)
    assert [claim.key for claim in record.numeric_claims] == [[]]
