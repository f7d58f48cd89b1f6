"""Properties that hold for any text: no crash, exact offsets, schema round-trip."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from mppclaims.api import extract
from mppclaims.records import ArticleRecord, offset_errors

NEWSY = st.sampled_from(
    [
        "said",
        "“",
        "”",
        '"',
        "’",
        "'",
        "$3.5 billion",
        "71 percent",
        "on Friday",
        "Sept. 9",
        "\n\n",
        "Judy Rabinovitz",
        "according to",
        "the ACLU",
        ",",
        ".",
        "Approximately59,000",
        "2-1",
        " ",
        "By Jane Doe",
        "date 2019-04-12",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=60).map(" ".join),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
def test_any_text_gives_a_valid_record_with_exact_offsets(nlp: Language, text: str) -> None:
    record = extract(text, nlp=nlp)
    assert record.error is None
    assert offset_errors(record, text) == []
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record
