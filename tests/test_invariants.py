"""Properties that hold for any text or bytes: no crash, exact offsets, schema round-trip."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from mppclaims import api
from mppclaims.api import extract, extract_many
from mppclaims.inputs import decode, iter_articles
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
    assert (record.error.type if record.error else None) == (None if text.strip() else "EmptyInput")
    assert offset_errors(record, text) == []
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record


# -- hostile input: anything at all, 500 examples each --------------------------------------

HOSTILE = st.sampled_from(
    [
        "\x00",
        "\r",
        "\r\n",
        "\u00a0",
        "\u200b",
        "\u202e",
        "\ufeff",
        "👍🏽",
        "שלום",
        "<script>var x = 'Barack Obama 42%';</script>",
        "</p>",
        '<p class="a">',
        "<!-- c -->",
        "<!DOCTYPE html>",
        "&rdquo;",
        "“" * 30,
        "=!(" * 30,
        "\ud800",
    ]
)
ANY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=300),  # surrogates too
    st.lists(st.one_of(NEWSY, HOSTILE, st.text(max_size=12)), max_size=60).map("".join),
)


def _outside_boilerplate(record: ArticleRecord) -> bool:
    extracted = [*record.entities, *record.dates, *record.numeric_claims, *record.quotes]
    return not any(
        b.start < item.end and item.start < b.end for item in extracted for b in record.boilerplate
    )


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ANY_TEXT, piece=st.sampled_from([api.CHUNK_CHARS, 40, 7]))
def test_any_unicode_text_keeps_every_invariant(nlp: Language, text: str, piece: int) -> None:
    """Arbitrary text, parsed whole or in pieces of `piece` characters: never an exception,
    one valid record, exact offsets; text that is not Unicode (lone surrogates) fails alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "CHUNK_CHARS", piece)
        record = extract(text, nlp=nlp)
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record
    if any("\ud800" <= char <= "\udfff" for char in text):
        assert record.error is not None and record.error.type == "InvalidText"
        assert record.items() == []
        return
    assert (record.error.type if record.error else None) == (None if text.strip() else "EmptyInput")
    assert record.source.chars == len(text)
    assert offset_errors(record, text) == []
    assert _outside_boilerplate(record)


def _encoded(parts: tuple[bytes, str, str]) -> bytes:
    bom, text, encoding = parts
    return bom + text.encode(encoding, errors="ignore")


def _sprinkled(parts: tuple[bytes, list[int]]) -> bytes:
    data, positions = bytearray(parts[0]), parts[1]
    for position in positions:
        data.insert(position % (len(data) + 1), 0)
    return bytes(data)


ANY_BYTES = st.one_of(
    st.binary(max_size=400),
    st.tuples(
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
        ANY_TEXT,
        st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252", "latin-1"]),
    ).map(_encoded),
    st.tuples(
        ANY_TEXT.map(lambda t: t.encode("utf-8", "ignore")), st.lists(st.integers(0, 999))
    ).map(_sprinkled),
)
READABLE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"}


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=ANY_BYTES)
def test_any_bytes_through_the_file_reader(nlp: Language, tmp_path: Path, data: bytes) -> None:
    """Arbitrary bytes in a file: one record; either a decode/empty error naming the file, or
    text that is exactly what the bytes say in the encoding reported, with exact offsets."""
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    [record] = extract_many(iter_articles([str(path)]), nlp=nlp)
    assert ArticleRecord.model_validate_json(record.model_dump_json()) == record
    assert record.source.sha256 == hashlib.sha256(data).hexdigest()
    if record.error is not None:
        assert record.error.type in {"DecodeError", "EmptyInput"}
        assert str(path) in record.error.message
        assert record.items() == []
        return
    text, encoding = decode(data)
    assert record.source.encoding == encoding
    assert encoding in READABLE or codecs.lookup(encoding).name == encoding  # a detected one
    assert data.decode(encoding) == text and text.strip()
    if encoding in {"utf-8", "utf-16-le", "utf-16-be", "cp1252", "latin-1"}:
        assert text.encode(encoding) == data  # nothing dropped or replaced
    assert record.source.chars == len(text)
    assert offset_errors(record, text) == []
    assert _outside_boilerplate(record)
