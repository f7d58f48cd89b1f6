"""Hostile dates (issue 13, point 8): a date beyond the calendar is an item without a value,
never an exception that turns the whole record into a failed one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import mppclaims
from mppclaims.cli import app
from mppclaims.records import ArticleRecord, offset_errors

STORY = (
    "The council will vote tomorrow on the plan, which 40 members back. "
    'It was drafted 99999999999 days ago, the mayor said. "We start next week," she said.'
)


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_the_cli_keeps_the_record_when_a_date_overflows(tmp_path: Path, published: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", "--format", "jsonl", "--published", published, str(path)]
    )
    assert result.exit_code == 0, result.output
    record = ArticleRecord.model_validate_json(result.stdout.strip())
    assert record.error is None
    assert offset_errors(record, STORY) == []
    values = {d.text: d.value for d in record.dates}
    assert values["99999999999 days ago"] is None
    assert None in values.values()
    assert record.numeric_claims and record.quotes  # nothing else is lost


@pytest.mark.parametrize(
    "text",
    [
        "The fund opened 99999 years ago and will close 5000000 months later.",
        "Records go back 30 centuries ago to 99999999999 weeks from now.",
        "The monument, built 2021 years ago, draws 300 visitors a day.",
    ],
)
def test_the_api_gives_null_values_not_errors(nlp: Language, text: str) -> None:
    record = mppclaims.extract(text, published=date(2020, 1, 1), nlp=nlp)
    assert record.error is None
    assert record.dates
    calendar = [d.value for d in record.dates if d.type in ("date", "time") and d.value]
    calendar = [v for v in calendar if not v.endswith("_REF")]
    assert all(not v.startswith("-") and len(v.split("-")[0]) <= 4 for v in calendar)
