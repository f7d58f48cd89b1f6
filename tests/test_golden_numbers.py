"""Golden numeric claims over the bundled real articles (`golden/numbers.json`).

Every claim of each article is listed, so a new false positive fails as surely as a miss;
the "absent" passages must hold no claim at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mppclaims.records import ArticleRecord

from .conftest import ARTICLES

EXPECTED = json.loads((Path(__file__).parent / "golden" / "numbers.json").read_text())
NAMES = sorted(p.name for p in ARTICLES.glob("*.txt"))

Records = dict[str, tuple[str, ArticleRecord]]


def test_every_bundled_article_has_number_expectations() -> None:
    assert sorted(k for k in EXPECTED if not k.startswith("_")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_numeric_claims(name: str, article_records: Records) -> None:
    _, record = article_records[name]
    got = [[c.text, c.value, c.unit, c.kind, c.bound, c.approx] for c in record.numeric_claims]
    assert got == EXPECTED[name]["claims"]


@pytest.mark.parametrize("name", NAMES)
def test_no_claim_in_passages_that_are_no_quantity(name: str, article_records: Records) -> None:
    text, record = article_records[name]
    for passage in EXPECTED[name]["absent"]:
        start = text.index(passage)
        end = start + len(passage)
        hits = [c.text for c in record.numeric_claims if c.start < end and start < c.end]
        assert hits == [], passage
