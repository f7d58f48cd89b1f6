"""The table's date rows: vague references are dimmed so the calendar dates stand out."""

from __future__ import annotations

from mppclaims.records import ArticleRecord, DateMention, Source
from mppclaims.render.cells import section_table
from mppclaims.render.sections import Section


def _record() -> ArticleRecord:
    text = "The mayor spoke on Friday and is now in Rome."
    dates = [
        DateMention(text="on Friday", start=16, end=25, value="2022-03-11", anchor="published"),
        DateMention(text="now", start=33, end=36, value="PRESENT_REF"),
    ]
    return ArticleRecord(
        source=Source(id="t", chars=len(text), sha256="0" * 64, encoding="utf-8"), dates=dates
    )


def test_reference_values_are_dimmed_and_calendar_dates_are_not() -> None:
    friday, now = section_table(_record(), Section.dates).rows
    assert {c.tone for c in friday} == {"plain"}
    assert [c.text for c in friday][:3] == ["on Friday", "2022-03-11", "date"]
    assert {c.tone for c in now if c.text} == {"muted"}
    assert [c.text for c in now][:2] == ["now", "PRESENT_REF"]
