"""Golden tests over the bundled real articles: what each record must contain.

`golden/expected.json` lists, per article, facts checked by hand against the text. Each
extractor's issue adds its own expectations; this file checks the ones that exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mppclaims.records import ArticleRecord, offset_errors

from .conftest import ARTICLES

EXPECTED = json.loads((Path(__file__).parent / "golden" / "expected.json").read_text())
NAMES = sorted(p.name for p in ARTICLES.glob("*.txt"))

Records = dict[str, tuple[str, ArticleRecord]]


def test_every_bundled_article_has_expectations() -> None:
    assert sorted(EXPECTED) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_record_is_valid_and_offsets_hold(name: str, article_records: Records) -> None:
    text, record = article_records[name]
    assert record.error is None
    assert offset_errors(record, text) == []
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record
    assert record.source.chars == len(text)


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str, article_records: Records) -> None:
    _, record = article_records[name]
    expected = EXPECTED[name]["metadata"]
    got = record.metadata.model_dump(mode="json")
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize("name", NAMES)
def test_boilerplate_covers_the_expected_passages(name: str, article_records: Records) -> None:
    text, record = article_records[name]
    for passage in EXPECTED[name]["boilerplate"]:
        start = text.index(passage)
        end = start + len(passage)
        assert any(b.start <= start and end <= b.end for b in record.boilerplate), passage
    for passage in EXPECTED[name].get("not_boilerplate", []):
        start = text.index(passage)
        assert not any(b.start <= start < b.end for b in record.boilerplate), passage


@pytest.mark.parametrize("name", NAMES)
def test_canonical_names(name: str, article_records: Records) -> None:
    _, record = article_records[name]
    canonical = {e.text: e.canonical for e in record.entities}
    for mention, full in EXPECTED[name]["canonical"].items():
        assert canonical.get(mention) == full, mention
