"""Golden ledger over the bundled real articles (`golden/ledger.json`).

The three articles that count asylum seekers returned to Mexico give one group: the 93
(001), the 1,323 (000) and the 59,000 (004), with their sources and times; vote counts,
page counts and panel sizes join no group.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any

from typer.testing import CliRunner

from mppclaims.cli import app
from mppclaims.ledger import build_ledger
from mppclaims.records import ArticleRecord, Ledger

from .conftest import ARTICLES

EXPECTED = json.loads((Path(__file__).parent / "golden" / "ledger.json").read_text())

Records = dict[str, tuple[str, ArticleRecord]]


def _shown(ledger: Ledger) -> list[dict[str, Any]]:
    """The ledger's groups in the golden file's form."""
    return [
        {
            "kind": group.kind,
            "unit": group.unit,
            "terms": group.terms,
            "articles": group.articles,
            "claims": [
                {
                    "article": PurePath(claim.article).name,
                    "text": claim.text,
                    "value": claim.value,
                    "qualifier": {"approx": claim.approx, "bound": claim.bound},
                    "attribution": claim.attribution,
                    "time_ref": claim.time_ref,
                    "when": claim.when.model_dump(mode="json", exclude={"text"}),
                }
                for claim in group.claims
            ],
            "conflicts": [conflict.model_dump() for conflict in group.conflicts],
        }
        for group in ledger.groups or []
    ]


def test_the_returned_to_mexico_group(article_records: Records) -> None:
    records = [article_records[name][1] for name in sorted(article_records)]
    ledger = build_ledger(records)
    assert ledger.articles == 5
    assert _shown(ledger) == EXPECTED["groups"]


def test_votes_pages_and_panels_join_no_group(article_records: Records) -> None:
    ledger = build_ledger([record for _, record in article_records.values()], min_articles=1)
    for group in ledger.groups or []:
        if len(group.claims) > 1:
            assert all(c.kind != "vote" and c.unit not in ("page", "judge") for c in group.claims)
            assert "judge" not in group.terms


def test_the_command_extracts_articles_and_gives_the_same_ledger() -> None:
    result = CliRunner().invoke(app, ["ledger", str(ARTICLES), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert _shown(Ledger.model_validate_json(result.stdout)) == EXPECTED["groups"]
