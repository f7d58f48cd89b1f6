"""Golden quotes of the bundled real articles, checked by hand against the text.

`golden/quotes.json` lists per article quotes that must be found (kind, the first words of
the quoted or reported text, and a word of the speaker's name) and quoted terms that must
not come out as direct or partial quotes (scare quotes and names without a speaker).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mppclaims.records import ArticleRecord

from .conftest import ARTICLES

EXPECTED = json.loads((Path(__file__).parent / "golden" / "quotes.json").read_text())
NAMES = sorted(p.name for p in ARTICLES.glob("*.txt"))

Records = dict[str, tuple[str, ArticleRecord]]


def test_every_bundled_article_has_quote_expectations() -> None:
    assert sorted(EXPECTED) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_expected_quotes_are_found_with_their_speakers(name: str, article_records: Records) -> None:
    _, record = article_records[name]
    found = [(q.kind, q.text, q.speaker or "") for q in record.quotes]
    for kind, start, speaker in EXPECTED[name]["present"]:
        assert any(
            k == kind and text.startswith(start) and speaker in who for k, text, who in found
        ), (kind, start, speaker)


@pytest.mark.parametrize("name", NAMES)
def test_scare_quotes_are_not_quotes(name: str, article_records: Records) -> None:
    _, record = article_records[name]
    quoted = {q.text.rstrip(",.") for q in record.quotes if q.kind != "indirect"}
    for term in EXPECTED[name]["absent"]:
        assert term not in quoted


@pytest.mark.parametrize("name", NAMES)
def test_quotes_are_in_text_order_and_outside_boilerplate(
    name: str, article_records: Records
) -> None:
    text, record = article_records[name]
    starts = [q.start for q in record.quotes]
    assert starts == sorted(starts)
    for quote in record.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert not any(b.start < quote.end and quote.start < b.end for b in record.boilerplate)
