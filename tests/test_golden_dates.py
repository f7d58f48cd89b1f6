"""Golden dates of the bundled articles: `golden/dates.json`, checked by hand against the texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mppclaims.records import ArticleRecord

from .conftest import ARTICLES

GOLDEN: dict[str, Any] = json.loads(
    (Path(__file__).parent / "golden" / "dates.json").read_text(encoding="utf-8")
)["articles"]
NAMES = sorted(p.name for p in ARTICLES.glob("*.txt"))

Records = dict[str, tuple[str, ArticleRecord]]


def _locate(text: str, anchor: str, occurrence: int = 1) -> int:
    position = -1
    for _ in range(occurrence):
        position = text.index(anchor, position + 1)
    return position


def test_every_bundled_article_has_date_expectations() -> None:
    assert sorted(GOLDEN) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_dates_are_exactly_the_expected_ones(name: str, article_records: Records) -> None:
    text, record = article_records[name]
    expected = GOLDEN[name]
    assert str(record.metadata.published) == str(expected["published"])
    want = []
    for item in expected["dates"]:
        start = _locate(text, item["text"], item.get("occurrence", 1))
        want.append(
            (
                start,
                item["text"],
                item["type"],
                item["value"],
                item.get("mod"),
                item.get("anchor"),
            )
        )
    got = [(d.start, d.text, d.type, d.value, d.mod, d.anchor) for d in record.dates]
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_no_date_overlaps_what_is_not_one(name: str, article_records: Records) -> None:
    text, record = article_records[name]
    for passage in GOLDEN[name]["not_dates"]:
        start = text.index(passage)
        end = start + len(passage)
        assert not any(d.start < end and start < d.end for d in record.dates), passage
