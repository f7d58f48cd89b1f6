"""Reading inputs: decoding, directories, stdin and JSON Lines, one article per input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from mppclaims.inputs import DecodeError, decode, iter_articles, read_jsonl


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("plain “quoted” text".encode(), "plain “quoted” text", "utf-8"),
        (b"\xef\xbb\xbfwith BOM", "with BOM", "utf-8-sig"),
        ("utf-16 “text”".encode("utf-16"), "utf-16 “text”", "utf-16"),
        (b"cp1252 \x93curly\x94 quotes", "cp1252 “curly” quotes", "cp1252"),
        (b"latin-1 \x81 byte", "latin-1 \x81 byte", "latin-1"),
        (b"", "", "utf-8"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00", b"ab\x00\x00\x00\x00cd" * 10])
def test_decode_rejects_binary(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)


def test_directory_is_recursive_sorted_and_txt_only(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "notes.md").write_text("skip me")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    texts = [a.text for a in iter_articles([str(tmp_path)])]
    assert texts == ["a", "b", "c"]


def test_missing_path_and_empty_directory_each_yield_one_failed_article(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    articles = list(iter_articles([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [a.error.type if a.error else None for a in articles] == [
        "FileNotFoundError",
        "NoInput",
    ]
    assert "nope.txt" in (articles[0].error.message if articles[0].error else "")


def test_stdin_is_read_as_bytes() -> None:
    [article] = iter_articles(["-"], stdin=io.BytesIO("from “stdin”".encode()))
    assert article.text == "from “stdin”"
    assert article.source.id == "<stdin>"


def test_published_default_applies_to_every_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    [article] = iter_articles([str(tmp_path)], published=date(2020, 1, 2))
    assert article.published == date(2020, 1, 2)


def test_jsonl_lines_become_articles_and_bad_lines_name_their_number() -> None:
    lines = [
        json.dumps({"id": "a", "text": "first", "published": "2019-04-12", "url": "http://x"}),
        "{not json",
        "",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": 5}),
        json.dumps({"id": "e", "text": "t", "published": "12/04/2019"}),
        json.dumps({"text": "no id", "title": "A title"}),
    ]
    articles = list(read_jsonl((line.encode() for line in lines), path="in.jsonl"))
    assert len(articles) == 6  # the blank line is no input
    first, bad_json, no_text, bad_text, bad_date, no_id = articles
    assert (first.text, first.source.id, first.published) == ("first", "a", date(2019, 4, 12))
    assert first.source.url == "http://x"
    assert bad_json.error and "in.jsonl:2" in bad_json.error.message
    assert no_text.error and "in.jsonl:4" in no_text.error.message
    assert bad_text.error and "'text' is not a string" in bad_text.error.message
    assert bad_date.error and "published" in bad_date.error.message
    assert no_id.source.id == "in.jsonl:7" and no_id.title == "A title"
